"""Nearby search: accounts and people within R km of a point, a record or an address, nearest first.

The database does the work: each query seeks the point index with the circle's bounding box
(`point.withinBBox`) and trims it with `point.distance` (see cypher/geo/nearby.cypher). A search
starts with a small circle and widens it only while fewer than a page of records lie inside,
so a dense city costs the same as a sparse one. "Near and connected" starts from the anchors
(a deal's decision makers, or the people I own) and keeps what lies within N hops and R km.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field

from graphcrm.access.checks import visibility
from graphcrm.access.policy import Access
from graphcrm.model import Label
from graphcrm.model.nodes import display_name
from graphcrm.records import paging
from graphcrm.store.db import Database
from graphcrm.store.values import point

MAX_RADIUS_KM = 500.0
DEFAULT_RADIUS_KM = 10.0
# The first circle is small (a dense city centre holds thousands of records within 2 km); each
# next one grows by the area a full page still needs, between 2x and 8x the radius.
FIRST_RING_KM = 1.0
# Accounts are about a tenth as many as people, so a circle holding a page of them is about
# sqrt(10) times as wide: starting there saves a round trip on most account searches.
FIRST_RING_ACCOUNTS_KM = 3.0
MIN_GROWTH, MAX_GROWTH = 2.0, 8.0
# The sphere Neo4j measures WGS-84 distances on; the bounding box uses a smaller one, so it is
# slightly larger than the circle and never cuts it.
EARTH_RADIUS_KM = 6378.14
BOX_RADIUS_KM = 6350.0
KINDS = {"person": Label.PERSON, "account": Label.ACCOUNT}


class Hops(str, enum.Enum):
    """How far "near and connected" reaches: the only values the hop slot of the query takes."""

    ONE = "1"
    TWO = "2"
    THREE = "3"


@dataclass
class NearbyQuery:
    """A checked nearby search."""

    lat: float
    lon: float
    radius_km: float = DEFAULT_RADIUS_KM
    kinds: tuple[str, ...] = ("person", "account")
    center: dict = field(default_factory=dict)
    exclude: str | None = None
    owner: str | None = None
    account_type: str | None = None
    active: bool = False
    connected_to: str | None = None
    hops: Hops = Hops.TWO
    limit: int = 50
    after: tuple[float, str] = (-1.0, "")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on Neo4j's sphere (what `point.distance` computes for WGS-84)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return ((south, west), (north, east)) holding the circle; all longitudes near a pole or the date line."""
    angle = radius_km / BOX_RADIUS_KM
    south, north = lat - math.degrees(angle), lat + math.degrees(angle)
    if south <= -90 or north >= 90:
        return (max(south, -90.0), -180.0), (min(north, 90.0), 180.0)
    # The widest longitude difference a circle of this size reaches (at latitude asin(sin lat / cos angle)).
    dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
    west, east = lon - dlon, lon + dlon
    if west < -180 or east > 180:
        west, east = -180.0, 180.0
    return (south, west), (north, east)


def nearby(db: Database, query: NearbyQuery, user: dict | None = None, *, access: Access) -> dict:
    """Return `{"items", "next", "truncated", "center", "radius_km"}` (and `connected`): nearest first.

    People the viewer may not see are left out; items carry no sensitive field.
    """
    connected = None
    seen = visibility(access)
    if query.connected_to:
        from graphcrm.geo.connected import connected_rows

        rows, connected = connected_rows(db, query, {**_params(query, query.radius_km), **seen}, user)
    else:
        rows = _ring_search(db, query, seen)
    more = len(rows) > query.limit
    last = rows[query.limit - 1] if more else None
    out = {
        "items": [present(r) for r in rows[: query.limit]],
        "next": paging.encode(access, last["distance"], last["node"]["id"]) if last else None,
        "truncated": more,
        "center": query.center,
        "radius_km": query.radius_km,
    }
    if connected is not None:
        out["connected"] = connected
    return out


def _params(query: NearbyQuery, radius_km: float) -> dict:
    (south, west), (north, east) = bounding_box(query.lat, query.lon, radius_km)
    return {
        "center": point(query.lat, query.lon),
        "lower": point(south, west),
        "upper": point(north, east),
        "radius": radius_km * 1000.0,
        "after_d": query.after[0],
        "after_id": query.after[1],
        "exclude": query.exclude,
        "owner": query.owner,
        "active": query.active,
        "account_type": query.account_type,
        "limit": query.limit + 1,
        **visibility(Access.system()),  # everyone visible unless the caller passes the viewer's (see `nearby`)
    }


def _ring_search(db: Database, query: NearbyQuery, seen: dict) -> list[dict]:
    """Widen the circle from a small one until it holds more than a page (or reaches the radius)."""
    first = FIRST_RING_ACCOUNTS_KM if query.kinds == ("account",) else FIRST_RING_KM
    radius = min(query.radius_km, query.after[0] / 1000.0 + first)
    while True:
        rows = db.read("geo/nearby", kinds=list(query.kinds), **{**_params(query, radius), **seen})
        # Everything inside the circle was considered, so a full page inside it is the true nearest page.
        if len(rows) > query.limit or radius >= query.radius_km:
            return rows
        # Found n of the limit + 1 needed: the circle needs about (limit + 1) / n times the area.
        growth = math.sqrt((query.limit + 1) / max(len(rows), 1)) * 1.25
        radius = min(query.radius_km, radius * min(MAX_GROWTH, max(MIN_GROWTH, growth)))


def present(row: dict) -> dict:
    """Return one result item: id, kind, label, distance_km and the fields a list or popup shows."""
    node = row["node"]
    loc = node.get("location")
    item = {
        "id": node["id"],
        "kind": "person" if row["is_person"] else "account",
        "label": display_label(node, row["is_person"]),
        "distance_km": round(row["distance"] / 1000.0, 3) if "distance" in row else None,
        "lat": loc.latitude if loc else None,
        "lon": loc.longitude if loc else None,
        "city": node.get("city"),
        "country": node.get("country"),
        "location_source": node.get("location_source"),
    }
    if row["is_person"]:
        item.update(
            {
                "title": node.get("title"),
                "status": node.get("status") or "active",
                "placeholder": bool(node.get("placeholder")),
                "account": row.get("account"),
            }
        )
    else:
        item.update({"type": node.get("type"), "industry": node.get("industry")})
    return item


def display_label(node: dict, is_person: bool) -> str:
    """A person's full name or an account's name (its id when it has none)."""
    return display_name(node, node["id"])
