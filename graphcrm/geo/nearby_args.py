"""The query parameters of GET /nearby: checked, each bad one named, the centre resolved."""

from __future__ import annotations

import math

from graphcrm.access.checks import check_visible
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.geo.nearby import DEFAULT_RADIUS_KM, KINDS, MAX_RADIUS_KM, Hops, NearbyQuery
from graphcrm.i18n import _
from graphcrm.places.address import locate, parse_address
from graphcrm.places.locations import online_url
from graphcrm.records import paging, picklists
from graphcrm.store.db import Database

ARGS = (
    "lat",
    "lon",
    "near",
    "address",
    "radius_km",
    "kind",
    "owner",
    "account_type",
    "active",
    "connected_to",
    "hops",
    "limit",
    "cursor",
)
MAX_LIMIT = 200


def _number(args: dict, name: str, lo: float, hi: float, errors: dict, *, lo_open: bool = False) -> float | None:
    raw = args.get(name)
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = float(str(raw).strip())
    except ValueError:
        errors[name] = _("must be a number")
        return None
    if not math.isfinite(value) or value > hi or value < lo or (lo_open and value <= lo):
        bounds = {"lo": format(lo, "g"), "hi": format(hi, "g")}
        errors[name] = (_("must be more than %(lo)s and at most %(hi)s", **bounds) if lo_open
                        else _("must be at least %(lo)s and at most %(hi)s", **bounds))
        return None
    return value


def parse_query(db: Database, args: dict, user: dict, access: Access) -> NearbyQuery:
    """Check the query parameters of GET /nearby and resolve the center; raise Invalid naming each bad one."""
    errors: dict[str, str] = {}
    for name in sorted(set(args) - set(ARGS)):
        errors[name] = _("is not a parameter of nearby; use %(names)s", names=", ".join(ARGS))
    lat = _number(args, "lat", -90, 90, errors)
    lon = _number(args, "lon", -180, 180, errors)
    radius = _number(args, "radius_km", 0, MAX_RADIUS_KM, errors, lo_open=True)
    near, address = (args.get("near") or "").strip(), (args.get("address") or "").strip()
    given = [
        name
        for name, present in (
            ("lat/lon", "lat" in args or "lon" in args),
            ("near", bool(near)),
            ("address", bool(address)),
        )
        if present
    ]
    if len(given) > 1:
        for name in given:
            errors.setdefault(name if name != "lat/lon" else "lat", _("give only one of lat/lon, near or address"))
    elif not given:
        errors["lat"] = _("give lat and lon, or near=ID, or address=...")
    elif given == ["lat/lon"] and not errors:
        for name, value in (("lat", lat), ("lon", lon)):
            if value is None:
                errors[name] = _("is required with %(other)s", other="lon" if name == "lat" else "lat")
    kind = (args.get("kind") or "").strip()
    if kind and kind not in KINDS:
        errors["kind"] = _("must be person or account")
    account_type = (args.get("account_type") or "").strip() or None
    if account_type:
        # The org's own types count too ("Household" from a Salesforce import).
        known = picklists.values(db, "account_type")
        if account_type not in known:
            errors["account_type"] = _("must be one of: %(expected)s", expected=", ".join(known))
    active = _flag(args.get("active"), "active", errors)
    hops = (args.get("hops") or "2").strip()
    if hops not in {h.value for h in Hops}:
        errors["hops"] = _("must be 1, 2 or 3")
    elif args.get("hops") and not args.get("connected_to"):
        errors["hops"] = _("applies only with connected_to")
    limit = _integer(args.get("limit"), "limit", 50, 1, MAX_LIMIT, errors)
    position = paging.decode(access, args.get("cursor"), float, str)
    after = (float(position[0]), position[1]) if position else (-1.0, "")
    owner = (args.get("owner") or "").strip() or None
    query = NearbyQuery(
        0.0,
        0.0,
        radius or DEFAULT_RADIUS_KM,
        (kind,) if kind else tuple(KINDS),
        owner=user["id"] if owner == "me" else owner,
        account_type=account_type,
        active=active,
        connected_to=(args.get("connected_to") or "").strip() or None,
        hops=Hops(hops) if hops in {h.value for h in Hops} else Hops.TWO,
        limit=limit,
        after=after,
    )
    if not errors:
        _resolve_center(db, query, lat, lon, near, address, errors, access)
    if errors:
        raise Invalid(_("Some parameters are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    return query


def _flag(raw, name: str, errors: dict) -> bool:
    text = (raw or "").strip().lower()
    if text in ("", "0", "false", "no"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    errors[name] = _("must be true or false")
    return False


def _integer(raw, name: str, default: int, lo: int, hi: int, errors: dict) -> int:
    text = (raw or "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or not lo <= int(text) <= hi:
        errors[name] = _("must be a whole number between %(lo)s and %(hi)s", lo=lo, hi=hi)
        return default
    return int(text)


def _visible(db: Database, access: Access, record_id: str) -> bool:
    try:
        check_visible(db, access, record_id)
    except NotFound:
        return False
    return True


def _resolve_center(db: Database, query: NearbyQuery, lat, lon, near: str, address: str, errors: dict,
                    access: Access) -> None:
    if near:
        row = db.read_one("geo/center_of", id=near)
        # Centering on a person the viewer may not see would tell where they are: answered as unknown.
        if row is None or not _visible(db, access, near):
            errors["near"] = _("is not the id of a person or account")
        elif row["location"] is None:
            errors["near"] = _("has no location yet (its address could not be placed)")
        else:
            lat, lon = row["location"].latitude, row["location"].longitude
            query.exclude = near
            query.center = {"source": "record", "id": near}
    elif address:
        if len(address) > 300:
            errors["address"] = _("must be at most %(max_length)s characters", max_length=300)
            return
        found = locate(parse_address(address), online_url=online_url())
        if found is None:
            errors["address"] = _("could not be found; give a postal code and city, e.g. 4051 Basel, CH")
            return
        lat, lon = found[0], found[1]
        query.center = {"source": "address", "precision": found[2]}
    else:
        query.center = {"source": "coordinates"}
    query.lat, query.lon = lat, lon
    query.center.update({"lat": lat, "lon": lon})
