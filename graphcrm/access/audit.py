"""The audit log (every write and every sign-in: who, what, when, from where) and sign-in throttling."""
from __future__ import annotations

import logging
from collections.abc import Mapping

from graphcrm.access.checks import require_admin
from graphcrm.access.policy import Access
from graphcrm.errors import CrmError, Invalid
from graphcrm.i18n import _
from graphcrm.model.nodes import new_id
from graphcrm.model.validation import int_arg, parse_datetime
from graphcrm.store.db import Database

log = logging.getLogger(__name__)
WINDOW_MINUTES = 15
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 30
# What an entry records: a write, a sign-in, a failed one, and the session events.
ACTIONS = ("write", "sign_in", "sign_in_failed", "sign_out", "sign_out_everywhere", "claim")


class TooManyAttempts(CrmError):
    """Too many failed sign-ins; wait and try again."""

    status, code = 429, "too_many_requests"


def record(db: Database, *, action: str, user: dict | None, method: str, path: str, status: int,
           ip: str | None, via: str) -> None:
    """Write one audit entry; a failure to audit is logged, never shown to the user."""
    try:
        db.write("audit/record", id=new_id(), user_id=(user or {}).get("id"), user_email=(user or {}).get("email"),
                 action=action, method=method, path=path[:500], status=status, ip=ip, via=via)
    except CrmError:
        log.exception("could not write the audit entry for %s %s", method, path)


def note(db: Database, action: str, user_id: str | None, detail: str) -> None:
    """Write an audit entry for an event inside a capability (a claim, a sign-out everywhere)."""
    if action not in ACTIONS:
        raise ValueError(f"not an audit action: {action}")
    try:
        db.write("audit/record", id=new_id(), user_id=user_id, user_email=None, action=action, method=None,
                 path=detail[:500], status=None, ip=None, via="app")
    except CrmError:
        log.exception("could not write the audit entry for %s", action)


def entries(db: Database, args: Mapping[str, str], *, access: Access) -> dict:
    """Newest audit entries first, for admins; `next` is the timestamp to pass as `before`.

    Each filter of `args` is checked against its domain first (Invalid names it): a limit of 1-500,
    a date-time, an action of ACTIONS, a user id or e-mail of sensible length.
    """
    require_admin(access, _("see the audit log"))
    limit = int_arg(args, "limit", 100, 1, 500)
    before, user, action = (args.get(name) or None for name in ("before", "user", "action"))
    errors = {}
    if before:
        try:
            before = parse_datetime(before)
        except ValueError as exc:
            errors["before"] = str(exc)
    if action and action not in ACTIONS:
        errors["action"] = _("must be one of: %(expected)s", expected=", ".join(ACTIONS))
    if user and len(user) > 320:
        errors["user"] = _("must be a user id or e-mail")
    if errors:
        raise Invalid(_("Some filters are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    rows = db.read("audit/list", limit=limit + 1, before=before or None, user=user or None, action=action or None)
    items = [r["entry"] for r in rows[:limit]]
    return {"items": items, "next": items[-1]["at"].iso_format() if len(rows) > limit else None}


def _keys(email: str, ip: str | None) -> dict[str, int]:
    return {f"email:{(email or '').strip().lower()}": MAX_FAILURES_PER_EMAIL,
            f"ip:{ip or 'unknown'}": MAX_FAILURES_PER_ADDRESS}


def check_throttle(db: Database, email: str, ip: str | None) -> None:
    """Refuse a sign-in attempt while its e-mail or address has failed too often (same answer for every e-mail)."""
    limits = _keys(email, ip)
    for row in db.read("audit/throttle_check", keys=list(limits), window_minutes=WINDOW_MINUTES):
        if row["failures"] >= limits[row["key"]]:
            raise TooManyAttempts(_("Too many failed sign-ins; wait %(minutes)s minutes and try again.",
                                    minutes=WINDOW_MINUTES))


def note_failure(db: Database, email: str, ip: str | None) -> None:
    """Count a failed sign-in against its e-mail and its address."""
    for key in _keys(email, ip):
        db.write("audit/throttle_hit", key=key, window_minutes=WINDOW_MINUTES)


def clear_failures(db: Database, email: str) -> None:
    """A successful sign-in forgives the e-mail's earlier failures."""
    db.write("audit/throttle_clear", key=next(iter(_keys(email, None))))
