"""Typed relationships of the model: link and unlink records, with the model's rules."""
from __future__ import annotations

import functools
from typing import Any

from pydantic import Field as PydanticField

from graphcrm.access import audit
from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import Conflict, Forbidden, Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import API_REL_TYPES, REL_SPECS, Label, RelType
from graphcrm.model.nodes import new_id
from graphcrm.model.schema import Body, RecordId, clean
from graphcrm.records import picklists
from graphcrm.store.db import Database, Tx

# Types of which two records may have several, one per period (since, until).
REPEATABLE = {RelType.WORKED_AT, RelType.BOARD_MEMBER}
# Links a record holds one of, kept in its field history: field name and the statement listing holders.
HELD = {RelType.OWNS: ("owner", "relationships/owners"),
        RelType.EMPLOYS: ("primary_account", "relationships/primary_employers")}


def parse_type(value) -> RelType:
    """Return the relationship type named by user input, refusing any type not in the model."""
    if isinstance(value, str):
        for rel in API_REL_TYPES:
            if rel.value == value:
                return rel
    raise Invalid(_("type is not a relationship type of the model"),
                  {"type": _("must be one of %(expected)s", expected=", ".join(r.value for r in API_REL_TYPES))})


def label_by_id(db: Database | Tx, record_id) -> Label | None:
    """Return the label of the record with this id, or None."""
    if not isinstance(record_id, str) or not record_id:
        return None
    row = db.one("records/kind_of", id=record_id)
    if row is None:
        return None
    return next((lab for lab in Label if lab.value in row["labels"]), None)


def contact_roles(db: Database | Tx) -> list[str]:
    """Return the contact roles in use: Salesforce's defaults plus any the org brought along."""
    return picklists.values(db, "contact_role")


class LinkBody(Body):
    """`{"type", "from", "to", "properties"}`: a relationship of the model between two records."""

    type: Any = None
    from_: RecordId = PydanticField(alias="from")
    to: RecordId
    properties: dict[str, Any] | None = None


class UnlinkBody(Body):
    """`{"type", "from", "to"}`: the relationships of one type between two records."""

    type: Any = None
    from_: RecordId = PydanticField(alias="from")
    to: RecordId


def _check_body(body, model: type[Body]) -> tuple[Body, RelType]:
    """Check the shape of a relationships body and its type; every bad key is named at once."""
    errors = {}
    try:
        checked = model.check(body)
    except Invalid as exc:
        checked, errors = None, dict(exc.fields)
    try:
        rel = parse_type(body.get("type") if isinstance(body, dict) else None)
    except Invalid as exc:
        rel, errors = None, {**exc.fields, **errors}
    if not errors and checked.from_ == checked.to:
        errors["to"] = _("must differ from from: a record cannot be related to itself")
    if errors:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    return checked, rel


def _ends(tx: Tx, rel: RelType, source: str, target: str) -> tuple[Label, Label]:
    """Find both records and check the type may join their labels."""
    ids = {"from": source, "to": target}
    labels = {key: label_by_id(tx, record_id) for key, record_id in ids.items()}
    missing = {key: _("no such record") for key, label in labels.items() if label is None}
    if missing:
        if len(missing) == 2:
            raise NotFound(_("No record with id %(id)s or %(other)s", id=source, other=target), missing)
        raise NotFound(_("No record with id %(id)s", id=ids[next(iter(missing))]), missing)
    pair = (labels["from"], labels["to"])
    if pair not in REL_SPECS[rel].ends:
        allowed = functools.reduce(lambda first, second: _("%(first)s or %(second)s", first=first, second=second),
                                   (f"{a.value} -> {b.value}" for a, b in REL_SPECS[rel].ends))
        problem = _("%(type)s joins %(allowed)s, not %(pair)s", type=rel.value, allowed=allowed,
                    pair=pair[0].value + " -> " + pair[1].value)
        raise Invalid(problem, {"type": problem})
    return pair


def check_change(db: Database, access: Access, rel: RelType, source: str, target: str) -> dict:
    """Refuse a link or unlink the viewer may not make; return the properties the change adds.

    A link changes the meaning of the ends its type names (RelSpec.changes): the viewer must be
    allowed to edit each of them and to see the other. Ownership is a change of the owned record
    (record_access.check_owner_change: a rep's claim is marked); reporting lines between users
    shape teams, so only admins change them.
    """
    if access.is_system:
        return {"claimed": None} if rel is RelType.OWNS else {}
    record_access.require_writer(access)
    if rel is RelType.OWNS:
        record_access.check_visible(db, access, source)
        return record_access.check_owner_change(db, access, target)
    if rel is RelType.REPORTS_TO and "User" in (record_access.owner_of(db, source)[0],
                                              record_access.owner_of(db, target)[0]):
        if not access.is_admin:
            raise Forbidden(_("Only admins change who reports to whom among users."))
        return {}
    ends = {"from": source, "to": target}
    changed = REL_SPECS[rel].changes
    record_access.check_change(db, access, changed=[ends[e] for e in changed],
                               seen=[ends[e] for e in ends if e not in changed])
    return {}


def link(db: Database, body, *, by: str | None = None, access: Access) -> dict:
    """Create (or update) a relationship from an API body in its own transaction; return it."""
    record_access.require_writer(access)
    rel, source, target, props = _check_link(body)
    props.update(check_change(db, access, rel, source, target))
    row = db.write_tx(_link, rel, source, target, props, by)
    if props.get("claimed"):
        audit.note(db, "claim", by, f"{source} claimed {target}")
    if rel is RelType.EMPLOYS and props.get("primary"):
        # A person without an address of their own is placed where their primary account is.
        from graphcrm.places import geocode_record

        geocode_record(db, Label.PERSON, target)
    return row


