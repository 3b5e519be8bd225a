"""Recompute the stored sort keys when their folding changes (part of `graphcrm db migrate`)."""
from __future__ import annotations

from graphcrm.model import Label
from graphcrm.model.collation import VERSION
from graphcrm.model.nodes import sort_key

NAMED = (Label.PERSON, Label.ACCOUNT, Label.OPPORTUNITY, Label.CAMPAIGN, Label.USER)
BATCH = 5000
MIGRATION = "sort_keys"


def refold(db) -> int:
    """Give every named record the current sort key, once per folding version; return how many changed.

    `db` is the store's Database (not imported: db.migrate calls this).
    """
    if db.read_one("migrations/done", name=MIGRATION, version=VERSION)["done"]:
        return 0
    changed, seen = 0, False
    for label in NAMED:
        after = ""
        while True:
            rows = db.read("migrations/sort_key_batch", {"label": label}, after=after, limit=BATCH)
            if not rows:
                break
            seen = True
            fresh = [{"id": r["id"], "sort_key": sort_key(label, r)} for r in rows]
            stale = [f for f, r in zip(fresh, rows) if f["sort_key"] != r["sort_key"]]
            if stale:
                db.write("migrations/set_sort_keys", {"label": label}, rows=stale)
                changed += len(stale)
            after = rows[-1]["id"]
    if seen:  # an empty database stays empty (a backup is restored only into one)
        db.write("migrations/mark_done", name=MIGRATION, version=VERSION)
    return changed
