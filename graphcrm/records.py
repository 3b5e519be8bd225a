"""Create, read, update, delete and list the model's records: people, accounts, deals, campaigns."""
from __future__ import annotations

import base64
import json
import uuid
from typing import Any

from .db import Database, Tx
from .errors import Conflict, Invalid, NotFound
from .model import KIND_LABELS, NODE_FIELDS, Label
from .validation import clean

# Fields whose every change is kept as a Change node (the field history of design.md).
TRACKED = {
    Label.PERSON: ("first_name", "last_name", "email", "phone", "mobile", "title", "department", "status",
                   "inactive_reason"),
    Label.ACCOUNT: ("name", "type", "phone", "email", "website"),
}
# Properties that never leave the capability layer.
INTERNAL = frozenset({"sort_key", "password_hash", "_lock"})
NOUNS = {Label.PERSON: "person", Label.ACCOUNT: "account", Label.OPPORTUNITY: "opportunity",
         Label.USER: "user", Label.CAMPAIGN: "campaign"}


def new_id() -> str:
    """Return a fresh app id."""
    return str(uuid.uuid4())


def sort_key(label: Label, props: dict) -> str:
    """Return the lower-case key lists are ordered and filtered by."""
    if label is Label.PERSON:
        return f"{props.get('last_name') or ''} {props.get('first_name') or ''}".strip().lower()
    return (props.get("name") or "").strip().lower()


def public(node: dict | None) -> dict | None:
    """Return a node's properties without internal ones."""
    if node is None:
        return None
    return {k: v for k, v in node.items() if k not in INTERNAL}


def label_of(kind: str) -> Label:
    """Map an API kind ("person") to its label, refusing anything else."""
    try:
        return KIND_LABELS[kind]
    except KeyError:
        raise Invalid(f"unknown kind {kind!r}", {"kind": "must be one of " + ", ".join(KIND_LABELS)}) from None


def create(db: Database, label: Label, data: dict, *, by: str | None = None) -> dict:
    """Validate and create one record; return it."""
    props = clean(NODE_FIELDS[label], data)
    if label is Label.PERSON:
        props.setdefault("status", "active")
        props.setdefault("placeholder", False)
    props["sort_key"] = sort_key(label, props)
    props = {k: v for k, v in props.items() if v is not None}
    row = db.write_one("records/create", {"label": label}, id=new_id(), props=props)
    return public(row["node"])


def get(db: Database, label: Label, record_id: str) -> dict:
    """Return one record, or raise NotFound."""
    row = db.read_one("records/get", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(f"No {NOUNS[label]} with id {record_id}")
    return public(row["node"])


def update(db: Database, label: Label, record_id: str, data: dict, *, by: str | None = None) -> dict:
    """Apply a PATCH; with `version` in data a stale version raises Conflict. Tracked changes are kept."""
    if not isinstance(data, dict):
        raise Invalid("body must be a JSON object", {"body": "must be an object"})
    data = dict(data)
    version = data.pop("version", None)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise Invalid("version must be a whole number", {"version": "must be a whole number"})
    props = clean(NODE_FIELDS[label], data, partial=True)
    return db.write_tx(_update, label, record_id, props, version, by)


def _update(tx: Tx, label: Label, record_id: str, props: dict, version: int | None, by: str | None) -> dict:
    row = tx.one("records/lock", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(f"No {NOUNS[label]} with id {record_id}")
    current = row["node"]
    if version is not None and current.get("version") != version:
        raise Conflict(f"This {NOUNS[label]} was changed by someone else (version {current.get('version')}, "
                       f"you sent {version}); reload and try again.", {"version": "is stale"})
    merged = {**current, **props}
    if "last_name" in props or "first_name" in props or "name" in props:
        props["sort_key"] = sort_key(label, merged)
    changes = [
        {"id": new_id(), "field": f, "old": _text(current.get(f)), "new": _text(props[f])}
        for f in TRACKED.get(label, ()) if f in props and current.get(f) != props[f]
    ]
    if changes:
        tx.run("records/record_changes", {"label": label}, id=record_id, changes=changes, by=by)
    return public(tx.one("records/update", {"label": label}, id=record_id, props=props)["node"])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def delete(db: Database, label: Label, record_id: str) -> None:
    """Delete one record with its relationships; an account that still has people is refused."""
    db.write_tx(_delete, label, record_id)


def _delete(tx: Tx, label: Label, record_id: str) -> None:
    if tx.one("records/lock", {"label": label}, id=record_id) is None:
        raise NotFound(f"No {NOUNS[label]} with id {record_id}")
    if label is Label.ACCOUNT:
        people = tx.one("records/count_people", id=record_id)["people"]
        if people:
            raise Conflict(f"This account still has {people} people; move or delete them first.",
                           {"id": "account still has people"})
    tx.run("records/delete", {"label": label}, id=record_id)


def list_records(db: Database, label: Label, *, limit: int = 50, cursor: str | None = None,
                 q: str | None = None, sf_id: str | None = None, status: str | None = None,
                 owner: str | None = None, account: str | None = None) -> dict:
    """Return one page `{"items", "next"}` in name order; `next` is the cursor of the following page."""
    after_key, after_id = decode_cursor(cursor)
    rows = db.read("records/list", {"label": label}, limit=limit + 1, after_key=after_key, after_id=after_id,
                   q=q.strip().lower() if q else None, sf_id=sf_id, status=status, owner=owner,
                   account=account)
    items = [public(r["node"]) for r in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]["node"]
        next_cursor = encode_cursor(last["sort_key"], last["id"])
    return {"items": items, "next": next_cursor}


def encode_cursor(key: str, record_id: str) -> str:
    """Return an opaque cursor for the position after (key, id)."""
    return base64.urlsafe_b64encode(json.dumps([key, record_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str | None, str | None]:
    """Decode a cursor, or raise Invalid naming the `cursor` parameter."""
    if not cursor:
        return None, None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, record_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if isinstance(key, str) and isinstance(record_id, str):
            return key, record_id
    except (ValueError, TypeError):
        pass
    raise Invalid("cursor is not one this API gave out", {"cursor": "is not valid"})
