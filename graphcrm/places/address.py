"""From an address to a point: `locate` (offline first) and the parsing of a one-line address."""

from __future__ import annotations

import re

from graphcrm.places import gazetteer, online

# How a point was found; stored as `location_source` next to `location`.
SOURCE_POSTAL = "postal_code"  # the postal code's locality (street-level precision is not offline)
SOURCE_CITY = "city"  # the city or village named in the address
SOURCE_AREA = "postal_area"  # an unknown postal code placed at its neighbours' centre (a few km)
SOURCE_ONLINE = "online"  # the optional online geocoder
SOURCE_ACCOUNT = "account"  # a person without an address of their own: their primary account's point
SOURCE_MANUAL = "manual"  # set by hand (a dragged marker); automatic geocoding never overwrites it
ADDRESS_FIELDS = ("street", "postal_code", "city", "country")
COUNTRY_NAMES = {
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "svizra": "CH",
    "switzerland": "CH",
    "deutschland": "DE",
    "germany": "DE",
    "allemagne": "DE",
    "osterreich": "AT",
    "oesterreich": "AT",
    "austria": "AT",
    "autriche": "AT",
    "liechtenstein": "LI",
}
_POSTAL_TOKEN = re.compile(r"(?<![\w-])((?:CH|D|A|FL)-)?(\d{4,5})(?![\w-])", re.IGNORECASE)


def has_address(address: dict) -> bool:
    """True when the address names a place: a postal code or a city."""
    return bool((address.get("postal_code") or "").strip() or (address.get("city") or "").strip())


def locate(address: dict, *, online_url: str | None = None) -> tuple[float, float, str] | None:
    """Return (lat, lon, source) for an address {street, postal_code, city, country}, or None.

    Offline: the postal code (with a country, or confirmed by the city when the country is
    missing), then the city, then the postal code's neighbourhood. With `online_url` the online
    geocoder is asked first, for street-level precision, and offline data is the fallback.
    """
    if not has_address(address):
        return None
    if online_url:
        found = online.search(online_url, address)
        if found:
            return found[0], found[1], SOURCE_ONLINE
    return locate_offline(address)


def locate_offline(address: dict) -> tuple[float, float, str] | None:
    """Return (lat, lon, source) from packaged data only, or None."""
    country = (address.get("country") or "").strip().upper()
    postal = (address.get("postal_code") or "").strip()
    city = (address.get("city") or "").strip()
    countries = [country] if country else list(gazetteer.HOME)
    if postal:
        for cc in countries:
            hit = gazetteer.find_postal_code(cc, postal)
            # Without a country a bare 4-digit code is ambiguous (CH or AT): the city must agree.
            if hit and (country or (city and gazetteer.locality_matches(hit[1], city))):
                return hit[0].lat, hit[0].lon, SOURCE_POSTAL
    if city:
        for cc in countries:
            place = gazetteer.find_city(cc, city)
            if place:
                return place.lat, place.lon, SOURCE_CITY
    if postal and country:
        area = gazetteer.find_postal_area(country, postal)
        if area:
            return area.lat, area.lon, SOURCE_AREA
    return None


def parse_address(text: str) -> dict:
    """Split a one-line address ("Marktplatz 1, 4051 Basel, CH") into street, postal_code, city, country."""
    parts = [p.strip() for p in re.split(r"[,;\n]+", text) if p.strip()]
    out: dict[str, str] = {}
    if parts and _country(parts[-1]) and len(parts) > 1:
        out["country"] = _country(parts.pop())
    for i, part in enumerate(parts):
        match = _POSTAL_TOKEN.search(part)
        if match and "postal_code" not in out:
            out["postal_code"] = match.group(2)
            prefix = (match.group(1) or "").upper().rstrip("-")
            if prefix and "country" not in out:
                out["country"] = {"D": "DE", "A": "AT", "FL": "LI"}.get(prefix, prefix)
            # "8001 Zürich" or "Bahnhofstrasse 1 8001 Zürich": the city follows the code, a street precedes it.
            before, after = part[: match.start()].strip(), part[match.end() :].strip()
            if after:
                out["city"] = after
                if before:
                    out["street"] = before
            elif before and not re.search(r"\d", before):
                out["city"] = before  # "Basel 4051"
            elif before:
                out["street"] = before
            parts[i] = ""
    remaining = [p for p in parts if p]
    if "city" not in out and remaining:
        out["city"] = remaining.pop()
    if remaining:
        out["street"] = ", ".join(remaining)
    if "country" not in out and "city" in out:
        # "Zürich Schweiz" or "Wien AT" without a comma.
        words = out["city"].rsplit(" ", 1)
        if len(words) == 2 and _country(words[1]):
            out["city"], out["country"] = words[0], _country(words[1])
    return out


def _country(text: str) -> str | None:
    key = gazetteer.normalize(text)
    if key in COUNTRY_NAMES:
        return COUNTRY_NAMES[key]
    if re.fullmatch(r"[A-Za-z]{2}", text.strip()) and text.strip().upper() in _ISO2:
        return text.strip().upper()
    return None


# Two-letter codes taken as a country at the end of an address (others could be a town's suffix).
_ISO2 = frozenset("CH DE AT LI FR IT NL BE LU DK SE NO FI PL CZ SK HU SI HR ES PT GB IE US CA".split())
