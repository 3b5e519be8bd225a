"""Benchmark the graph capabilities on the demo data against a whole-graph networkx baseline.

    python3 bench/bench_graph.py --size large            # managed instance "bench", loads the demo if empty
    python3 bench/bench_graph.py --uri bolt://127.0.0.1:7687 --pairs 200

Measures p50/p95 of network views (depth 2, limit 300) and of paths (k=5, rank=hops and
rank=strength) over random pairs of people, calling the capability functions (Bolt round trips
included). The baseline is what a request would cost without bounded Cypher: load the whole
graph into networkx (timed once per run; a stateless app pays it per request) and answer there
(ego_graph; shortest_simple_paths with per-type weights), timed on a subsample of the pairs.
Targets: network p95 <= 100 ms; paths p95 <= 300 ms and >= 20x faster than the baseline.
Results are printed and written to bench/results/ as JSON.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx

from graphcrm.access.policy import Access
from graphcrm.graph import network, paths, ties
from graphcrm.model import NETWORK_REL_TYPES
from graphcrm.store.db import Database, migrate

TYPES = [t.value for t in NETWORK_REL_TYPES]


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def stats(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "mean_ms": round(statistics.fmean(ms), 1), "max_ms": round(max(ms), 1)}


def connect(args) -> Database:
    """Open the database of --uri, or start the managed instance and load the demo into it if empty."""
    if args.uri:
        return Database(args.uri, None)
    from graphcrm.config import graphcrm_home
    from graphcrm.store.localdb import LocalNeo4j

    running = LocalNeo4j(graphcrm_home(), args.instance, heap_mb=3072, pagecache_mb=2048).start()
    return Database(running.uri, None)


def ensure_data(db: Database, args) -> None:
    """Load the demo of --size unless the database holds records already."""
    if db.run_raw("MATCH (p:Person) RETURN count(p) > 0 AS any")[0]["any"]:
        return
    migrate(db)
    try:
        from graphcrm.demo import load_demo
    except ImportError:
        sys.exit("graphcrm.demo is not available and the database is empty: pass --uri to a loaded database")
    print(f"loading the {args.size} demo ...", flush=True)
    start = time.perf_counter()
    print(load_demo(db, args.size, seed=args.seed), f"in {time.perf_counter() - start:.0f} s", flush=True)


def whole_graph(db: Database) -> nx.Graph:
    """Load every network relationship into networkx, as a request without bounded Cypher would."""
    rows = db.run_raw("MATCH (a)-[r]->(b) WHERE type(r) IN $types AND NOT coalesce(a.placeholder, false) "
                      "AND NOT coalesce(b.placeholder, false) RETURN a.id AS a, b.id AS b, type(r) AS t",
                      types=TYPES)
    graph = nx.Graph()
    for row in rows:
        cost = ties.cost(ties.BASE.get(row["t"], 0.1))
        if not graph.has_edge(row["a"], row["b"]) or graph[row["a"]][row["b"]]["cost"] > cost:
            graph.add_edge(row["a"], row["b"], cost=cost)
    return graph


def baseline_paths(graph: nx.Graph, s: str, t: str, k: int, weight) -> list:
    try:
        return list(itertools.islice(nx.shortest_simple_paths(graph, s, t, weight=weight), k))
    except nx.NetworkXNoPath:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--baseline-pairs", type=int, default=20, help="pairs answered by the baseline")
    parser.add_argument("--uri", help="an already loaded database (skips the managed instance)")
    parser.add_argument("--instance", default="bench", help="managed instance name")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)

    db = connect(args)
    ensure_data(db, args)
    people = [r["id"] for r in db.run_raw(
        "MATCH (p:Person) WHERE NOT coalesce(p.placeholder, false) RETURN p.id AS id ORDER BY p.id")]
    rng = random.Random(args.seed)
    pairs = [tuple(rng.sample(people, 2)) for _ in range(args.pairs)]
    print(f"{len(people)} people; {len(pairs)} random pairs", flush=True)

    for s, t in pairs[:5]:  # warm the query caches
        network.network(db, s, depth=2, access=Access.system())
        paths.find_paths(db, s, t, k=5, rank="hops", access=Access.system())

    results: dict = {"size": args.size, "people": len(people), "pairs": len(pairs),
                     "load_average_at_start": [round(x, 1) for x in os.getloadavg()], "cpus": os.cpu_count()}
    # A trivial statement's round trip: the floor every query pays on this machine right now.
    results["return_1"] = stats([timed(db.run_raw, "RETURN 1")[0] for _ in range(50)])
    print("machine:", results["load_average_at_start"], "load on", results["cpus"], "cpus; RETURN 1:",
          results["return_1"], flush=True)
    net_ms = [timed(network.network, db, s, depth=2)[0] for s, _ in pairs]
    results["network_depth2"] = stats(net_ms)
    print("network depth 2:", results["network_depth2"], flush=True)
    found = {}
    for rank in ("hops", "strength"):
        runs = [timed(paths.find_paths, db, s, t, k=5, rank=rank) for s, t in pairs]
        results[f"paths_k5_{rank}"] = stats([ms for ms, _ in runs])
        found[rank] = sum(1 for _, r in runs if r["paths"])
        results[f"paths_k5_{rank}"]["pairs_with_a_path"] = found[rank]
        print(f"paths k=5 {rank}:", results[f"paths_k5_{rank}"], flush=True)

    load_ms, graph = timed(whole_graph, db)
    results["baseline_load_ms"] = round(load_ms, 1)
    print(f"baseline: whole graph {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"loaded in {load_ms:.0f} ms", flush=True)
    sample = pairs[:args.baseline_pairs]
    ego_ms = [timed(nx.ego_graph, graph, s, radius=2)[0] for s, _ in sample if s in graph]
    results["baseline_network"] = {**stats([load_ms + m for m in ego_ms]), "answer_only": stats(ego_ms)}
    for rank, weight in (("hops", None), ("strength", "cost")):
        ms = [timed(baseline_paths, graph, s, t, 5, weight)[0] for s, t in sample if s in graph and t in graph]
        base = stats([load_ms + m for m in ms])
        ours = results[f"paths_k5_{rank}"]
        results[f"baseline_paths_k5_{rank}"] = {**base, "answer_only": stats(ms),
                                                "speedup_p50": round(base["p50_ms"] / ours["p50_ms"], 1),
                                                "speedup_p95": round(base["p95_ms"] / ours["p95_ms"], 1)}
        print(f"baseline paths {rank}:", results[f"baseline_paths_k5_{rank}"], flush=True)

    verdict = {"network_p95_le_100ms": results["network_depth2"]["p95_ms"] <= 100}
    for rank in ("hops", "strength"):
        verdict[f"paths_{rank}_p95_le_300ms"] = results[f"paths_k5_{rank}"]["p95_ms"] <= 300
        verdict[f"paths_{rank}_20x_baseline"] = results[f"baseline_paths_k5_{rank}"]["speedup_p50"] >= 20
    results["targets_met"] = verdict
    results["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    print("targets:", verdict)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"bench_graph_{args.size}_{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print("written to", path.relative_to(ROOT))
    db.close()


if __name__ == "__main__":
    main()
