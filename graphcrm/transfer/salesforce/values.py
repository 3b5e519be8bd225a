"""Salesforce field values to the model's types; a RowError names the column and what is wrong."""
from __future__ import annotations

import base64
import datetime as dt
import html
import math
import re

from graphcrm.i18n import _
from graphcrm.model import Field
from graphcrm.model.validation import convert, normalize_phone
from graphcrm.places.countries import country_code, country_of_state
from graphcrm.store.values import point
from graphcrm.transfer.salesforce.sfids import normalize, to18

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?")
_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})
UTC = dt.UTC
_EMAIL = Field("email")

class RowError(ValueError):
    """A row that cannot be imported; `reason` says which column and why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def bad(column: str, problem: str) -> RowError:
    """The RowError of a column: "AccountId: <problem>" (the column first, as the report names it)."""
    return RowError(f"{column}: {problem}")


def missing(column: str, what: str) -> RowError:
    """The RowError of an empty column that is needed; `what` (translated) says what for."""
    return bad(column, _("missing (%(what)s)", what=what))


def text(row: dict, column: str, max_len: int = 255) -> str | None:
    """Return a text column's value, None when empty; refuse values longer than `max_len`."""
    value = row.get(column)
    if not value:
        return None
    if len(value) > max_len:
        raise bad(column, _("longer than %(max)s characters", max=max_len))
    return value


def sf_id(row: dict, column: str) -> str | None:
    """Return an id column as an 18-character id, None when empty."""
    value = row.get(column)
    if not value:
        return None
    try:
        # A row's own Id appears once: caching it would only push the references out of the cache.
        return normalize(value) if column == "id" else to18(value)
    except ValueError as exc:
        raise bad(column, str(exc)) from None


def date(row: dict, column: str) -> dt.date | None:
    """Return a YYYY-MM-DD column as a date, None when empty."""
    value = row.get(column)
    if not value:
        return None
    if not _DATE_RE.fullmatch(value):
        raise bad(column, _("bad date %(value)r (must be YYYY-MM-DD)", value=value[:40]))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(column, _("bad date %(value)r (no such day)", value=value)) from None


def datetime(row: dict, column: str) -> dt.datetime | None:
    """Return an ISO 8601 column (2026-03-01T09:30:00.000Z) as an aware UTC datetime, None when empty."""
    value = row.get(column)
    if not value:
        return None
    if not _DATETIME_RE.fullmatch(value):
        raise bad(column, _("bad date-time %(value)r (must be ISO 8601 such as 2026-03-01T09:30:00.000Z)",
                            value=value[:40]))
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise bad(column, _("bad date-time %(value)r (no such moment)", value=value)) from None
    # Salesforce writes UTC; a value without zone is taken as UTC too.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def boolean(row: dict, column: str) -> bool | None:
    """Return a checkbox column as a bool, None when the column is not exported."""
    if column not in row:
        return None
    value = row[column].lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise bad(column, _("%(value)r is not true or false", value=row[column][:40]))


def number(row: dict, column: str, *, whole: bool = False, lo: float | None = None,
           hi: float | None = None) -> float | int | None:
    """Return a numeric column (decimal point) as float, or int with `whole`; None when empty."""
    value = row.get(column)
    if not value:
        return None
    try:
        parsed = float(value)
    except ValueError:
        raise bad(column, _("%(value)r is not a number", value=value[:40])) from None
    if not math.isfinite(parsed):
        raise bad(column, _("%(value)r is not a number", value=value[:40]))
    if (lo is not None and parsed < lo) or (hi is not None and parsed > hi):
        raise bad(column, _("%(value)s is out of range", value=value))
    if whole:
        if not parsed.is_integer():
            raise bad(column, _("%(value)s is not a whole number", value=value))
        return int(parsed)
    return parsed


def email(row: dict, column: str) -> str | None:
    """Return an e-mail column checked and lower-cased, None when empty."""
    value = row.get(column)
    if not value:
        return None
    try:
        return convert(_EMAIL, value)
    except ValueError as exc:
        raise bad(column, f"{value[:60]!r} {exc}") from None  # exc: the validator's (translated) words


