"""Where records are: geocoding on write and in bulk, the manual override, the unplaced list.

Every Person and Account may carry `location` (a WGS-84 point), `location_source` (how it was
found, see address.py) and `located_at`. A person without an address of their own is shown at
the account they work at (the primary one first) and follows it when it moves. A manual point
(`location_source = 'manual'`) wins until it is reset; automatic geocoding never overwrites it.
"""

from __future__ import annotations

import os

from graphcrm.access import checks
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import Field, Label
from graphcrm.model.schema import Body, Flag, typed
from graphcrm.model.words import no_such
from graphcrm.places.address import ADDRESS_FIELDS, SOURCE_ACCOUNT, SOURCE_MANUAL, has_address, locate
from graphcrm.store.db import Database
from graphcrm.store.values import point

PLACED_LABELS = (Label.PERSON, Label.ACCOUNT)
BATCH = 1000
NOUNS = {Label.PERSON: "person", Label.ACCOUNT: "account"}


_Latitude = typed(Field("float", minimum=-90, maximum=90), required=True)
_Longitude = typed(Field("float", minimum=-180, maximum=180), required=True)
_Limit = typed(Field("int", minimum=1, maximum=1_000_000))


def online_url() -> str | None:
    """The online geocoder's address when one is configured (GRAPHCRM_GEOCODER_URL), else None."""
    return os.environ.get("GRAPHCRM_GEOCODER_URL") or None


def location_state(node: dict) -> dict:
    """Return `{"id", "location": {"lat", "lon"} | None, "source"}` for a node map."""
    loc = node.get("location")
    return {
        "id": node["id"],
        "location": {"lat": loc.latitude, "lon": loc.longitude} if loc else None,
        "source": node.get("location_source"),
    }


def check_label(label: Label) -> None:
    if label not in PLACED_LABELS:
        raise Invalid(_("%(label)s records have no location", label=label.value),
                      {"kind": _("must be person or account")})


