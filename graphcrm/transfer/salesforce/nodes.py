"""Mapping of the Salesforce objects that become records: User, Account, Contact, Campaign, Opportunity."""
from __future__ import annotations

from graphcrm.i18n import _
from graphcrm.model import ACCOUNT_TYPES, CAMPAIGN_STATUSES, OPPORTUNITY_STAGES, Label
from graphcrm.model.collation import fold
from graphcrm.model.nodes import sort_key
from graphcrm.transfer.salesforce import values as v
from graphcrm.transfer.salesforce.sfids import object_of
from graphcrm.transfer.salesforce.spec import (
    CUSTOM_PREFIX,
    Context,
    Converted,
    ObjectSpec,
    fill,
    keep_unmapped,
    ref,
    required,
)

ADDRESS_COLUMNS = ("address__c", "du_sie__c")  # how the owner addresses the contact: du or sie
STAGES = {s.lower(): s for s in OPPORTUNITY_STAGES}
ACCOUNT_TYPE_NAMES = {t: t for t in ACCOUNT_TYPES}


def _owner_address(row: dict, warnings: list[str]) -> str | None:
    for column in ADDRESS_COLUMNS:
        value = (row.get(column) or "").lower()
        if value in ("du", "sie"):
            return value
        if value:
            warnings.append(f"{column}: " + _("%(value)r is neither du nor sie; the owner's address form is left "
                                              "as it was (new owners: sie)", value=row[column][:20]))
    return None


def _base(row: dict) -> Converted:
    """Start a conversion with the row's own id; deleted records are skipped."""
    if v.boolean(row, "isdeleted"):
        return Converted({}, skip=_("deleted in Salesforce (IsDeleted)"))
    return Converted({"sf_id": v.sf_id(row, "id")})


def _address(props: dict, row: dict, prefix: str, ctx: Context, warnings: list[str]) -> None:
    columns = {f"{prefix}street": "street", f"{prefix}postalcode": "postal_code", f"{prefix}city": "city"}
    for column, prop in columns.items():
        if column in row:
            props[prop] = v.text(row, column, 20 if prop == "postal_code" else 200 if prop == "street" else 100)
    if f"{prefix}country" in row or f"{prefix}countrycode" in row:
        props["country"], typed = v.country(row, f"{prefix}countrycode", f"{prefix}country", warnings)
        if typed:  # a country we cannot name by code stays on the record as the org typed it
            props[CUSTOM_PREFIX + ctx.headers.get(f"{prefix}country", f"{prefix}country")] = typed
    if f"{prefix}latitude" in row and f"{prefix}longitude" in row:
        props["location"] = v.location(row, f"{prefix}latitude", f"{prefix}longitude")


def user(row: dict, ctx: Context) -> Converted:
    """User -> User; ManagerId -> REPORTS_TO; new users get the role rep and no password."""
    c = _base(row)
    if c.skip:
        return c
    name = row.get("name") or " ".join(x for x in (row.get("firstname"), row.get("lastname")) if x)
    if not name:
        raise v.missing("Name", _("give Name or FirstName/LastName"))
    mail = v.email(row, "email") or v.email(row, "username")
    if mail is None:
        raise v.missing("Email", _("a user needs an e-mail address"))
    taken_by = ctx.user_emails.get(mail)
    if taken_by and taken_by != c.params["sf_id"]:
        # Salesforce lets users share an e-mail; graphcrm signs in by e-mail, so the unique Username is used.
        alt = v.email(row, "username")
        if alt is None or alt in ctx.user_emails:
            raise v.bad("Email", _("%(email)s is used by user %(user)s as well", email=mail, user=taken_by))
        c.warnings.append("Email: " + _("%(email)s is used by user %(user)s as well; Username %(username)s is used "
                                         "instead", email=mail, user=taken_by, username=alt))
        mail = alt
    ctx.user_emails[mail] = c.params["sf_id"]
    if len(name) > 200:
        raise v.bad("Name", _("longer than %(max)s characters", max=200))
    props = {"name": name, "email": mail, "sort_key": fold(name)}
    fill(props, row, Label.USER, {"title": "title", "phone": "phone", "city": "city"}, c.warnings,
         v.region(row, ("",), ctx.country), headers=ctx.headers)
    keep_unmapped(props, row, USER_KEPT, ctx)
    if "isactive" in row:
        props["active"] = v.boolean(row, "isactive")
    c.params.update(props=props, has_manager="managerid" in row, manager=ref(c, row, "managerid", "User"))
    return c


