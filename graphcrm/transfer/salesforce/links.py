"""Mapping of the Salesforce objects that become relationships, activities and field history."""
from __future__ import annotations

import re

from graphcrm.i18n import _
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
ACCOUNT_HISTORY_FIELDS = {"name": "name", "type": "type", "phone": "phone", "website": "website",
                          "industry": "industry", "owner": "owner", "billingcity": "city"}
OPPORTUNITY_HISTORY_FIELDS = {"name": "name", "stagename": "stage", "amount": "amount", "closedate": "close_date",
                              "probability": "probability", "forecastcategoryname": "forecast_category",
                              "account": "account"}
# OpportunityHistory's snapshot columns and the deal's fields they give.
SNAPSHOT_FIELDS = (("stagename", "stage"), ("amount", "amount"), ("closedate", "close_date"),
                   ("probability", "probability"), ("forecastcategory", "forecast_category"))


def _kept(row: dict, columns: tuple[str, ...], ctx: Context) -> dict:
    """The columns of a link row the mapping does not read, under their API names, for the relationship."""
    extra: dict = {}
    keep_unmapped(extra, row, columns, ctx)
    extra.pop("custom_text", None)  # a relationship is found through its ends, not by the search
    return extra


def _base(row: dict) -> Converted:
    if v.boolean(row, "isdeleted"):
        return Converted({}, skip=_("deleted in Salesforce (IsDeleted)"))
    return Converted({"sf_id": v.sf_id(row, "id")})


def contact_role(row: dict, ctx: Context) -> Converted:
    """OpportunityContactRole -> CONTACT_ROLE; the org's own roles are brought along."""
    c = _base(row)
    if c.skip:
        return c
    role = v.text(row, "role", 80)
    if role is None:
        c.warnings.append("Role: " + _("empty; stored as Other"))
        role = "Other"
    elif role not in DEFAULT_CONTACT_ROLES:
        ctx.contact_roles.setdefault(role, ctx.where)
    c.params.update(contact=ref(c, row, "contactid", "Contact", need=True),
                    opportunity=ref(c, row, "opportunityid", "Opportunity", need=True),
                    props={"role": role, "primary": bool(v.boolean(row, "isprimary")),
                           **_kept(row, CONTACT_ROLE_COLUMNS, ctx)})
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
            c.warnings.append("EndDate: " + _("empty for an inactive relation; kept as a former job with an unknown "
                                              "end"))
        else:
            until = stamp.date()
    for role in roles:
        ctx.met("relation_role", role)
    # Roles as the org wrote them ("Board Chair;Volunteer") stay beside the model's reading of them.
    kept = _kept(row, ACCOUNT_CONTACT_MAPPED, ctx)
    employs = worked = board_props = None
    if board:
        board_props = {"role": board_role(board), "since": since, "until": until, **kept}
    if direct:
        # Primary unless the contact's AccountId names another account (see account_contacts.cypher).
        employs = {"roles": others, "since": since, **kept}
    elif others or not board:
        if ended:
            worked = {"since": since, "until": until, **kept}
        else:
            employs = {"primary": False, "roles": others, "since": since, "until": until, **kept}
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
        c.skip = _("a partner of an opportunity, not of an account")
        return c
    low = (row.get("role") or "").lower()
    role = next((r for word, r in PARTNER_WORDS if word in low), "other" if low else None)
    assert role is None or role in PARTNER_ROLES
    c.params.update(source=ref(c, row, "accountfromid", "Account", need=True),
                    target=ref(c, row, "accounttoid", "Account", need=True),
                    props={"role": role, **_kept(row, PARTNER_MAPPED, ctx)})
    return c


