"""Server-side layout of large views: positions from a seeded force layout, so the browser skips physics."""
from __future__ import annotations

import math

import networkx as nx

LAYOUT_SEED = 7
LAYOUT_SAMPLE = 250


def add_layout(view: dict) -> None:
    """Give every node of a large view x/y from a seeded force layout, so the browser skips physics."""
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in view["nodes"])
    graph.add_edges_from((e["source"], e["target"]) for e in view["edges"]
                         if e["source"] in graph and e["target"] in graph)
    if len(graph) == 0:
        return
    positions = layout(graph, scale=60.0 * math.sqrt(len(graph)))
    for node in view["nodes"]:
        x, y = positions[node["id"]]
        node["x"], node["y"] = round(float(x), 1), round(float(y), 1)
    view["layout"] = "server"


def layout(graph: nx.Graph, scale: float, iterations: int = 30) -> dict:
    """Return seeded Fruchterman-Reingold positions (networkx's spring_layout below 500 nodes).

    networkx's spring_layout switches to a per-node Python loop above 500 nodes, which takes
    tens of seconds at 2,000; above that this is the same force model vectorized with numpy,
    with the repulsion estimated from a seeded sample of LAYOUT_SAMPLE nodes.
    """
    import numpy as np

    order = list(graph)
    n = len(order)
    if n < 500:
        return nx.spring_layout(graph, seed=LAYOUT_SEED, iterations=50, scale=scale)
    index = {node: i for i, node in enumerate(order)}
    rng = np.random.default_rng(LAYOUT_SEED)
    pos = rng.random((n, 2), dtype=np.float32)
    edges = np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=np.int64).reshape(-1, 2)
    k = np.float32(1.0 / math.sqrt(n))
    temperature = 0.1
    for _ in range(iterations):
        # Repulsion from a seeded sample of nodes, scaled up: O(n * SAMPLE) instead of O(n^2).
        others = pos if n <= LAYOUT_SAMPLE else pos[rng.choice(n, LAYOUT_SAMPLE, replace=False)]
        delta = pos[:, None, :] - others[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(axis=2), np.float32(1e-6))
        force = (delta * (k * k / dist2)[:, :, None]).sum(axis=1) * np.float32(n / len(others))
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = d * (np.sqrt((d ** 2).sum(axis=1)) / k)[:, None]  # attraction along edges
            np.add.at(force, edges[:, 0], -pull)
            np.add.at(force, edges[:, 1], pull)
        length = np.maximum(np.sqrt((force ** 2).sum(axis=1)), np.float32(1e-6))
        pos += force * (np.minimum(length, temperature) / length)[:, None]
        temperature -= 0.1 / (iterations + 1)
    pos -= pos.mean(axis=0)
    pos *= scale / max(float(np.abs(pos).max()), 1e-6)
    return {node: pos[i] for i, node in enumerate(order)}
