"""Neo4j values as JSON and back, losslessly: the typed encoding of the JSON backup.

Values keep their Neo4j type through tags such as {"$date": "2026-03-01"}; plain JSON covers
strings, booleans, integers, floats and lists. Only the store knows the driver's types, so the
backup (graphcrm.transfer.backup) encodes and decodes through here.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import math
import re
from typing import Any

from neo4j import time as nt
from neo4j.spatial import CartesianPoint, Point, WGS84Point

from graphcrm.i18n import _

OFFSET_RE = re.compile(r"^(Z|[+-]\d{2}:?\d{2}(:?\d{2})?)$")
DATETIME_TEXT_RE = re.compile(r"([^\[\]]+?)(?:\[([^\[\]]+)\])?")

try:  # the driver hands out pytz zones when pytz is installed; zoneinfo otherwise
    import pytz

    def _zone(name: str):
        return pytz.timezone(name)
except ImportError:  # pragma: no cover
    from zoneinfo import ZoneInfo as _zone


def encode(value: Any) -> Any:
    """Return a JSON-ready form of a property value that `decode` turns back into the same type.

    Datetimes are written as Cypher's own text of them (see cypher/export/nodes.cypher); a driver
    DateTime given here is written the same way, with its zone name in brackets when it has one.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    # Points and durations are tuples too, so they are told apart before lists.
    if isinstance(value, Point):
        return {"$point": {"srid": value.srid, "coords": list(value)}}
    if isinstance(value, nt.Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, nt.DateTime):
        if value.tzinfo is None:
            return {"$localdatetime": value.iso_format()}
        zone = getattr(value.tzinfo, "zone", None) or getattr(value.tzinfo, "key", None)
        return {"$datetime": value.iso_format() + (f"[{zone}]" if zone else "")}
    if isinstance(value, nt.Date):
        return {"$date": value.iso_format()}
    if isinstance(value, nt.Time):
        return {"$time" if value.tzinfo is not None else "$localtime": value.iso_format()}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def encode_tagged(tag: str | None, value: Any) -> Any:
    """Encode one [key, tag, value] of the export queries: datetimes arrive as Cypher text already."""
    if tag == "datetime":
        return {"$datetime": value}
    if tag == "localdatetime":
        return {"$localdatetime": value}
    if tag == "datetimes":
        return [{"$datetime": v} for v in value]
    if tag == "localdatetimes":
        return [{"$localdatetime": v} for v in value]
    return encode(value)


def _parse_datetime(text: str) -> nt.DateTime:
    """Parse Cypher's datetime text: an ISO 8601 time with offset or Z, and maybe [Zone/Name]."""
    match = DATETIME_TEXT_RE.fullmatch(text)
    if match is None:
        raise ValueError(_("%(value)r is not a datetime", value=text[:60]))
    iso, zone = match.group(1), match.group(2)
    if iso.endswith("Z"):
        iso, zone = iso[:-1] + "+00:00", zone or "Z"
    return _with_zone(nt.DateTime.from_iso_format(nanos(iso)), zone)


def _with_zone(parsed: nt.DateTime, zone: str | None) -> nt.DateTime:
    """Give a datetime parsed with its offset the zone it had: a named zone, or the fixed offset."""
    if zone and not OFFSET_RE.match(zone):
        return parsed.astimezone(known_zone(zone))
    return parsed.astimezone(dt.timezone(parsed.utcoffset()))


def nanos(iso: str) -> str:
    """Pad a fraction of seconds to nine digits and add missing seconds (Cypher writes 09:30Z)."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?(.*)", iso)
    if match is None:
        raise ValueError(_("%(value)r is not an ISO 8601 time", value=iso[:60]))
    head, seconds, fraction, rest = match.groups()
    return f"{head}{seconds or ':00'}.{(fraction or '.')[1:].ljust(9, '0')}{rest}"


def decode(value: Any) -> Any:
    """Return the Neo4j value of an encoded one; raise ValueError for anything `encode` never writes."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict) or not value:
        raise ValueError(_("unexpected value %(value)s", value=str(value)[:60]))
    tag = next(iter(value))
    body = value[tag]
    if tag == "$datetime":
        return _parse_datetime(body)
    if tag == "$localdatetime":
        return nt.DateTime.from_iso_format(nanos(body))
    if tag == "$date":
        return nt.Date.from_iso_format(body)
    if tag in ("$time", "$localtime"):
        return nt.Time.from_iso_format(body)
    if tag == "$duration":
        months, days, seconds, nanoseconds = body
        return nt.Duration(months=months, days=days, seconds=seconds, nanoseconds=nanoseconds)
    if tag == "$point":
        srid, coords = body["srid"], body["coords"]
        return (WGS84Point if srid in (4326, 4979) else CartesianPoint)(coords)
    if tag == "$float":
        return float(body)
    if tag == "$bytes":
        return bytearray(base64.b64decode(body))
    raise ValueError(_("unknown tag %(tag)s", tag=tag))


@functools.lru_cache(maxsize=512)
def known_zone(name: str):
    """The time zone of a name (a pytz or zoneinfo zone); ValueError for an unknown one."""
    try:
        return _zone(name)
    except LookupError:
        raise ValueError(_("unknown time zone %(name)r", name=name)) from None
