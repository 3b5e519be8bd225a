"""Who is nearby: the nearby search, record locations, map markers, and the map pages."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, make_response, render_template, request

from graphcrm import geo, places
from graphcrm.errors import Invalid
from graphcrm.geo.map_markers import DEFAULT_LIMIT as MARKER_LIMIT
from graphcrm.geo.map_markers import MAX_LIMIT as MAX_MARKERS
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import login_required
from graphcrm.http.common.security import content_security_policy
from graphcrm.http.records.api import json_body, query_args
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.validation import int_arg
from graphcrm.records import picklists

bp = Blueprint("geo", __name__)
# The one exception to "pages load nothing from other hosts": map tiles, from a configurable server.
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
LOCATED = {"people": Label.PERSON, "accounts": Label.ACCOUNT}


def tile_settings() -> dict:
    """The tile server template and its attribution: app config, else the environment, else OpenStreetMap."""
    cfg = current_app.config
    return {
        "url": cfg.get("GRAPHCRM_TILE_URL") or os.environ.get("GRAPHCRM_TILE_URL") or DEFAULT_TILE_URL,
        "attribution": cfg.get("GRAPHCRM_TILE_ATTRIBUTION")
        or os.environ.get("GRAPHCRM_TILE_ATTRIBUTION")
        or _("© OpenStreetMap contributors"),
    }


def tile_origin(url: str) -> str | None:
    """The CSP source of a tile URL template: its scheme and host ("{s}." subdomains as a wildcard)."""
    parts = urlsplit(url.replace("{s}.", "sub-domain-placeholder."))
    if not parts.scheme or not parts.netloc:
        return None  # tiles from this server
    host = parts.netloc.replace("sub-domain-placeholder.", "*.")
    return f"{parts.scheme}://{host}"


def _flag(name: str) -> bool:
    value = (request.args.get(name) or "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise Invalid(_("%(name)s must be true or false", name=name), {name: _("must be true or false")})


# -- API ---------------------------------------------------------------------------------------


@bp.get("/api/v1/nearby")
def nearby():
    """Accounts and people within radius_km of a point, a record or an address, nearest first."""
    query = geo.parse_query(get_db(), request.args.to_dict(), g.user, g.access)
    return geo.nearby(get_db(), query, g.user, access=g.access)


def _location_rule(collection: str, label: Label) -> None:
    # The path variable is named `id` to match the OpenAPI paths (`/people/{id}/location`).
    path = f"/api/v1/{collection}/<id>/location"

    def read(id: str):
        return places.get_location(get_db(), label, id, access=g.access)

    def put(id: str):
        return places.set_manual_location(get_db(), label, id, json_body(), access=g.access)

    def reset(id: str):
        return places.clear_manual_location(get_db(), label, id, access=g.access)

    bp.add_url_rule(path, f"{collection}_location", read, methods=["GET"])
    bp.add_url_rule(path, f"{collection}_set_location", put, methods=["PUT", "POST"])
    bp.add_url_rule(path, f"{collection}_reset_location", reset, methods=["DELETE"])


for _collection, _label in LOCATED.items():
    _location_rule(_collection, _label)


def _kind_label(default: str = "person") -> Label:
    kind = request.args.get("kind") or default
    if kind not in ("person", "account"):
        raise Invalid(_("kind must be person or account"), {"kind": _("must be person or account")})
    return Label.PERSON if kind == "person" else Label.ACCOUNT


@bp.get("/api/v1/geo/unplaced")
def unplaced():
    """People or accounts without a location, with the reason, in name order."""
    query_args("kind", "limit", "cursor")
    return geo.unplaced(
        get_db(),
        _kind_label(),
        limit=int_arg(request.args, "limit", 50, 1, 500),
        cursor=request.args.get("cursor"),
        access=g.access,
    )


@bp.post("/api/v1/geo/geocode")
def geocode_all():
    """Admins: geocode every record without a location (with {"all": true}: every one not placed by hand)."""
    return places.geocode_request(get_db(), json_body(optional=True), access=g.access)


@bp.get("/api/v1/geo/markers")
def map_markers():
    """Map markers inside bbox=west,south,east,north, capped at limit; `truncated` when some were left out."""
    args = query_args("bbox", "kind", "owner", "active", "limit")
    owner = args.get("owner") or None
    return geo.markers(
        get_db(),
        args.get("bbox"),
        kind=args.get("kind") or None,
        owner=g.user["id"] if owner == "me" else owner,
        active=_flag("active"),
        limit=int_arg(request.args, "limit", MARKER_LIMIT, 1, MAX_MARKERS),
        access=g.access,
    )


# -- pages -------------------------------------------------------------------------------------


@bp.get("/map")
@login_required
def map_page():
    """The map: clustered markers, coloured by kind and how overdue; a nearby panel."""
    tiles = tile_settings()
    response = make_response(
        render_template(
            "geo/geo_map.html",
            tiles=tiles,
            account_types=picklists.values(get_db(), "account_type"),
            near=request.args.get("near", ""),
            can_edit=g.access.can_write,
        )
    )
    # Only this page may load images from the tile server (the security headers keep the rest strict).
    response.headers["Content-Security-Policy"] = content_security_policy(tile_origin(tiles["url"]))
    return response


@bp.get("/map/unplaced")
@login_required
def unplaced_page():
    """The records whose address could not be placed, so someone can fix them."""
    label = _kind_label(request.args.get("kind") or "person")
    page = geo.unplaced(
        get_db(),
        label,
        limit=int_arg(request.args, "limit", 100, 1, 500),
        cursor=request.args.get("cursor"),
        access=g.access,
    )
    return render_template("geo/geo_unplaced.html", page=page, kind="person" if label is Label.PERSON else "account")


# -- OpenAPI -----------------------------------------------------------------------------------


def _q(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _ok(description: str, *codes: int) -> dict:
    errors = {
        str(c): {
            "description": "error",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for c in (401, *codes)
    }
    return {"200": {"description": description}, **errors}


_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
_COORDS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["lat", "lon"],
    "properties": {
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
    },
}
_STATE = (
    "{id, location: {lat, lon} | null, source}: source is postal_code, city, postal_area, online, "
    "account (a person shown at their account) or manual"
)


def _location_paths(collection: str) -> dict:
    return {
        f"/{collection}/{{id}}/location": {
            "parameters": [_ID],
            "get": {
                "summary": "Where the record is, and how that was found",
                "responses": _ok(_STATE, 404),
            },
            "put": {
                "summary": "Pin the record by hand (a dragged marker); geocoding never overwrites it",
                "requestBody": {"content": {"application/json": {"schema": _COORDS}}},
                "responses": _ok(_STATE, 400, 403, 404, 422),
            },
            "post": {
                "summary": "Same as PUT",
                "requestBody": {"content": {"application/json": {"schema": _COORDS}}},
                "responses": _ok(_STATE, 400, 403, 404, 422),
            },
            "delete": {
                "summary": "Drop the manual pin and geocode the address again",
                "responses": _ok(_STATE, 403, 404),
            },
        }
    }


OPENAPI_PATHS = {
    "/nearby": {
        "get": {
            "summary": "Accounts and people near a point, a record or an address, nearest first",
            "description": "Give exactly one of lat+lon, near=ID or address (geocoded offline). Uses the point "
            "index. With connected_to, only records within `hops` hops of the deal's decision "
            "makers (or, for `me`, of the people I own). 422 names each bad parameter.",
            "parameters": [
                _q("lat", "latitude, -90..90", {"type": "number"}),
                _q("lon", "longitude, -180..180", {"type": "number"}),
                _q(
                    "near",
                    "id of a person or account: search around it (it is left out of the results)",
                ),
                _q("address", "one line, e.g. 'Marktplatz 1, 4051 Basel, CH'"),
                _q("radius_km", "more than 0, at most 500", {"type": "number", "default": 10}),
                _q(
                    "kind",
                    "person or account; both when absent",
                    {"type": "string", "enum": ["person", "account"]},
                ),
                _q("owner", "user id, or me"),
                _q(
                    "account_type",
                    "accounts of this type (a value of the account_type picklist); people working at one",
                ),
                _q("active", "true: active people only", {"type": "boolean"}),
                _q("connected_to", "me, or an opportunity id"),
                _q(
                    "hops",
                    "1-3, with connected_to",
                    {"type": "integer", "minimum": 1, "maximum": 3, "default": 2},
                ),
                _q("limit", "1-200", {"type": "integer", "default": 50}),
                _q("cursor", "the `next` of the previous page"),
            ],
            "responses": _ok(
                "{items: [{id, kind, label, distance_km, lat, lon, city, ...}], next, truncated, "
                "center: {lat, lon, source}, radius_km, connected?: {to, basis, anchors, hops}}",
                422,
            ),
        }
    },
    **_location_paths("people"),
    **_location_paths("accounts"),
    "/geo/unplaced": {
        "get": {
            "summary": "Records that could not be placed, with the reason, in name order",
            "parameters": [
                _q(
                    "kind",
                    "person (default) or account",
                    {"type": "string", "enum": ["person", "account"]},
                ),
                _q("limit", "1-500", {"type": "integer", "default": 50}),
                _q("cursor", "paging"),
            ],
            "responses": _ok(
                "{items: [{id, kind, label, street, postal_code, city, country, reason}], next}",
                422,
            ),
        }
    },
    "/geo/geocode": {
        "post": {
            "summary": "Admins: geocode every record without a location",
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "all": {
                                    "type": "boolean",
                                    "description": "every record not placed by hand, not only the missing",
                                },
                                "limit": {"type": "integer", "minimum": 1},
                            },
                        }
                    }
                },
            },
            "responses": _ok("{checked, placed, unplaced, by_source}", 403, 422),
        }
    },
    "/geo/markers": {
        "get": {
            "summary": "Map markers inside a box, capped; `truncated` when some were left out",
            "parameters": [
                _q("bbox", "west,south,east,north in degrees", required=True),
                _q("kind", "person or account", {"type": "string", "enum": ["person", "account"]}),
                _q("owner", "user id, or me"),
                _q("active", "true: active people only", {"type": "boolean"}),
                _q("limit", f"1-{MAX_MARKERS}", {"type": "integer", "default": MARKER_LIMIT}),
            ],
            "responses": _ok(
                "{items: [{id, kind, label, lat, lon, overdue: {level, ratio, days_since, basis}, ...}], "
                "truncated, limit}",
                422,
            ),
        }
    },
}
