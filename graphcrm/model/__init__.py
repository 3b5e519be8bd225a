"""The graph model of design.md as whitelists: labels, relationship types and their fields."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Label(str, enum.Enum):
    """Node labels; the only labels a query may name."""

    PERSON = "Person"
    ACCOUNT = "Account"
    OPPORTUNITY = "Opportunity"
    USER = "User"
    CAMPAIGN = "Campaign"
    ACTIVITY = "Activity"
    CHANGE = "Change"
    TARGET = "Target"
    TOKEN = "ApiToken"


class RelType(str, enum.Enum):
    """Relationship types; the only types a query may name."""

    EMPLOYS = "EMPLOYS"
    BOARD_MEMBER = "BOARD_MEMBER"
    CONTACT_ROLE = "CONTACT_ROLE"
    WORKED_AT = "WORKED_AT"
    OWNS = "OWNS"
    HAS_OPPORTUNITY = "HAS_OPPORTUNITY"
    PARTNER_OF = "PARTNER_OF"
    KNOWS = "KNOWS"
    REPORTS_TO = "REPORTS_TO"
    MEMBER_OF = "MEMBER_OF"
    LOGGED = "LOGGED"
    WITH = "WITH"
    ABOUT = "ABOUT"
    CHANGED = "CHANGED"
    HAS_TARGET = "HAS_TARGET"
    HAS_TOKEN = "HAS_TOKEN"


@dataclass(frozen=True)
class Field:
    """One property: its type, and what a valid value looks like."""

    type: str = "str"  # str, text, email, url, phone, lang, date, datetime, int, float, bool, strlist, enum
    required: bool = False
    choices: tuple[str, ...] = ()
    max_len: int = 200
    minimum: float | None = None
    maximum: float | None = None
    sensitive: bool = False  # visible only to those allowed (issue 8); kept here so one place says it
    # An enum whose values are the org's (records/picklists.py): `choices` are the defaults, and the
    # capability checks a value against the defaults plus the org's own values in the database.
    picklist: str | None = None


# A lead is a person Salesforce has not converted into a contact yet (its company is text, not an account).
PERSON_STATUSES = ("active", "inactive", "lead")
INACTIVE_REASONS = ("left_company", "email_bounced", "retired", "deceased", "do_not_contact", "other")
ACCOUNT_TYPES = ("customer", "prospect", "supplier", "partner", "competitor", "other")
USER_ROLES = ("admin", "manager", "rep", "viewer")
ADDRESS_FORMS = ("du", "sie")
OPPORTUNITY_STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                      "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
                      "Negotiation/Review", "Closed Won", "Closed Lost")
DEFAULT_CONTACT_ROLES = ("Decision Maker", "Economic Buyer", "Economic Decision Maker",
                         "Technical Buyer", "Evaluator", "Influencer", "Executive Sponsor",
                         "Business User", "Other")
BOARD_ROLES = ("member", "chair", "vice_chair", "secretary", "delegate")
PARTNER_ROLES = ("reseller", "supplier", "consultant", "integrator", "distributor", "vendor", "other")
ACTIVITY_KINDS = ("meeting", "call", "email", "event", "note")
CAMPAIGN_STATUSES = ("planned", "in_progress", "completed", "aborted")
MEMBER_STATUSES = ("planned", "sent", "opened", "responded", "bounced", "unsubscribed")

_ADDRESS = {
    "street": Field(), "postal_code": Field(max_len=20), "city": Field(max_len=100),
    "country": Field(max_len=2),  # ISO 3166-1 alpha-2
}

NODE_FIELDS: dict[Label, dict[str, Field]] = {
    Label.PERSON: {
        "first_name": Field(max_len=100), "last_name": Field(required=True, max_len=100),
        "salutation": Field(max_len=40), "email": Field("email"), "phone": Field("phone"),
        "mobile": Field("phone", sensitive=True), "title": Field(), "department": Field(max_len=100),
        "team": Field(max_len=100), "language": Field("lang"), "birthdate": Field("date", sensitive=True),
        "interests": Field("strlist", sensitive=True), "social_linkedin": Field("url"),
        "social_xing": Field("url"), "social_x": Field("url"), **_ADDRESS,
        "status": Field("enum", choices=PERSON_STATUSES),
        "inactive_reason": Field("enum", choices=INACTIVE_REASONS),
        "inactive_since": Field("date"), "email_bounced_at": Field("datetime"),
        "placeholder": Field("bool"), "description": Field("text", max_len=5000),
        "company": Field(),  # a lead's company as typed, before it is an account
    },
    Label.ACCOUNT: {
        "name": Field(required=True), "type": Field("enum", choices=ACCOUNT_TYPES, picklist="account_type"),
        "industry": Field(max_len=100, picklist="industry"), "website": Field("url"), "phone": Field("phone"),
        "email": Field("email"), "employees": Field("int", minimum=0, maximum=10_000_000),
        **_ADDRESS, "description": Field("text", max_len=5000),
    },
    Label.OPPORTUNITY: {
        "name": Field(required=True), "stage": Field("enum", choices=OPPORTUNITY_STAGES, picklist="stage"),
        "amount": Field("float", minimum=0, maximum=1e12), "currency": Field(max_len=3),
        "close_date": Field("date"), "probability": Field("int", minimum=0, maximum=100),
        # What the org's stage says (Salesforce's OpportunityStage), kept with the deal as Salesforce does.
        "is_closed": Field("bool"), "is_won": Field("bool"), "forecast_category": Field(max_len=40),
        "description": Field("text", max_len=5000),
    },
    Label.USER: {
        "name": Field(required=True), "email": Field("email", required=True),
        "role": Field("enum", required=True, choices=USER_ROLES), "title": Field(),
        "phone": Field("phone", sensitive=True), "birthdate": Field("date", sensitive=True),
        "start_date": Field("date", sensitive=True), "city": Field(max_len=100),
        "active": Field("bool"),
    },
    Label.CAMPAIGN: {
        "name": Field(required=True), "type": Field(max_len=60),
        "status": Field("enum", choices=CAMPAIGN_STATUSES, picklist="campaign_status"), "start_date": Field("date"),
        "end_date": Field("date"), "description": Field("text", max_len=5000),
    },
}


@dataclass(frozen=True)
class RelSpec:
    """Which labels a relationship type joins, which properties it carries, and whose meaning it changes.

    `changes` names the ends ("from", "to") that a link or unlink of this type changes the meaning
    of: the writer needs edit rights on each of them, and sight of the other end. A job changes the
    person, not the account (as Salesforce's Contact.AccountId needs edit on the contact and read on
    the account); a deal's account decides who owns the deal, so it changes both.
    """

    ends: tuple[tuple[Label, Label], ...]
    fields: dict[str, Field]
    changes: tuple[str, ...] = ("from", "to")


_DATES = {"since": Field("date"), "until": Field("date")}

REL_SPECS: dict[RelType, RelSpec] = {
    RelType.EMPLOYS: RelSpec(((Label.ACCOUNT, Label.PERSON),), {
        "title": Field(), "department": Field(max_len=100), "primary": Field("bool"),
        "roles": Field("strlist"), **_DATES}, changes=("to",)),
    RelType.BOARD_MEMBER: RelSpec(((Label.PERSON, Label.ACCOUNT),), {
        "role": Field("enum", choices=BOARD_ROLES), **_DATES}, changes=("from",)),
    RelType.CONTACT_ROLE: RelSpec(((Label.PERSON, Label.OPPORTUNITY),), {
        "role": Field(required=True, max_len=80), "primary": Field("bool")}, changes=("to",)),
    RelType.WORKED_AT: RelSpec(((Label.PERSON, Label.ACCOUNT),), {
        "title": Field(), "department": Field(max_len=100), **_DATES}, changes=("from",)),
    RelType.OWNS: RelSpec(((Label.USER, Label.PERSON), (Label.USER, Label.ACCOUNT)), {
        "address": Field("enum", choices=ADDRESS_FORMS)}, changes=("to",)),
    RelType.HAS_OPPORTUNITY: RelSpec(((Label.ACCOUNT, Label.OPPORTUNITY),), {}),
    RelType.PARTNER_OF: RelSpec(((Label.ACCOUNT, Label.ACCOUNT),), {
        "role": Field("enum", choices=PARTNER_ROLES), **_DATES}),
    RelType.KNOWS: RelSpec(((Label.PERSON, Label.PERSON),), {
        "since": Field("date"), "source": Field(max_len=100), "note": Field("text", max_len=2000)},
        changes=("from",)),
    RelType.REPORTS_TO: RelSpec(((Label.PERSON, Label.PERSON), (Label.USER, Label.USER)), {}, changes=("from",)),
    RelType.MEMBER_OF: RelSpec(((Label.PERSON, Label.CAMPAIGN),), {
        "status": Field("enum", choices=MEMBER_STATUSES, picklist="member_status"), "responded": Field("bool")},
        changes=("to",)),
}

# Relationship types the generic relationships API may write; activity, history and
# target links are written only by their own capabilities.
API_REL_TYPES = tuple(REL_SPECS)

# Relationship types between people, accounts, opportunities and users: the network default.
NETWORK_REL_TYPES = (RelType.EMPLOYS, RelType.BOARD_MEMBER, RelType.CONTACT_ROLE, RelType.WORKED_AT,
                     RelType.OWNS, RelType.HAS_OPPORTUNITY, RelType.PARTNER_OF, RelType.KNOWS,
                     RelType.REPORTS_TO)

KIND_LABELS = {"person": Label.PERSON, "account": Label.ACCOUNT, "opportunity": Label.OPPORTUNITY,
               "user": Label.USER, "campaign": Label.CAMPAIGN}
LABEL_KINDS = {label: kind for kind, label in KIND_LABELS.items()}