def account(row: dict, ctx: Context) -> Converted:
    """Account -> Account; OwnerId -> OWNS."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", _("an account needs a name"))
    props = {"name": name, "sort_key": fold(name)}
    if row.get("type"):
        props["type"] = account_type(row["type"])
        ctx.met("account_type", props["type"])
    fill(props, row, Label.ACCOUNT, {"industry": "industry", "website": "website", "phone": "phone",
                                     "numberofemployees": "employees", "description": "description"},
         c.warnings, v.region(row, ("billing", "shipping"), ctx.country), headers=ctx.headers)
    ctx.met("industry", props.get("industry"))
    prefix = "billing" if any(row.get(k) for k in ("billingstreet", "billingcity", "billingcountry")) \
        or "shippingcity" not in row else "shipping"
    _address(props, row, prefix, ctx, c.warnings)
    keep_unmapped(props, row, ACCOUNT_COLUMNS, ctx)
    c.params.update(props=props, owner=ref(c, row, "ownerid", "User"),
                    address=_owner_address(row, c.warnings))
    return c


def account_type(value: str) -> str:
    """The org's account type as it is ("Customer - Direct", "Household"); ours when it names one of ours."""
    return ACCOUNT_TYPE_NAMES.get(value.strip().lower(), value)


def contact(row: dict, ctx: Context) -> Converted:
    """Contact -> Person; AccountId -> EMPLOYS primary; OwnerId -> OWNS; ReportsToId -> REPORTS_TO."""
    c = _base(row)
    if c.skip:
        return c
    last = v.text(row, "lastname", 100) or required(row, "lastname", _("a contact needs a last name"))
    props = {"last_name": last}
    fill(props, row, Label.PERSON, {
        "firstname": "first_name", "salutation": "salutation", "email": "email", "phone": "phone",
        "mobilephone": "mobile", "title": "title", "department": "department", "birthdate": "birthdate",
        "description": "description", "language__c": "language"}, c.warnings,
        v.region(row, ("mailing", "other"), ctx.country), headers=ctx.headers)
    props["sort_key"] = sort_key(Label.PERSON, props)
    _address(props, row, "mailing", ctx, c.warnings)
    ctx.met("lead_source", row.get("leadsource"))
    keep_unmapped(props, row, CONTACT_COLUMNS, ctx)
    bounced = v.datetime(row, "emailbounceddate")
    if bounced is not None:
        props.update(email_bounced_at=bounced, status="inactive", inactive_reason="email_bounced",
                     inactive_since=bounced.date())
    employs = {k: props[k] for k in ("title", "department") if k in props}
    c.params.update(props=props, employs=employs, has_account="accountid" in row,
                    account=ref(c, row, "accountid", "Account"), owner=ref(c, row, "ownerid", "User"),
                    address=_owner_address(row, c.warnings), has_reports_to="reportstoid" in row,
                    reports_to=ref(c, row, "reportstoid", "Contact"))
    return c


