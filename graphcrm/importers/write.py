"""Writing validated rows: UNWIND batches, one managed transaction each, MERGE on sf_id (re-runnable)."""
from __future__ import annotations

from typing import Callable

from ..db import Database, Tx
from ..model import DEFAULT_CONTACT_ROLES, Label
from ..records import TRACKED
from .spec import ObjectSpec
from .validate import Spool


def _batch(tx: Tx, statement: str, rows: list[dict], tracked: list[str], by: str | None) -> dict:
    # Idempotent (MERGE on sf_id), so the driver may retry it after a transient error.
    return tx.one(statement, rows=rows, tracked=tracked, by=by) or {}


def write_spool(db: Database, spec: ObjectSpec, spool: Spool, *, by: str | None, touched: set[str],
                on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write every spooled row of one object; return created/updated/written counts.

    Adds to `touched` the Salesforce ids of people whose activities were created or changed.
    """
    tracked = list(TRACKED.get(spec.label, ())) if spec.label in (Label.PERSON, Label.ACCOUNT) else []
    totals = {"created": 0, "updated": 0, "written": 0}
    for _lines, rows in spool.chunks():
        counts = db.write_tx(_batch, spec.statement, rows, tracked, by)
        totals["created"] += counts.get("created") or 0
        totals["updated"] += counts.get("updated") or 0
        totals["written"] += len(rows)
        touched.update(counts.get("touched") or ())
        if on_rows:
            on_rows(len(rows))
    if spec.after:
        # Self-references (ReportsToId, ManagerId) once every record of the file exists.
        for _lines, rows in spool.chunks():
            db.write_tx(_batch, spec.after, rows, tracked, by)
    return totals


def refresh_touches(db: Database, sf_ids: set[str], batch: int = 5000) -> int:
    """Recompute the last-touch fields of these people, as every writer of activities must."""
    from ..activities import refresh_touch_fields

    ordered = sorted(sf_ids)
    done = 0
    for start in range(0, len(ordered), batch):
        ids = [r["id"] for r in db.read("import/person_ids", sf_ids=ordered[start:start + batch])]
        done += refresh_touch_fields(db, ids)
    return done


def save_contact_roles(db: Database, new_roles: list[str]) -> None:
    """Add the org's own opportunity contact roles to the configured list (kept in a Setting node)."""
    db.write("import/save_contact_roles", values=[r for r in new_roles if r not in DEFAULT_CONTACT_ROLES])