def geocode_record(db: Database, label: Label, record_id: str) -> dict:
    """Place one record from its address (or its account's point); a manual point is kept. Return its state."""
    check_label(label)
    row = db.read_one("geo/address_of", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(no_such(label, record_id))
    node = row["node"]
    if node.get("location_source") == SOURCE_MANUAL:
        return location_state(node)
    location, source = None, None
    if has_address(node):
        found = locate(node, online_url=online_url())
        if found:
            location, source = point(found[0], found[1]), found[2]
    elif label is Label.PERSON and row["employer_location"] is not None:
        location, source = row["employer_location"], SOURCE_ACCOUNT
    written = db.write_one(
        "geo/set_location",
        {"label": label},
        id=record_id,
        location=location,
        source=source,
        force=False,
    )
    if label is Label.ACCOUNT:
        db.write("geo/follow_account", id=record_id)
    return location_state(written["node"] if written else node)


def place_on_write(db: Database, label: Label, node: dict, changed: dict) -> dict:
    """Geocode a record just created or updated when its address changed; return the node with its point.

    The hook records.create/update call: `return places.place_on_write(db, label, node, props)`.
    """
    if label not in PLACED_LABELS or not (set(ADDRESS_FIELDS) & set(changed)):
        return node
    state = geocode_record(db, label, node["id"])
    placed = dict(node)
    loc = state["location"]
    placed["location"] = point(loc["lat"], loc["lon"]) if loc else None
    placed["location_source"] = state["source"]
    if placed["location"] is None:
        placed.pop("location")
    if placed["location_source"] is None:
        placed.pop("location_source")
    return placed


class PinBody(Body):
    """`{"lat", "lon}`: where a record is, in degrees (a dragged marker)."""

    lat: _Latitude
    lon: _Longitude


class GeocodeBody(Body):
    """`{"all", "limit"}`: geocode what is missing (or everything not placed by hand), at most `limit`."""

    all: Flag = None
    limit: _Limit = None


def check_coordinates(data) -> tuple[float, float]:
    """Read {"lat", "lon"} from a request body, or raise Invalid naming the bad field."""
    pin = PinBody.check(data)
    return pin.lat, pin.lon


def set_manual_location(db: Database, label: Label, record_id: str, data, *, access: Access) -> dict:
    """Pin a record at {"lat", "lon"} by hand (a dragged marker); return its state."""
    check_label(label)
    checks.check_edit(db, access, record_id)
    lat, lon = check_coordinates(data)
    row = db.write_one(
        "geo/set_location",
        {"label": label},
        id=record_id,
        location=point(lat, lon),
        source=SOURCE_MANUAL,
        force=True,
    )
    if row is None:
        raise NotFound(no_such(label, record_id))
    if label is Label.ACCOUNT:
        db.write("geo/follow_account", id=record_id)
    return location_state(row["node"])


def clear_manual_location(db: Database, label: Label, record_id: str, *, access: Access) -> dict:
    """Drop a manual point and geocode the record from its address again; return its state."""
    check_label(label)
    checks.check_edit(db, access, record_id)
    if db.write_one("geo/clear_manual", {"label": label}, id=record_id) is None:
        raise NotFound(no_such(label, record_id))
    return geocode_record(db, label, record_id)


def get_location(db: Database, label: Label, record_id: str, *, access: Access) -> dict:
    """Return a record's location state (a person the viewer may not see is not found)."""
    check_label(label)
    if label is Label.PERSON:
        checks.check_person(db, access, record_id)
    row = db.read_one("geo/address_of", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(no_such(label, record_id))
    return location_state(row["node"])


def geocode_request(db: Database, body, *, access: Access) -> dict:
    """Admins: geocode what an API body asks for (no body: what is missing; {"all": true}: all not placed by hand)."""
    checks.require_admin(access, _("geocode all records"))
    checked = GeocodeBody.check(body or {})
    return geocode_missing(db, everything=bool(checked.all), limit=checked.limit, access=access)


def geocode_missing(db: Database, *, everything: bool = False, limit: int | None = None,
                    access: Access) -> dict:
    """Geocode every account, then every person, without a point (with `everything`: all not placed by hand).

    Admins only. Accounts go first so people without an address find their account's point. Returns
    counts: {"checked", "placed", "unplaced", "by_source": {source: n}}.
    """
    checks.require_admin(access, _("geocode all records"))
    counts = {"checked": 0, "placed": 0, "unplaced": 0, "by_source": {}}
    url = online_url()
    for label in (Label.ACCOUNT, Label.PERSON):
        after = ""
        while limit is None or counts["checked"] < limit:
            size = BATCH if limit is None else min(BATCH, limit - counts["checked"])
            nodes = [
                r["node"]
                for r in db.read("geo/missing_page", {"label": label}, after=after, all=everything, batch=size)
            ]
            if not nodes:
                break
            after = nodes[-1]["id"]
            counts["checked"] += len(nodes)
            rows, homeless = [], []
            for node in nodes:
                if not has_address(node):
                    homeless.append(node["id"])
                    continue
                found = locate(node, online_url=url)
                rows.append(
                    {
                        "id": node["id"],
                        "location": point(found[0], found[1]) if found else None,
                        "source": found[2] if found else None,
                    }
                )
                if found:
                    counts["by_source"][found[2]] = counts["by_source"].get(found[2], 0) + 1
            placed = sum(1 for r in rows if r["location"] is not None)
            if rows:
                db.write("geo/set_locations", {"label": label}, rows=rows)
            if homeless and label is Label.PERSON:
                inherited = db.write_one("geo/inherit", ids=homeless)["placed"]
                placed += inherited
                if inherited:
                    counts["by_source"][SOURCE_ACCOUNT] = counts["by_source"].get(SOURCE_ACCOUNT, 0) + inherited
            counts["placed"] += placed
            counts["unplaced"] += len(nodes) - placed
    return counts
