"""Paths between two records: k best simple paths, ranked by hops or by tie strength.

Cypher pulls a bounded candidate subgraph from both ends (candidates.py); networkx's Yen
(`shortest_simple_paths`) ranks paths in it, unweighted for `rank=hops` (so the first path is a
shortest one) and with ties.py's costs for `rank=strength`, where people who shared an account
at the same time are joined by a virtual COLLEAGUES tie that counts as its two real hops.
Placeholder contacts are never on a path.
"""
from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx

from . import candidates, explain, ties
from .db import Database, Tx
from .errors import Invalid, NotFound
from .model import NETWORK_REL_TYPES
from .network import check_range, parse_types

RANKS = ("strength", "hops")
PATH_TYPES = (*(t.value for t in NETWORK_REL_TYPES), candidates.TOUCHED)
DEFAULT_K, MAX_K = 5, 20
DEFAULT_MAX_HOPS, MAX_HOPS = 6, 10
TRIES_PER_PATH = 20  # Yen candidates looked at per path wanted, before giving up on more


def check(k: int, max_hops: int, rank: str, types) -> list[str]:
    """Check the common arguments; return the relationship types as a list."""
    check_range("k", k, 1, MAX_K)
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    if rank not in RANKS:
        raise Invalid("rank must be strength or hops", {"rank": "must be strength or hops"})
    return parse_types(types, allowed=PATH_TYPES, default=PATH_TYPES)


def find_paths(db: Database, source: str, target: str, *, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS,
               rank: str = "strength", types=None, viewer: str | None = None,
               now: dt.datetime | None = None) -> dict:
    """Return `{"paths": [...], "records": {id: {...}}}`: up to k paths from source to target, best first."""
    types = check(k, max_hops, rank, types)
    for key, value in (("from", source), ("to", target)):
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"{key} is required", {key: "is required"})
    if source == target:
        raise Invalid("from and to must be different records", {"to": "must differ from from"})
    now = now or dt.datetime.now(dt.UTC)
    return db.read_tx(_find, source, target, k, max_hops, rank, types, viewer, now)


def _find(tx: Tx, source, target, k, max_hops, rank, types, viewer, now) -> dict:
    src, dst = resolve(tx, source, "from"), resolve(tx, target, "to")
    graph = candidate_graph(tx, [src], [dst], max_hops, types, now)
    paths = best_paths(graph, src, dst, k=k, max_hops=max_hops, rank=rank, viewer=viewer, now=now)
    return {"paths": paths, "records": records_of(graph, paths)}


def resolve(tx: Tx, record_id: str, field: str) -> str:
    """Return the element id of a path end, refusing unknown records and placeholders."""
    row = tx.one("paths/resolve", id=record_id)
    if row is None:
        raise NotFound(f"No record with id {record_id}", {field: "no such record"})
    if row["placeholder"]:
        raise Invalid("A placeholder contact cannot be on a path", {field: "is a placeholder contact"})
    return row["eid"]


def candidate_graph(tx: Tx, sources: list[str], targets: list[str], max_hops: int, types: list[str],
                    now: dt.datetime) -> nx.Graph:
    """Pull and load the candidate subgraph between sources and targets."""
    touched = candidates.TOUCHED in types
    real = [t for t in types if t != candidates.TOUCHED]
    eids = candidates.collect(tx, sources, targets, max_hops, real, touched)
    return candidates.load(tx, eids, real, touched, now)


