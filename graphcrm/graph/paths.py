"""Paths between two records: k best simple paths, ranked by hops or by tie strength.

Cypher pulls a bounded candidate subgraph from both ends (candidates.py). For `rank=hops`,
networkx's Yen (`shortest_simple_paths`, unweighted) ranks paths in it, so the first is a shortest
one. For `rank=strength` the costs are ties.py's, and people who shared an account at the same
time are joined by a virtual COLLEAGUES tie that counts as its two real hops; kpaths.py's Yen over
a hop-bounded Dijkstra then finds the k cheapest paths within the hop limit directly (networkx's
cheapest walks were often too long once expanded, and had to be thrown away by the dozen).
Placeholder contacts are never on a path.
"""
from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx

from graphcrm.access import redaction
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.graph import candidates, explain, kpaths, ties
from graphcrm.graph.network import check_range, parse_types
from graphcrm.i18n import _
from graphcrm.model import NETWORK_REL_TYPES
from graphcrm.store.db import Database, Tx

RANKS = ("strength", "hops")
PATH_TYPES = (*(t.value for t in NETWORK_REL_TYPES), candidates.TOUCHED)
DEFAULT_K, MAX_K = 5, 20
DEFAULT_MAX_HOPS, MAX_HOPS = 6, 10
TRIES_PER_PATH = 20  # paths looked at per path wanted, refused ones included, before giving up on more


def check(k: int, max_hops: int, rank: str, types) -> list[str]:
    """Check the common arguments; return the relationship types as a list."""
    check_range("k", k, 1, MAX_K)
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    if rank not in RANKS:
        raise Invalid(_("rank must be strength or hops"), {"rank": _("must be strength or hops")})
    return parse_types(types, allowed=PATH_TYPES, default=PATH_TYPES)


def find_paths(db: Database, source: str, target: str, *, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS,
               rank: str = "strength", types=None, viewer: str | None = None,
               now: dt.datetime | None = None, access: Access) -> dict:
    """Return `{"paths": [...], "records": {id: {...}}}`: up to k paths from source to target, best first.

    With `access`, a hidden person as an end is a 404 and people on the paths are redacted (redaction.py).
    """
    types = check(k, max_hops, rank, types)
    for key, value in (("from", source), ("to", target)):
        if not isinstance(value, str) or not value.strip():
            raise Invalid(_("%(name)s is required", name=key), {key: _("is required")})
    if source == target:
        raise Invalid(_("from and to must be different records"), {"to": _("must differ from from")})
    now = now or dt.datetime.now(dt.UTC)
    return db.read_tx(_find, source, target, k, max_hops, rank, types, viewer, now, access)


def _find(tx: Tx, source, target, k, max_hops, rank, types, viewer, now, access: Access) -> dict:
    src, dst = resolve(tx, source, "from", access), resolve(tx, target, "to", access)
    graph = candidate_graph(tx, [src], [dst], max_hops, types, now)
    paths = best_paths(graph, src, dst, k=k, max_hops=max_hops, rank=rank, viewer=viewer, now=now)
    return redaction.finish_paths(tx, graph, paths, access)


def resolve(tx: Tx, record_id: str, field: str, access: Access) -> str:
    """Return the element id of a path end, refusing unknown records, hidden people and placeholders."""
    row = tx.one("paths/resolve", id=record_id)
    if row is None or ("Person" in row["labels"] and not access.sees_person(row["owner"])):
        raise NotFound(_("No record with id %(id)s", id=record_id), {field: _("no such record")})
    if row["placeholder"]:
        raise Invalid(_("A placeholder contact cannot be on a path"), {field: _("is a placeholder contact")})
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
        return [describe(sub, expand(sub, w), rank, viewer, float(len(w) - 1)) for w in walks]
    lower = {n: d for n, d in far.items() if n in sub}
    adjacency = weighed_steps(sub)
    found = kpaths.cheapest_paths(adjacency, src, dst, k=k, max_hops=max_hops, lower=lower,
                                  accept=lambda steps: _simple(real_hops(steps)), max_candidates=k * TRIES_PER_PATH)
    if not found:
        # Every cheap way expanded into a repeat (a COLLEAGUES step through an account the path
        # also visits): fall back to the real ties alone, costed by strength.
        real_only = {n: [s for s in steps if s.hops == 1] for n, steps in adjacency.items()}
        found = kpaths.cheapest_paths(real_only, src, dst, k=k, max_hops=max_hops, lower=lower)
    return [describe(sub, real_hops(steps), rank, viewer, cost) for cost, steps in found]


def weighed_steps(graph: nx.Graph) -> dict:
    """Return the adjacency of kpaths: per edge its strongest real tie (1 hop) and strongest COLLEAGUES tie (2)."""
    adjacency: dict = {n: [] for n in graph}
    for number, (u, v, data) in enumerate(graph.edges(data=True)):
        for option, hops in ((0, 1), (1, 2)):
            options = [t for t in data["ties"] if (t.type == ties.COLLEAGUES) == (hops == 2)]
            if not options:
                continue
            tie = max(options, key=lambda t: t.strength)
            price = ties.cost(tie.strength)
            adjacency[u].append(kpaths.Step(v, price, hops, (number, option), tie))
            adjacency[v].append(kpaths.Step(u, price, hops, (number, option), tie))
    return adjacency


def real_hops(steps) -> list[tuple[str, str, object, str]]:
    """Turn kpaths steps into real hops (start, end, tie, walked-from); a COLLEAGUES step becomes two."""
    hops = []
    for start, step in steps:
        if step.tie.type == ties.COLLEAGUES:
            hops += [(start, step.tie.via, step.tie, start), (step.tie.via, step.target, step.tie, start)]
        else:
            hops.append((start, step.target, step.tie, start))
    return hops


def _simple(hops) -> bool:
    nodes = [h[0] for h in hops] + [hops[-1][1]]
    return len(set(nodes)) == len(nodes)


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


def describe(graph: nx.Graph, hops: list, rank: str, viewer: str | None, cost: float) -> dict:
    """Return one path of the API: ids, edges, hop count, cost and a sentence per hop."""
    ids = [graph.nodes[n]["id"] for n in [h[0] for h in hops] + [hops[-1][1]]]
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
    return {"nodes": ids, "edges": edges, "hops": len(hops), "cost": round(cost, 3), "explanation": texts}

