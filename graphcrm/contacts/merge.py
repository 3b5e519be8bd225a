"""Placeholders ("Info Kontakt") and duplicates: create, find, and merge into a real person."""
from __future__ import annotations

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.model.nodes import display_name, new_id, public
from graphcrm.model.schema import Body, RecordId
from graphcrm.records.relationships import REPEATABLE
from graphcrm.store.db import Database, Tx

# Properties that identify or describe the record itself and are never copied from a duplicate.
_NOT_COPIED = frozenset({"id", "sf_id", "created_at", "updated_at", "version", "sort_key", "placeholder",
                         "status", "inactive_reason", "inactive_since", "first_name", "last_name"})
# Every relationship type a person can have; merge moves each of them.
_PERSON_TYPES = (RelType.EMPLOYS, RelType.BOARD_MEMBER, RelType.CONTACT_ROLE, RelType.WORKED_AT, RelType.OWNS,
                 RelType.KNOWS, RelType.REPORTS_TO, RelType.MEMBER_OF, RelType.WITH, RelType.CHANGED,
                 RelType.HAS_TARGET)


class MergeBody(Body):
    """`{"into"}`: the person who stays."""

    into: RecordId


def create_placeholder(db: Database, account_id: str, *, access: Access) -> dict:
    """Create an "Info Kontakt" at an account the viewer may edit, with the account's info@ address."""
    record_access.check_edit(db, access, account_id)
    account = db.read_one("records/get", {"label": Label.ACCOUNT}, id=account_id)
    if account is None:
        raise NotFound(_("No account with id %(id)s", id=account_id))
    row = db.write_one("contacts/create_placeholder", account=account_id, id=new_id(),
                       email=info_address(account["node"]))
    return public(row["person"])


def info_address(account: dict) -> str | None:
    """Return info@<domain> from the account's website or e-mail, or None."""
    if account.get("email") and "@" in account["email"]:
        return "info@" + account["email"].split("@", 1)[1].lower()
    website = (account.get("website") or "").lower()
    host = website.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return f"info@{host}" if "." in host else None


def duplicates(db: Database, limit: int = 100, *, access: Access) -> dict:
    """List duplicate candidates among the people the viewer may see: the same e-mail, or name at an account."""
    rows = db.read("contacts/duplicates", limit=limit + 1, **record_access.visibility(access))
    return {"items": rows[:limit], "truncated": len(rows) > limit}


def merge(db: Database, duplicate_id: str, body: dict, *, by: str | None = None,
          access: Access) -> dict:
    """Merge a placeholder or duplicate into `body["into"]`: every relationship, activity and history entry moves.

    The viewer must be allowed to edit both people (else Forbidden).
    """
    record_access.require_writer(access)
    into = MergeBody.check(body).into
    if into == duplicate_id:
        raise Invalid(_("A person cannot be merged into itself"), {"into": _("must differ from the merged person")})
    record_access.check_change(db, access, changed=[duplicate_id, into])
    return record_access.shown(db, access, db.write_tx(_merge, duplicate_id, into, by))


def merge_people(db: Database, duplicate_id: str, keep_id: str, *, by: str | None = None) -> dict:
    """Merge one person into another with no permission check: for the Salesforce import (an admin's act)."""
    return db.write_tx(_merge, duplicate_id, keep_id, by)


def _context(tx: Tx, person_id: str, key: str) -> dict:
    row = tx.one("contacts/merge_context", id=person_id)
    if row is None:
        raise NotFound(_("No person with id %(id)s", id=person_id), {key: _("no such person")})
    return row


def _merge(tx: Tx, dup_id: str, keep_id: str, by: str | None) -> dict:
    dup, keep = _context(tx, dup_id, "id"), _context(tx, keep_id, "into")
    for rel in _PERSON_TYPES:
        out = "contacts/merge_out_repeatable" if rel in REPEATABLE else "contacts/merge_out"
        tx.run(out, {"type": rel}, dup=dup_id, keep=keep_id)
        tx.run("contacts/merge_in", {"type": rel}, dup=dup_id, keep=keep_id)
    tx.run("contacts/merge_fixups", keep=keep_id, own_accounts=keep["accounts"], own_owner=keep["owner"])
    fill = {k: v for k, v in dup["person"].items()
            if k not in _NOT_COPIED and not k.startswith("_") and keep["person"].get(k) is None
            and not (dup["person"].get("placeholder") and k == "email")}
    label = display_name(dup["person"], "")
    tx.run("records/record_changes", {"label": Label.PERSON}, id=keep_id, by=by, changes=[
        {"id": new_id(), "field": "merged", "old": f"{label} ({dup_id})", "new": None}])
    tx.run("contacts/delete_person", id=dup_id)
    if dup["person"].get("sf_id") and not keep["person"].get("sf_id"):
        fill["sf_id"] = dup["person"]["sf_id"]
    return public(tx.one("contacts/set_status", id=keep_id, props=fill)["person"])
