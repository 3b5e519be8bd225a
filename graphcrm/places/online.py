"""The optional online geocoder: a Nominatim-compatible search service, off unless configured.

Set GRAPHCRM_GEOCODER_URL (e.g. a Nominatim instance's `/search` address) to use it; it is asked
only for addresses, never for anything else, and its answer is used only when it parses.
Public Nominatim instances require a contact in the user agent and at most one request per
second: run your own, or respect that in GRAPHCRM_GEOCODER_URL's terms.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import urllib.request

log = logging.getLogger(__name__)
TIMEOUT_S = 5
USER_AGENT = "graphcrm (self-hosted CRM; offline first)"


def search(url: str, address: dict) -> tuple[float, float] | None:
    """Ask the service at `url` for the address; return (lat, lon) or None on any failure."""
    query = {"format": "jsonv2", "limit": "1", "addressdetails": "0"}
    for ours, theirs in (("street", "street"), ("postal_code", "postalcode"), ("city", "city")):
        if address.get(ours):
            query[theirs] = str(address[ours])
    if address.get("country"):
        query["countrycodes"] = str(address["country"]).lower()
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode(query)}", headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            hits = json.loads(response.read(1_000_000))
        lat, lon = float(hits[0]["lat"]), float(hits[0]["lon"])
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("online geocoder gave no usable answer: %s", exc)
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
