"""Contacts for the pages: everything the person page shows, and creating a person with its links."""
from __future__ import annotations

import datetime as dt

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.contacts.salutation import letter_salutation
from graphcrm.errors import Forbidden, Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.model.nodes import public
from graphcrm.records import crud as records
from graphcrm.records import relationships, search
from graphcrm.store.db import Database, Tx

# Every list on a page is capped; sections say how many more there are.
CAP = 200


def section(db: Database | Tx, name: str, names: dict | None = None, **params) -> dict:
    """Run a capped list query (returning `items` and `total`) as `{"items", "total", "more"}`."""
    return capped(db.one(name, names, **params) or {"items": [], "total": 0})


def person_detail(db: Database, person_id: str, cap: int = CAP, *, access: Access) -> dict:
    """Return a person with owner, accounts, deals, campaigns and ties as the viewer may see them.

    Raises NotFound for a missing person and for one the viewer may not see; `can_edit` says
    whether the viewer may change the person. One statement: the page's busiest read is one round trip.
    """
    row = db.read_one("people/detail", id=person_id, cap=cap, **record_access.visibility(access))
    owner_id = (row["owner"] or {}).get("id") if row else None
    if row is None or (not access.sees_person(owner_id)):
        raise NotFound(_("No person with id %(id)s", id=person_id))
    sections = {name: capped(row[name]) for name in
                ("employers", "board", "former", "opportunities", "campaigns", "managers", "reports", "knows")}
    return {
        "person": record_access.person(access, public(row["person"]),
                                       record_access.keeper(owner_id, (row["owner"] or {}).get("claimed", False))),
        "can_edit": access.may_edit(owner_id),
        "owner": row["owner"],
        "primary_account": row["primary_account"],
        **sections,
    }


def capped(found: dict) -> dict:
    """A capped list (`items` and `total`) as `{"items", "total", "more"}`."""
    items = found["items"]
    return {"items": items, "total": found["total"], "more": max(0, found["total"] - len(items))}


def _day(value) -> dt.date | None:
    """A neo4j or Python date (or date-time) as a Python date, for sorting."""
    value = value.to_native() if hasattr(value, "to_native") else value
    return value.date() if isinstance(value, dt.datetime) else value


