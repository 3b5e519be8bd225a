"""The one palette: a colour and shape for each kind of record and each relationship type drawn in a graph.

The explorer, the influence view, the map and the HTML export all take their colours from here (pages
get it as `data-palette` on <body>), so a legend, a pin and an exported file always agree.
"""
from __future__ import annotations

from graphcrm.model import KIND_LABELS, RelType

OTHER = "#bab0ac"
KIND_COLORS = {"person": "#4e79a7", "account": "#f28e2b", "opportunity": "#59a14f", "user": "#b07aa1",
               "campaign": "#9c755f", "other": OTHER}
KIND_SHAPES = {"person": "dot", "account": "box", "opportunity": "diamond", "user": "star",
               "campaign": "triangle", "other": "dot"}
# The types a graph view draws; TOUCHED is the virtual edge of a touchpoint (LOGGED + WITH).
TYPE_COLORS = {RelType.EMPLOYS.value: "#4e79a7", RelType.WORKED_AT.value: "#9aa7b8",
               RelType.BOARD_MEMBER.value: "#e15759", RelType.CONTACT_ROLE.value: "#59a14f",
               RelType.OWNS.value: "#b07aa1", RelType.HAS_OPPORTUNITY.value: "#76b7b2",
               RelType.PARTNER_OF.value: "#f28e2b", RelType.KNOWS.value: "#edc948",
               RelType.REPORTS_TO.value: "#ff9da7", RelType.MEMBER_OF.value: "#9c755f", "TOUCHED": "#d37295"}
EDGE_FALLBACK = "#999999"
assert set(KIND_COLORS) == {*KIND_LABELS, "other"} == set(KIND_SHAPES)


def palette() -> dict:
    """The palette as the front end reads it."""
    return {"kinds": KIND_COLORS, "shapes": KIND_SHAPES, "types": TYPE_COLORS, "other": OTHER,
            "edge": EDGE_FALLBACK}