def lead(row: dict, ctx: Context) -> Converted:
    """Lead -> Person with status "lead" and the company as text; OwnerId (a user) -> OWNS.

    A converted lead (IsConverted, ConvertedContactId) is the contact it became, not a second person:
    its values are kept on that contact as "Lead.<Field>", and what names the lead names the contact.
    """
    c = _base(row)
    if c.skip:
        return c
    lead_id = c.params["sf_id"]
    converted_to = v.sf_id(row, "convertedcontactid") if v.boolean(row, "isconverted") else None
    if converted_to and not ctx.exists("Contact", converted_to):
        c.warnings.append("ConvertedContactId: " + _("%(id)s is a contact in no file and not in the database "
                                                     "(deleted or merged after the conversion); the lead is kept "
                                                     "as a lead", id=converted_to))
    elif converted_to:
        contact_id = ref(c, row, "convertedcontactid", "Contact")
        ctx.converted[lead_id] = contact_id
        kept = {CUSTOM_PREFIX + "Lead." + ctx.headers.get(column, column): v.inferred(value)
                for column, value in row.items() if value and column not in ("id", "isdeleted")}
        c.params.update(converted=contact_id, props=kept)
        return c
    last = v.text(row, "lastname", 100) or required(row, "lastname", _("a lead needs a last name"))
    props = {"last_name": last, "company": v.text(row, "company", 200)}
    fill(props, row, Label.PERSON, {
        "firstname": "first_name", "salutation": "salutation", "email": "email", "phone": "phone",
        "mobilephone": "mobile", "title": "title", "description": "description"}, c.warnings,
        v.region(row, ("",), ctx.country), headers=ctx.headers)
    props["sort_key"] = sort_key(Label.PERSON, props)
    _address(props, row, "", ctx, c.warnings)
    ctx.met("lead_source", row.get("leadsource"))
    ctx.met("industry", row.get("industry"))
    owner = v.sf_id(row, "ownerid")
    columns = LEAD_COLUMNS if owner is None or object_of(owner) == "User" else LEAD_COLUMNS_QUEUE
    keep_unmapped(props, row, columns, ctx)  # a queue as owner stays on the lead as its OwnerId
    c.params.update(converted=None, props=props, owner=ref(c, row, "ownerid", "User") if columns is LEAD_COLUMNS
                    else None)
    return c


def campaign(row: dict, ctx: Context) -> Converted:
    """Campaign -> Campaign."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", _("a campaign needs a name"))
    props = {"name": name, "sort_key": fold(name)}
    fill(props, row, Label.CAMPAIGN, {"type": "type", "startdate": "start_date", "enddate": "end_date",
                                      "description": "description"}, c.warnings, headers=ctx.headers)
    if row.get("status"):
        # "In Progress" is our in_progress; the org's own statuses stay as they are and join its list.
        ours = row["status"].lower().replace(" ", "_")
        props["status"] = ours if ours in CAMPAIGN_STATUSES else row["status"]
        ctx.met("campaign_status", props["status"])
    keep_unmapped(props, row, CAMPAIGN_COLUMNS, ctx)
    c.params["props"] = props
    return c


def opportunity(row: dict, ctx: Context) -> Converted:
    """Opportunity -> Opportunity; AccountId -> HAS_OPPORTUNITY (the owner has no edge in the model)."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", _("an opportunity needs a name"))
    props = {"name": name, "sort_key": fold(name)}
    fill(props, row, Label.OPPORTUNITY, {"amount": "amount", "closedate": "close_date",
                                         "description": "description"}, c.warnings, headers=ctx.headers)
    if "currencyisocode" in row:
        props["currency"] = v.text(row, "currencyisocode", 3)
    if "probability" in row:
        p = v.number(row, "probability", lo=0, hi=100)
        props["probability"] = None if p is None else round(p)
    if row.get("stagename"):
        props.update(_stage(row, ctx))
        ctx.met("stage", props["stage"])
    if row.get("forecastcategoryname"):
        props["forecast_category"] = row["forecastcategoryname"]
    keep_unmapped(props, row, OPPORTUNITY_COLUMNS, ctx)
    c.params.update(props=props, has_account="accountid" in row, account=ref(c, row, "accountid", "Account"))
    return c