def roles(row: dict, column: str) -> list[str]:
    """Return a `;`-separated multi-select picklist as a list, without empty entries."""
    return [part.strip() for part in (row.get(column) or "").split(";") if part.strip()]


def location(row: dict, lat_column: str, lon_column: str):
    """Return a WGS84 point from latitude/longitude columns, None unless both are given."""
    lat = number(row, lat_column, lo=-90, hi=90)
    lon = number(row, lon_column, lo=-180, hi=180)
    if lat is None or lon is None:
        return None
    return point(lat, lon)


def soft(field: Field, value: str | None, column: str, warnings: list[str]):
    """Convert free text to a model type (url, language); on failure warn and return None.

    Salesforce keeps these as free text, so a value the model cannot use should not cost the whole
    record: the caller keeps it as typed among the record's Salesforce fields and the report says so.
    """
    if not value:
        return None
    if field.type == "url" and not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        return convert(field, value)
    except ValueError as exc:
        warnings.append(f"{column}: " + _("%(value)r %(problem)s; not normalized, kept as typed under %(column)s",
                                          value=value[:60], problem=exc, column=column))
        return None


def country(row: dict, code_column: str, name_column: str, warnings: list[str]) -> tuple[str | None, str | None]:
    """Return (ISO 3166-1 alpha-2 code, the text as typed when it is no country we know).

    The code comes from a *CountryCode column, a code, or a country's name in English, German,
    French or Italian; a name that is none of these is kept as typed (never dropped) and named.
    """
    for column in (code_column, name_column):
        code = country_code(row.get(column))
        if code:
            return code, None
    name = row.get(name_column) or row.get(code_column) or ""
    if not name:
        return None, None
    warnings.append(f"{name_column}: " + _("%(value)r is not a country we know; kept as typed, not normalized",
                                               value=name[:60]))
    return None, name


def region(row: dict, prefixes: tuple[str, ...], default: str | None) -> str | None:
    """The country a record's phone numbers are read in: its address's country, else the state's, else `default`."""
    for prefix in prefixes:
        code = country_code(row.get(f"{prefix}countrycode")) or country_code(row.get(f"{prefix}country"))
        if code:
            return code
    for prefix in prefixes:
        code = country_of_state(row.get(f"{prefix}statecode")) or country_of_state(row.get(f"{prefix}state"))
        if code:
            return code
    return default


def phone(row: dict, column: str, where: str | None, warnings: list[str]) -> str | None:
    """Return a phone number in E.164 when it can be read (in the record's country `where`), else as typed.

    A number that cannot be normalized is kept exactly as typed, with a warning saying why.
    """
    value = row.get(column)
    if not value:
        return None
    try:
        return normalize_phone(value, where or "ZZ")
    except ValueError as exc:
        why = _("no country is known to read it in") if where is None and not value.lstrip().startswith(("+", "00")) \
            else str(exc)
        warnings.append(f"{column}: " + _("%(value)r not normalized (%(problem)s); kept as typed", value=value[:60],
                                          problem=why))
        return value


_NUMBER_RE = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def inferred(value: str):
    """A custom field's value typed by its text: bool, number, date, date-time, else the text itself."""
    low = value.lower()
    if low in ("true", "false"):
        return low == "true"
    if _NUMBER_RE.fullmatch(value) and not (len(value) > 1 and value[0] == "0" and value[1].isdigit()):
        number_ = float(value)
        if math.isfinite(number_):
            return int(number_) if number_.is_integer() and abs(number_) < 2**53 and "." not in value \
                and "e" not in low else number_
    if _DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _DATETIME_RE.fullmatch(value):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return value


def note_text(content: str | None) -> str | None:
    """A Lightning note's text from its CONTENT blob (base64 of HTML), or None when it is not one."""
    if not content:
        return None
    try:
        markup = base64.b64decode(content, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    text = re.sub(r"<br\s*/?>|</p>|</li>|</h\d>", "\n", markup, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) or None
