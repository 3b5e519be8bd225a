"""JSON for Neo4j values: temporal types as ISO 8601, points as {lat, lon}."""
from __future__ import annotations

from flask.json.provider import DefaultJSONProvider

from graphcrm.i18n import LazyText
from graphcrm.store.values import to_jsonable


class CrmJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider taught Neo4j's types and lazy messages."""

    sort_keys = False

    @staticmethod
    def default(o):
        if isinstance(o, LazyText):  # a lazy message (a module constant) becomes the reader's text
            return str(o)
        return to_jsonable(o)
