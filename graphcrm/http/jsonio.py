"""JSON for Neo4j values: temporal types as ISO 8601, points as {lat, lon}."""
from __future__ import annotations

import datetime as dt

from flask.json.provider import DefaultJSONProvider
from neo4j import time as neo_time
from neo4j.spatial import Point


def to_jsonable(value):
    """Return a JSON-friendly form of one Neo4j or Python temporal/spatial value."""
    if isinstance(value, (neo_time.DateTime, neo_time.Date, neo_time.Time)):
        return value.iso_format()
    if isinstance(value, neo_time.Duration):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Point):
        if getattr(value, "srid", None) in (4326, 4979):
            return {"lat": value.latitude, "lon": value.longitude}
        return {"x": value[0], "y": value[1]}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class CrmJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider taught Neo4j's types."""

    sort_keys = False

    @staticmethod
    def default(o):
        return to_jsonable(o)
