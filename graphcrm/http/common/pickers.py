"""Resolve what a picker field of a form holds (typed text plus the chosen id) to one record."""
from __future__ import annotations

from flask import g

from graphcrm.contacts.accounts import accounts_named
from graphcrm.contacts.people import people_named
from graphcrm.errors import NotFound
from graphcrm.http.common.context import get_db
from graphcrm.http.common.format import full_name
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.records import crud as records


def _chosen(label: Label, record_id: str) -> dict | None:
    try:
        return records.get(get_db(), label, record_id, access=g.access) if record_id else None
    except NotFound:
        return None


def pick_account(values: dict, key: str = "account") -> tuple[dict | None, str | None]:
    """Resolve the account typed in a form (or chosen from the list) to one account, or say why not."""
    name = (values.get(key) or "").strip()
    if not name:
        return None, None
    chosen = _chosen(Label.ACCOUNT, values.get(f"{key}_id") or "")
    # The id counts only while the text still names it: the user may have typed something else since.
    if chosen and chosen["name"].strip().lower() == name.split(" · ", 1)[0].strip().lower():
        return chosen, None
    matches = accounts_named(get_db(), name.split(" · ", 1)[0], limit=2)
    if not matches:
        return None, _("no account has this name; pick one from the list or create it first")
    if len(matches) > 1:
        return None, _("several accounts have this name; open the right one and add from there")
    return matches[0], None


def pick_person(values: dict, key: str = "person") -> tuple[dict | None, str | None]:
    """Resolve the person typed in a form (or chosen from the list) to one person, or say why not."""
    text = " ".join((values.get(key) or "").split())
    if not text:
        return None, _("is required")
    chosen = _chosen(Label.PERSON, values.get(f"{key}_id") or "")
    if chosen and text.lower().startswith(full_name(chosen).lower()):
        return chosen, None
    matches = people_named(get_db(), text, limit=2, access=g.access)
    if not matches:
        return None, _("no person has this name; pick one from the list")
    if len(matches) > 1:
        return None, _("several people have this name; pick one from the list")
    return matches[0], None
