"""Jinja filters for the pages: dates, numbers and money in the reader's locale and time zone, names, links."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton, format_time, format_timedelta
from babel.numbers import get_currency_symbol
from flask import Blueprint, has_request_context
from flask_babel import get_locale, get_timezone
from jinja2 import Undefined

from graphcrm.i18n import _
from graphcrm.model.nodes import display_name
from graphcrm.model.words import value_label
from graphcrm.store.values import native as _native

# Outside a request (a background job), pages are drawn as a Swiss German reader sees them.
FALLBACK_LOCALE, FALLBACK_ZONE = Locale.parse("de_CH"), ZoneInfo("Europe/Zurich")
_DIGITS = re.compile(r"[#0,.]+")


def reader_locale() -> Locale:
    """The request's locale (Babel), else the fallback."""
    return (get_locale() or FALLBACK_LOCALE) if has_request_context() else FALLBACK_LOCALE


def reader_zone() -> dt.tzinfo:
    """The request's time zone, else the fallback."""
    return (get_timezone() or FALLBACK_ZONE) if has_request_context() else FALLBACK_ZONE


def local_date(value) -> str:
    """A date as its reader writes it (06.12.2026 in de-CH, 06/12/2026 in fr-FR), a date-time with the time
    in the reader's zone; '' for None."""
    value = _native(value)
    if value is None or value == "":
        return ""
    locale = reader_locale()
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)  # stored times are UTC
        value = value.astimezone(reader_zone())
        return f"{format_skeleton('yMMdd', value, locale=locale)} {format_time(value, 'short', locale=locale)}"
    if isinstance(value, dt.date):
        return format_skeleton("yMMdd", value, locale=locale)
    return str(value)


def iso_date(value) -> str:
    """Format a date as YYYY-MM-DD, the value of an <input type=date>; '' for None."""
    value = _native(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else (value or "")


def number(value, decimals: int = 0) -> str:
    """A number with the reader's separators: 1’250’000 (de-CH), 1.250.000 (de-DE), 1 250 000 (fr-FR)."""
    if value is None or value == "":
        return ""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    return _localized(f"{value:,.{decimals}f}", reader_locale())


def _localized(english: str, locale: Locale) -> str:
    """Swap the separators of '1,250.00' for the locale's. (Babel's own grouping skips millions in the
    Swiss locales; its symbols are right.) Switzerland writes the apostrophe as ’."""
    symbols = locale.number_symbols.get("latn", {})
    group, decimal = symbols.get("group", ","), symbols.get("decimal", ".")
    if group == "'":
        group = "’"
    return english.replace(",", "\0").replace(".", decimal).replace("\0", group)


def money(amount, currency: str | None = None) -> str:
    """An amount as its reader writes it: CHF 1’250.00 (de-CH), 1.250,00 € (de-DE)."""
    if amount is None or amount == "":
        return ""
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return str(amount)
    locale, code = reader_locale(), (currency or "CHF").upper()
    patterns = locale.currency_formats["standard"].pattern.split(";")
    # The locale's own pattern for a negative amount (CHF-99.50 in de-CH), else a minus in front.
    pattern = patterns[1] if value < 0 and len(patterns) > 1 else patterns[0]
    text = _DIGITS.sub(lambda _m: _localized(f"{abs(value):,.2f}", locale), pattern, count=1)
    text = text.replace("¤", get_currency_symbol(code, locale=locale) if len(code) == 3 else code)
    return "-" + text if value < 0 and len(patterns) == 1 else text


def days_ago(days) -> str:
    """A count of days since something, in the reader's words: 'vor 3 Tagen', 'il y a 3 jours', 'today'."""
    if days is None or days == "":
        return ""
    if int(days) == 0:
        return _("today")
    # Days stay days (45 days, not "2 months"): targets and the stale report count in days.
    return format_timedelta(dt.timedelta(days=-int(days)), add_direction=True, threshold=1e9, granularity="day",
                            locale=reader_locale())


def ago(value, now: dt.datetime | None = None) -> str:
    """How long ago (or ahead) a date or time is, in the reader's words: 'vor 3 Tagen', 'in 2 days'."""
    value = _native(value)
    if value is None or value == "":
        return ""
    now = now or dt.datetime.now(dt.UTC)
    if isinstance(value, dt.datetime):
        delta = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)) - now
    elif isinstance(value, dt.date):
        delta = dt.timedelta(days=(value - now.astimezone(reader_zone()).date()).days)
    else:
        return str(value)
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=reader_locale())


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
    """A stored value as the reader reads it: left_company -> 'left company' / 'hat die Firma verlassen';
    an org's own values as they are."""
    return value_label(value)


def language_name(code) -> str:
    """'Französisch (fr)' for a language code, named in the reader's language; other text as it is."""
    if not code:
        return ""
    name = reader_locale().languages.get(str(code).lower())
    return f"{name} ({code})" if name else str(code)


def country_name(code) -> str:
    """'Schweiz' for CH in German, 'Suisse' in French; other text (a country kept as typed) as it is."""
    if not code:
        return ""
    text = str(code)
    return reader_locale().territories.get(text.upper(), text) if len(text) == 2 else text


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


def history_value(value, field: str = ""):
    """A value of the field history written as the record's page writes that field: dates in the reader's
    format, our values in their words, languages and countries by name, amounts grouped."""
    value = _native(value)
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        text = value.strip().replace("Z", "+00:00")
        try:  # the history keeps a date or a time as text: read it back to write it the reader's way
            value = dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
        except ValueError:
            return value
    if isinstance(value, (dt.date, dt.datetime)):
        return local_date(value)
    if field in ("status", "inactive_reason", "type", "stage", "role"):
        return humanize(value)
    if field == "language":
        return language_name(value)
    if field == "country":
        return country_name(value)
    if field == "amount" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, 0 if float(value).is_integer() else 2)
    return value


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
    for fn in (local_date, iso_date, number, money, ago, days_ago, full_name, phone_number, humanize, language_name,
               country_name, history_value,
               address_form):
        bp.add_app_template_filter(fn)
    bp.add_app_template_test(is_http_url, "http_url")
    bp.add_app_template_test(is_filled, "filled")
