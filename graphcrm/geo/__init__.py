"""Who is nearby: geocoding of accounts and people, nearby search, map markers (issue 7).

- address.py: `locate(address) -> (lat, lon, source) | None`, offline from packaged data
  (gazetteer.py), optionally online (online.py, off unless GRAPHCRM_GEOCODER_URL is set).
- locations.py: `geocode_record`, `place_on_write` (the records hook), `geocode_missing` (bulk),
  the manual override and the list of records that could not be placed.
- nearby.py / nearby_args.py / connected.py: the nearby search on the point index, its checked
  parameters, and "near and connected".
- map_markers.py: capped map markers with how overdue each contact is.
"""

from graphcrm.geo.address import locate, parse_address
from graphcrm.geo.locations import (
    clear_manual_location, geocode_missing, geocode_record, get_location, place_on_write,
    set_manual_location, unplaced,
)
from graphcrm.geo.map_markers import markers
from graphcrm.geo.nearby import haversine_km, nearby
from graphcrm.geo.nearby_args import parse_query

__all__ = [
    "locate",
    "parse_address",
    "geocode_record",
    "place_on_write",
    "geocode_missing",
    "set_manual_location",
    "clear_manual_location",
    "get_location",
    "unplaced",
    "markers",
    "nearby",
    "parse_query",
    "haversine_km",
]
