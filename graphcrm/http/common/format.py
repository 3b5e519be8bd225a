"""Jinja filters for the pages: Swiss dates, money, names, safe links."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Blueprint
from jinja2 import Undefined

from graphcrm.model.nodes import display_name
from graphcrm.store.values import native as _native

# Times are stored in UTC and shown as a Swiss user reads them.
LOCAL_ZONE = ZoneInfo("Europe/Zurich")
LANGUAGES = {"de": "German", "fr": "French", "it": "Italian", "rm": "Romansh", "en": "English",
             "es": "Spanish", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "tr": "Turkish",
             "sq": "Albanian", "sr": "Serbian", "hr": "Croatian", "ru": "Russian", "zh": "Chinese",
             "ja": "Japanese", "ar": "Arabic"}


def swiss_date(value) -> str:
    """Format a date as dd.mm.yyyy, a date-time as dd.mm.yyyy HH:MM in Swiss time; '' for None."""
    value = _native(value)
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL_ZONE)
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def iso_date(value) -> str:
    """Format a date as YYYY-MM-DD, the value of an <input type=date>; '' for None."""
    value = _native(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else (value or "")


def swiss_number(value, decimals: int = 0) -> str:
    """Format a number with Swiss thousands separators: 1’250’000."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.{decimals}f}".replace(",", "’")


def money(amount, currency: str | None = None) -> str:
    """Format an amount as '1’250’000 CHF' (cents only when there are any)."""
    if amount is None or amount == "":
        return ""
    decimals = 0 if float(amount).is_integer() else 2
    return f"{swiss_number(amount, decimals)} {currency or 'CHF'}".strip()


def full_name(person: dict | None) -> str:
    """Return 'First Last' of a person dict, or a dash when it has no name."""
    return display_name(person, "—")


def phone_number(value) -> str:
    """Show an E.164 number grouped for reading (+41 44 123 45 67); other text as it is."""
    import phonenumbers

    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), "CH")
    except phonenumbers.NumberParseException:
        return str(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def humanize(value) -> str:
    """Turn an enum value such as left_company into 'left company'."""
    return "" if value is None else str(value).replace("_", " ")


def language_name(code) -> str:
    """Return 'German (de)' for a language code."""
    if not code:
        return ""
    name = LANGUAGES.get(str(code).lower())
    return f"{name} ({code})" if name else str(code)


def address_form(value) -> str:
    """Return how the owner addresses a contact: 'du' or 'Sie'."""
    return {"du": "du", "sie": "Sie"}.get(value or "", "")


def is_http_url(value) -> bool:
    """True only for http(s) addresses, the only ones pages render as links."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def is_filled(value) -> bool:
    """True for a value worth showing: not missing, not None, not empty text, not an empty list."""
    if isinstance(value, Undefined):
        return False
    return value is not None and value != "" and value != []


def register(bp: Blueprint) -> None:
    """Make the filters and tests available to every template of the app."""
    for fn in (swiss_date, iso_date, swiss_number, money, full_name, phone_number, humanize, language_name,
               address_form):
        bp.add_app_template_filter(fn)
    bp.add_app_template_test(is_http_url, "http_url")
    bp.add_app_template_test(is_filled, "filled")
