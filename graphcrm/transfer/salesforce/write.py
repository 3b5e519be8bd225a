"""Writing validated rows: UNWIND batches, one managed transaction each, MERGE on sf_id (re-runnable)."""
from __future__ import annotations

import threading
from collections.abc import Callable

from graphcrm.model import DEFAULT_CONTACT_ROLES
from graphcrm.records.crud import TRACKED
from graphcrm.store.db import Database, Tx
from graphcrm.store.pipeline import WRITERS, retrying, write_all
from graphcrm.transfer.salesforce.spec import ObjectSpec
from graphcrm.transfer.salesforce.validate import Spool

AFTER_KEYS = ("sf_id", "has_reports_to", "reports_to", "has_manager", "manager", "opportunity")


def _batch(tx: Tx, statement: str, rows: list[dict], tracked: list[str], by: str | None,
           names: dict | None = None) -> dict:
    # Idempotent (MERGE on sf_id), so the driver may retry it after a transient error.
    return tx.one(statement, names, rows=rows, tracked=tracked, by=by) or {}


def _split_batch(tx: Tx, spec: ObjectSpec, rows: list[dict], tracked: list[str], by: str | None) -> dict:
    """New records take the CREATE statement, known ones the MERGE statement, in one transaction.

    A first import is almost all new rows, and CREATE skips MERGE's checks and locks. Re-running
    after a retry is still safe: the ids are looked up again inside the transaction.
    """
    statement, label = spec.create
    known = {r["id"] for r in tx.run("import/existing_ids", {"label": label}, ids=[r["sf_id"] for r in rows])}
    fresh = [r for r in rows if r["sf_id"] not in known]
    counts = {"created": 0, "updated": 0, "touched": []}
    if fresh:
        created = tx.one(statement, rows=fresh)
        counts["created"] = created["created"]
        counts["touched"] = [r["who"] for r in fresh if r.get("who")]
    if known:
        merged = _batch(tx, spec.statement, [r for r in rows if r["sf_id"] in known], tracked, by, spec.names)
        counts["updated"] = merged.get("updated") or 0
        counts["touched"] += merged.get("touched") or []
    return counts


def write_spool(db: Database, spec: ObjectSpec, spool: Spool, *, by: str | None, touched: set[str],
                on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write every spooled row of one object; return created/updated/written counts and people to merge.

    Adds to `touched` the Salesforce ids of people whose activities were created or changed.
    """
    tracked = list(TRACKED.get(spec.label, ())) if spec.label in TRACKED else []
    totals: dict = {"created": 0, "updated": 0, "written": 0, "merge": []}
    lock = threading.Lock()

    def write(chunk: tuple[list[int], list[dict]]) -> None:
        rows = chunk[1]
        if spec.create:
            counts = retrying(lambda: db.write_tx(_split_batch, spec, rows, tracked, by), spec.name)
        else:
            counts = db.write_tx(_batch, spec.statement, rows, tracked, by, spec.names)
        with lock:
            totals["created"] += counts.get("created") or 0
            totals["updated"] += counts.get("updated") or 0
            totals["written"] += len(rows)
            totals["merge"] += counts.get("merge") or []  # (lead person, contact) of converted leads
            touched.update(counts.get("touched") or ())
            if on_rows:
                on_rows(len(rows))

    # Files of records (accounts, contacts, tasks, ...) are written two batches at a time: each row is
    # its own record (ids are unique in a file) and its links start from it, so batches never MERGE
    # the same thing. Files of links may name one pair twice, so they are written one batch at a time.
    write_all(spool.chunks(), write, WRITERS if spec.create else 1)
    if spec.after:
        # Self-references (ReportsToId, ManagerId) once every record of the file exists, and the old
        # values of deal snapshots once every snapshot is in; only the rows that need it, and only the
        # keys the statement reads.
        for _lines, rows in spool.chunks():
            slim = [{k: r.get(k) for k in AFTER_KEYS} for r in rows
                    if r.get("has_reports_to") or r.get("has_manager") or r.get("after")]
            if slim:
                db.write_tx(_batch, spec.after, slim, tracked, by)
    return totals


def refresh_touches(db: Database, sf_ids: set[str], batch: int = 2000) -> int:
    """Recompute the last-touch fields of these people, as every writer of activities must.

    Batches hold different people and only read activities, so two run at once without conflict.
    """
    from graphcrm.touchpoints.activities import refresh_touch_fields

    ordered = sorted(sf_ids)
    done: list[int] = []

    def refresh(chunk: list[str]) -> None:
        ids = [r["id"] for r in db.read("import/person_ids", sf_ids=chunk)]
        done.append(refresh_touch_fields(db, ids, batch))  # list.append is atomic: no lock needed

    write_all((ordered[start:start + batch] for start in range(0, len(ordered), batch)), refresh)
    return sum(done)


def save_contact_roles(db: Database, new_roles: list[str]) -> None:
    """Add the org's own opportunity contact roles to the configured list (kept in a Setting node)."""
    db.write("import/save_contact_roles", values=[r for r in new_roles if r not in DEFAULT_CONTACT_ROLES])