def campaign_member(row: dict, ctx: Context) -> Converted:
    """CampaignMember -> MEMBER_OF (lead members are skipped)."""
    c = _base(row)
    if c.skip:
        return c
    if row.get("contactid"):
        contact = ref(c, row, "contactid", "Contact")
    elif row.get("leadid") and ctx.leads:
        contact = _person(c, row, "leadid", ctx)
    elif row.get("leadid"):
        c.skip = _("a lead, and the export has no Lead file (LeadId)")
        return c
    else:
        required(row, "contactid", _("a campaign member needs a contact"))
    # The org's status as it is ("Attended"); ours when it names one of ours. HasResponded says whether
    # the person responded, else what CampaignMemberStatus says of the status.
    raw = row.get("status") or ""
    status = raw.lower() if raw.lower() in MEMBER_STATUSES else raw
    responded = v.boolean(row, "hasresponded") if row.get("hasresponded") else None
    if responded is None:
        responded = ctx.responded.get(raw, status == "responded")
    ctx.met("member_status", status)
    c.params.update(contact=contact, campaign=ref(c, row, "campaignid", "Campaign", need=True),
                    props={"status": status or None, "responded": bool(responded),
                           **_kept(row, CAMPAIGN_MEMBER_COLUMNS, ctx)})
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
    if who and object_of(who) == "Lead" and not ctx.leads:
        c.skip = _("about a lead (WhoId 00Q...), and the export has no Lead file")
        return c
    at = None
    for column in moments:
        at = v.datetime(row, column) if column.endswith("datetime") or column == "createddate" \
            else _midnight(v.date(row, column))
        if at is not None:
            break
    if at is None:
        raise v.missing(moments[0], _("an activity needs a date"))
    duration = v.number(row, "durationinminutes", whole=True, lo=0, hi=1_000_000)
    if duration is None and row.get("calldurationinseconds"):
        duration = round(v.number(row, "calldurationinseconds", lo=0, hi=60_000_000) / 60)
    long_duration = None
    if duration is not None and duration > MAX_MINUTES:
        c.warnings.append(_("duration of %(minutes)s minutes is longer than a day; kept among the Salesforce fields",
                             minutes=duration))
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
        c.warnings.append("WhatId: " + (_("%(id)s names a %(object)s; not linked", id=what, object=what_obj) if what_obj
                                        else _("%(id)s names a record of another object; not linked", id=what)))
        what = None
    if who:
        who = _person(c, row, "whoid", ctx)
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
    warnings.append(f"{column}: " + _("%(length)s characters, shown cut to %(limit)s; the whole text is kept",
                                      length=len(value), limit=limit))
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
    return _activity(row, "note", ("completeddatetime", "activitydate", "createddate"), ctx, ACTIVITY_MAPPED)


def event(row: dict, ctx: Context) -> Converted:
    """Event -> Activity (kind from EventSubtype or Type, default meeting); at = its start."""
    return _activity(row, "meeting", ("activitydatetime", "startdatetime", "activitydate", "createddate"), ctx,
                     ACTIVITY_MAPPED + ("durationinminutes",))


def note(row: dict, ctx: Context) -> Converted:
    """Note -> a note activity WITH the contact or lead, or ABOUT the account or deal, of ParentId.

    A private note (IsPrivate) shows its title and text to its owner only (activities.describe).
    """
    c = _base(row)
    if c.skip:
        return c
    parent = v.sf_id(row, "parentid")
    if parent is None:
        raise v.missing("ParentId", _("what the note is about"))
    obj = object_of(parent)
    if obj == "Lead" and not ctx.leads:
        c.skip = _("about a lead (ParentId 00Q...), and the export has no Lead file")
        return c
    at = v.datetime(row, "createddate")
    if at is None:
        raise v.missing("CreatedDate", _("when the note was written"))
    props = {"kind": "note", "at": wire_time(at), "duration": None,
             "subject": _cut(v.text(row, "title", 131_072), 200, "Title", c.warnings),
             "notes": _cut(v.text(row, "body", 131_072), 5000, "Body", c.warnings),
             "private": bool(v.boolean(row, "isprivate"))}
    keep_unmapped(props, row, NOTE_COLUMNS, ctx)
    for column, prop in (("title", "subject"), ("body", "notes")):
        if row.get(column) and props[prop] != row[column]:  # shortened for the page: the whole text stays
            props[CUSTOM_PREFIX + ctx.headers.get(column, column)] = row[column]
    who = account = opportunity = None
    if obj in ("Contact", "Lead"):
        who = _person(c, row, "parentid", ctx)
    elif obj in ("Account", "Opportunity"):
        c.refs.append(("parentid", obj, parent))
        account, opportunity = (parent, None) if obj == "Account" else (None, parent)
    else:
        c.warnings.append("ParentId: " + (
            _("%(id)s names a %(object)s; the note is kept, linked to nothing", id=parent, object=obj) if obj
            else _("%(id)s names a record of another object; the note is kept, linked to nothing", id=parent)))
        props[CUSTOM_PREFIX + ctx.headers.get("parentid", "parentid")] = parent
    c.params.update(props=props, owner=_user(c, row, "ownerid"), who=who, account=account, opportunity=opportunity)
    return c


