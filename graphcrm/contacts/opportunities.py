"""Deals for the pages: account and buying committee grouped by role; creating one."""
from __future__ import annotations

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.contacts.people import CAP, section
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.model.nodes import public
from graphcrm.records import crud as records
from graphcrm.records import relationships
from graphcrm.store.db import Database, Tx


def opportunity_detail(db: Database, opportunity_id: str, cap: int = CAP, *, access: Access) -> dict:
    """Return a deal with its account, contact roles grouped by role and the roles nobody covers.

    Contacts the viewer may not see are left out; `can_edit` follows the owner of the deal's account.
    """
    return db.read_tx(_opportunity_detail, opportunity_id, cap, access)


def _opportunity_detail(tx: Tx, opportunity_id: str, cap: int, access: Access) -> dict:
    row = tx.one("opportunities/get", id=opportunity_id)
    if row is None:
        raise NotFound(_("No opportunity with id %(id)s", id=opportunity_id))
    contacts = section(tx, "opportunities/contacts", id=opportunity_id, cap=cap, **record_access.visibility(access))
    _label, owner_id = record_access.owner_of(tx, opportunity_id)
    roles = relationships.contact_roles(tx)
    return {
        "opportunity": public(row["opportunity"]),
        "account": row["account"],
        "can_edit": access.may_edit(owner_id),
        "contacts": contacts,
        "roles": roles,
        "by_role": group_by_role(contacts["items"], roles),
        # "Other" is no buying role, so it is never reported missing.
        "uncovered": [r for r in roles if r != "Other" and not any(
            c["rel"].get("role") == r for c in contacts["items"])],
    }


def group_by_role(contacts: list[dict], roles: list[str]) -> list[dict]:
    """Group contact-role rows as `[{"role", "contacts"}]` in the configured role order."""
    groups: dict[str, list[dict]] = {}
    for contact in contacts:
        groups.setdefault(contact["rel"].get("role") or "Other", []).append(contact)
    order = {role: i for i, role in enumerate(roles)}
    ranked = sorted(groups, key=lambda r: (order.get(r, len(order)), r))
    return [{"role": role, "contacts": groups[role]} for role in ranked]


def create_opportunity(db: Database, data: dict, *, account_id: str | None = None,
                       by: str | None = None, access: Access) -> dict:
    """Create a deal at `account_id`, which the viewer must be allowed to edit (the deal is theirs then).

    One transaction: an account that cannot be linked leaves nothing behind.
    """
    record_access.require_writer(access)
    if isinstance(data, dict) and "account" in data:
        # The API names the account in the body, as Salesforce's Opportunity.AccountId.
        data = dict(data)
        given = data.pop("account")
        if given is not None and (not isinstance(given, str) or not given.strip() or len(given) > 100):
            raise Invalid(_("Some fields are not valid: %(fields)s", fields="account"),
                          {"account": _("must be an account id")})
        account_id = account_id or (given or "").strip() or None
    props = records.prepare(Label.OPPORTUNITY, data)
    if account_id:
        if relationships.label_by_id(db, account_id) is not Label.ACCOUNT:
            raise Invalid(_("Some fields are not valid: %(fields)s", fields="account"),
                          {"account": _("is not an account")})
        record_access.check_edit(db, access, account_id)
    return public(db.write_tx(_create_opportunity, props, account_id, by))


def _create_opportunity(tx: Tx, props: dict, account_id: str | None, by: str | None) -> dict:
    node = records.create_in(tx, Label.OPPORTUNITY, props)
    if account_id:
        relationships.link_in(tx, {"type": RelType.HAS_OPPORTUNITY.value, "from": account_id, "to": node["id"]},
                              by=by)
    return node
