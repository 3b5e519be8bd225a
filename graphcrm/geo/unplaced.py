"""Records the map cannot show yet: people and accounts without a point, in name order."""
from __future__ import annotations

from graphcrm.access.checks import visibility
from graphcrm.access.policy import Access
from graphcrm.model import LABEL_KINDS, Label
from graphcrm.model.nodes import display_name
from graphcrm.places.address import ADDRESS_FIELDS, has_address
from graphcrm.places.locations import check_label
from graphcrm.records import paging
from graphcrm.store.db import Database


def unplaced(db: Database, label: Label, *, limit: int = 50, cursor: str | None = None,
             access: Access) -> dict:
    """Return a page `{"items", "next"}` of records without a point (people the viewer may see), in name order."""
    check_label(label)
    after_key, after_id = paging.decode(access, cursor, str, str) or ("", "")
    rows = db.read(
        "geo/unplaced",
        {"label": label},
        after_key=after_key,
        after_id=after_id,
        limit=limit + 1,
        **visibility(access),
    )
    items = [_unplaced_item(label, r) for r in rows[:limit]]
    last = rows[limit - 1]["node"] if len(rows) > limit else None
    return {
        "items": items,
        "next": paging.encode(access, last["sort_key"], last["id"]) if last else None,
    }


def _unplaced_item(label: Label, row: dict) -> dict:
    node = row["node"]
    if has_address(node):
        reason = "address_not_found"
    elif label is Label.PERSON and row["employed"]:
        reason = "no_address_and_account_not_placed"
    else:
        reason = "no_address"
    name = display_name(node, "")
    return {
        "id": node["id"],
        "kind": LABEL_KINDS[label],
        "label": name or node["id"],
        **{f: node.get(f) for f in ADDRESS_FIELDS},
        "reason": reason,
    }