def content_note(row: dict, ctx: Context) -> Converted:
    """ContentNote (a Lightning note) -> a note activity; ContentDocumentLink says whom it is about."""
    c = _base(row)
    if c.skip:
        return c
    at = v.datetime(row, "createddate")
    if at is None:
        raise v.missing("CreatedDate", _("when the note was written"))
    text = v.note_text(row.get("content")) or v.text(row, "textpreview", 131_072)
    props = {"kind": "note", "at": wire_time(at), "duration": None,
             "subject": _cut(v.text(row, "title", 131_072), 200, "Title", c.warnings),
             "notes": _cut(text, 5000, "Content", c.warnings)}
    keep_unmapped(props, row, CONTENT_NOTE_COLUMNS, ctx)
    if text and props["notes"] != text:
        props[CUSTOM_PREFIX + "Content"] = text
    if row.get("title") and props["subject"] != row["title"]:
        props[CUSTOM_PREFIX + ctx.headers.get("title", "title")] = row["title"]
    c.params.update(props=props, owner=_user(c, row, "ownerid"), who=None, account=None, opportunity=None)
    return c


def content_link(row: dict, ctx: Context) -> Converted:
    """ContentDocumentLink -> the note WITH a contact or lead, or ABOUT an account or deal (users, files skipped)."""
    c = _base(row)
    if c.skip:
        return c
    document = v.sf_id(row, "contentdocumentid")
    entity = v.sf_id(row, "linkedentityid")
    if document is None or entity is None:
        raise v.bad("ContentDocumentId" if document is None else "LinkedEntityId", _("missing"))
    obj = object_of(entity)
    if obj not in ("Contact", "Lead", "Account", "Opportunity") or (obj == "Lead" and not ctx.leads):
        c.skip = _("shared with a user or another kind of record (LinkedEntityId)")
        return c
    person = _person(c, row, "linkedentityid", ctx) if obj in ("Contact", "Lead") else None
    record = ref(c, row, "linkedentityid", obj) if person is None else None
    c.params.update(activity=document, contact=person, account=record if obj == "Account" else None,
                    opportunity=record if obj == "Opportunity" else None, props=_kept(row, CONTENT_LINK_COLUMNS, ctx))
    return c


def _user(c: Converted, row: dict, column: str) -> str | None:
    """A user id of an owner column, noted for the reference check (a queue or group owns nothing here)."""
    owner = v.sf_id(row, column)
    if owner and object_of(owner) == "User":
        c.refs.append((column, "User", owner))
        return owner
    return None


def _relation(row: dict, activity_column: str, ctx: Context) -> Converted:
    """EventRelation / TaskRelation -> the activity WITH one more contact (leads and related records skipped)."""
    c = _base(row)
    if c.skip:
        return c
    if v.boolean(row, "iswhat"):
        c.skip = _("a related record (IsWhat), not a person")
        return c
    who = v.sf_id(row, "relationid")
    if who is None:
        raise v.missing("RelationId", _("who took part"))
    if object_of(who) != "Contact" and not (object_of(who) == "Lead" and ctx.leads):
        c.skip = _("a user, or a lead of an export without a Lead file (RelationId), not a contact")
        return c
    activity = v.sf_id(row, activity_column)
    if activity is None:
        raise v.missing(activity_column, _("which activity"))
    # Whether they accepted, declined or were invited (Status, Response, IsInvitee) stays on the link.
    c.params.update(activity=activity, contact=_person(c, row, "relationid", ctx),
                    props=_kept(row, RELATION_COLUMNS, ctx))
    return c


def _person(c: Converted, row: dict, column: str, ctx: Context) -> str:
    """The person a contact or lead id names (a converted lead: its contact), noted for the reference check."""
    target, obj = ctx.person(v.sf_id(row, column))
    c.refs.append((column, obj, target))
    return target


