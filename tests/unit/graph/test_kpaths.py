"""Yen over a hop-bounded Dijkstra gives the same k cheapest paths as trying every simple path."""
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.graph.kpaths import Step, cheapest_paths


def adjacency_of(edges):
    adjacency = {}
    for key, (u, v, cost, hops) in enumerate(edges):
        if u == v:
            continue
        adjacency.setdefault(u, []).append(Step(v, cost, hops, key))
        adjacency.setdefault(v, []).append(Step(u, cost, hops, key))
    return adjacency


def fewest_hops_to(adjacency, target):
    dist, todo = {target: 0}, [target]
    while todo:  # Dijkstra on hops (steps of 1 or 2 hops)
        todo.sort(key=dist.get)
        node = todo.pop(0)
        for step in adjacency.get(node, ()):
            if dist[node] + step.hops < dist.get(step.target, math.inf):
                dist[step.target] = dist[node] + step.hops
                todo.append(step.target)
    return dist


def every_path(adjacency, source, target, max_hops):
    out = []

    def walk(node, seen, cost, hops, steps):
        if node == target:
            out.append((cost, steps))
            return
        for step in adjacency.get(node, ()):
            if step.target not in seen and hops + step.hops <= max_hops:
                walk(step.target, seen | {step.target}, cost + step.cost, hops + step.hops, steps + ((node, step),))

    walk(source, {source}, 0.0, 0, ())
    return sorted(out, key=lambda p: p[0])


edges = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([1.0, 1.5, 2.5, 5.0, 10.0]),
                           st.sampled_from([1, 1, 2])), max_size=22)


@settings(max_examples=300, deadline=None)
@given(edges, st.integers(1, 6), st.integers(1, 6))
def test_the_k_cheapest_paths_within_the_hop_limit_match_brute_force(edge_list, k, max_hops):
    adjacency = adjacency_of(edge_list)
    expected = every_path(adjacency, 0, 1, max_hops)
    found = cheapest_paths(adjacency, 0, 1, k=k, max_hops=max_hops, lower=fewest_hops_to(adjacency, 1))
    assert [round(c, 6) for c, _ in found] == [round(c, 6) for c, _ in expected[:k]]
    for cost, steps in found:
        nodes = [0] + [step.target for _, step in steps]
        assert len(set(nodes)) == len(nodes) and nodes[-1] == 1
        assert sum(step.hops for _, step in steps) <= max_hops
        assert math.isclose(cost, sum(step.cost for _, step in steps))
    assert len({steps for _, steps in found}) == len(found)


def test_a_refused_path_is_skipped_but_its_detours_are_still_found():
    adjacency = adjacency_of([(0, 2, 1.0, 1), (2, 1, 1.0, 1), (0, 3, 2.0, 1), (3, 1, 2.0, 1)])
    found = cheapest_paths(adjacency, 0, 1, k=2, max_hops=4, lower=fewest_hops_to(adjacency, 1),
                           accept=lambda steps: steps[0][1].target != 2)
    assert [[step.target for _, step in steps] for _, steps in found] == [[3, 1]]


def test_no_path_within_the_hop_limit_gives_nothing():
    adjacency = adjacency_of([(0, 2, 1.0, 2), (2, 1, 1.0, 2)])
    assert cheapest_paths(adjacency, 0, 1, k=3, max_hops=3, lower=fewest_hops_to(adjacency, 1)) == []
