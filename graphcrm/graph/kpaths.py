"""The k cheapest simple paths within a hop limit: Yen's algorithm over a hop-bounded Dijkstra.

networkx's `shortest_simple_paths` knows costs but not hops, so with strong ties that stand for
two real hops (COLLEAGUES, through their account) its cheapest walks are often too long and had
to be thrown away by the dozen. Here every step has a cost and a hop count, the search runs over
(node, hops used) states and never leaves the hop budget, and `lower` (the fewest real hops from
each node to the target) prunes states that could not arrive in time.

A graph is an adjacency mapping `{node: [Step, ...]}`; a step's `key` names the edge option, so
two ways between the same nodes (a direct tie, or colleagues through an account) stay distinct.
"""
from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """One way from a node to a neighbour."""

    target: object
    cost: float
    hops: int
    key: object  # the same for both directions of one edge option
    tie: object = field(default=None, compare=False)


Path = tuple[float, tuple]  # (cost, steps as (start, Step))


def cheapest_paths(adjacency: dict, source, target, *, k: int, max_hops: int, lower: dict,
                   accept=lambda steps: True, max_candidates: int = 200) -> list[Path]:
    """Return up to k cheapest simple paths from source to target of at most max_hops hops, cheapest first.

    `accept(steps)` may refuse a path: it is not returned, but its detours are still searched (a
    refused path's neighbours may be fine). `max_candidates` bounds the paths taken in all.
    """
    first = _cheapest(adjacency, source, target, max_hops, lower, frozenset(), frozenset())
    if first is None:
        return []
    found: list[Path] = []
    taken: list[tuple] = []  # every path popped, accepted or not: Yen's list A
    tried, queue, counter = {first[1]}, [(first[0], 0, first[1])], itertools.count(1)
    while queue and len(found) < k and len(taken) < max_candidates:
        cost, _, steps = heapq.heappop(queue)
        taken.append(steps)
        if accept(steps):
            found.append((cost, steps))
        for i in range(len(steps)):
            root = steps[:i]
            spur = steps[i][0]
            banned_edges = frozenset(p[i][1].key for p in taken if p[:i] == root and len(p) > i)
            banned_nodes = frozenset(start for start, _ in root)
            budget = max_hops - sum(step.hops for _, step in root)
            rest = _cheapest(adjacency, spur, target, budget, lower, banned_nodes, banned_edges)
            if rest is None:
                continue
            candidate = root + rest[1]
            if candidate not in tried:
                tried.add(candidate)
                heapq.heappush(queue, (sum(step.cost for _, step in root) + rest[0], next(counter), candidate))
    return found


def _cheapest(adjacency, source, target, budget, lower, banned_nodes, banned_edges):
    """Dijkstra over (node, hops used) states; return (cost, steps) of the cheapest path or None."""
    if budget < lower.get(source, math.inf):
        return None
    best = {(source, 0): 0.0}
    back: dict = {}
    settled: dict = {}  # node -> fewest hops it was settled with (cheaper states come first)
    queue = [(0.0, 0, source)]
    while queue:
        cost, hops, node = heapq.heappop(queue)
        if settled.get(node, math.inf) <= hops:
            continue
        settled[node] = hops
        if node == target:
            return cost, _trace(back, source, (node, hops))
        for step in adjacency.get(node, ()):
            nxt, used = step.target, hops + step.hops
            if nxt in banned_nodes or step.key in banned_edges or used + lower.get(nxt, math.inf) > budget:
                continue
            total = cost + step.cost
            if total < best.get((nxt, used), math.inf):
                best[(nxt, used)] = total
                back[(nxt, used)] = ((node, hops), step)
                heapq.heappush(queue, (total, used, nxt))
    return None


def _trace(back: dict, source, state) -> tuple:
    steps = []
    while state[0] != source or state[1] != 0:
        previous, step = back[state]
        steps.append((previous[0], step))
        state = previous
    return tuple(reversed(steps))
