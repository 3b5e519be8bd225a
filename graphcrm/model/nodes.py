"""What every node has: an app-generated id, the key lists sort by, and properties fit to leave the app."""
from __future__ import annotations

import uuid

from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.collation import fold

# Properties that never leave the capability layer.
INTERNAL = frozenset({"sort_key", "password_hash", "_lock", "custom_text"})


def new_id() -> str:
    """Return a fresh app id."""
    return str(uuid.uuid4())


def sort_key(label: Label, props: dict) -> str:
    """Return the folded key lists are ordered and filtered by (last name first for people; Ä with A)."""
    if label is Label.PERSON:
        return fold(f"{props.get('last_name') or ''} {props.get('first_name') or ''}")
    return fold(props.get("name"))


def display_name(props: dict | None, fallback: str | None = None) -> str:
    """Return what a record is called: a person's first and last name, else its name, else `fallback` ("(unnamed)")."""
    if fallback is None:
        fallback = _("(unnamed)")
    if not props:
        return fallback
    person = " ".join(str(p) for p in (props.get("first_name"), props.get("last_name")) if p)
    return person or (str(props["name"]) if props.get("name") else "") or fallback


# Fields an import kept beyond the model (Salesforce custom fields: "sf:Gender__c"), by their API name.
CUSTOM_PREFIX = "sf:"


def public(node: dict | None) -> dict | None:
    """Return a node's properties without internal ones; kept Salesforce fields go under "custom"."""
    if node is None:
        return None
    out = {k: v for k, v in node.items() if k not in INTERNAL and not k.startswith(CUSTOM_PREFIX)}
    custom = {k[len(CUSTOM_PREFIX):]: v for k, v in node.items() if k.startswith(CUSTOM_PREFIX)}
    if custom:
        out["custom"] = dict(sorted(custom.items()))
    return out
