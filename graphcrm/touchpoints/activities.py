"""Touchpoints: log activities (meeting, call, email, event, note) and read them back per person.

Each Person keeps derived fields, recomputed from its activities whenever one is logged with it:
`last_touch_at` (newest activity of a TOUCH_KINDS kind) and `last_<kind>_at` for every kind.
They are what makes the stale report and `kpi.overdue_ratio` index lookups instead of scans of
all activities (see cypher/schema/010_touchpoints.cypher). Anything else that writes activities
(imports, the demo loader) must call `refresh_touch_fields` for the people it touched.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field as PydanticField
from pydantic import ValidationInfo, field_validator

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.access.redaction import anonymous_label
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import ACTIVITY_KINDS, Field, Label
from graphcrm.model.nodes import CUSTOM_PREFIX, display_name, new_id
from graphcrm.model.schema import Body, RecordId, typed
from graphcrm.records import paging
from graphcrm.store.db import Database, Tx

# A note records something about a person, not contact with them, so it is not a touchpoint.
TOUCH_KINDS = ("meeting", "call", "email", "event")
FIELDS = {
    "kind": Field("enum", required=True, choices=ACTIVITY_KINDS),
    "at": Field("datetime"),
    "subject": Field(max_len=200),
    "notes": Field("text", max_len=5000),
    "duration": Field("int", minimum=0, maximum=24 * 60),  # minutes
}
MAX_PEOPLE = 100
_Kind = typed(FIELDS["kind"], required=True)
_At, _Subject, _Notes, _Duration = (typed(FIELDS[k]) for k in ("at", "subject", "notes", "duration"))
FUTURE_SLACK = dt.timedelta(days=1)
PEOPLE_CAP = 20  # participants listed per activity; `people_total` tells the rest


def utcnow() -> dt.datetime:
    """Return the current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class ActivityBody(Body):
    """`{"kind", "at", "subject", "notes", "duration", "people", "account", "opportunity"}`: one touchpoint."""

    kind: _Kind
    at: _At = None
    subject: _Subject = None
    notes: _Notes = None
    duration: _Duration = None
    people: Annotated[list[RecordId], PydanticField(min_length=1, max_length=MAX_PEOPLE)]
    account: RecordId | None = None
    opportunity: RecordId | None = None

    @field_validator("at")
    @classmethod
    def _not_ahead(cls, value, info: ValidationInfo):
        now = (info.context or {}).get("now") or utcnow()
        if value is not None and value > now + FUTURE_SLACK:
            raise ValueError(_("must not be more than a day in the future"))
        return value


def check_activity(data: Any, now: dt.datetime | None = None) -> dict:
    """Validate a new activity; return props and references or raise Invalid naming every bad field."""
    now = now or utcnow()
    checked = ActivityBody.check(data, context={"now": now})
    at = checked.at or now
    props = {"kind": checked.kind, "at": at, "subject": checked.subject, "notes": checked.notes,
             "duration": checked.duration}
    return {"props": {k: v for k, v in props.items() if v is not None},
            "people": list(dict.fromkeys(checked.people)), "account": checked.account,
            "opportunity": checked.opportunity}


def log_activity(db: Database, data: Any, *, by: str, now: dt.datetime | None = None,
                 access: Access) -> dict:
    """Validate and store one activity logged by user `by`; return it. Bad input writes nothing.

    Any writer may log, with people they may see; the others count as unknown ids.
    """
    record_access.require_writer(access)
    checked = check_activity(data, now)
    if not access.is_system:
        owners = record_access.owners_of(db, checked["people"])
        hidden = [i for i, owner in owners.items() if not access.sees_person(owner)]
        if hidden:
            raise Invalid(_("Some fields are not valid: %(fields)s", fields="people"),
                          {"people": _("unknown person ids: %(ids)s", ids=", ".join(hidden))})
    activity_id = new_id()
    db.write_tx(_log, activity_id, checked, by)
    return describe(db, [activity_id], access)[0]


def _log(tx: Tx, activity_id: str, checked: dict, by: str) -> None:
    # References are checked inside the writing transaction, so nothing is written when one is missing.
    refs = tx.one("activities/check_refs", people=checked["people"], account=checked["account"],
                  opportunity=checked["opportunity"])
    errors = {}
    if refs["missing_people"]:
        errors["people"] = _("unknown person ids: %(ids)s", ids=", ".join(refs["missing_people"]))
    if not refs["account_found"]:
        errors["account"] = _("no account with id %(id)s", id=checked["account"])
    if not refs["opportunity_found"]:
        errors["opportunity"] = _("no opportunity with id %(id)s", id=checked["opportunity"])
    elif not refs["opportunity_at_account"]:
        errors["opportunity"] = _("is not a deal of account %(id)s", id=checked["account"])
    if errors:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    row = tx.one("activities/create", id=activity_id, props=checked["props"], by=by,
                 people=checked["people"], account=checked["account"], opportunity=checked["opportunity"])
    if row is None:
        raise NotFound(_("No user with id %(id)s", id=by), {"by": _("no such user")})
    tx.run("activities/refresh_touch_fields", ids=checked["people"], touch_kinds=list(TOUCH_KINDS))


def describe(db: Database | Tx, ids: list[str], access: Access) -> list[dict]:
    """Return activities by id, in that order, with logged_by, people (capped) and about.

    A participant the viewer may not see is "someone at <account>", without an id.
    """
    rows = db.run("activities/describe", ids=ids, people_cap=PEOPLE_CAP)
    activities = [_private(r["activity"], access) for r in rows]
    for activity in activities:
        activity["people"] = [_participant(p, access) for p in activity["people"]]
    return activities


