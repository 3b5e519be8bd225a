"""Warm Neo4j's query planner before `serve` reports ready, so the first user does not pay for planning.

Neo4j parses, plans and compiles a statement on first use (0.3-2.5 s for the larger pages on this
machine; the same request again takes 30-100 ms) and keeps the plan keyed by the statement and the
types of its parameters. EXPLAIN's plans are kept apart from executed ones, so EXPLAIN alone warms only
the parser, planner and their JIT. The app's workers note the parameter types each statement runs with
(store/shapes.py, kept in Neo4j); the warm-up runs each read statement once with dummy values of those
types, in read mode and for a moment at most, which leaves exactly the plan a request will look for,
and EXPLAINs the rest, each label or type it is written for included. Plans live in the server, so one
warm-up serves every worker and every app host.
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
RUN_TIMEOUT_S = 2.0
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

    A read statement the app ran before (its parameter types noted by store/shapes.py) is run once
    with dummy values of those types, which leaves the plan the first real request uses; every other
    statement is EXPLAINed, which warms the parser, planner and their JIT. Two at a time: Neo4j plans
    each on one core.
    """
    started = time.monotonic()
    shaped = _shaped(db)
    have = {name for name, _text, _params in shaped}
    work = shaped + [(name, text, {}) for name in statement_names() if name not in have
                     for text in _variants(name)]

    brief = db.patient(RUN_TIMEOUT_S)

    def plan(item: tuple[str, str, dict]) -> bool:
        name, text, params = item
        try:
            if params:
                # Neo4j keeps EXPLAIN's plans apart from those it executes: only a run warms the
                # request's plan. In read mode (a write statement is refused, nothing is written),
                # with dummy values of the noted types, for at most a moment.
                try:
                    brief.read_raw(text, **params)
                    return True
                except Exception:  # a write statement, or dummy values it does not take: plan it at least
                    pass
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
