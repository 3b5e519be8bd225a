"""The bounded candidate subgraph of a path search, pulled from Neo4j from both ends at once.

A bidirectional breadth-first search in Cypher grows a ball around the sources and one around
the targets, always the side with the smaller frontier, until the radii r_s + r_t + 1 reach the
hop limit (or the shortest meeting distance plus SLACK), a side's budget is spent, or both
frontiers are empty. Every node of every path of at most r_s + r_t + 1 hops lies in one of the
two balls, so the induced subgraph of their union holds all those paths (up to the fan-out cap
on hubs). No request reads more than 2 * SIDE_BUDGET records (plus one fan-out layer).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx

from graphcrm.store.db import Tx
from graphcrm.touchpoints import strength

FANOUT = 50
SIDE_BUDGET = 1200
SLACK = 1
TOUCHED = "TOUCHED"
EDGE_PROPS = ("since", "until", "department", "title", "role", "source")  # order of paths/edges `props`


@dataclass
class Tie:
    """One reason two records are linked: a relationship, touchpoints, or a shared account."""

    type: str
    a: str  # element id of the stored start (or of the user for TOUCHED)
    b: str
    props: dict = field(default_factory=dict)
    touches: strength.Touches | None = None
    via: str | None = None  # the account of a virtual COLLEAGUES tie
    ties: tuple = ()  # the two person-account ties of a COLLEAGUES tie
    strength: float = 0.0


def collect(tx: Tx, sources: list[str], targets: list[str], max_hops: int, types: list[str],
            touched: bool) -> set[str]:
    """Return the element ids of the candidate records between sources and targets."""
    dist = ({e: 0 for e in sources}, {e: 0 for e in targets})
    frontier = [list(sources), list(targets)]
    radius = [0, 0]
    best = _meeting(dist)
    # Balls of radii r_s and r_t hold every path of up to r_s + r_t + 1 hops (the last hop joins
    # the two frontiers), so growing stops once that reaches the hop limit, or the shortest
    # meeting distance plus SLACK - 1.
    while radius[0] + radius[1] + 1 < max_hops and (best is None or radius[0] + radius[1] + 1 < best + SLACK):
        open_sides = [s for s in (0, 1) if frontier[s] and len(dist[s]) < SIDE_BUDGET]
        if not open_sides:
            break
        side = min(open_sides, key=lambda s: len(frontier[s]))
        found = tx.rows("paths/expand", frontier=frontier[side], seen=list(dist[side]), types=types,
                        touched=touched, fanout=FANOUT)
        radius[side] += 1
        for eid in found:
            dist[side][eid] = radius[side]
        frontier[side] = found
        best = _meeting(dist)
    return set(dist[0]) | set(dist[1])


def _meeting(dist: tuple[dict, dict]) -> int | None:
    small, large = sorted(dist, key=len)
    hits = [small[e] + large[e] for e in small if e in large]
    return min(hits) if hits else None


def load(tx: Tx, eids: set[str], types: list[str], touched: bool, now: dt.datetime) -> nx.Graph:
    """Return the induced subgraph as an undirected nx.Graph whose edges carry their `ties`.

    Touch strengths are not read here: `ensure_touches` reads them later for the edges that
    survive pruning, since a user may have thousands of touched people in the candidates.
    """
    eid_list = list(eids)
    graph = nx.Graph()
    for eid, kind, record_id, name, status, department, size in tx.rows("paths/nodes", eids=eid_list):
        graph.add_node(eid, id=record_id, kind=kind, name=name or "(unnamed)", status=status,
                       department=department, size=size or 0)
    for a, b, rel_type, values in tx.rows("paths/edges", eids=eid_list, types=types):
        props = {k: v for k, v in zip(EDGE_PROPS, values or ()) if v}
        _add_tie(graph, Tie(rel_type, a, b, props))
    if touched:
        users = [e for e, d in graph.nodes(data=True) if d["kind"] == "user"]
        people = [e for e, d in graph.nodes(data=True) if d["kind"] == "person"]
        if users and people:
            for user, person in tx.rows("paths/touch_pairs", users=users, people=people):
                _add_tie(graph, Tie(TOUCHED, user, person))
    graph.graph["read_touches"] = lambda users, people: strength.summaries(tx, users, people, now)
    return graph


def ensure_touches(graph: nx.Graph, edges) -> None:
    """Read the touch summaries of the user-person edges among `edges` not read yet."""
    todo = []
    for u, v in edges:
        if {graph.nodes[u]["kind"], graph.nodes[v]["kind"]} != {"user", "person"}:
            continue
        if any(t.type in (TOUCHED, "OWNS") and t.touches is None for t in graph[u][v]["ties"]):
            todo.append((u, v) if graph.nodes[u]["kind"] == "user" else (v, u))
    if not todo:
        return
    found = graph.graph["read_touches"](sorted({u for u, _ in todo}), sorted({p for _, p in todo}))
    for user, person in todo:
        touches = found.get((user, person), strength.Touches())
        for tie in graph[user][person]["ties"]:
            if tie.type in (TOUCHED, "OWNS"):
                tie.touches = touches


def _add_tie(graph: nx.Graph, tie: Tie) -> None:
    if tie.a not in graph or tie.b not in graph or tie.a == tie.b:
        return
    if graph.has_edge(tie.a, tie.b):
        graph[tie.a][tie.b]["ties"].append(tie)
    else:
        graph.add_edge(tie.a, tie.b, ties=[tie])
