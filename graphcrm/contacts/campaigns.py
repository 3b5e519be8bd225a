"""Campaign membership: add people by id or by a filtered list, track status and response, export."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field as PydanticField

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.contacts.salutation import letter_salutation
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import MEMBER_STATUSES, REL_SPECS, Field, Label, RelType
from graphcrm.model.schema import Body, Line, RecordId, clean, typed
from graphcrm.records import paging, picklists
from graphcrm.records.crud import get, list_records
from graphcrm.store.db import Database

MAX_ADD = 10_000
FILTERS = ("q", "account", "owner", "status")  # what a member filter may say
MemberStatus = typed(Field("enum", choices=MEMBER_STATUSES, picklist="member_status"))


class MemberFilter(Body):
    """A people-list filter: who to add."""

    q: Line = None
    account: RecordId | None = None
    owner: RecordId | None = None
    status: Line = None


class AddMembersBody(Body):
    """`{"people": [ids]}` or `{"filter": {...}}`, and the members' `status` (default planned)."""

    people: Annotated[list[RecordId], PydanticField(min_length=1, max_length=MAX_ADD)] | None = None
    filter: MemberFilter | None = None
    status: MemberStatus = None


def add_members(db: Database, campaign_id: str, body: dict, *, access: Access) -> dict:
    """Add people (`people`: ids, or `filter`: a people-list filter) to a campaign; return how many are members.

    Any writer may; people the viewer may not see count as unknown and a filter never finds them.
    """
    record_access.require_writer(access)
    checked = AddMembersBody.check(body)
    picklists.check_value(db, "member_status", checked.status, "status")
    get(db, Label.CAMPAIGN, campaign_id, access=access)
    ids = _people(db, checked, access)
    members = db.write_one("campaigns/add_members", campaign=campaign_id, people=ids,
                           status=checked.status or "planned")["members"]
    return {"added": members}


def _people(db: Database, body: AddMembersBody, access: Access) -> list[str]:
    if body.people is not None:
        ids = list(body.people)
        found = {r["id"] for r in db.read("campaigns/existing_people", ids=ids)}
        if not access.is_system:
            owners = record_access.owners_of(db, list(found))
            found = {i for i in found if access.sees_person(owners.get(i))}
        missing = [i for i in ids if i not in found]
        if missing:
            raise Invalid(_("No person with id %(id)s", id=", ".join(missing[:5])),
                          {"people": _("unknown ids: %(ids)s", ids=missing[:5])})
        return list(dict.fromkeys(ids))
    spec = body.filter.given() if body.filter is not None else {}
    if not any(spec.values()):
        raise Invalid(_("Send people (ids) or filter (q, account, owner, status)"),
                      {"filter": _("must be an object with q, account, owner or status")})
    page = list_records(db, Label.PERSON, limit=MAX_ADD, access=access, **{k: v for k, v in spec.items() if v})
    if page["next"]:
        raise Invalid(_("The filter matches more than %(max)s people; narrow it", max=MAX_ADD),
                      {"filter": _("matches too many")})
    return [p["id"] for p in page["items"]]


def update_member(db: Database, campaign_id: str, person_id: str, body: dict, *,
                  access: Access) -> dict:
    """Change a member's status or response (any writer, for a person they may see)."""
    record_access.require_writer(access)
    record_access.check_person(db, access, person_id)
    props = clean(REL_SPECS[RelType.MEMBER_OF].fields, body, partial=True)
    picklists.check_value(db, "member_status", props.get("status"), "status")
    if props.get("status") == "responded":
        props["responded"] = True
    row = db.write_one("campaigns/update_member", campaign=campaign_id, person=person_id, props=props)
    if row is None:
        raise NotFound(_("Person %(person)s is not a member of campaign %(campaign)s", person=person_id,
                         campaign=campaign_id))
    return row["member"]


def remove_member(db: Database, campaign_id: str, person_id: str, *, access: Access) -> None:
    """Take a person off a campaign (any writer, for a person they may see)."""
    record_access.require_writer(access)
    record_access.check_person(db, access, person_id)
    if not db.write_one("campaigns/remove_member", campaign=campaign_id, person=person_id)["removed"]:
        raise NotFound(_("Person %(person)s is not a member of campaign %(campaign)s", person=person_id,
                         campaign=campaign_id))


def members(db: Database, campaign_id: str, *, limit: int = 100, cursor: str | None = None,
            access: Access) -> dict:
    """One page of the members the viewer may see, with letter salutation and sender, in name order."""
    get(db, Label.CAMPAIGN, campaign_id, access=access)
    after_key, after_id = paging.decode(access, cursor, str, str) or (None, None)
    rows = db.read("campaigns/members", campaign=campaign_id, after_key=after_key, after_id=after_id,
                   limit=limit + 1, **record_access.visibility(access))
    items = [r["member"] for r in rows[:limit]]
    for item in items:
        item["letter_salutation"] = letter_salutation(item, item.get("address"))
    next_cursor = paging.encode(access, items[-1]["sort_key"], items[-1]["id"]) if len(rows) > limit else None
    for item in items:
        item.pop("sort_key", None)
    return {"items": items, "next": next_cursor}


EXPORT_COLUMNS = ("letter_salutation", "salutation", "first_name", "last_name", "email", "account", "language",
                  "member_status", "responded", "sender", "sender_email")


def all_members(db: Database, campaign_id: str, *, access: Access):
    """Yield every member the viewer may see, page by page, for the CSV export."""
    cursor = None
    while True:
        page = members(db, campaign_id, limit=1000, cursor=cursor, access=access)
        yield from page["items"]
        cursor = page["next"]
        if not cursor:
            return
