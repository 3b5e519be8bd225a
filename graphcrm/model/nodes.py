"""What every node has: an app-generated id, the key lists sort by, and properties fit to leave the app."""
from __future__ import annotations

import uuid

from graphcrm.model import Label

# Properties that never leave the capability layer.
INTERNAL = frozenset({"sort_key", "password_hash", "_lock"})


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
