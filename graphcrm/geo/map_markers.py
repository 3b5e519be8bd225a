"""Map markers inside a box, capped, each with how overdue the contact is."""

from __future__ import annotations

import datetime as dt
import math

from graphcrm.access.checks import visibility
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid
from graphcrm.geo.nearby import KINDS, display_label
from graphcrm.i18n import _
from graphcrm.store.db import Database
from graphcrm.store.values import point

DEFAULT_LIMIT = 2000
MAX_LIMIT = 5000
# Without a KPI target a contact counts as due after this many days without a touchpoint
# (the stale-contacts report's default).
DEFAULT_INTERVAL_DAYS = 90
LEVELS = ("ok", "due", "overdue", "never")


# A map zoomed far out shows the world more than once, so its edges may lie beyond ±180; three
# world widths either way is more than any screen holds. Latitudes never leave ±90.
MAX_MAP_LON = 540.0


def parse_bbox(text: str | None) -> tuple[tuple[float, float], tuple[float, float]]:
    """Read "west,south,east,north" (degrees) into ((south, west), (north, east)); raise Invalid naming bbox.

    Longitudes are wrapped into -180..180: a box that crosses the date line comes back with west > east,
    which the point index reads as crossing it.
    """
    parts = (text or "").split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise Invalid(
            _("bbox must be west,south,east,north in degrees"),
            {"bbox": _("must be west,south,east,north in degrees")},
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise Invalid(_("bbox must be finite numbers"), {"bbox": _("must be finite numbers")})
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise Invalid(_("bbox latitudes must be between -90 and 90"), {"bbox": _("latitude outside -90..90")})
    if not (-MAX_MAP_LON <= west <= MAX_MAP_LON and -MAX_MAP_LON <= east <= MAX_MAP_LON):
        raise Invalid(_("bbox longitudes must be between -%(max)s and %(max)s", max=format(MAX_MAP_LON, "g")),
                      {"bbox": _("longitude outside -%(max)s..%(max)s", max=format(MAX_MAP_LON, "g"))})
    if south > north or west > east:
        raise Invalid(
            _("bbox must have south <= north and west <= east"),
            {"bbox": _("south > north or west > east")},
        )
    if east - west >= 360:
        return (south, -180.0), (north, 180.0)
    return (south, _wrap(west)), (north, _wrap(east))


def _wrap(lon: float) -> float:
    """The same meridian within -180..180 (180 stays 180, so a box may end on the date line)."""
    return lon if -180 <= lon <= 180 else ((lon + 180) % 360) - 180


def level_of(ratio: float | None) -> str:
    """Overdue level for a ratio (1.0 = a touch is due now); None = never touched."""
    if ratio is None:
        return "never"
    if ratio < 0.75:
        return "ok"
    return "due" if ratio < 1.0 else "overdue"


def markers(
    db: Database,
    bbox: str | None,
    *,
    kind: str | None = None,
    owner: str | None = None,
    active: bool = False,
    limit: int = DEFAULT_LIMIT,
    now: dt.datetime | None = None,
    access: Access,
) -> dict:
    """Return `{"items", "truncated", "limit"}`: at most `limit` records inside the box, each with `overdue`.

    People the viewer may not see are left out.
    """
    if kind and kind not in KINDS:
        raise Invalid(_("kind must be person or account"), {"kind": _("must be person or account")})
    (south, west), (north, east) = parse_bbox(bbox)
    now = now or dt.datetime.now(dt.UTC)
    rows, truncated = [], False
    for name in [kind] if kind else ["account", "person"]:  # accounts first: fewer, and a visit's goal
        room = limit - len(rows)
        # One row more than there is room for says whether anything was left out.
        found = db.read(
            "geo/markers",
            {"label": KINDS[name]},
            lower=point(south, west),
            upper=point(north, east),
            owner=owner,
            active=active,
            limit=room + 1,
            **visibility(access),
        )
        truncated = truncated or len(found) > room
        rows += found[:room]
    targets = _targets(db, [r["node"]["id"] for r in rows if r["is_person"]], now)
    return {
        "items": [_marker(r, targets, now) for r in rows],
        "truncated": truncated,
        "limit": limit,
    }


def _targets(db: Database, person_ids: list[str], now: dt.datetime) -> dict[str, dict]:
    """Per person with a KPI target, kpi.overdue's answer (empty when that capability is absent)."""
    if not person_ids:
        return {}
    try:
        from graphcrm.touchpoints.targets import overdue
    except ImportError:  # the KPI capability is optional for the map
        return {}
    return overdue(db, person_ids, now)


def _marker(row: dict, targets: dict, now: dt.datetime) -> dict:
    node = row["node"]
    loc = node["location"]
    target = targets.get(node["id"])
    last = row["last_touch"]
    days = None if last is None else max(0, (now - last.to_native()).days)
    if target is not None:
        ratio, basis = target["ratio"], "target"
    else:
        ratio, basis = (None if days is None else round(days / DEFAULT_INTERVAL_DAYS, 3)), "days"
    item = {
        "id": node["id"],
        "kind": "person" if row["is_person"] else "account",
        "label": display_label(node, row["is_person"]),
        "lat": loc.latitude,
        "lon": loc.longitude,
        "city": node.get("city"),
        "location_source": node.get("location_source"),
        "overdue": {"level": level_of(ratio), "ratio": ratio, "days_since": days, "basis": basis},
    }
    if row["is_person"]:
        item.update(
            {
                "title": node.get("title"),
                "status": node.get("status") or "active",
                "account": row["account"],
            }
        )
    else:
        item["type"] = node.get("type")
    return item