def event_relation(row: dict, ctx: Context) -> Converted:
    """EventRelation: one more person of a meeting."""
    return _relation(row, "eventid", ctx)


def task_relation(row: dict, ctx: Context) -> Converted:
    """TaskRelation: one more person of a task."""
    return _relation(row, "taskid", ctx)


def _change(row: dict, ctx: Context, parent: str, obj: str, fields: dict[str, str]) -> Converted:
    """A <Object>History row (Field, OldValue, NewValue) -> Change on the record it names."""
    c = _base(row)
    if c.skip:
        return c
    name = required(row, "field", _("which field changed"))
    at = v.datetime(row, "createddate")
    if at is None:
        raise v.missing("CreatedDate", _("when the field changed"))
    props = {"field": fields.get(name.lower(), name), "old": v.text(row, "oldvalue", 32_000),
             "new": v.text(row, "newvalue", 32_000), "at": wire_time(at)}
    keep_unmapped(props, row, HISTORY_COLUMNS, ctx)
    props.pop("custom_text", None)  # a change is found through its record, not by the search
    if props["field"] != name:  # named as graphcrm names the field; Salesforce's name stays beside it
        props[CUSTOM_PREFIX + ctx.headers.get("field", "field")] = name
    c.params.update(record=ref(c, row, parent, obj, need=True), props=props, by=v.sf_id(row, "createdbyid"))
    return c


def history(row: dict, ctx: Context) -> Converted:
    """ContactHistory -> Change on the person (by = the graphcrm user of CreatedById, when known)."""
    return _change(row, ctx, "contactid", "Contact", HISTORY_FIELDS)


def account_history(row: dict, ctx: Context) -> Converted:
    """AccountHistory -> Change on the account."""
    return _change(row, ctx, "accountid", "Account", ACCOUNT_HISTORY_FIELDS)


def opportunity_field_history(row: dict, ctx: Context) -> Converted:
    """OpportunityFieldHistory -> Change on the deal."""
    return _change(row, ctx, "opportunityid", "Opportunity", OPPORTUNITY_HISTORY_FIELDS)


def opportunity_history(row: dict, ctx: Context) -> Converted:
    """OpportunityHistory (a snapshot of the deal after each change) -> one Change per field it gives.

    A snapshot names the new values only; the statement run after the file takes each old value from
    the deal's snapshot before it, and marks the fields a snapshot did not change (`same`).
    """
    c = _base(row)
    if c.skip:
        return c
    at = v.datetime(row, "createddate")
    if at is None:
        raise v.missing("CreatedDate", _("when the deal changed"))
    changes = []
    for column, prop in SNAPSHOT_FIELDS:
        value = v.text(row, column, 32_000)
        if value is None:
            continue
        if prop in ("amount", "probability"):  # "418000.0" is the amount 418000, as the deal shows it
            number = v.number(row, column)
            value = _plain(number) if number is not None else value
        if prop == "stage":
            ctx.met("stage", value)
        changes.append({"sf_id": f"{c.params['sf_id']}:{prop}", "field": prop, "new": value})
    extra: dict = {}
    keep_unmapped(extra, row, SNAPSHOT_COLUMNS, ctx)
    extra.pop("custom_text", None)
    c.params.update(opportunity=ref(c, row, "opportunityid", "Opportunity", need=True), at=wire_time(at),
                    changes=changes, extra=extra, by=v.sf_id(row, "createdbyid"), after=True)
    return c


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


_COMMON = ("id", "isdeleted")
HISTORY_COLUMNS = _COMMON + ("contactid", "accountid", "opportunityid", "field", "oldvalue", "newvalue", "createddate",
                             "createdbyid")
# PrevAmount and PrevCloseDate repeat the snapshot before; the statement reads them from there.
SNAPSHOT_COLUMNS = _COMMON + ("opportunityid", "createddate", "createdbyid", "prevamount", "prevclosedate",
                              *(column for column, _prop in SNAPSHOT_FIELDS))
_ACTIVITY = _COMMON + ("whoid", "whatid", "ownerid", "subject", "description", "type", "createddate",
                       "activitydate")