def career(detail: dict, today: dt.date | None = None) -> dict:
    """Return the person's working life as `{"current", "former"}` timeline entries.

    Current: jobs (primary first) and board seats that have not ended, newest first. Former:
    WORKED_AT and ended board seats, the most recently ended first.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    current, former = [], []
    for row in detail["employers"]["items"]:
        current.append({"kind": "job", **row})
    for row in detail["board"]["items"]:
        until = _day(row["rel"].get("until"))
        (former if until and until <= today else current).append({"kind": "board", **row})
    for row in detail["former"]["items"]:
        former.append({"kind": "worked_at", **row})
    oldest = dt.date.min
    current.sort(key=lambda e: (not e["rel"].get("primary"), e["kind"] != "job",
                                -(_day(e["rel"].get("since")) or oldest).toordinal()))
    former.sort(key=lambda e: (-(_day(e["rel"].get("until")) or oldest).toordinal(),
                               -(_day(e["rel"].get("since")) or oldest).toordinal()))
    return {"current": current, "former": former}


OWNER_CHOICES_FRESH_S = 30  # every person, account and campaign page shows them; counts may lag


def owner_choices(db: Database, cap: int = 500) -> list[dict]:
    """Return the active users a record can be given to, by name, with how many records each owns."""
    return [r["user"] for r in db.read_recent("people/owner_choices", OWNER_CHOICES_FRESH_S, cap=cap)]


def team_owner_choices(db: Database, *, access: Access) -> list[dict]:
    """The owners a manager may move records between: their team (admins: everyone)."""
    return [u for u in owner_choices(db) if access.manages(u["id"])]


def employment(db: Database, person_id: str, account_id: str) -> dict | None:
    """Return `{"primary": bool}` when the account employs the person now, else None."""
    return db.read_one("people/employment", id=person_id, account=account_id)


def people_named(db: Database, name: str, limit: int = 5, *, access: Access) -> list[dict]:
    """Return the people the viewer may see whose full name is `name` (ignoring case; ' · account' is dropped)."""
    key = " ".join((name or "").split(" · ", 1)[0].split()).lower()
    if not key:
        return []
    try:
        hits = search.search(db, key, limit=50, access=access)["items"]
    except Invalid:
        return []
    return [h for h in hits if h["kind"] == "person" and " ".join(h.get("label", "").split()).lower() == key][:limit]


def placeholders_to_merge(db: Database, limit: int = 100, *, access: Access) -> dict:
    """Return placeholders at accounts whose real people (those the viewer may see) we now know."""
    rows = db.read("people/placeholders_to_merge", limit=limit + 1, **record_access.visibility(access))
    return {"items": rows[:limit], "truncated": len(rows) > limit}


def owned_people(db: Database, user_id: str, cap: int = 25) -> dict:
    """Return the people a user owns, most recently changed first, capped."""
    return section(db, "people/owned", user=user_id, cap=cap)


def campaign_detail(db: Database, campaign_id: str, cap: int = CAP, *, access: Access) -> dict:
    """Return a campaign and the members the viewer may see, with their status; raise NotFound."""
    return db.read_tx(_campaign_detail, campaign_id, cap, access)


def _campaign_detail(tx: Tx, campaign_id: str, cap: int, access: Access) -> dict:
    row = tx.one("records/get", {"label": Label.CAMPAIGN}, id=campaign_id)
    if row is None:
        raise NotFound(_("No campaign with id %(id)s", id=campaign_id))
    return {"campaign": public(row["node"]),
            "members": section(tx, "people/campaign_members", id=campaign_id, cap=cap,
                               **record_access.visibility(access))}


def create_person(db: Database, data: dict, *, owner_id: str, address: str = "sie",
                  account_id: str | None = None, by: str | None = None, access: Access) -> dict:
    """Create a person owned by `owner_id`, employed by `account_id` as primary account; return it.

    One transaction: a bad account or owner leaves nothing behind. Placing the person on the map
    (from their address, else their account's) follows, as derived data.
    """
    record_access.require_writer(access)
    if owner_id != access.user_id and not access.manages(owner_id):
        raise Forbidden(_("You may give new people only to yourself or to your team."))
    props = records.prepare(Label.PERSON, data)
    node = db.write_tx(_create_person, props, owner_id, address, account_id, by)
    from graphcrm.places import geocode_record
    from graphcrm.places.address import ADDRESS_FIELDS

    if account_id and not set(ADDRESS_FIELDS) & set(props):
        geocode_record(db, Label.PERSON, node["id"])  # placed where their account is
    return public(records.placed(db, Label.PERSON, node, props))


def _create_person(tx: Tx, props: dict, owner_id: str, address: str, account_id: str | None,
                   by: str | None) -> dict:
    node = records.create_in(tx, Label.PERSON, props)
    if account_id:
        job = {k: props[k] for k in ("title", "department") if props.get(k)}
        relationships.link_in(tx, {"type": RelType.EMPLOYS.value, "from": account_id, "to": node["id"],
                                   "properties": {"primary": True, **job}}, by=by)
    relationships.link_in(tx, {"type": RelType.OWNS.value, "from": owner_id, "to": node["id"],
                               "properties": {"address": address}}, by=by)
    return node


def salutation(db: Database, person_id: str, *, access: Access) -> dict:
    """The letter salutation the person's owner would write, with the owner's du or Sie."""
    person = records.get(db, Label.PERSON, person_id, access=access)
    owner = db.read_one("contacts/owner_of", id=person_id)
    address = owner["address"] if owner else None
    return {"salutation": letter_salutation(person, address), "address": address,
            "owner": owner["owner"] if owner else None}
