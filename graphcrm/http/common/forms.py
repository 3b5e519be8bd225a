"""The create/edit forms of people, accounts and deals: layout, form text <-> record values."""
from __future__ import annotations

import math
from dataclasses import dataclass

from graphcrm.http.common.format import iso_date
from graphcrm.model import ADDRESS_FORMS, NODE_FIELDS, Field, Label

# Form sections in reading order; key fields first. Fields left out (email_bounced_at, placeholder)
# are set by their own workflows, never typed.
LAYOUT: dict[Label, list[tuple[str, tuple[str, ...]]]] = {
    Label.PERSON: [
        ("Name", ("salutation", "first_name", "last_name")),
        ("Work", ("title", "department", "team")),
        ("Contact", ("email", "phone", "mobile", "language")),
        ("Address", ("street", "postal_code", "city", "country")),
        ("Personal", ("birthdate", "interests")),
        ("Social profiles", ("social_linkedin", "social_xing", "social_x")),
        ("Status", ("status", "inactive_reason", "inactive_since")),
        ("Notes", ("description",)),
    ],
    Label.ACCOUNT: [
        ("Company", ("name", "type", "industry", "employees")),
        ("Contact", ("website", "email", "phone")),
        ("Address", ("street", "postal_code", "city", "country")),
        ("Notes", ("description",)),
    ],
    Label.OPPORTUNITY: [
        ("Deal", ("name", "stage", "amount", "currency", "close_date", "probability")),
        ("Notes", ("description",)),
    ],
    Label.CAMPAIGN: [
        ("Campaign", ("name", "type", "status", "start_date", "end_date")),
        ("Notes", ("description",)),
    ],
}
LABELS = {
    "first_name": "First name", "last_name": "Last name", "salutation": "Salutation (Herr, Frau, Dr. …)",
    "postal_code": "Postal code", "birthdate": "Birthday", "interests": "Interests",
    "social_linkedin": "LinkedIn", "social_xing": "XING", "social_x": "X",
    "inactive_reason": "Inactive reason",
    "inactive_since": "Inactive since", "close_date": "Close date", "probability": "Probability (%)",
    "employees": "Employees", "email": "E-mail", "type": "Type", "website": "Website",
    "account": "Account", "address": "Owner addresses them with", "start_date": "Start date",
    "end_date": "End date",
}
HINTS = {
    "interests": "Separate with commas", "language": "ISO code: de, fr, it, en …",
    "country": "Two letters: CH, DE, AT …", "phone": "Swiss numbers may be national: 044 123 45 67",
    "mobile": "Swiss numbers may be national: 079 123 45 67", "currency": "Three letters: CHF, EUR …",
}
TEXT_INPUTS = ("str", "email", "url", "phone", "lang")
WIDGETS = {"email": "email", "url": "url", "phone": "tel", "date": "date", "enum": "select",
           "text": "textarea", "bool": "checkbox", "int": "number", "float": "number", "strlist": "text"}


@dataclass(frozen=True)
class FormField:
    """One input of a form: what the template needs to draw it."""

    name: str
    label: str
    widget: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    max_len: int | None = None


def form_field(name: str, field: Field, choices: tuple[str, ...] | None = None) -> FormField:
    """Describe the input for one model field; `choices` replace the model's (an org's picklist)."""
    return FormField(name=name, label=LABELS.get(name, name.replace("_", " ").capitalize()),
                     widget=WIDGETS.get(field.type, "text"), required=field.required,
                     choices=field.choices if choices is None else tuple(choices),
                     hint=HINTS.get(name, ""),
                     max_len=field.max_len if field.type in TEXT_INPUTS else None)


ACCOUNT_PICKER = FormField("account", "Account", "account", hint="Type to pick an existing account")
ADDRESS_PICKER = FormField("address", LABELS["address"], "select", required=True, choices=ADDRESS_FORMS)
# Inputs of a new record that are links, not properties: who employs it, how its owner addresses it.
CREATE_EXTRAS = {
    Label.PERSON: ("Links", (ACCOUNT_PICKER, ADDRESS_PICKER)),
    Label.ACCOUNT: ("Owner", (ADDRESS_PICKER,)),
    Label.OPPORTUNITY: ("Account", (ACCOUNT_PICKER,)),
}


# A new person is active; becoming inactive is a workflow of its own (job change, bounce).
CREATE_SKIPS = {"Status"}


def sections(label: Label, *, creating: bool,
             choices: dict[str, list[str]] | None = None) -> list[tuple[str, list[FormField]]]:
    """Return the form of a record kind as (title, inputs) sections; `choices` are the org's picklists by field."""
    spec = NODE_FIELDS[label]
    choices = choices or {}
    out = [(title, [form_field(name, spec[name], choices.get(name)) for name in names])
           for title, names in LAYOUT[label]
           if not (creating and title in CREATE_SKIPS)]
    if creating and label in CREATE_EXTRAS:
        title, extras = CREATE_EXTRAS[label]
        out.insert(1, (title, list(extras)))
    return out


def field_names(label: Label, *, creating: bool = False) -> list[str]:
    """Return the record properties a form edits."""
    return [name for title, names in LAYOUT[label] if not (creating and title in CREATE_SKIPS)
            for name in names]


def record_values(label: Label, record: dict) -> dict[str, str | bool]:
    """Return a record's properties as the text its form inputs hold."""
    spec = NODE_FIELDS[label]
    return {name: _as_text(spec[name], record.get(name)) for name in field_names(label)}


def _as_text(field: Field, value) -> str | bool:
    if field.type == "bool":
        return bool(value)
    if value is None:
        return ""
    if field.type == "date":
        return iso_date(value)
    if field.type == "strlist":
        return ", ".join(value) if isinstance(value, list) else str(value)
    if field.type == "float" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def submitted_values(label: Label, form, *, creating: bool = False) -> dict[str, str | bool]:
    """Return the record inputs of a posted form as text (checkboxes as bools)."""
    spec = NODE_FIELDS[label]
    return {name: (name in form) if spec[name].type == "bool" else (form.get(name) or "").strip()
            for name in field_names(label, creating=creating)}


def record_data(label: Label, values: dict, names=None) -> dict:
    """Convert form text to the typed values records.create/update check; empty text clears."""
    spec = NODE_FIELDS[label]
    return {name: _typed(spec[name], values[name]) for name in (names if names is not None else values)}


def _typed(field: Field, text):
    if field.type == "bool":
        return bool(text)
    if text == "":
        return None
    if field.type == "strlist":
        return [part.strip() for part in text.split(",") if part.strip()]
    if field.type in ("int", "float"):
        # Swiss users write 1'250'000 or 1’250.50; a comma may be the decimal mark.
        plain = text.replace("'", "").replace("’", "").replace(" ", "").replace(",", ".")
        for cast in (int, float):
            try:
                number = cast(plain)
            except ValueError:
                continue
            if math.isfinite(number):
                return number
        return text  # left as text so validation names the field: "must be a number"
    return text


def changed_names(label: Label, before: dict, after: dict) -> list[str]:
    """Return the inputs whose text the user changed."""
    return [name for name in field_names(label) if before.get(name) != after.get(name)]


def form_errors(fields: dict) -> dict[str, str]:
    """Map an Invalid's field names to form inputs (link errors name `properties.x`)."""
    out = {}
    for key, message in (fields or {}).items():
        out.setdefault(key.removeprefix("properties."), message)
    return out
