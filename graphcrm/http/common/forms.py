"""The create/edit forms of people, accounts and deals: layout, form text <-> record values."""
from __future__ import annotations

import math
from dataclasses import dataclass

from babel.numbers import NumberFormatError, parse_decimal

from graphcrm.http.common import names
from graphcrm.http.common.format import country_name, iso_date, reader_locale
from graphcrm.i18n import LazyText, _l
from graphcrm.model import ADDRESS_FORMS, NODE_FIELDS, Field, Label

# A new person is active; becoming inactive is a workflow of its own (job change, bounce).
STATUS_FIELDS = ("status", "inactive_reason", "inactive_since")
# Form sections in reading order; key fields first. Fields left out (email_bounced_at, placeholder)
# are set by their own workflows, never typed. Titles are lazy messages: shown, never compared.
LAYOUT: dict[Label, list[tuple[LazyText, tuple[str, ...]]]] = {
    Label.PERSON: [
        (_l("Name"), ("salutation", "first_name", "last_name")),
        (_l("Work"), ("title", "department", "team")),
        (_l("Contact"), ("email", "phone", "mobile", "language")),
        (_l("Address"), ("street", "postal_code", "city", "country")),
        (_l("Personal"), ("birthdate", "interests")),
        (_l("Social profiles"), ("social_linkedin", "social_xing", "social_x")),
        (_l("Status"), STATUS_FIELDS),
        (_l("Notes"), ("description",)),
    ],
    Label.ACCOUNT: [
        (_l("Company"), ("name", "type", "industry", "employees")),
        (_l("Contact"), ("website", "email", "phone")),
        (_l("Address"), ("street", "postal_code", "city", "country")),
        (_l("Notes"), ("description",)),
    ],
    Label.OPPORTUNITY: [
        (_l("Deal"), ("name", "stage", "amount", "currency", "close_date", "probability")),
        (_l("Notes"), ("description",)),
    ],
    Label.CAMPAIGN: [
        (_l("Campaign"), ("name", "type", "status", "start_date", "end_date")),
        (_l("Notes"), ("description",)),
    ],
}
# Every field a form or a history shows, by name; the English texts are those the names gave before
# (a field missing here still shows as its name, capitalised).
LABELS = {
    "first_name": _l("First name"), "last_name": _l("Last name"), "salutation": _l("Salutation (Herr, Frau, Dr. …)"),
    "postal_code": _l("Postal code"), "birthdate": _l("Birthday"), "interests": _l("Interests"),
    "social_linkedin": "LinkedIn", "social_xing": "XING", "social_x": "X",  # names of networks, not translated
    "inactive_reason": _l("Inactive reason"),
    "inactive_since": _l("Inactive since"), "close_date": _l("Close date"), "probability": _l("Probability (%)"),
    "employees": _l("Employees"), "email": _l("E-mail"), "type": _l("Type"), "website": _l("Website"),
    "account": _l("Account"), "owner": _l("Owner"), "address": _l("Owner addresses them with"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "name": _l("Name"), "title": _l("Title"), "department": _l("Department"), "team": _l("Team"),
    "phone": _l("Phone"), "mobile": _l("Mobile"), "language": _l("Language"), "street": _l("Street"),
    "city": _l("City"), "country": _l("Country"), "status": _l("Status"), "description": _l("Description"),
    "email_bounced_at": _l("Email bounced at"), "placeholder": _l("Placeholder"), "company": _l("Company"),
    "industry": _l("Industry"), "stage": _l("Stage"), "amount": _l("Amount"), "currency": _l("Currency"),
    "is_closed": _l("Is closed"), "is_won": _l("Is won"), "forecast_category": _l("Forecast category"),
    "role": _l("Role"), "active": _l("Active"),
}
HINTS = {
    "interests": _l("Separate with commas"), "language": _l("Its name or code: Deutsch, French, it …"),
    "country": _l("Its name or code: Schweiz, Germany, AT …"),
    "phone": _l("Swiss numbers may be national: 044 123 45 67"),
    "mobile": _l("Swiss numbers may be national: 079 123 45 67"), "currency": _l("Three letters: CHF, EUR …"),
}
TEXT_INPUTS = ("str", "email", "url", "phone", "lang")
WIDGETS = {"email": "email", "url": "url", "phone": "tel", "date": "date", "enum": "select",
           "text": "textarea", "bool": "checkbox", "int": "number", "float": "number", "strlist": "text"}


@dataclass(frozen=True)
class FormField:
    """One input of a form: what the template needs to draw it."""

    name: str
    label: str | LazyText
    widget: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str | LazyText = ""
    max_len: int | None = None


# Fields typed by name in the reader's language and stored as codes (CH, fr): their names are suggested.
NAMED_CODES = {"country": (names.country_choices, country_name, names.country_from_text),
               "language": (names.language_choices, names.language_name, names.language_from_text)}
NAMED_CODE_ERRORS = {
    "country": _l("is not a country we know: type its name (Schweiz, Deutschland) or its code (CH)"),
    "language": _l("is not a language we know: type its name (Deutsch, français) or its code (de)"),
}


def form_field(name: str, field: Field, choices: tuple[str, ...] | None = None) -> FormField:
    """Describe the input for one model field; `choices` replace the model's (an org's picklist)."""
    if name in NAMED_CODES:
        return FormField(name=name, label=LABELS.get(name, name.capitalize()), widget="named",
                         required=field.required, choices=NAMED_CODES[name][0](), hint=HINTS.get(name, ""))
    return FormField(name=name, label=LABELS.get(name, name.replace("_", " ").capitalize()),
                     widget=WIDGETS.get(field.type, "text"), required=field.required,
                     choices=field.choices if choices is None else tuple(choices),
                     hint=HINTS.get(name, ""),
                     max_len=field.max_len if field.type in TEXT_INPUTS else None)


ACCOUNT_PICKER = FormField("account", LABELS["account"], "account", hint=_l("Type to pick an existing account"))
ADDRESS_PICKER = FormField("address", LABELS["address"], "select", required=True, choices=ADDRESS_FORMS)
# Inputs of a new record that are links, not properties: who employs it, how its owner addresses it.
CREATE_EXTRAS = {
    Label.PERSON: (_l("Links"), (ACCOUNT_PICKER, ADDRESS_PICKER)),
    Label.ACCOUNT: (_l("Owner"), (ADDRESS_PICKER,)),
    Label.OPPORTUNITY: (_l("Account"), (ACCOUNT_PICKER,)),
}
# Sections a new record's form leaves out, by their fields (titles are translated, never compared).
CREATE_SKIPS = {STATUS_FIELDS}


def sections(label: Label, *, creating: bool,
             choices: dict[str, list[str]] | None = None) -> list[tuple[LazyText, list[FormField]]]:
    """Return the form of a record kind as (title, inputs) sections; `choices` are the org's picklists by field."""
    spec = NODE_FIELDS[label]
    choices = choices or {}
    out = [(title, [form_field(name, spec[name], choices.get(name)) for name in names])
           for title, names in LAYOUT[label]
           if not (creating and names in CREATE_SKIPS)]
    if creating and label in CREATE_EXTRAS:
        title, extras = CREATE_EXTRAS[label]
        out.insert(1, (title, list(extras)))
    return out


def field_names(label: Label, *, creating: bool = False) -> list[str]:
    """Return the record properties a form edits."""
    return [name for _title, names in LAYOUT[label] if not (creating and names in CREATE_SKIPS)
            for name in names]


def record_values(label: Label, record: dict) -> dict[str, str | bool]:
    """Return a record's properties as the text its form inputs hold."""
    spec = NODE_FIELDS[label]
    return {name: NAMED_CODES[name][1](record.get(name)) if name in NAMED_CODES
            else _as_text(spec[name], record.get(name)) for name in field_names(label)}


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
    return {name: _code(name, values[name]) if name in NAMED_CODES else _typed(spec[name], values[name])
            for name in (names if names is not None else values)}


def _code(name: str, text: str) -> str | None:
    """A country or language typed by name or code -> its code; unknown text stays for validation to name."""
    text = (text or "").strip()
    return (NAMED_CODES[name][2](text) or text) if text else None


def _typed(field: Field, text):
    if field.type == "bool":
        return bool(text)
    if text == "":
        return None
    if field.type == "strlist":
        return [part.strip() for part in text.split(",") if part.strip()]
    if field.type in ("int", "float"):
        number = _in_reader_locale(text)
        if number is not None:
            return number
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


def _in_reader_locale(text: str) -> int | float | None:
    """A number as a reader whose decimal mark is a comma writes it (1.250,50 in de-DE: 1250.5), else None."""
    locale = reader_locale()
    if locale.number_symbols.get("latn", {}).get("decimal") != ",":
        return None
    try:
        value = parse_decimal(text.replace(" ", "").replace("\u202f", "").replace("’", ""), locale=locale,
                              strict=True)
    except NumberFormatError:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() and "," not in text else float(value)


def changed_names(label: Label, before: dict, after: dict) -> list[str]:
    """Return the inputs whose text the user changed."""
    return [name for name in field_names(label) if before.get(name) != after.get(name)]


def form_errors(fields: dict) -> dict[str, str]:
    """Map an Invalid's field names to form inputs (link errors name `properties.x`)."""
    out = {}
    for key, message in (fields or {}).items():
        name = key.removeprefix("properties.")
        out.setdefault(name, str(NAMED_CODE_ERRORS[name]) if name in NAMED_CODE_ERRORS else message)
    return out
