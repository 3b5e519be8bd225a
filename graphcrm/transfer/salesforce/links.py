"""Mapping of the Salesforce objects that become relationships, activities and field history."""
from __future__ import annotations

import re

from graphcrm.model import DEFAULT_CONTACT_ROLES, MEMBER_STATUSES, PARTNER_ROLES, Label
from graphcrm.model.nodes import CUSTOM_PREFIX
from graphcrm.transfer.salesforce import values as v
from graphcrm.transfer.salesforce.sfids import object_of
from graphcrm.transfer.salesforce.spec import Context, Converted, ObjectSpec, keep_unmapped, ref, required

# Account-contact roles that mean a board seat (design.md): English, German and French spellings.
BOARD_RE = re.compile(r"board|verwaltungsrat|aufsichtsrat|stiftungsrat|beirat|\bchair|^director$|"
                      r"non-executive director|conseil d'administration|administrat(eur|rice)|^vr\b|"
                      r"vr-pr[äa]sident", re.IGNORECASE)
BOARD_ROLE_ORDER = (("vice", "vice_chair"), ("chair", "chair"), ("präsident", "chair"),
                    ("president", "chair"), ("vorsitz", "chair"), ("deleg", "delegate"),
                    ("secret", "secretary"), ("sekret", "secretary"))
PARTNER_WORDS = (("consult", "consultant"), ("distribut", "distributor"), ("supplier", "supplier"),
                 ("integrat", "integrator"), ("developer", "integrator"), ("resell", "reseller"),
                 ("var", "reseller"), ("dealer", "reseller"), ("broker", "reseller"), ("vendor", "vendor"))
MAX_MINUTES = 24 * 60  # the activity model's longest duration (graphcrm/activities.py)
# ContactHistory field names to the model's property names; others keep Salesforce's name.
HISTORY_FIELDS = {"firstname": "first_name", "lastname": "last_name", "email": "email", "phone": "phone",
                  "mobilephone": "mobile", "title": "title", "department": "department",
                  "account": "primary_account", "owner": "owner", "salutation": "salutation",
                  "mailingcity": "city", "birthdate": "birthdate"}


def _base(row: dict) -> Converted:
    if v.boolean(row, "isdeleted"):
        return Converted({}, skip="deleted in Salesforce (IsDeleted)")
    return Converted({"sf_id": v.sf_id(row, "id")})


def contact_role(row: dict, ctx: Context) -> Converted:
    """OpportunityContactRole -> CONTACT_ROLE; the org's own roles are brought along."""
    c = _base(row)
    if c.skip:
        return c
    role = v.text(row, "role", 80)
    if role is None:
        c.warnings.append("Role: empty; stored as Other")
        role = "Other"
    elif role not in DEFAULT_CONTACT_ROLES:
        ctx.contact_roles.setdefault(role, ctx.where)
    c.params.update(contact=ref(c, row, "contactid", "Contact", need=True),
                    opportunity=ref(c, row, "opportunityid", "Opportunity", need=True),
                    props={"role": role, "primary": bool(v.boolean(row, "isprimary"))})
    return c


def board_role(roles: list[str]) -> str:
    """Return the model's board role (chair, vice_chair, ...) for a relation's board roles."""
    text = " ".join(roles).lower()
    for word, role in BOARD_ROLE_ORDER:
        if word in text:
            return role
    return "member"


def account_contact(row: dict, ctx: Context) -> Converted:
    """AccountContactRelation -> EMPLOYS (direct: the primary one), BOARD_MEMBER or WORKED_AT."""
    c = _base(row)
    if c.skip:
        return c
    roles = v.roles(row, "roles")
    board = [r for r in roles if BOARD_RE.search(r)]
    others = [r for r in roles if r not in board]
    direct = bool(v.boolean(row, "isdirect"))
    since, until = v.date(row, "startdate"), v.date(row, "enddate")
    active = v.boolean(row, "isactive")
    ended = active is False or (until is not None and until < ctx.today)
    if ended and until is None:
        # An ended relation whose end nobody wrote down: Salesforce's last change of it is the best we
        # know; without one the end stays unknown (a former job all the same).
        stamp = v.datetime(row, "lastmodifieddate") or v.datetime(row, "createddate")
        if stamp is None:
            c.warnings.append("EndDate: empty for an inactive relation; kept as a former job with an unknown end")
        else:
            until = stamp.date()
    for role in roles:
        ctx.met("relation_role", role)
    employs = worked = board_props = None
    if board:
        board_props = {"role": board_role(board), "since": since, "until": until}
    if direct:
        # Primary unless the contact's AccountId names another account (see account_contacts.cypher).
        employs = {"roles": others, "since": since}
    elif others or not board:
        if ended:
            worked = {"since": since, "until": until}
        else:
            employs = {"primary": False, "roles": others, "since": since, "until": until}
    c.params.update(contact=ref(c, row, "contactid", "Contact", need=True),
                    account=ref(c, row, "accountid", "Account", need=True),
                    direct=direct, employs=employs, board=board_props, worked=worked)
    return c


