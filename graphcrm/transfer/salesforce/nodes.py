"""Mapping of the Salesforce objects that become records: User, Account, Contact, Campaign, Opportunity."""
from __future__ import annotations

from graphcrm.model import CAMPAIGN_STATUSES, OPPORTUNITY_STAGES, Label
from graphcrm.transfer.salesforce import values as v
from graphcrm.transfer.salesforce.spec import Context, Converted, ObjectSpec, fill, ref, required

ADDRESS_COLUMNS = ("address__c", "du_sie__c")  # how the owner addresses the contact: du or sie
STAGES = {s.lower(): s for s in OPPORTUNITY_STAGES}


def _owner_address(row: dict, warnings: list[str]) -> str | None:
    for column in ADDRESS_COLUMNS:
        value = (row.get(column) or "").lower()
        if value in ("du", "sie"):
            return value
        if value:
            warnings.append(f"{column}: {row[column][:20]!r} is neither du nor sie; the owner's address "
                            "form is left as it was (new owners: sie)")
    return None


def _base(row: dict) -> Converted:
    """Start a conversion with the row's own id; deleted records are skipped."""
    if v.boolean(row, "isdeleted"):
        return Converted({}, skip="deleted in Salesforce (IsDeleted)")
    return Converted({"sf_id": v.sf_id(row, "id")})


def _address(props: dict, row: dict, prefix: str, warnings: list[str]) -> None:
    columns = {f"{prefix}street": "street", f"{prefix}postalcode": "postal_code", f"{prefix}city": "city"}
    for column, prop in columns.items():
        if column in row:
            props[prop] = v.text(row, column, 20 if prop == "postal_code" else 200 if prop == "street" else 100)
    if f"{prefix}country" in row or f"{prefix}countrycode" in row:
        props["country"] = v.country(row, f"{prefix}countrycode", f"{prefix}country", warnings)
    if f"{prefix}latitude" in row and f"{prefix}longitude" in row:
        props["location"] = v.location(row, f"{prefix}latitude", f"{prefix}longitude")


def user(row: dict, ctx: Context) -> Converted:
    """User -> User; ManagerId -> REPORTS_TO; new users get the role rep and no password."""
    c = _base(row)
    if c.skip:
        return c
    name = row.get("name") or " ".join(x for x in (row.get("firstname"), row.get("lastname")) if x)
    if not name:
        raise v.RowError("Name: missing (give Name or FirstName/LastName)")
    mail = v.email(row, "email") or v.email(row, "username")
    if mail is None:
        raise v.RowError("Email: missing (a user needs an e-mail address)")
    taken_by = ctx.user_emails.get(mail)
    if taken_by and taken_by != c.params["sf_id"]:
        # Salesforce lets users share an e-mail; graphcrm signs in by e-mail, so the unique Username is used.
        alt = v.email(row, "username")
        if alt is None or alt in ctx.user_emails:
            raise v.RowError(f"Email: {mail} is used by user {taken_by} as well")
        c.warnings.append(f"Email: {mail} is used by user {taken_by} as well; Username {alt} is used instead")
        mail = alt
    ctx.user_emails[mail] = c.params["sf_id"]
    if len(name) > 200:
        raise v.RowError("Name: longer than 200 characters")
    props = {"name": name, "email": mail, "sort_key": name.lower()}
    fill(props, row, Label.USER, {"title": "title", "phone": "phone", "city": "city"}, c.warnings)
    if "isactive" in row:
        props["active"] = v.boolean(row, "isactive")
    c.params.update(props=props, has_manager="managerid" in row, manager=ref(c, row, "managerid", "User"))
    return c


def account(row: dict, ctx: Context) -> Converted:
    """Account -> Account; OwnerId -> OWNS."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", "an account needs a name")
    props = {"name": name, "sort_key": name.lower()}
    if "type" in row:
        props["type"] = account_type(row["type"])
    fill(props, row, Label.ACCOUNT, {"industry": "industry", "website": "website", "phone": "phone",
                                     "numberofemployees": "employees", "description": "description"},
         c.warnings)
    prefix = "billing" if any(row.get(k) for k in ("billingstreet", "billingcity", "billingcountry")) \
        or "shippingcity" not in row else "shipping"
    _address(props, row, prefix, c.warnings)
    c.params.update(props=props, owner=ref(c, row, "ownerid", "User"),
                    address=_owner_address(row, c.warnings))
    return c


def account_type(value: str) -> str | None:
    """Map Salesforce account types (Customer - Direct, Channel Partner / Reseller, ...) to the model's."""
    low = value.lower()
    for word, kind in (("customer", "customer"), ("prospect", "prospect"), ("partner", "partner"),
                       ("reseller", "partner"), ("supplier", "supplier"), ("vendor", "supplier"),
                       ("competitor", "competitor")):
        if word in low:
            return kind
    return "other" if low else None


