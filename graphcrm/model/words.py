"""What many capabilities say about a record of some kind, as whole sentences a translator can word.

A noun slotted into a sentence ("No {noun} with id ...") cannot be translated well (German and
French nouns have genders that change the words around them), so each kind has its own sentence.
"""
from __future__ import annotations

from graphcrm.i18n import _, _l
from graphcrm.model import (
    ACCOUNT_TYPES,
    ACTIVITY_KINDS,
    BOARD_ROLES,
    CAMPAIGN_STATUSES,
    DEFAULT_CONTACT_ROLES,
    INACTIVE_REASONS,
    MEMBER_STATUSES,
    OPPORTUNITY_STAGES,
    PARTNER_ROLES,
    PERSON_STATUSES,
    USER_ROLES,
    Label,
)


def _kind(label: Label | str | None) -> str:
    """person, account, ... for a Label, a label name ("Person") or a kind; "" for anything else."""
    if isinstance(label, Label):
        label = label.value
    return str(label or "").lower()


def no_such(label: Label | str | None, record_id) -> str:
    """ "No person with id X" (a Label, a label name or a kind); "No record with id X" for any other."""
    kind = _kind(label)
    if kind == "person":
        return _("No person with id %(id)s", id=record_id)
    if kind == "account":
        return _("No account with id %(id)s", id=record_id)
    if kind == "opportunity":
        return _("No opportunity with id %(id)s", id=record_id)
    if kind == "user":
        return _("No user with id %(id)s", id=record_id)
    if kind == "campaign":
        return _("No campaign with id %(id)s", id=record_id)
    return _("No record with id %(id)s", id=record_id)


def changed_meanwhile(label: Label | str | None, version, sent) -> str:
    """The message of a stale version: someone else saved the record since it was read."""
    kind, values = _kind(label), {"version": version, "sent": sent}
    if kind == "person":
        return _("This person was changed by someone else (version %(version)s, you sent %(sent)s); "
                 "reload and try again.", **values)
    if kind == "account":
        return _("This account was changed by someone else (version %(version)s, you sent %(sent)s); "
                 "reload and try again.", **values)
    if kind == "opportunity":
        return _("This opportunity was changed by someone else (version %(version)s, you sent %(sent)s); "
                 "reload and try again.", **values)
    if kind == "user":
        return _("This user was changed by someone else (version %(version)s, you sent %(sent)s); "
                 "reload and try again.", **values)
    if kind == "campaign":
        return _("This campaign was changed by someone else (version %(version)s, you sent %(sent)s); "
                 "reload and try again.", **values)
    return _("This record was changed by someone else (version %(version)s, you sent %(sent)s); "
             "reload and try again.", **values)


def may_not_change(label: Label | str | None, role: str) -> str:
    """Why a viewer may not change a record owned outside their reach (a manager: their team's; a rep: their own)."""
    kind, team = _kind(label), role == "manager"
    if kind == "person":
        return (_("You may not change this person: it belongs to another user, and your role (%(role)s) changes "
                  "only your team's records and unowned ones.", role=role) if team else
                _("You may not change this person: it belongs to another user, and your role (%(role)s) changes "
                  "only your own records and unowned ones.", role=role))
    if kind == "account":
        return (_("You may not change this account: it belongs to another user, and your role (%(role)s) changes "
                  "only your team's records and unowned ones.", role=role) if team else
                _("You may not change this account: it belongs to another user, and your role (%(role)s) changes "
                  "only your own records and unowned ones.", role=role))
    if kind == "opportunity":
        return (_("You may not change this opportunity: it belongs to another user, and your role (%(role)s) "
                  "changes only your team's records and unowned ones.", role=role) if team else
                _("You may not change this opportunity: it belongs to another user, and your role (%(role)s) "
                  "changes only your own records and unowned ones.", role=role))
    if kind == "user":
        return (_("You may not change this user: it belongs to another user, and your role (%(role)s) changes "
                  "only your team's records and unowned ones.", role=role) if team else
                _("You may not change this user: it belongs to another user, and your role (%(role)s) changes "
                  "only your own records and unowned ones.", role=role))
    if kind == "campaign":
        return (_("You may not change this campaign: it belongs to another user, and your role (%(role)s) changes "
                  "only your team's records and unowned ones.", role=role) if team else
                _("You may not change this campaign: it belongs to another user, and your role (%(role)s) changes "
                  "only your own records and unowned ones.", role=role))
    return (_("You may not change this record: it belongs to another user, and your role (%(role)s) changes "
              "only your team's records and unowned ones.", role=role) if team else
            _("You may not change this record: it belongs to another user, and your role (%(role)s) changes "
              "only your own records and unowned ones.", role=role))