def link_in(tx: Tx, body, *, by: str | None = None) -> dict:
    """Like `link`, inside a caller's transaction (so a create-and-link is one step)."""
    return _link(tx, *_check_link(body), by)


def _check_link(body) -> tuple[RelType, str, str, dict]:
    checked, rel = _check_body(body, LinkBody)
    props = clean(REL_SPECS[rel].fields, checked.properties or {}, where="properties")
    return rel, checked.from_, checked.to, {k: v for k, v in props.items() if v is not None}


def _link(tx: Tx, rel: RelType, source: str, target: str, props: dict, by: str | None) -> dict:
    labels = _ends(tx, rel, source, target)
    # Locking the target first makes concurrent links to it take turns, so "one owner", "one primary
    # account" and "one primary contact" hold: each sees what the one before it wrote.
    tx.run("records/lock", {"label": labels[1]}, id=target)
    if rel is RelType.CONTACT_ROLE:
        _check_contact_role(tx, source, target, props)
    if rel is RelType.HAS_OPPORTUNITY:
        _check_one_account(tx, source, target)
    if rel is RelType.MEMBER_OF:
        picklists.check_value(tx, "member_status", props.get("status"), "properties.status")
    before = _holders(tx, rel, target, labels[1])
    row = _write_link(tx, rel, labels, source, target, props)
    _record_holder_change(tx, rel, target, labels[1], before, by)
    return row


def _write_link(tx: Tx, rel: RelType, labels: tuple[Label, Label], source: str, target: str, props: dict) -> dict:
    """Clear what the new link replaces, then create or update it."""
    ends = {"from": source, "to": target}
    if rel is RelType.OWNS:
        tx.run("relationships/clear_owner", {"label": labels[1]}, **ends)
    if rel is RelType.EMPLOYS and props.get("primary"):
        tx.run("relationships/clear_primary_employer", **ends)
    names = {"type": rel, "from_label": labels[0], "to_label": labels[1]}
    if rel in REPEATABLE:
        return tx.one("relationships/merge_period", names, props=props, since=props.get("since"),
                      until=props.get("until"), **ends)
    return tx.one("relationships/merge", names, props=props, **ends)


def _check_contact_role(tx: Tx, source: str, target: str, props: dict) -> None:
    roles = contact_roles(tx)
    if props.get("role") not in roles:
        raise Invalid(_("role is not a configured contact role"),
                      {"properties.role": _("must be one of %(expected)s", expected=", ".join(roles))})
    if props.get("primary") and tx.one("relationships/other_primary_role", **{"from": source, "to": target}):
        raise Conflict(_("This opportunity has a primary contact already; unset it first."),
                       {"properties.primary": _("another contact is primary")})


def _check_one_account(tx: Tx, account: str, opportunity: str) -> None:
    """A deal has exactly one account, whose owner owns the deal: a second one is refused."""
    row = tx.one("relationships/deal_account", id=opportunity)
    if row is not None and row["account"]["id"] != account:
        raise Conflict(_("This opportunity belongs to %(account)s already; a deal has one account. "
                         "Unlink it there first.", account=row["account"]["name"]),
                       {"from": _("the opportunity has another account")})


def _holders(tx: Tx, rel: RelType, target: str, to_label: Label) -> list[dict] | None:
    """The target's owners or primary accounts (id, name), for the types kept in field history."""
    if rel not in HELD:
        return None
    return tx.run(HELD[rel][1], {"label": to_label}, to=target)


def _record_holder_change(tx: Tx, rel: RelType, target: str, to_label: Label, before: list[dict] | None,
                          by: str | None) -> None:
    """Add a Change to the target's history when its owner or primary account changed."""
    if before is None:
        return
    after = _holders(tx, rel, target, to_label)
    if {h["id"] for h in before} == {h["id"] for h in after}:
        return
    change = {"id": new_id(), "field": HELD[rel][0], "old": _names(before), "new": _names(after)}
    tx.run("records/record_changes", {"label": to_label}, id=target, changes=[change], by=by)


def _names(holders: list[dict]) -> str | None:
    return ", ".join(sorted(h["name"] or h["id"] for h in holders)) or None


def unlink(db: Database, body, *, by: str | None = None, access: Access) -> int:
    """Delete the relationships of one type between two records; return how many."""
    record_access.require_writer(access)
    checked, rel = _check_body(body, UnlinkBody)
    source, target = checked.from_, checked.to
    check_change(db, access, rel, source, target)
    return db.write_tx(_unlink, rel, source, target, by)


def _unlink(tx: Tx, rel: RelType, source: str, target: str, by: str | None) -> int:
    from_label, to_label = _ends(tx, rel, source, target)
    tx.run("records/lock", {"label": to_label}, id=target)
    names = {"type": rel, "from_label": from_label, "to_label": to_label}
    before = _holders(tx, rel, target, to_label)
    deleted = tx.one("relationships/delete", names, **{"from": source, "to": target})["deleted"]
    if not deleted:
        raise NotFound(_("No %(type)s relationship from %(source)s to %(target)s", type=rel.value, source=source,
                         target=target))
    _record_holder_change(tx, rel, target, to_label, before, by)
    return deleted