# The columns an activity holds as they are; the ones it is derived from (its moment from ActivityDate or
# CompletedDateTime, its kind from Type, its minutes from CallDurationInSeconds) stay as typed, too.
ACTIVITY_MAPPED = _COMMON + ("whoid", "whatid", "ownerid", "subject", "description")
NOTE_COLUMNS = _COMMON + ("parentid", "title", "body", "isprivate", "ownerid", "createddate")
CONTENT_NOTE_COLUMNS = _COMMON + ("title", "content", "ownerid", "createddate")
TASK_COLUMNS = _ACTIVITY + ("tasksubtype", "completeddatetime", "calldurationinseconds")
EVENT_COLUMNS = _ACTIVITY + ("eventsubtype", "activitydatetime", "startdatetime", "durationinminutes")
# The columns of link files the relationship holds as they are; every other column is kept on it as typed.
CONTACT_ROLE_COLUMNS = _COMMON + ("contactid", "opportunityid", "role", "isprimary")
# Roles, IsActive and IsDirect are read into the kind of link, its roles and board role, and kept as written.
ACCOUNT_CONTACT_MAPPED = _COMMON + ("accountid", "contactid", "startdate", "enddate")
PARTNER_MAPPED = _COMMON + ("accountfromid", "accounttoid", "opportunityid")
CAMPAIGN_MEMBER_COLUMNS = _COMMON + ("campaignid", "contactid", "leadid", "status", "hasresponded")
RELATION_COLUMNS = _COMMON + ("eventid", "taskid", "relationid")
CONTENT_LINK_COLUMNS = _COMMON + ("contentdocumentid", "linkedentityid")
SPECS = (
    ObjectSpec("OpportunityContactRole", ("OpportunityContactRole.csv",), CONTACT_ROLE_COLUMNS, contact_role,
               "import/contact_roles", custom=True),
    ObjectSpec("AccountContactRelation", ("AccountContactRelation.csv",), ACCOUNT_CONTACT_MAPPED + (
        "roles", "isdirect", "isactive", "lastmodifieddate", "createddate"), account_contact,
        "import/account_contacts", custom=True),
    ObjectSpec("AccountPartner", ("AccountPartner.csv", "Partner.csv"), PARTNER_MAPPED + ("role",), partner,
               "import/partners", custom=True),
    ObjectSpec("CampaignMember", ("CampaignMember.csv",), CAMPAIGN_MEMBER_COLUMNS, campaign_member,
               "import/campaign_members", custom=True),
    ObjectSpec("Task", ("Task.csv",), TASK_COLUMNS, task, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("Event", ("Event.csv",), EVENT_COLUMNS, event, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("EventRelation", ("EventRelation.csv",), RELATION_COLUMNS + ("iswhat",), event_relation,
               "import/activity_relations", batch=10_000, custom=True),
    ObjectSpec("TaskRelation", ("TaskRelation.csv",), RELATION_COLUMNS + ("iswhat",), task_relation,
               "import/activity_relations", batch=10_000, custom=True),
    ObjectSpec("Note", ("Note.csv",), NOTE_COLUMNS, note, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("ContentNote", ("ContentNote.csv",), CONTENT_NOTE_COLUMNS, content_note, "import/activities",
               create=("import/create_activities", Label.ACTIVITY), batch=10_000, custom=True),
    ObjectSpec("ContentDocumentLink", ("ContentDocumentLink.csv",), CONTENT_LINK_COLUMNS, content_link,
               "import/note_links", batch=10_000, custom=True),
    ObjectSpec("ContactHistory", ("ContactHistory.csv",), HISTORY_COLUMNS, history, "import/history",
               batch=10_000, custom=True, names={"label": Label.PERSON}),
    ObjectSpec("AccountHistory", ("AccountHistory.csv",), HISTORY_COLUMNS, account_history, "import/history",
               batch=10_000, custom=True, names={"label": Label.ACCOUNT}),
    ObjectSpec("OpportunityFieldHistory", ("OpportunityFieldHistory.csv",), HISTORY_COLUMNS,
               opportunity_field_history, "import/history", batch=10_000, custom=True,
               names={"label": Label.OPPORTUNITY}),
    ObjectSpec("OpportunityHistory", ("OpportunityHistory.csv",), SNAPSHOT_COLUMNS, opportunity_history,
               "import/opportunity_snapshots", batch=5000, custom=True, after="import/opportunity_snapshots_old"),
)