def best_paths(graph: nx.Graph, src: str, dst: str, *, k: int, max_hops: int, rank: str,
               viewer: str | None = None, now: dt.datetime | None = None) -> list[dict]:
    """Return up to k simple paths from src to dst in the candidate graph, best first."""
    if src not in graph or dst not in graph:
        return []
    near = nx.single_source_shortest_path_length(graph, src, cutoff=max_hops)
    if dst not in near:
        return []
    far = nx.single_source_shortest_path_length(graph, dst, cutoff=max_hops)
    cap = min(max_hops, near[dst] + candidates.SLACK)
    # Only nodes on some walk of at most `cap` hops can be on a wanted path.
    keep = [n for n, d in near.items() if n in far and d + far[n] <= cap]
    sub = graph.subgraph(keep).copy()
    if rank == "strength":
        ties.weigh(sub)
        ties.add_colleagues(sub, (now or dt.datetime.now(dt.UTC)).date())
    if rank == "hops":
        # Yen without weights: walks come shortest first and are the real hops; only their edges
        # need their strongest tie, for the texts, read in one go.
        walks = [w for w in itertools.islice(nx.shortest_simple_paths(sub, src, dst), k)
                 if len(w) - 1 <= max_hops]
        ties.weigh(sub, {tuple(e) for w in walks for e in itertools.pairwise(w)})
        return [describe(sub, w, expand(sub, w), w, rank, viewer) for w in walks]
    found, seen = [], set()
    for walk in itertools.islice(nx.shortest_simple_paths(sub, src, dst, weight="cost"), k * TRIES_PER_PATH):
        hops = expand(sub, walk)
        nodes = [h[0] for h in hops] + [dst]
        # A COLLEAGUES step may pass an account the walk also visits, or repeat another path.
        if len(nodes) - 1 > max_hops or len(set(nodes)) != len(nodes) or tuple(nodes) in seen:
            continue
        seen.add(tuple(nodes))
        found.append(describe(sub, walk, hops, nodes, rank, viewer))
        if len(found) == k:
            break
    if not found:
        # Every cheap walk expanded into a repeat (a COLLEAGUES step through an account the walk
        # also visits): fall back to the shortest real paths, costed by strength.
        sub.remove_edges_from([(u, v) for u, v, d in sub.edges(data=True)
                               if all(t.type == ties.COLLEAGUES for t in d["ties"])])
        for walk in itertools.islice(nx.shortest_simple_paths(sub, src, dst), k):
            real = [(u, v, next(t for t in sub[u][v]["ties"] if t.type != ties.COLLEAGUES), u)
                    for u, v in itertools.pairwise(walk)]
            found.append(describe(sub, walk, real, walk, rank, viewer))
    return found


def expand(graph: nx.Graph, walk: list[str]) -> list[tuple[str, str, object, str]]:
    """Turn a walk into real hops (start, end, tie, walked-from); a COLLEAGUES step becomes two hops."""
    hops = []
    for u, v in itertools.pairwise(walk):
        tie = graph[u][v]["best"]
        if tie.type == ties.COLLEAGUES:
            hops += [(u, tie.via, tie, u), (tie.via, v, tie, u)]
        else:
            hops.append((u, v, tie, u))
    return hops


def describe(graph: nx.Graph, walk: list[str], hops: list, nodes: list[str], rank: str,
             viewer: str | None) -> dict:
    """Return one path of the API: ids, edges, hop count, cost and a sentence per hop."""
    ids = [graph.nodes[n]["id"] for n in nodes]
    edges, texts = [], []
    for start, end, tie, walked_from in hops:
        edge = {"source": graph.nodes[start]["id"], "target": graph.nodes[end]["id"], "type": tie.type}
        if tie.type == ties.COLLEAGUES:
            seat_from, seat_to = tie.ties if tie.a == walked_from else tie.ties[::-1]
            edge["type"] = (seat_from if start == walked_from else seat_to).type
            if start == walked_from:
                texts.extend(explain.colleague_texts(graph, walked_from, tie, viewer))
        else:
            texts.append(explain.tie_text(graph, tie, viewer))
        if tie.type == candidates.TOUCHED:
            edge["virtual"] = True
        edges.append(edge)
    if rank == "hops":
        cost = float(len(hops))
    else:
        cost = sum(graph[u][v]["cost"] for u, v in itertools.pairwise(walk))
    return {"nodes": ids, "edges": edges, "hops": len(hops), "cost": round(cost, 3), "explanation": texts}


def records_of(graph: nx.Graph, paths: list[dict]) -> dict:
    """Return {id: {id, kind, label, status}} for every record on the paths."""
    by_id = {d["id"]: d for _, d in graph.nodes(data=True)}
    out = {}
    for path in paths:
        for record_id in path["nodes"]:
            data = by_id[record_id]
            out[record_id] = {"id": record_id, "kind": data["kind"], "label": data["name"],
                              "status": data.get("status")}
    return out
