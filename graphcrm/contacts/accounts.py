"""Accounts for the pages: people grouped by relationship, deals, partners; creating one."""
from __future__ import annotations

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.contacts.orgchart import org_chart
from graphcrm.contacts.people import CAP, capped, section
from graphcrm.errors import NotFound
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.model.nodes import public
from graphcrm.records import crud as records
from graphcrm.records import relationships
from graphcrm.store.db import Database, Tx


def account_detail(db: Database, account_id: str, cap: int = CAP, *, access: Access) -> dict:
    """Return an account with owner, people by relationship, org chart, deals and partners; raise NotFound.

    People the viewer may not see are left out of the lists; each list's `hidden` counts them.
    """
    return db.read_tx(_account_detail, account_id, cap, access)


def _account_detail(tx: Tx, account_id: str, cap: int, access: Access) -> dict:
    # Two statements in one transaction: the account with its lists, then its org chart.
    row = tx.one("accounts/detail", id=account_id, cap=cap, **record_access.visibility(access))
    if row is None:
        raise NotFound(_("No account with id %(id)s", id=account_id))
    owner_id = (row["owner"] or {}).get("id")
    return {
        "account": public(row["account"]),
        "owner": row["owner"],
        "can_edit": access.may_edit(owner_id),
        **{name: {**capped(row[name]), "hidden": row[name]["hidden"]} for name in ("employees", "board", "former")},
        **{name: capped(row[name]) for name in ("placeholders", "opportunities", "partners")},
        "org_chart": org_chart(tx, account_id, cap, access=access),
    }


def owned_accounts(db: Database, user_id: str, cap: int = 25) -> dict:
    """Return the accounts a user owns, most recently changed first, capped."""
    return section(db, "accounts/owned", user=user_id, cap=cap)


def accounts_named(db: Database, name: str, limit: int = 5) -> list[dict]:
    """Return the accounts whose name is exactly `name` (ignoring case and outer spaces)."""
    key = (name or "").strip().lower()
    if not key:
        return []
    return [r["account"] for r in db.read("accounts/by_name", key=key, limit=limit)]


def create_account(db: Database, data: dict, *, owner_id: str, address: str = "sie",
                   by: str | None = None, access: Access) -> dict:
    """Create an account owned by `owner_id` (any writer may); deleted again if the owner cannot be linked."""
    account = records.create(db, Label.ACCOUNT, data, by=by, access=access)
    # The creator's right to create was checked; giving the new account its owner and taking it back
    # when that fails are graphcrm's own steps, not a claim by the creator.
    try:
        relationships.link(db, {"type": RelType.OWNS.value, "from": owner_id, "to": account["id"],
                                "properties": {"address": address}}, by=by, access=Access.system())
    except Exception:
        records.delete(db, Label.ACCOUNT, account["id"], access=Access.system())
        raise
    return account