# How our own values of a relationship's role read in a sentence (an org's own values read as they are).
# Keys are the stored values; the labels translate when shown.
CONTACT_ROLE_LABELS = {
    "Decision Maker": _l("Decision Maker"), "Economic Buyer": _l("Economic Buyer"),
    "Economic Decision Maker": _l("Economic Decision Maker"), "Technical Buyer": _l("Technical Buyer"),
    "Evaluator": _l("Evaluator"), "Influencer": _l("Influencer"), "Executive Sponsor": _l("Executive Sponsor"),
    "Business User": _l("Business User"), "Other": _l("Other"),
}
BOARD_ROLE_LABELS = {"member": _l("member"), "chair": _l("chair"), "vice_chair": _l("vice chair"),
                     "secretary": _l("secretary"), "delegate": _l("delegate")}
PARTNER_ROLE_LABELS = {"reseller": _l("reseller"), "supplier": _l("supplier"), "consultant": _l("consultant"),
                       "integrator": _l("integrator"), "distributor": _l("distributor"), "vendor": _l("vendor"),
                       "other": _l("other")}


def role_label(labels: dict, value: str | None) -> str:
    """The shown text of a stored role value: ours translated, an org's own as it is."""
    label = labels.get(value)
    return str(label) if label is not None else (value or "")


assert set(CONTACT_ROLE_LABELS) == set(DEFAULT_CONTACT_ROLES)
assert set(BOARD_ROLE_LABELS) == set(BOARD_ROLES) and set(PARTNER_ROLE_LABELS) == set(PARTNER_ROLES)


# Our own stored values as people read them (an org's imported values are shown as they are). The
# English is what the pages always showed: the value with spaces for underscores.
VALUE_LABELS = {
    # person status and why inactive
    "active": _l("active"), "inactive": _l("inactive"), "lead": _l("lead"),
    "left_company": _l("left company"), "email_bounced": _l("email bounced"), "retired": _l("retired"),
    "deceased": _l("deceased"), "do_not_contact": _l("do not contact"),
    # account types
    "customer": _l("customer"), "prospect": _l("prospect"), "supplier": _l("supplier"), "partner": _l("partner"),
    "competitor": _l("competitor"), "other": _l("other"),
    # user roles
    "admin": _l("admin"), "manager": _l("manager"), "rep": _l("rep"), "viewer": _l("viewer"),
    # the standard opportunity stages
    "Prospecting": _l("Prospecting"), "Qualification": _l("Qualification"), "Needs Analysis": _l("Needs Analysis"),
    "Value Proposition": _l("Value Proposition"), "Id. Decision Makers": _l("Id. Decision Makers"),
    "Perception Analysis": _l("Perception Analysis"), "Proposal/Price Quote": _l("Proposal/Price Quote"),
    "Negotiation/Review": _l("Negotiation/Review"), "Closed Won": _l("Closed Won"), "Closed Lost": _l("Closed Lost"),
    # activity kinds
    "meeting": _l("meeting"), "call": _l("call"), "email": _l("email"), "event": _l("event"), "note": _l("note"),
    # campaign and member statuses
    "planned": _l("planned"), "in_progress": _l("in progress"), "completed": _l("completed"),
    "aborted": _l("aborted"), "sent": _l("sent"), "opened": _l("opened"), "responded": _l("responded"),
    "bounced": _l("bounced"), "unsubscribed": _l("unsubscribed"),
    # touchpoint target states
    "met": _l("met"), "on_track": _l("on track"), "at_risk": _l("at risk"), "missed": _l("missed"),
    # relationship types
    "EMPLOYS": _l("employs"), "BOARD_MEMBER": _l("board member"), "CONTACT_ROLE": _l("contact role"),
    "WORKED_AT": _l("worked at"), "OWNS": _l("owns"), "HAS_OPPORTUNITY": _l("has opportunity"),
    "PARTNER_OF": _l("partner of"), "KNOWS": _l("knows"), "REPORTS_TO": _l("reports to"),
    "MEMBER_OF": _l("member of"), "LOGGED": _l("logged"), "WITH": _l("with"),
    **CONTACT_ROLE_LABELS, **{k: v for k, v in BOARD_ROLE_LABELS.items() if k != "member"},
    "member": _l("member"), **PARTNER_ROLE_LABELS,
}


def value_label(value) -> str:
    """A stored value as the reader reads it: ours translated, anything else with spaces for underscores."""
    if value is None:
        return ""
    label = VALUE_LABELS.get(value) if isinstance(value, str) else None
    return str(label) if label is not None else str(value).replace("_", " ")


assert {*ACCOUNT_TYPES, *OPPORTUNITY_STAGES, *ACTIVITY_KINDS, *CAMPAIGN_STATUSES, *MEMBER_STATUSES, *INACTIVE_REASONS,
        *PERSON_STATUSES, *USER_ROLES} <= set(VALUE_LABELS)
