"""Writing the demo: UNWIND batches in write transactions, a progress bar, counts and timings."""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tqdm import tqdm

from graphcrm.demo.activities import activity_counts, activity_rows
from graphcrm.demo.deals import campaign_rows, opportunity_rows, target_rows
from graphcrm.demo.links import link_rows
from graphcrm.demo.people import account_rows, person_rows
from graphcrm.demo.world import World
from graphcrm.model import Label, RelType
from graphcrm.store.db import Database, Tx
from graphcrm.store.pipeline import WRITERS, retrying, write_all
from graphcrm.store.values import point

NODE_BATCH = 5_000
LINK_BATCH = 10_000
ACTIVITY_BATCH = 10_000  # activities per statement (with their ~3 relationships each)


@dataclass
class Batch:
    """One UNWIND statement's worth of rows, and what it creates."""

    statement: str
    names: dict
    rows: list
    nodes: dict = field(default_factory=dict)
    relationships: dict = field(default_factory=dict)

    @property
    def records(self) -> int:
        """Nodes plus relationships this batch creates."""
        return sum(self.nodes.values()) + sum(self.relationships.values())


@dataclass
class Phase:
    """What one phase of the load wrote and how long it took."""

    name: str
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0


@dataclass
class Report:
    """The whole load: per-label and per-type counts, and the phases."""

    labels: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    phases: list[Phase] = field(default_factory=list)


def chunks(rows: Iterable, limit: int, weight: Callable[[object], int] = lambda row: 1) -> Iterator[list]:
    """Yield lists of rows whose weights add up to about `limit`."""
    chunk, total = [], 0
    for row in rows:
        chunk.append(row)
        total += weight(row)
        if total >= limit:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def node_batches(world: World) -> Iterator[Batch]:
    """Yield batches of users, accounts, people, opportunities, campaigns and targets, in that order."""
    sources = ((Label.USER, iter(world.users)), (Label.ACCOUNT, account_rows(world)),
               (Label.PERSON, person_rows(world)), (Label.OPPORTUNITY, opportunity_rows(world)),
               (Label.CAMPAIGN, campaign_rows(world)), (Label.TARGET, target_rows(world)))
    for label, rows in sources:
        for chunk in chunks(map(_node_properties, rows), NODE_BATCH):
            yield Batch("demo/create_nodes", {"label": label}, chunk, nodes={label.value: len(chunk)})


def _node_properties(row: dict) -> dict:
    """Return a node's full property map: its props plus timestamps and location."""
    props = dict(row["props"])
    props["created_at"] = props["updated_at"] = dt.datetime.fromtimestamp(row["created"], dt.UTC)
    if row.get("lat") is not None:
        props["location"] = point(row["lat"], row["lon"])
    return props


def link_batches(world: World) -> Iterator[Batch]:
    """Yield batches of one relationship type between two labels each."""
    buffers: dict[tuple[RelType, Label, Label], list] = {}
    for key, row in link_rows(world):
        buffer = buffers.setdefault(key, [])
        buffer.append(row)
        if len(buffer) >= LINK_BATCH:
            yield _link_batch(key, buffer)
            buffers[key] = []
    for key, buffer in buffers.items():
        if buffer:
            yield _link_batch(key, buffer)


def _link_batch(key: tuple[RelType, Label, Label], rows: list) -> Batch:
    rel, source, target = key
    return Batch("demo/link", {"type": rel, "source": source, "target": target}, rows,
                 relationships={rel.value: len(rows)})


def activity_batches(world: World, counts: list[int]) -> Iterator[Batch]:
    """Yield batches of about ACTIVITY_BATCH activities, grouped by person."""
    for chunk in chunks(activity_rows(world, counts), ACTIVITY_BATCH, lambda row: len(row["acts"])):
        acts = sum(len(row["acts"]) for row in chunk)
        about = acts + sum(1 for row in chunk for act in row["acts"] if "opportunity" in act)
        yield Batch("demo/create_activities", {}, chunk, nodes={Label.ACTIVITY.value: acts},
                    relationships={RelType.LOGGED.value: acts, RelType.WITH.value: acts,
                                   RelType.ABOUT.value: about})


def write_phase(db: Database, report: Report, name: str, batches: Iterable[Batch], total: int | None = None,
                progress: Callable[[Batch], int] = lambda batch: batch.records, unit: str = "rec",
                writers: int = 1) -> Phase:
    """Write every batch in its own transaction, with a progress bar; return the phase's figures.

    With `writers` > 1 that many transactions run at once. Batches rarely lock the same nodes
    (each person's activities are in one batch); when two deadlock, Neo4j aborts one and it is retried.
    """
    phase = Phase(name)
    lock = threading.Lock()
    started = time.perf_counter()
    # disable=None: the bar shows on a terminal and stays silent in logs and tests.
    with tqdm(total=total, desc=f"demo {name}", unit=f" {unit}", unit_scale=True, disable=None,
              dynamic_ncols=True) as bar:

        def write(batch: Batch) -> None:
            _write_batch(db, batch)
            with lock:
                phase.nodes += sum(batch.nodes.values())
                phase.relationships += sum(batch.relationships.values())
                report.labels.update(batch.nodes)
                report.types.update(batch.relationships)
                bar.update(progress(batch))

        write_all(batches, write, writers)
    phase.seconds = time.perf_counter() - started
    report.phases.append(phase)
    return phase


def _write_batch(db: Database, batch: Batch) -> None:
    """Write one batch; a deadlock between concurrent writers is retried."""
    retrying(lambda: db.write_tx(_run_batch, batch), batch.statement)


def _run_batch(tx: Tx, batch: Batch) -> None:
    tx.run(batch.statement, batch.names, rows=batch.rows)


def load_world(db: Database, world: World) -> Report:
    """Write a world: nodes first, then relationships by id, then activities with their links."""
    report = Report()
    size = world.size
    node_total = len(world.users) + size.accounts + size.people + size.opportunities + size.campaigns \
        + size.targets
    write_phase(db, report, "nodes", node_batches(world), node_total, writers=WRITERS)
    write_phase(db, report, "relationships", link_batches(world), writers=WRITERS)
    counts = activity_counts(world)
    write_phase(db, report, "activities", activity_batches(world, counts), size.activities,
                lambda batch: batch.nodes[Label.ACTIVITY.value], "activities", writers=WRITERS)
    return report