def _stage(row: dict, ctx: Context) -> dict:
    """The deal's stage as the org names it, with whether it is closed and won.

    The row's IsClosed/IsWon say it first, then what OpportunityStage says of the stage, then our stages.
    """
    name = STAGES.get(row["stagename"].lower(), row["stagename"])
    known = ctx.stages.get(name, {})
    out = {"stage": name}
    for column, prop in (("isclosed", "is_closed"), ("iswon", "is_won")):
        flag = v.boolean(row, column) if row.get(column) else None
        flag = known.get(prop) if flag is None else flag
        if flag is None and name in STAGES.values():
            flag = name.startswith("Closed") and (prop == "is_closed" or name == "Closed Won")
        if flag is not None:
            out[prop] = flag
    if "forecast_category" in known:
        out["forecast_category"] = known["forecast_category"]
    return out


_COMMON = ("id", "isdeleted")
_ADDR = ("street", "postalcode", "city", "country", "countrycode", "latitude", "longitude")
USER_COLUMNS = _COMMON + ("name", "firstname", "lastname", "email", "username", "title", "phone", "city", "isactive",
                          "managerid")
ACCOUNT_COLUMNS = _COMMON + ("name", "type", "industry", "website", "phone", "numberofemployees", "description",
                             "ownerid", *ADDRESS_COLUMNS, *(f"billing{a}" for a in _ADDR),
                             *(f"shipping{a}" for a in _ADDR))
CONTACT_COLUMNS = _COMMON + ("firstname", "lastname", "salutation", "email", "phone", "mobilephone", "title",
                             "department", "birthdate", "description", "language__c", "emailbounceddate",
                             "accountid", "ownerid", "reportstoid", *ADDRESS_COLUMNS, *(f"mailing{a}" for a in _ADDR))
# A user's name is one field here: the first and last name stay as the org has them, too.
USER_KEPT = tuple(c for c in USER_COLUMNS if c not in ("firstname", "lastname"))
LEAD_COLUMNS = _COMMON + ("firstname", "lastname", "salutation", "email", "phone", "mobilephone", "title",
                          "description", "company", "ownerid", *_ADDR)
LEAD_COLUMNS_QUEUE = tuple(c for c in LEAD_COLUMNS if c != "ownerid")
CAMPAIGN_COLUMNS = _COMMON + ("name", "type", "status", "startdate", "enddate", "description")
OPPORTUNITY_COLUMNS = _COMMON + ("name", "amount", "closedate", "description", "currencyisocode", "probability",
                                 "stagename", "iswon", "isclosed", "accountid", "forecastcategoryname")
# Every column these objects have beyond the mapped ones is kept on the record (custom=True).
SPECS = (
    ObjectSpec("User", ("User.csv",), USER_COLUMNS, user, "import/users", Label.USER, after="import/user_managers",
               check="import/user_email_conflicts", batch=2000, custom=True),
    ObjectSpec("Account", ("Account.csv",), ACCOUNT_COLUMNS, account, "import/accounts", Label.ACCOUNT,
               create=("import/create_accounts", Label.ACCOUNT), custom=True),
    ObjectSpec("Contact", ("Contact.csv",), CONTACT_COLUMNS, contact, "import/contacts", Label.PERSON,
               after="import/contact_managers", create=("import/create_contacts", Label.PERSON), custom=True),
    ObjectSpec("Lead", ("Lead.csv",), LEAD_COLUMNS, lead, "import/leads", Label.PERSON, custom=True),
    ObjectSpec("Campaign", ("Campaign.csv",), CAMPAIGN_COLUMNS, campaign, "import/campaigns", Label.CAMPAIGN,
               custom=True),
    ObjectSpec("Opportunity", ("Opportunity.csv",), OPPORTUNITY_COLUMNS, opportunity, "import/opportunities",
               Label.OPPORTUNITY, custom=True),
)
