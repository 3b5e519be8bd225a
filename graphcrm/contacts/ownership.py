"""Owners: every person and account has exactly one, who addresses the contact with du or Sie."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator
from pydantic import Field as PydanticField

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import Forbidden, Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.model.schema import Body, RecordId
from graphcrm.records import relationships
from graphcrm.store.db import Database, Tx

KINDS = ("person", "account")


def _kinds(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or any(k not in KINDS for k in value):
        raise ValueError(_("must be a list of person, account"))
    return tuple(dict.fromkeys(value))


Kinds = Annotated[tuple[str, ...], BeforeValidator(_kinds)]


class OwnerBody(Body):
    """`{"user", "address"}`: the new owner and how they address the contact (default Sie)."""

    user: RecordId
    address: Literal["du", "sie"] | None = None


class ReassignBody(Body):
    """`{"from", "to", "kinds"}`: move every record of one owner to another."""

    from_: RecordId = PydanticField(alias="from")
    to: RecordId
    kinds: Kinds = KINDS


def set_owner(db: Database, record_id: str, body: dict, *, by: str | None = None,
              access: Access) -> dict:
    """Make `body["user"]` the one owner of a person or account, addressing them `body["address"]`.

    Only a viewer who may edit the record may give it away (else Forbidden).
    """
    record_access.require_writer(access)
    checked = OwnerBody.check(body)
    record_access.check_edit(db, access, record_id)
    if relationships.label_by_id(db, checked.user) is not Label.USER:
        raise Invalid(_("The owner must be a CRM user"), {"user": _("is not a user")})
    # With the viewer's access, so that a rep's claim of an unowned record is marked and audited.
    return relationships.link(db, {"type": RelType.OWNS.value, "from": checked.user, "to": record_id,
                                   "properties": {"address": checked.address or "sie"}}, by=by, access=access)


def reassign_all(db: Database, body: dict, *, by: str | None = None, access: Access) -> dict:
    """Move every record of one owner to another (a rep leaves), with history; one transaction.

    Admins move anyone's records; a manager only between users of their team; nobody else.
    """
    if not (access.is_admin or (access.role == "manager" and access.can_write)):
        raise Forbidden(_("Only admins and managers reassign owners in bulk."))
    checked = ReassignBody.check(body)
    if checked.from_ == checked.to:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields="to"), {"to": _("must differ from from")})
    return db.write_tx(_reassign, checked.from_, checked.to, list(checked.kinds), by, access)


def _reassign(tx: Tx, source: str, target: str, kinds: list[str], by: str | None, access: Access) -> dict:
    for key, user_id in (("from", source), ("to", target)):
        if tx.one("contacts/user_name", id=user_id) is None:
            raise NotFound(_("No user with id %(id)s", id=user_id), {key: _("is not a user")})
    if not (access.manages(source) and access.manages(target)):
        raise Forbidden(_("Managers reassign records only between users of their own team."))
    moved = tx.one("contacts/reassign_owner", **{"from": source, "to": target}, kinds=kinds, by=by)["moved"]
    return {"moved": moved}
