"""Salesforce field values to the model's types; a RowError names the column and what is wrong."""
from __future__ import annotations

import datetime as dt
import math
import re

from graphcrm.model import Field
from graphcrm.model.validation import convert
from graphcrm.store.values import point
from graphcrm.transfer.salesforce.sfids import normalize, to18

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?")
_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})
UTC = dt.UTC
_EMAIL = Field("email")

# Country names Salesforce users type into address fields, to the model's ISO 3166-1 alpha-2 codes.
COUNTRIES = {
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "germany": "DE",
    "deutschland": "DE", "austria": "AT", "österreich": "AT", "oesterreich": "AT", "france": "FR",
    "frankreich": "FR", "italy": "IT", "italien": "IT", "italia": "IT", "liechtenstein": "LI",
    "netherlands": "NL", "niederlande": "NL", "belgium": "BE", "belgien": "BE", "luxembourg": "LU",
    "spain": "ES", "spanien": "ES", "portugal": "PT", "united kingdom": "GB", "uk": "GB",
    "great britain": "GB", "england": "GB", "ireland": "IE", "united states": "US", "usa": "US",
    "united states of america": "US", "canada": "CA", "sweden": "SE", "norway": "NO", "denmark": "DK",
    "finland": "FI", "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "hungary": "HU",
    "japan": "JP", "china": "CN", "india": "IN", "australia": "AU", "singapore": "SG",
}


class RowError(ValueError):
    """A row that cannot be imported; `reason` says which column and why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def text(row: dict, column: str, max_len: int = 255) -> str | None:
    """Return a text column's value, None when empty; refuse values longer than `max_len`."""
    value = row.get(column)
    if not value:
        return None
    if len(value) > max_len:
        raise RowError(f"{column}: longer than {max_len} characters")
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
        raise RowError(f"{column}: {exc}") from None


def date(row: dict, column: str) -> dt.date | None:
    """Return a YYYY-MM-DD column as a date, None when empty."""
    value = row.get(column)
    if not value:
        return None
    if not _DATE_RE.fullmatch(value):
        raise RowError(f"{column}: bad date {value[:40]!r} (must be YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{column}: bad date {value!r} (no such day)") from None


def datetime(row: dict, column: str) -> dt.datetime | None:
    """Return an ISO 8601 column (2026-03-01T09:30:00.000Z) as an aware UTC datetime, None when empty."""
    value = row.get(column)
    if not value:
        return None
    if not _DATETIME_RE.fullmatch(value):
        raise RowError(f"{column}: bad date-time {value[:40]!r} (must be ISO 8601 such as "
                       "2026-03-01T09:30:00.000Z)")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RowError(f"{column}: bad date-time {value!r} (no such moment)") from None
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
    raise RowError(f"{column}: {row[column][:40]!r} is not true or false")


def number(row: dict, column: str, *, whole: bool = False, lo: float | None = None,
           hi: float | None = None) -> float | int | None:
    """Return a numeric column (decimal point) as float, or int with `whole`; None when empty."""
    value = row.get(column)
    if not value:
        return None
    try:
        parsed = float(value)
    except ValueError:
        raise RowError(f"{column}: {value[:40]!r} is not a number") from None
    if not math.isfinite(parsed):
        raise RowError(f"{column}: {value[:40]!r} is not a number")
    if (lo is not None and parsed < lo) or (hi is not None and parsed > hi):
        raise RowError(f"{column}: {value} is out of range")
    if whole:
        if not parsed.is_integer():
            raise RowError(f"{column}: {value} is not a whole number")
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
        raise RowError(f"{column}: {value[:60]!r} {exc}") from None


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
    """Convert free text to a model type (phone, url, language); on failure warn and leave it out.

    Salesforce keeps these as free text, so a value the model cannot use should not cost the whole
    record: the field stays empty and the report says so.
    """
    if not value:
        return None
    if field.type == "url" and not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        return convert(field, value)
    except ValueError as exc:
        warnings.append(f"{column}: {value[:60]!r} {exc}; left empty")
        return None


def country(row: dict, code_column: str, name_column: str, warnings: list[str]) -> str | None:
    """Return an ISO 3166-1 alpha-2 code from a *CountryCode column, a code, or a known country name."""
    code = row.get(code_column) or ""
    if re.fullmatch(r"[A-Za-z]{2}", code):
        return code.upper()
    name = row.get(name_column) or ""
    if not name:
        return None
    if re.fullmatch(r"[A-Za-z]{2}", name):
        return name.upper()
    found = COUNTRIES.get(name.lower())
    if found is None:
        warnings.append(f"{name_column}: {name[:60]!r} is not a country this import knows; left empty")
    return found
