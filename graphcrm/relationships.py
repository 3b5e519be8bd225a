"""Typed relationships of the model: link and unlink records, with the model's rules."""
from __future__ import annotations

from .db import Database, Tx
from .errors import Conflict, Invalid, NotFound
from .model import API_REL_TYPES, DEFAULT_CONTACT_ROLES, REL_SPECS, Label, RelType
from .records import new_id
from .validation import clean

# Types of which two records may have several, one per period.
REPEATABLE = {RelType.WORKED_AT, RelType.BOARD_MEMBER}


def parse_type(value) -> RelType:
    """Return the relationship type named by user input, refusing any type not in the model."""
    if isinstance(value, str):
        for rel in API_REL_TYPES:
            if rel.value == value:
                return rel
    raise Invalid("type is not a relationship type of the model",
                  {"type": "must be one of " + ", ".join(r.value for r in API_REL_TYPES)})


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
    row = db.one("relationships/contact_roles")
    extra = [r for r in (row or {}).get("values") or [] if r not in DEFAULT_CONTACT_ROLES]
    return [*DEFAULT_CONTACT_ROLES, *extra]


def _check_body(body) -> tuple[RelType, str, str]:
    if not isinstance(body, dict):
        raise Invalid("body must be a JSON object", {"body": "must be an object"})
    rel = parse_type(body.get("type"))
    errors = {}
    for key in ("from", "to"):
        if not isinstance(body.get(key), str) or not body[key]:
            errors[key] = "must be a record id"
    if errors:
        raise Invalid("from and to must be record ids", errors)
    if body["from"] == body["to"]:
        raise Invalid("a record cannot be related to itself", {"to": "must differ from from"})
    return rel, body["from"], body["to"]


def _ends(tx: Tx, rel: RelType, source: str, target: str) -> tuple[Label, Label]:
    """Find both records and check the type may join their labels."""
    labels = []
    for key, record_id in (("from", source), ("to", target)):
        label = label_by_id(tx, record_id)
        if label is None:
            raise NotFound(f"No record with id {record_id}", {key: "no such record"})
        labels.append(label)
    pair = (labels[0], labels[1])
    if pair not in REL_SPECS[rel].ends:
        allowed = " or ".join(f"{a.value} -> {b.value}" for a, b in REL_SPECS[rel].ends)
        raise Invalid(f"{rel.value} joins {allowed}, not {pair[0].value} -> {pair[1].value}",
                      {"type": f"{rel.value} joins {allowed}"})
    return pair


def link(db: Database, body, *, by: str | None = None) -> dict:
    """Create (or update) a relationship from an API body; return it."""
    rel, source, target = _check_body(body)
    props = clean(REL_SPECS[rel].fields, body.get("properties") or {}, where="properties")
    return db.write_tx(_link, rel, source, target, {k: v for k, v in props.items() if v is not None}, by)


def _link(tx: Tx, rel: RelType, source: str, target: str, props: dict, by: str | None) -> dict:
    from_label, to_label = _ends(tx, rel, source, target)
    if rel is RelType.CONTACT_ROLE:
        if props.get("role") not in contact_roles(tx):
            raise Invalid("role is not a configured contact role",
                          {"properties.role": "must be one of " + ", ".join(contact_roles(tx))})
        if props.get("primary") and tx.one("relationships/other_primary_role", **{"from": source, "to": target}):
            raise Conflict("This opportunity has a primary contact already; unset it first.",
                           {"properties.primary": "another contact is primary"})
    changes = []
    if rel is RelType.EMPLOYS and props.get("primary"):
        changes += [("primary_account", r["old"]) for r in
                    tx.run("relationships/clear_primary_employer", **{"from": source, "to": target})]
    if rel is RelType.OWNS:
        changes += [("owner", r["old"]) for r in tx.run("relationships/clear_owner", **{"from": source, "to": target})]
    names = {"type": rel, "from_label": from_label, "to_label": to_label}
    statement = "relationships/create" if rel in REPEATABLE else "relationships/merge"
    row = tx.one(statement, names, props=props, **{"from": source, "to": target})
    if changes and to_label in (Label.PERSON, Label.ACCOUNT):
        new = tx.one("records/get", {"label": from_label}, id=source)["node"].get("name")
        tx.run("records/record_changes", {"label": to_label}, id=target, by=by,
               changes=[{"id": new_id(), "field": f, "old": old, "new": new} for f, old in changes])
    return row


def unlink(db: Database, body) -> int:
    """Delete relationships of one type between two records; return how many."""
    rel, source, target = _check_body(body)
    return db.write_tx(_unlink, rel, source, target)


def _unlink(tx: Tx, rel: RelType, source: str, target: str) -> int:
    from_label, to_label = _ends(tx, rel, source, target)
    names = {"type": rel, "from_label": from_label, "to_label": to_label}
    deleted = tx.one("relationships/delete", names, **{"from": source, "to": target})["deleted"]
    if not deleted:
        raise NotFound(f"No {rel.value} relationship from {source} to {target}")
    return deleted
