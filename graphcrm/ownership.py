"""Owners: every person and account has exactly one, who addresses the contact with du or Sie."""
from __future__ import annotations

from . import record_access, relationships
from .db import Database, Tx
from .errors import Forbidden, Invalid, NotFound
from .model import ADDRESS_FORMS, Label, RelType
from .permissions import Access

KINDS = ("person", "account")


def set_owner(db: Database, record_id: str, body: dict, *, by: str | None = None,
              access: Access | None = None) -> dict:
    """Make `body["user"]` the one owner of a person or account, addressing them `body["address"]`.

    Only a viewer who may edit the record may give it away (else Forbidden).
    """
    record_access.check_edit(db, access, record_id)
    if not isinstance(body, dict):
        raise Invalid("body must be a JSON object", {"body": "must be an object"})
    errors = {}
    if not isinstance(body.get("user"), str) or not body["user"]:
        errors["user"] = "is required"
    address = body.get("address", "sie")
    if address not in ADDRESS_FORMS:
        errors["address"] = "must be du or sie"
    if errors:
        raise Invalid("Some fields are not valid: " + ", ".join(sorted(errors)), errors)
    if relationships.label_by_id(db, body["user"]) is not Label.USER:
        raise Invalid("The owner must be a CRM user", {"user": "is not a user"})
    return relationships.link(db, {"type": RelType.OWNS.value, "from": body["user"], "to": record_id,
                                   "properties": {"address": address}}, by=by)


def reassign_all(db: Database, body: dict, *, by: str | None = None, access: Access | None = None) -> dict:
    """Move every record of one owner to another (a rep leaves), with history; one transaction.

    Admins move anyone's records; a manager only between users of their team; nobody else.
    """
    if access is not None and not (access.is_admin or (access.role == "manager" and access.can_write)):
        raise Forbidden("Only admins and managers reassign owners in bulk.")
    if not isinstance(body, dict):
        raise Invalid("body must be a JSON object", {"body": "must be an object"})
    kinds = body.get("kinds", list(KINDS))
    errors = {}
    for key in ("from", "to"):
        if not isinstance(body.get(key), str) or not body[key]:
            errors[key] = "must be a user id"
    if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
        errors["kinds"] = "must be a list of person, account"
    if not errors and body["from"] == body["to"]:
        errors["to"] = "must differ from from"
    if errors:
        raise Invalid("Some fields are not valid: " + ", ".join(sorted(errors)), errors)
    return db.write_tx(_reassign, body["from"], body["to"], kinds, by, access)


def _reassign(tx: Tx, source: str, target: str, kinds: list[str], by: str | None, access: Access | None) -> dict:
    for key, user_id in (("from", source), ("to", target)):
        if tx.one("contacts/user_name", id=user_id) is None:
            raise NotFound(f"No user with id {user_id}", {key: "is not a user"})
    if access is not None and not (access.manages(source) and access.manages(target)):
        raise Forbidden("Managers reassign records only between users of their own team.")
    moved = tx.one("contacts/reassign_owner", **{"from": source, "to": target}, kinds=kinds, by=by)["moved"]
    return {"moved": moved}