def partner(row: dict, ctx: Context) -> Converted:
    """AccountPartner or Partner -> PARTNER_OF (partners of an opportunity are skipped)."""
    c = _base(row)
    if c.skip:
        return c
    if not row.get("accountfromid") and row.get("opportunityid"):
        c.skip = "a partner of an opportunity, not of an account"
        return c
    low = (row.get("role") or "").lower()
    role = next((r for word, r in PARTNER_WORDS if word in low), "other" if low else None)
    assert role is None or role in PARTNER_ROLES
    c.params.update(source=ref(c, row, "accountfromid", "Account", need=True),
                    target=ref(c, row, "accounttoid", "Account", need=True), props={"role": role})
    return c


def campaign_member(row: dict, ctx: Context) -> Converted:
    """CampaignMember -> MEMBER_OF (lead members are skipped)."""
    c = _base(row)
    if c.skip:
        return c
    if not row.get("contactid"):
        if row.get("leadid"):
            c.skip = "a lead, not a contact (LeadId)"
            return c
        required(row, "contactid", "a campaign member needs a contact")
    # The org's status as it is ("Attended"); ours when it names one of ours. HasResponded says whether
    # the person responded, else what CampaignMemberStatus says of the status.
    raw = row.get("status") or ""
    status = raw.lower() if raw.lower() in MEMBER_STATUSES else raw
    responded = v.boolean(row, "hasresponded") if row.get("hasresponded") else None
    if responded is None:
        responded = ctx.responded.get(raw, status == "responded")
    ctx.met("member_status", status)
    c.params.update(contact=ref(c, row, "contactid", "Contact"),
                    campaign=ref(c, row, "campaignid", "Campaign", need=True),
                    props={"status": status or None, "responded": bool(responded)})
    return c


def _kind(row: dict, default: str) -> str:
    for column in ("tasksubtype", "eventsubtype", "type"):
        value = (row.get(column) or "").lower()
        if "call" in value:
            return "call"
        if "email" in value or "e-mail" in value:
            return "email"
        if "meeting" in value:
            return "meeting"
    return default


def _activity(row: dict, default_kind: str, moments: tuple[str, ...], ctx: Context,
              columns: tuple[str, ...]) -> Converted:
    c = _base(row)
    if c.skip:
        return c
    who = v.sf_id(row, "whoid")
    if who and object_of(who) == "Lead":
        c.skip = "about a lead (WhoId 00Q...), not a contact"
        return c
    at = None
    for column in moments:
        at = v.datetime(row, column) if column.endswith("datetime") or column == "createddate" \
            else _midnight(v.date(row, column))
        if at is not None:
            break
    if at is None:
        raise v.RowError(f"{moments[0]}: missing (an activity needs a date)")
    duration = v.number(row, "durationinminutes", whole=True, lo=0, hi=1_000_000)
    if duration is None and row.get("calldurationinseconds"):
        duration = round(v.number(row, "calldurationinseconds", lo=0, hi=60_000_000) / 60)
    long_duration = None
    if duration is not None and duration > MAX_MINUTES:
        c.warnings.append(f"duration of {duration} minutes is longer than a day; kept among the Salesforce fields")
        long_duration, duration = duration, None
    props = {"kind": _kind(row, default_kind), "at": wire_time(at), "duration": duration,
             "subject": _cut(v.text(row, "subject", 131_072), 200, "Subject", c.warnings),
             "notes": _cut(v.text(row, "description", 131_072), 5000, "Description", c.warnings)}
    keep_unmapped(props, row, columns, ctx)
    for column, prop in (("subject", "subject"), ("description", "notes")):
        if row.get(column) and props[prop] != row[column]:  # shortened for the page: the whole text stays
            props[CUSTOM_PREFIX + ctx.headers.get(column, column)] = row[column]
    if long_duration is not None:
        props[CUSTOM_PREFIX + "DurationInMinutes"] = long_duration
    what = v.sf_id(row, "whatid")
    what_obj = object_of(what) if what else None
    if what and what_obj not in ("Account", "Opportunity"):
        c.warnings.append(f"WhatId: {what} names a {what_obj or 'record of another object'}; not linked")
        what = None
    if who:
        c.refs.append(("whoid", "Contact", who))
    if what:
        c.refs.append(("whatid", what_obj, what))
    owner = v.sf_id(row, "ownerid")
    if owner and object_of(owner) == "User":
        c.refs.append(("ownerid", "User", owner))
    else:
        owner = None
    c.params.update(props=props, owner=owner, who=who, account=what if what_obj == "Account" else None,
                    opportunity=what if what_obj == "Opportunity" else None)
    return c


def _cut(value: str | None, limit: int, column: str, warnings: list[str]) -> str | None:
    """Shorten text to the activity model's limit, saying so (the caller keeps the whole text)."""
    if value is None or len(value) <= limit:
        return value
    warnings.append(f"{column}: {len(value)} characters, shown cut to {limit}; the whole text is kept")
    return value[:limit - 1] + "…"