def _private(activity: dict, access: Access) -> dict:
    """A private note (Salesforce's IsPrivate) shows what it is, and its words only to its author and admins."""
    author = (activity.get("logged_by") or {}).get("id")
    if not activity.get("private") or access.is_admin or (author is not None and author == access.user_id):
        return activity
    return {k: value for k, value in activity.items() if k not in ("subject", "notes", "custom_text")
            and not k.startswith(CUSTOM_PREFIX)} | {"subject": _("Private note"), "notes": None}


def _participant(person: dict, access: Access) -> dict:
    owner, account = person.pop("owner", None), person.pop("account", None)
    if access.sees_person(owner):
        return person
    return {"id": None, "name": anonymous_label(account), "hidden": True}


def person_activities(db: Database, person_id: str, *, limit: int = 50, cursor: str | None = None,
                      access: Access) -> dict:
    """Return one page `{"items", "next"}` of a person's activities, newest first (404 for a hidden person)."""
    record_access.check_person(db, access, person_id)
    after_at, after_id = paging.decode(access, cursor, str, str) or (None, None)
    return db.read_tx(_person_activities, person_id, limit, after_at, after_id, access)


def _person_activities(tx: Tx, person_id: str, limit: int, after_at: str | None, after_id: str | None,
                       access: Access) -> dict:
    if tx.one("records/get", {"label": Label.PERSON}, id=person_id) is None:
        raise NotFound(_("No person with id %(id)s", id=person_id))
    rows = tx.run("activities/for_person", id=person_id, limit=limit + 1, after_at=after_at, after_id=after_id)
    page = rows[:limit]
    next_cursor = paging.encode(access, paging.instant(page[-1]["at"]), page[-1]["id"]) if len(rows) > limit else None
    return {"items": describe(tx, [r["id"] for r in page], access), "next": next_cursor}


def refresh_touch_fields(db: Database, person_ids: list[str] | None = None, batch: int = 2000) -> int:
    """Recompute last-touch fields for these people (all people when None); return how many."""
    if person_ids is not None:
        done = 0
        for start in range(0, len(person_ids), batch):
            chunk = person_ids[start:start + batch]
            done += db.write_one("activities/refresh_touch_fields", ids=chunk,
                                 touch_kinds=list(TOUCH_KINDS))["updated"]
        return done
    done, after = 0, None
    while True:
        ids = [r["id"] for r in db.read("activities/person_ids_page", after=after, limit=batch)]
        if not ids:
            return done
        done += refresh_touch_fields(db, ids, batch)
        after = ids[-1]


def touch_summary(db: Database, person_id: str, now: dt.datetime | None = None) -> dict | None:
    """Return the last touch overall and per kind for a person, and the count over the last 365 days."""
    now = now or utcnow()
    row = db.read_one("activities/touch_summary", id=person_id, touch_kinds=list(TOUCH_KINDS),
                      since=now - dt.timedelta(days=365))
    if row is None:
        return None
    last = {kind: row[kind] for kind in ACTIVITY_KINDS}
    touch = row["touch"]
    days = None if touch is None else (now - touch.to_native()).days
    return {"last_touch": touch, "days_since": days, "last": last, "last_year": row["last_year"]}


def person_strength(db: Database, person_id: str, user_id: str, cap: int = 50,
                    now: dt.datetime | None = None, *, access: Access) -> dict:
    """Return the relationship strength (graphcrm/strength.py) of the user and of each colleague with a person."""
    record_access.check_person(db, access, person_id)
    return db.read_tx(_person_strength, person_id, user_id, cap, now or utcnow())


def _person_strength(tx: Tx, person_id: str, user_id: str, cap: int, now: dt.datetime) -> dict:
    from graphcrm.touchpoints import strength

    row = tx.one("activities/strength_users", id=person_id, user=user_id, cap=cap)
    if row is None:
        raise NotFound(_("No person with id %(id)s", id=person_id))
    users = {u["eid"]: u for u in row["users"]}
    if row["me"]:
        users.setdefault(row["me"]["eid"], row["me"])
    found = strength.summaries(tx, list(users), [row["person"]], now)

    def entry(eid: str) -> dict:
        touches = found.get((eid, row["person"])) or strength.Touches()
        you = users[eid]["id"] == user_id
        return {"user": {"id": users[eid]["id"], "name": users[eid]["name"]},
                "strength": round(strength.strength(touches), 4), "touchpoints": touches.total,
                "counts": touches.counts, "last": touches.last, "owns": touches.owns,
                "explanation": strength.describe(touches, users[eid]["name"], you=you)}

    ranked = sorted((entry(eid) for eid in users), key=lambda e: (-e["strength"], e["user"]["name"] or ""))
    mine = next((e for e in ranked if e["user"]["id"] == user_id), None)
    return {"person": person_id, "strength": mine["strength"] if mine else 0.0, "you": mine,
            "users": ranked, "truncated": len(row["users"]) >= cap}


def log_context(db: Database, person_id: str, *, access: Access) -> dict:
    """Return the person (as the viewer may see them), employers and open deals for the quick-log form."""
    row = db.read_one("activities/log_context", id=person_id, cap=20)
    if row is None:
        raise NotFound(_("No person with id %(id)s", id=person_id))
    person = row["person"] = record_access.shown(db, access, row["person"])
    return {**row, "name": display_name(person, "—")}
