"""Who is nearby: the nearby search on Neo4j's point index, "near and connected", map markers with how
overdue each contact is, and the records the map cannot show yet. Where a record is comes from
graphcrm.places.

- nearby.py / nearby_args.py / connected.py: the nearby search, its checked parameters, and
  "near and connected".
- map_markers.py: capped map markers.
- unplaced.py: people and accounts without a point.
"""
from graphcrm.geo.map_markers import markers
from graphcrm.geo.nearby import haversine_km, nearby
from graphcrm.geo.nearby_args import parse_query
from graphcrm.geo.unplaced import unplaced

__all__ = ["haversine_km", "markers", "nearby", "parse_query", "unplaced"]