def contact(row: dict, ctx: Context) -> Converted:
    """Contact -> Person; AccountId -> EMPLOYS primary; OwnerId -> OWNS; ReportsToId -> REPORTS_TO."""
    c = _base(row)
    if c.skip:
        return c
    last = v.text(row, "lastname", 100) or required(row, "lastname", "a contact needs a last name")
    props = {"last_name": last}
    fill(props, row, Label.PERSON, {
        "firstname": "first_name", "salutation": "salutation", "email": "email", "phone": "phone",
        "mobilephone": "mobile", "title": "title", "department": "department", "birthdate": "birthdate",
        "description": "description", "language__c": "language"}, c.warnings)
    props["sort_key"] = f"{last} {props.get('first_name') or ''}".strip().lower()
    _address(props, row, "mailing", c.warnings)
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


def campaign(row: dict, ctx: Context) -> Converted:
    """Campaign -> Campaign."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", "a campaign needs a name")
    props = {"name": name, "sort_key": name.lower()}
    fill(props, row, Label.CAMPAIGN, {"type": "type", "startdate": "start_date", "enddate": "end_date",
                                      "description": "description"}, c.warnings)
    if "status" in row:
        status = row["status"].lower().replace(" ", "_")
        if status and status not in CAMPAIGN_STATUSES:
            c.warnings.append(f"Status: {row['status'][:40]!r} is not a campaign status "
                              f"({', '.join(CAMPAIGN_STATUSES)}); left empty")
        props["status"] = status if status in CAMPAIGN_STATUSES else None
    c.params["props"] = props
    return c


def opportunity(row: dict, ctx: Context) -> Converted:
    """Opportunity -> Opportunity; AccountId -> HAS_OPPORTUNITY (the owner has no edge in the model)."""
    c = _base(row)
    if c.skip:
        return c
    name = v.text(row, "name", 200) or required(row, "name", "an opportunity needs a name")
    props = {"name": name, "sort_key": name.lower()}
    fill(props, row, Label.OPPORTUNITY, {"amount": "amount", "closedate": "close_date",
                                         "description": "description"}, c.warnings)
    if "currencyisocode" in row:
        props["currency"] = v.text(row, "currencyisocode", 3)
    if "probability" in row:
        p = v.number(row, "probability", lo=0, hi=100)
        props["probability"] = None if p is None else round(p)
    if "stagename" in row:
        props["stage"] = _stage(row, c.warnings)
    c.params.update(props=props, has_account="accountid" in row, account=ref(c, row, "accountid", "Account"))
    return c


def _stage(row: dict, warnings: list[str]) -> str | None:
    stage = STAGES.get(row["stagename"].lower())
    if stage or not row["stagename"]:
        return stage
    # An org's own stage names: closed deals still say whether they were won.
    if v.boolean(row, "iswon"):
        return "Closed Won"
    if v.boolean(row, "isclosed"):
        return "Closed Lost"
    warnings.append(f"StageName: {row['stagename'][:40]!r} is not a stage of the model; left empty")
    return None


_COMMON = ("id", "isdeleted")
_ADDR = ("street", "postalcode", "city", "country", "countrycode", "latitude", "longitude")
SPECS = (
    ObjectSpec("User", ("User.csv",), _COMMON + (
        "name", "firstname", "lastname", "email", "username", "title", "phone", "city", "isactive",
        "managerid"), user, "import/users", Label.USER, after="import/user_managers",
        check="import/user_email_conflicts", batch=2000),
    ObjectSpec("Account", ("Account.csv",), _COMMON + (
        "name", "type", "industry", "website", "phone", "numberofemployees", "description", "ownerid",
        *ADDRESS_COLUMNS, *(f"billing{a}" for a in _ADDR), *(f"shipping{a}" for a in _ADDR)),
        account, "import/accounts", Label.ACCOUNT, create=("import/create_accounts", Label.ACCOUNT)),
    ObjectSpec("Contact", ("Contact.csv",), _COMMON + (
        "firstname", "lastname", "salutation", "email", "phone", "mobilephone", "title", "department",
        "birthdate", "description", "language__c", "emailbounceddate", "accountid", "ownerid",
        "reportstoid", *ADDRESS_COLUMNS, *(f"mailing{a}" for a in _ADDR)),
        contact, "import/contacts", Label.PERSON, after="import/contact_managers",
        create=("import/create_contacts", Label.PERSON)),
    ObjectSpec("Campaign", ("Campaign.csv",), _COMMON + (
        "name", "type", "status", "startdate", "enddate", "description"),
        campaign, "import/campaigns", Label.CAMPAIGN),
    ObjectSpec("Opportunity", ("Opportunity.csv",), _COMMON + (
        "name", "amount", "closedate", "description", "currencyisocode", "probability", "stagename",
        "iswon", "isclosed", "accountid"), opportunity, "import/opportunities", Label.OPPORTUNITY),
)
