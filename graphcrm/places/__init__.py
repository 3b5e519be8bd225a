"""Where records are: an address becomes a point (offline from packaged data, optionally online), a
record follows its address or its account's, and a pin set by hand wins.

- address.py: `locate(address) -> (lat, lon, source) | None` and `parse_address(text)`, offline from
  packaged GeoNames and postal-code data (gazetteer.py), optionally online (online.py, off unless
  GRAPHCRM_GEOCODER_URL is set).
- locations.py: `geocode_record`, `place_on_write` (what record writes call), `geocode_missing`
  (bulk), and the manual pin.
"""
from graphcrm.places.address import ADDRESS_FIELDS, locate, parse_address
from graphcrm.places.locations import (
    GeocodeBody,
    check_label,
    clear_manual_location,
    geocode_missing,
    geocode_record,
    geocode_request,
    get_location,
    location_state,
    online_url,
    place_on_write,
    set_manual_location,
)

__all__ = ["ADDRESS_FIELDS", "GeocodeBody", "check_label", "clear_manual_location", "geocode_missing",
           "geocode_request", "geocode_record", "get_location", "locate", "location_state", "online_url",
           "parse_address", "place_on_write", "set_manual_location"]
