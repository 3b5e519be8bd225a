"""The stale-contacts report: who had no touchpoint (of a kind) for more than N days, most neglected first.

It reads the last-touch fields that graphcrm/activities.py keeps on each Person, through range
indexes, so it never scans activities: on 100k people and 1M activities see bench/bench_reports.py.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import BadRequest, Invalid
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.records import paging
from graphcrm.records.crud import list_records
from graphcrm.store.db import Database, Tx
from graphcrm.store.values import exact_datetime
from graphcrm.touchpoints.activities import TOUCH_KINDS, utcnow

MAX_DAYS = 36_500
EARLIEST = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
CSV_CAP = 200_000  # rows in one export; the last line says when it was cut
CSV_COLUMNS = ("person", "name", "email", "phone", "team", "owner", "account", "last_touch", "days_since")


class LastTouch(str, enum.Enum):
    """The Person property holding the last touch overall or of one kind (a Cypher slot whitelist)."""

    ANY = "last_touch_at"
    MEETING = "last_meeting_at"
    CALL = "last_call_at"
    EMAIL = "last_email_at"
    EVENT = "last_event_at"


def last_touch_field(kind: str | None) -> LastTouch:
    """Map a kind filter (None for any touchpoint) to its property, refusing unknown kinds."""
    if not kind:
        return LastTouch.ANY
    if kind not in TOUCH_KINDS:
        raise Invalid(_("unknown kind %(kind)r", kind=kind),
                      {"kind": _("must be one of %(expected)s", expected=", ".join(TOUCH_KINDS))})
    return LastTouch[kind.upper()]


def stale_contacts(db: Database, *, days: int = 90, kind: str | None = None, owner: str | None = None,
                   account: str | None = None, team: str | None = None, limit: int = 50,
                   cursor: str | None = None, now: dt.datetime | None = None, access: Access) -> dict:
    """Return `{"items", "next", "as_of", "cutoff"}`: stale contacts, never touched first, then oldest.

    With `access` the report covers the viewer's scope (record_access.report_scope): a manager's team,
    a rep's own contacts, everyone's for admins and viewers, and only people the viewer may see.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        raise Invalid(_("days must be between 0 and %(max)s", max=MAX_DAYS),
                      {"days": _("must be between %(lo)s and %(hi)s", lo=0, hi=MAX_DAYS)})
    field = last_touch_field(kind)
    owners = record_access.report_scope(access, owner or None)
    # Nulls sort first; "" marks them in the cursor.
    after_last, after_id = paging.decode(access, cursor, str, str) or ("", None)
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=days)
    query = {"since": field, "cutoff": cutoff, "team": team or None, "owners": owners,
             "account": account or None, "after_last": after_last, "after_id": after_id,
             "seen": record_access.report_visibility(access)}
    rows = db.read_tx(_stale, query, limit + 1, now)
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = paging.encode(access, "" if last["last_touch"] is None else paging.instant(last["last_touch"]),
                                    last["person"])
    return {"items": items, "next": next_cursor, "as_of": now, "cutoff": cutoff}


def _stale(tx: Tx, q: dict, limit: int, now: dt.datetime) -> list[dict]:
    slots = {"since": q["since"]}
    after_last = _datetime(q["after_last"]) if q["after_last"] else None
    common = {"cutoff": q["cutoff"], "team": q["team"], "limit": limit, **q["seen"]}
    if q["owners"] is not None or q["account"] or q["team"]:
        # A scope narrows to a few thousand people at most: start from it, not from every person.
        ids = tx.run("reports/stale_scoped", slots, **common, owners=q["owners"], account=q["account"],
                     after_last=after_last, after_id=q["after_id"])
    else:
        ids = []
        if after_last is None:
            ids = tx.run("reports/stale_never", slots, **common, after_id=q["after_id"] or "")
        if len(ids) < limit:
            ids += tx.run("reports/stale_touched", slots, **{**common, "limit": limit - len(ids)},
                          after_last=after_last or EARLIEST, after_id=q["after_id"] if after_last else "")
    return tx.run("reports/stale_rows", rows=ids, now=now) if ids else []


def _datetime(text: str):
    """A cursor's timestamp back as the exact value it was (nanoseconds included).

    The zone becomes a plain offset: Cypher never finds "...Z[UTC]" equal to the stored "...Z".
    """
    try:
        return exact_datetime(text)
    except ValueError:
        raise BadRequest(_("cursor is not one this API gave out"), {"cursor": _("is not valid")}) from None


def stale_rows(db: Database, cap: int = CSV_CAP, **filters) -> Iterator[dict]:
    """Yield every stale contact matching the filters, page by page, at most `cap`."""
    cursor, sent, now = None, 0, utcnow()
    while sent < cap:
        page = stale_contacts(db, **filters, limit=min(1000, cap - sent), cursor=cursor, now=now)
        yield from page["items"]
        sent += len(page["items"])
        cursor = page["next"]
        if cursor is None:
            return
    yield {"_note": _("cut at %(cap)s rows; narrow the filters", cap=cap)}


def csv_rows(db: Database, cap: int = CSV_CAP, **filters) -> Iterator[dict]:
    """The stale report's rows for a CSV file: CSV_COLUMNS each, and a last note when it was cut."""
    for row in stale_rows(db, cap, **filters):
        if "_note" in row:
            yield row
            continue
        yield {"person": row["person"], "name": row["name"], "email": row.get("email"), "phone": row.get("phone"),
               "team": row.get("team"), "owner": (row.get("owner") or {}).get("name"),
               "account": (row.get("account") or {}).get("name"), "last_touch": row["last_touch"],
               "days_since": row["days_since"]}


def owner_choices(db: Database, *, access: Access) -> list[dict]:
    """The users whose contacts the viewer may filter the report by: all for admins and viewers, else their team."""
    users = list_records(db, Label.USER, limit=500, access=access)["items"]
    return [u for u in users if access.is_admin or access.role == "viewer" or access.manages(u["id"])]
