"""Warm Neo4j's query planner before `serve` reports ready, so the first user pays less for planning.

Neo4j parses, plans and compiles a statement on first use (0.3-2.5 s for the larger pages on this
machine; the same request again takes 30-100 ms). EXPLAIN plans without running anything, so every
statement the pages and the API use is EXPLAINed once, each label or type it is written for included:
the parser, planner and their JIT-compiled code are warm, and measured first requests were 1.5-5x
faster (bench/README.md). Not all the way: Neo4j keys the plans it keeps by parameter types, and
EXPLAIN without parameters is planned but not kept for execution. Warm-up happens in the server, so
one serves every worker and every app host.
"""
from __future__ import annotations

import enum
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from graphcrm.geo.nearby import Hops
from graphcrm.model import Label, RelType
from graphcrm.store import shapes
from graphcrm.store.db import CYPHER_DIR, Database, cypher
from graphcrm.touchpoints.reports import LastTouch

log = logging.getLogger(__name__)
# Bulk work and set-up plan when it runs: an import's first batch pays once for a million rows.
SKIPPED = ("import", "export", "schema", "demo", "admin")
# The members each slot is filled with (a statement is planned once per member of its slots, the
# first slot's members only when it has several slots: the pages use those).
SLOTS: dict[str, tuple[enum.Enum, ...]] = {
    "label": tuple(Label), "from_label": (Label.PERSON,), "to_label": (Label.ACCOUNT,), "type": tuple(RelType),
    "since": tuple(LastTouch), "hops": tuple(Hops), "source": (Label.ACCOUNT,), "target": (Label.PERSON,)}


def statement_names() -> list[str]:
    """The statements pages and the API run: every file but those of bulk work and set-up."""
    names = []
    for folder in sorted(CYPHER_DIR.iterdir(), key=lambda p: p.name):
        if folder.is_dir() and folder.name not in SKIPPED:
            names += [f"{folder.name}/{f.name[:-7]}" for f in sorted(folder.iterdir(), key=lambda p: p.name)
                      if f.name.endswith(".cypher")]
    return names


def _variants(name: str) -> list[str]:
    text = CYPHER_DIR.joinpath(*f"{name}.cypher".split("/")).read_text(encoding="utf-8")
    slots = [slot for slot in SLOTS if "{{" + slot + "}}" in text]
    if not slots:
        return [cypher(name)]
    first, rest = slots[0], {slot: SLOTS[slot][0] for slot in slots[1:]}
    out = []
    for member in SLOTS[first]:
        try:
            out.append(cypher(name, **{first: member}, **rest))
        except KeyError:  # a slot this statement has but the table does not fill
            log.warning("warm-up: %s has a slot the warm-up does not know", name)
            return out
    return out


def _known(slots: dict[str, str]) -> dict[str, enum.Enum] | None:
    """The slot members of a stored shape, when every one is a member the statement may take."""
    members = {}
    for slot, value in slots.items():
        match = next((m for m in SLOTS.get(slot, ()) if m.value == value), None)
        if match is None:
            # A member the table leaves out (another label for a two-slot statement): look wider.
            match = next((m for enum_ in (Label, RelType, LastTouch, Hops) for m in enum_ if m.value == value), None)
        if match is None:
            return None
        members[slot] = match
    return members


def _shaped(db: Database) -> list[tuple[str, str, dict]]:
    """(name, text, params) for every shape the app noted: values of the types it sent."""
    names = set(statement_names())
    row = db.read_one("shapes/get")
    out = []
    for name, slots, shape in shapes.read(row["value"] if row else None):
        members = _known(slots)
        if name not in names or members is None:
            continue
        try:
            out.append((name, cypher(name, **members), {k: shapes.dummy(t) for k, t in shape.items()}))
        except KeyError:  # a type the warm-up cannot make, or a statement since renamed
            continue
    return out


def warm_plans(db: Database, threads: int = 2) -> int:
    """Plan every statement the app runs; return how many plans were made. Failures are logged, not raised.

    With the parameter types the app ran each statement with (noted by store/shapes.py), the plan is
    kept for the first real request; a statement never noted is EXPLAINed without them. Two at a
    time: Neo4j plans each on one core.
    """
    started = time.monotonic()
    shaped = _shaped(db)
    have = {name for name, _text, _params in shaped}
    work = shaped + [(name, text, {}) for name in statement_names() if name not in have
                     for text in _variants(name)]

    def plan(item: tuple[str, str, dict]) -> bool:
        name, text, params = item
        try:
            db.run_raw("EXPLAIN " + text, **params)
            return True
        except Exception as exc:  # a warm-up must never keep the app from starting
            log.warning("warm-up: %s did not plan: %s", name, exc)
            return False

    # Without parameters Neo4j says, for each statement, that the plan is not kept for execution:
    # true, and not worth hundreds of warnings at start.
    notices = logging.getLogger("neo4j.notifications")
    level = notices.level
    notices.setLevel(logging.ERROR)
    try:
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="warm") as pool:
            planned = sum(pool.map(plan, work))
    finally:
        notices.setLevel(level)
    log.info("warm-up: %d plans (%d with the app's parameter types) in %.1f s", planned, len(shaped),
             time.monotonic() - started)
    return planned
