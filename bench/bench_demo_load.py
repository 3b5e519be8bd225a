"""Benchmark: load the demo in UNWIND batches, beside a one-transaction-per-row baseline of the same run.

Not a test. Usage (from the repository root):

    python3 bench/bench_demo_load.py [--size large|medium|small] [--seed 7] [--sample 2000] [--keep]

With NEO4J_URI set it uses that database (and deletes everything in it first). Otherwise it runs a
managed Neo4j instance named "bench" (heap 2048 MB, page cache 1024 MB) under GRAPHCRM_HOME,
starting from an empty store, and stops it at the end unless --keep.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphcrm.config import graphcrm_home
from graphcrm.demo import summarize, wipe
from graphcrm.demo.activities import activity_counts, activity_rows
from graphcrm.demo.loader import Batch, link_batches, load_world, node_batches
from graphcrm.demo.world import World
from graphcrm.model import Label
from graphcrm.store.db import Database, Tx, migrate

TARGET_RELS_PER_S = 20_000
TARGET_SPEEDUP = 50


def main() -> int:
    """Run the benchmark and print its figures."""
    args = _arguments()
    local, started = None, False
    if os.environ.get("NEO4J_URI"):
        uri = os.environ["NEO4J_URI"]
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
    else:
        from graphcrm.store.localdb import LocalNeo4j

        local = LocalNeo4j(graphcrm_home(), name="bench", heap_mb=2048, pagecache_mb=1024)
        if local.status() is None:
            # An empty store is faster to get than deleting millions of records one batch at a time.
            shutil.rmtree(local.instance_dir / "data", ignore_errors=True)
            started = True
        uri = local.start(echo=lambda m: print(m, file=sys.stderr)).uri
        auth = None
    db = Database(uri, auth, os.environ.get("NEO4J_DATABASE", "neo4j"))
    try:
        return _run(db, uri, args)
    finally:
        db.close()
        if local is not None and started and not args.keep:
            local.stop()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "medium", "large"), default="large")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=2000, help="rows per kind in the per-row baseline")
    parser.add_argument("--keep", action="store_true", help="leave the managed bench Neo4j running")
    return parser.parse_args()


def _run(db: Database, uri: str, args) -> int:
    print(f"demo load benchmark: size {args.size}, seed {args.seed}, Neo4j {uri}, {os.cpu_count()} cores")
    wipe(db)
    migrate(db)
    today = dt.datetime.now(dt.UTC).date()
    started = time.perf_counter()
    world = World(args.size, args.seed, today)
    planned = time.perf_counter() - started
    report = load_world(db, world)
    total = time.perf_counter() - started
    counts = summarize(report)
    print("Loaded: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"planning (accounts, users): {planned:.1f} s; whole load: {total:.1f} s")
    nodes, links, acts = report.phases
    rates = {
        "nodes": nodes.nodes / nodes.seconds,
        "relationships": links.relationships / links.seconds,
        "activities": acts.nodes / acts.seconds,
    }
    print(f"{'phase':<14}{'written':>30}{'seconds':>10}{'records/s':>14}")
    print(f"{'nodes':<14}{f'{nodes.nodes:,} nodes':>30}{nodes.seconds:>10.1f}{rates['nodes']:>14,.0f}")
    print(f"{'relationships':<14}{f'{links.relationships:,} rels':>30}{links.seconds:>10.1f}"
          f"{rates['relationships']:>14,.0f}")
    print(f"{'activities':<14}{f'{acts.nodes:,} acts + {acts.relationships:,} rels':>30}{acts.seconds:>10.1f}"
          f"{rates['activities']:>14,.0f}  ({acts.relationships / acts.seconds:,.0f} rels/s with them)")
    all_rels = links.relationships + acts.relationships
    all_rel_rate = all_rels / (links.seconds + acts.seconds)
    print(f"all relationships: {all_rels:,} in {links.seconds + acts.seconds:.1f} s = {all_rel_rate:,.0f}/s")

    baseline = _baseline(db, args, today)
    print(f"baseline, one transaction per row ({args.sample:,} rows each, scratch records deleted after):")
    speedups = {}
    for kind, rate in baseline.items():
        speedups[kind] = rates[kind] / rate
        print(f"  {kind:<14}{rate:>10,.0f} records/s   batched {rates[kind]:>10,.0f}/s   "
              f"speedup {speedups[kind]:,.1f}x")
    rel_ok = rates["relationships"] >= TARGET_RELS_PER_S and all_rel_rate >= TARGET_RELS_PER_S
    speed_ok = min(speedups.values()) >= TARGET_SPEEDUP
    print(f"target >= {TARGET_RELS_PER_S:,} relationships/s: {'met' if rel_ok else 'NOT met'}; "
          f"target >= {TARGET_SPEEDUP}x the per-row baseline: {'met' if speed_ok else 'NOT met'} "
          f"(lowest {min(speedups.values()):,.1f}x)")
    return 0


def _baseline(db: Database, args, today: dt.date) -> dict[str, float]:
    """Write a sample of the same kinds of rows one transaction per row, into a scratch world.

    The scratch world has another seed, so its ids are its own; it is deleted afterwards.
    """
    scratch = World("medium", args.seed + 1_000_003, today)
    for i, user in enumerate(scratch.users):  # user e-mails are unique in the graph
        user["props"]["email"] = f"scratch{i}@bench.graphcrm.ch"
    rng = random.Random(args.seed)
    rates = {}
    node_rows = [(batch, row) for batch in node_batches(scratch) for row in batch.rows]
    chosen = set(rng.sample(range(len(node_rows)), min(args.sample, len(node_rows))))
    rates["nodes"] = _per_row(db, [_single(node_rows[i][0], node_rows[i][1]) for i in sorted(chosen)])
    rest = [_single(b, r) for i, (b, r) in enumerate(node_rows) if i not in chosen]
    _batched(db, rest)  # the rest of the scratch world, so its relationships find their ends
    link_rows = [(batch, row) for batch in link_batches(scratch) for row in batch.rows]
    sample = sorted(rng.sample(range(len(link_rows)), min(args.sample, len(link_rows))))
    rates["relationships"] = _per_row(db, [_single(*link_rows[i]) for i in sample])
    counts = activity_counts(scratch)
    singles = []
    for row in activity_rows(scratch, counts):
        for act in row["acts"]:
            singles.append(Batch("demo/create_activities", {}, [{**row, "acts": [act]}]))
            if len(singles) >= args.sample:
                break
        if len(singles) >= args.sample:
            break
    rates["activities"] = _per_row(db, singles)
    _delete_scratch(db, scratch, singles)
    return rates


def _single(batch: Batch, row: dict) -> Batch:
    return Batch(batch.statement, batch.names, [row])


def _per_row(db: Database, batches: list[Batch]) -> float:
    started = time.perf_counter()
    for batch in batches:
        db.write_tx(_write, batch.statement, batch.names, batch.rows)
    return len(batches) / (time.perf_counter() - started)


def _batched(db: Database, singles: list[Batch], size: int = 5000) -> None:
    groups: dict[tuple, list] = {}
    for batch in singles:
        groups.setdefault((batch.statement, tuple(batch.names.items())), []).extend(batch.rows)
    for (statement, names), rows in groups.items():
        for i in range(0, len(rows), size):
            db.write_tx(_write, statement, dict(names), rows[i:i + size])


def _write(tx: Tx, statement: str, names: dict, rows: list) -> None:
    tx.run(statement, names, rows=rows)


def _delete_scratch(db: Database, scratch: World, activities: list[Batch]) -> None:
    ids = {
        Label.USER: [u["props"]["id"] for u in scratch.users],
        Label.ACCOUNT: [a.id for a in scratch.accounts],
        Label.PERSON: list(scratch.people.id),
        Label.OPPORTUNITY: [o[0] for o in scratch.opportunities],
        Label.CAMPAIGN: [c[0] for c in scratch.campaigns],
        Label.TARGET: [t[0] for t in scratch.targets],
        Label.ACTIVITY: [b.rows[0]["acts"][0]["id"] for b in activities],
    }
    for label, values in ids.items():
        for i in range(0, len(values), 5000):
            db.run_raw(f"MATCH (n:{label.value}) WHERE n.id IN $ids DETACH DELETE n", ids=values[i:i + 5000])


if __name__ == "__main__":
    sys.exit(main())
