"""A contact's working life: e-mail bounced, left the company, moved to a new employer, lost contacts."""
from __future__ import annotations

import datetime as dt

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import Conflict, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.nodes import new_id, public
from graphcrm.model.schema import Body, Day, EmailAddress, Line, RecordId
from graphcrm.model.words import no_such
from graphcrm.records import paging
from graphcrm.store.db import Database, Tx


class LeaveBody(Body):
    """`{"date"}`: when the person left (default today)."""

    date: Day = None


class MoveBody(Body):
    """`{"account", "title", "department", "since", "email"}`: the new job."""

    account: RecordId
    title: Line = None
    department: Line = None
    since: Day = None
    email: EmailAddress = None


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _lock(tx: Tx, person_id: str) -> dict:
    row = tx.one("contacts/lock_person", id=person_id)
    if row is None:
        raise NotFound(_("No person with id %(id)s", id=person_id))
    return row["person"]


def _changes(before: dict, after: dict, by: str | None) -> list[dict]:
    return [{"id": new_id(), "field": f, "old": None if before.get(f) is None else str(before.get(f)),
             "new": None if after[f] is None else str(after[f]), "by": by}
            for f in after if before.get(f) != after[f]]


def _save(tx: Tx, person_id: str, before: dict, props: dict, by: str | None, extra: list[dict] = ()) -> dict:
    changes = [*_changes(before, props, by), *extra]
    if changes:
        tx.run("records/record_changes", {"label": Label.PERSON}, id=person_id, changes=changes, by=by)
    return public(tx.one("contacts/set_status", id=person_id, props=props)["person"])


def _edited(db: Database, access: Access, person_id: str, work, *args) -> dict:
    """Run a lifecycle change the viewer may make (else Forbidden) and return the person as they may see it."""
    record_access.check_edit(db, access, person_id)
    return record_access.shown(db, access, db.write_tx(work, person_id, *args))


def mark_bounced(db: Database, person_id: str, *, by: str | None = None, access: Access) -> dict:
    """The e-mail bounced: the contact becomes inactive (reason email_bounced) until we find them again."""
    return _edited(db, access, person_id, _bounce, by)


def _bounce(tx: Tx, person_id: str, by: str | None) -> dict:
    before = _lock(tx, person_id)
    now = dt.datetime.now(dt.UTC)
    props = {"status": "inactive", "inactive_reason": "email_bounced", "email_bounced_at": now,
             "inactive_since": before.get("inactive_since") if before.get("status") == "inactive" else now.date()}
    return _save(tx, person_id, before, props, by)


def mark_left(db: Database, person_id: str, body: dict | None = None, *, by: str | None = None,
              access: Access) -> dict:
    """The person left their company: the primary job becomes WORKED_AT and they become inactive."""
    record_access.require_writer(access)
    left_on = LeaveBody.check({} if body is None else body).date or _today()
    return _edited(db, access, person_id, _leave, left_on, by)


def _leave(tx: Tx, person_id: str, left_on: dt.date, by: str | None) -> dict:
    before = _lock(tx, person_id)
    ended = tx.run("contacts/end_employment", id=person_id, account=None, until=left_on)
    props = {"status": "inactive", "inactive_reason": "left_company", "inactive_since": left_on}
    extra = [{"id": new_id(), "field": "primary_account", "old": r["name"], "new": None, "by": by} for r in ended]
    return _save(tx, person_id, before, props, by, extra)


def move(db: Database, person_id: str, body: dict, *, by: str | None = None, access: Access) -> dict:
    """Job change in one transaction: old EMPLOYS -> WORKED_AT, EMPLOYS at the new account, active again.

    Activities, campaign memberships and contact roles stay with the person.
    """
    record_access.require_writer(access)
    checked = MoveBody.check(body)
    return _edited(db, access, person_id, _move, checked.given(), checked.since or _today(), by)


def _move(tx: Tx, person_id: str, body: dict, since: dt.date, by: str | None) -> dict:
    before = _lock(tx, person_id)
    current = tx.one("records/get", {"label": Label.ACCOUNT}, id=body["account"])
    if current is None:
        raise NotFound(_("No account with id %(id)s", id=body["account"]), {"account": _("no such account")})
    if tx.one("contacts/employed_at", id=person_id, account=body["account"]):
        raise Conflict(_("The person works at that account already."), {"account": _("is the current employer")})
    tx.run("contacts/end_employment", id=person_id, account=None, until=since)
    title = body.get("title") or None
    tx.run("contacts/start_employment", id=person_id, account=body["account"], title=title,
           department=body.get("department"), since=since)
    props = {"status": "active", "inactive_reason": None, "inactive_since": None, "email_bounced_at": None}
    if title:
        props["title"] = title
    if body.get("department"):
        props["department"] = body["department"]
    if body.get("email"):
        props["email"] = body["email"].strip().lower()
    elif before.get("email_bounced_at") or before.get("inactive_reason") == "email_bounced":
        # The old address bounced; keeping it would only bounce again. History keeps it.
        props["email"] = None
    extra = [{"id": new_id(), "field": "primary_account", "old": before.get("primary_account"),
              "new": current["node"]["name"], "by": by}]
    return _save(tx, person_id, before, props, by, extra)


def history(db: Database, label: Label, record_id: str, *, limit: int = 50, cursor: str | None = None,
            access: Access) -> dict:
    """Field history of a person or account, newest first, paged; a person the viewer may not see is a 404."""
    after_at, after_id = paging.decode(access, cursor, str, str) or (None, None)
    keeper = None
    if label is Label.PERSON:
        keeper = record_access.check_person(db, access, record_id)
    if db.read_one("records/get", {"label": label}, id=record_id) is None:
        raise NotFound(no_such(label, record_id))
    rows = db.read("contacts/history", {"label": label}, id=record_id, after_at=after_at, after_id=after_id,
                   limit=limit + 1)
    items = [r["change"] for r in rows[:limit]]
    if label is Label.PERSON:
        items = record_access.redact_changes(access, keeper, items)
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = paging.encode(access, paging.instant(last["at"]), last["id"])
    return {"items": items, "next": next_cursor}


def lost_contacts(db: Database, *, owner: str | None = None, limit: int = 100, offset: int = 0,
                  access: Access) -> dict:
    """Inactive contacts the viewer may see, longest lost first (no sensitive fields)."""
    rows = db.read("contacts/lost", owner=owner, skip=offset, limit=limit + 1, **record_access.visibility(access))
    return {"items": [r["person"] for r in rows[:limit]], "truncated": len(rows) > limit}