def wire_time(moment) -> str:
    """A UTC datetime as the ISO text the statement turns back into a datetime.

    The driver packs Python datetimes about fifty times slower than strings, which is what limits a
    million-row import; Cypher's datetime() parses the text on the server.
    """
    return moment.isoformat()


def _midnight(day):
    return None if day is None else v.dt.datetime(day.year, day.month, day.day, tzinfo=v.UTC)


def task(row: dict, ctx: Context) -> Converted:
    """Task -> Activity (kind from TaskSubtype or Type, default note); at = completion, due or creation."""
    return _activity(row, "note", ("completeddatetime", "activitydate", "createddate"), ctx, TASK_COLUMNS)


def event(row: dict, ctx: Context) -> Converted:
    """Event -> Activity (kind from EventSubtype or Type, default meeting); at = its start."""
    return _activity(row, "meeting", ("activitydatetime", "startdatetime", "activitydate", "createddate"), ctx,
                     EVENT_COLUMNS)


def _relation(row: dict, activity_column: str) -> Converted:
    """EventRelation / TaskRelation -> the activity WITH one more contact (leads and related records skipped)."""
    c = _base(row)
    if c.skip:
        return c
    if v.boolean(row, "iswhat"):
        c.skip = "a related record (IsWhat), not a person"
        return c
    who = v.sf_id(row, "relationid")
    if who is None:
        raise v.RowError("RelationId: missing (who took part)")
    if object_of(who) != "Contact":
        c.skip = "a lead or a user (RelationId), not a contact"
        return c
    activity = v.sf_id(row, activity_column)
    if activity is None:
        raise v.RowError(f"{activity_column}: missing (which activity)")
    c.params.update(activity=activity, contact=ref(c, row, "relationid", "Contact", need=True))
    return c


def event_relation(row: dict, ctx: Context) -> Converted:
    """EventRelation: one more person of a meeting."""
    return _relation(row, "eventid")


def task_relation(row: dict, ctx: Context) -> Converted:
    """TaskRelation: one more person of a task."""
    return _relation(row, "taskid")


def history(row: dict, ctx: Context) -> Converted:
    """ContactHistory -> Change on the person (by = the graphcrm user of CreatedById, when known)."""
    c = _base(row)
    if c.skip:
        return c
    name = required(row, "field", "which field changed")
    at = v.datetime(row, "createddate")
    if at is None:
        raise v.RowError("CreatedDate: missing (when the field changed)")
    props = {"field": HISTORY_FIELDS.get(name.lower(), name), "old": v.text(row, "oldvalue", 32_000),
             "new": v.text(row, "newvalue", 32_000), "at": wire_time(at)}
    c.params.update(contact=ref(c, row, "contactid", "Contact", need=True), props=props,
                    by=v.sf_id(row, "createdbyid"))
    return c


_COMMON = ("id", "isdeleted")
_ACTIVITY = _COMMON + ("whoid", "whatid", "ownerid", "subject", "description", "type", "createddate",
                       "activitydate")
TASK_COLUMNS = _ACTIVITY + ("tasksubtype", "completeddatetime", "calldurationinseconds")
EVENT_COLUMNS = _ACTIVITY + ("eventsubtype", "activitydatetime", "startdatetime", "durationinminutes")
SPECS = (
    ObjectSpec("OpportunityContactRole", ("OpportunityContactRole.csv",), _COMMON + (
        "contactid", "opportunityid", "role", "isprimary"), contact_role, "import/contact_roles"),
    ObjectSpec("AccountContactRelation", ("AccountContactRelation.csv",), _COMMON + (
        "accountid", "contactid", "roles", "isdirect", "isactive", "startdate", "enddate",
        "lastmodifieddate", "createddate"), account_contact, "import/account_contacts"),
    ObjectSpec("AccountPartner", ("AccountPartner.csv", "Partner.csv"), _COMMON + (
        "accountfromid", "accounttoid", "opportunityid", "role"), partner, "import/partners"),
    ObjectSpec("CampaignMember", ("CampaignMember.csv",), _COMMON + (
        "campaignid", "contactid", "leadid", "status", "hasresponded"), campaign_member,
        "import/campaign_members"),
    ObjectSpec("Task", ("Task.csv",), TASK_COLUMNS, task, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("Event", ("Event.csv",), EVENT_COLUMNS, event, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("EventRelation", ("EventRelation.csv",), _COMMON + (
        "eventid", "relationid", "iswhat"), event_relation, "import/activity_relations", batch=10_000),
    ObjectSpec("TaskRelation", ("TaskRelation.csv",), _COMMON + (
        "taskid", "relationid", "iswhat"), task_relation, "import/activity_relations", batch=10_000),
    ObjectSpec("ContactHistory", ("ContactHistory.csv",), _COMMON + (
        "contactid", "field", "oldvalue", "newvalue", "createddate", "createdbyid"), history,
        "import/history", batch=10_000),
)
