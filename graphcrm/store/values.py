"""The driver's value types, for the rest of the package: points, temporal values, JSON and text forms.

Only the store imports the Neo4j driver; capabilities build points and read temporal values here.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from neo4j import time as nt
from neo4j.spatial import Point, WGS84Point

GEO_SRIDS = (4326, 4979)


def point(lat: float, lon: float) -> WGS84Point:
    """Return the Neo4j WGS-84 point for a latitude and longitude; refuse values outside the globe.

    Every point a query receives is built here. Neo4j does not refuse a latitude of 1e300: its
    point index spins decoding it and the whole database stalls, so the check is not optional.
    """
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
            and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"not a point on the globe: latitude {lat!r}, longitude {lon!r}")
    return WGS84Point((float(lon), float(lat)))


def lat_lon(value: Any) -> tuple[float, float] | None:
    """The (latitude, longitude) of a geographic point, else None."""
    if isinstance(value, Point) and getattr(value, "srid", None) in GEO_SRIDS:
        return value[1], value[0]
    return None


def is_point(value: Any) -> bool:
    """True for a Neo4j point of any kind."""
    return isinstance(value, Point)


def native(value: Any) -> Any:
    """A Neo4j date or datetime as Python's; anything else as it is."""
    if isinstance(value, (nt.DateTime, nt.Date)):
        return value.to_native()
    return value


def iso_text(value: Any) -> str | None:
    """ISO 8601 text of a temporal value (Neo4j's or Python's, durations too), else None."""
    if isinstance(value, (nt.DateTime, nt.Date, nt.Time, nt.Duration)):
        return value.iso_format()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return None


def to_jsonable(value: Any) -> Any:
    """Return a JSON-friendly form of one Neo4j or Python temporal/spatial value (TypeError otherwise)."""
    if isinstance(value, nt.Duration):
        return str(value)
    text = iso_text(value)
    if text is not None:
        return text
    if isinstance(value, Point):
        where = lat_lon(value)
        return {"lat": where[0], "lon": where[1]} if where else {"x": value[0], "y": value[1]}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def exact_datetime(text: str) -> Any:
    """A datetime given as ISO text back as the exact value it was (nanoseconds included), with a plain offset.

    Cypher never finds "...Z[UTC]" equal to the stored "...Z", so a named zone becomes its offset.
    Raise ValueError for text that is no datetime.
    """
    try:
        value = nt.DateTime.from_iso_format(text)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{str(text)[:60]!r} is not a datetime") from exc
    if value.utcoffset() is None:
        raise ValueError(f"{str(text)[:60]!r} has no offset")
    return value.replace(tzinfo=dt.timezone(value.utcoffset()))


def flat(value: Any) -> Any:
    """Return a value GraphML/GEXF/CSV can hold: str, int, float or bool (lists joined with '; ')."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join("" if v is None else str(flat(v)) for v in value)
    if isinstance(value, (nt.DateTime, nt.Date, nt.Time, nt.Duration)):
        return value.iso_format()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Point):
        return ",".join(str(c) for c in value)
    return str(value)
