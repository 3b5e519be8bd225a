"""The org chart inside an account: REPORTS_TO among its current people as a tree, cycles guarded."""
from __future__ import annotations

from graphcrm.access.checks import visibility
from graphcrm.access.policy import Access
from graphcrm.store.db import Database, Tx

# How deep the page nests; deeper reporting lines are cut and counted, so rendering stays bounded.
MAX_DEPTH = 12
CAP = 300


def org_chart(db: Database | Tx, account_id: str, cap: int = CAP, *, access: Access) -> dict:
    """Return `{"roots", "people", "total", "edges", "cut"}`: the account's people (those the viewer may see) as a tree.

    The chart shows names, titles and status only, none of the sensitive fields.
    """
    row = db.one("accounts/org_chart", id=account_id, cap=cap, **visibility(access)) or {
        "people": [], "edges": [], "total": 0}
    roots, cut = build_tree(row["people"], [tuple(e) for e in row["edges"]])
    return {"roots": roots, "people": len(row["people"]), "total": row["total"], "edges": len(row["edges"]),
            "cut": cut}


def build_tree(people: list[dict], edges: list[tuple[str, str]], max_depth: int = MAX_DEPTH) -> tuple[list, int]:
    """Nest `people` under their managers (`edges` are (person, manager)); return (roots, people cut off).

    Each person appears once: under their first manager in list order (others are named in
    `also_reports_to`), or as a root when they have no manager among `people`. A reporting cycle has
    no root, so its first member becomes one, flagged `cycle`. Lines deeper than `max_depth` are cut.
    """
    order = {p["id"]: i for i, p in enumerate(people)}
    nodes = {p["id"]: {**p, "children": [], "also_reports_to": [], "cycle": False, "hidden": 0} for p in people}
    managers: dict[str, list[str]] = {}
    for child, manager in edges:
        if child in nodes and manager in nodes and child != manager and manager not in managers.get(child, []):
            managers.setdefault(child, []).append(manager)
    parent = {}
    for child, ms in managers.items():
        ms.sort(key=order.__getitem__)
        parent[child] = ms[0]
        nodes[child]["also_reports_to"] = [nodes[m] for m in ms[1:]]
    children: dict[str, list[str]] = {}
    for child in sorted(parent, key=order.__getitem__):
        children.setdefault(parent[child], []).append(child)

    placed: set[str] = set()
    cut = 0

    def grow(pid: str, depth: int) -> dict:
        nonlocal cut
        placed.add(pid)
        node = nodes[pid]
        for kid in children.get(pid, []):
            if kid in placed:
                continue
            if depth >= max_depth:
                node["hidden"] += 1 + _count_below(kid, children, placed)
                continue
            node["children"].append(grow(kid, depth + 1))
        cut += node["hidden"]
        return node

    roots = [grow(pid, 1) for pid in nodes if pid not in parent]
    for pid, node in nodes.items():  # whoever is left sits in a reporting cycle
        if pid not in placed:
            node["cycle"] = True
            roots.append(grow(pid, 1))
    return roots, cut


def _count_below(pid: str, children: dict[str, list[str]], placed: set[str]) -> int:
    """Mark everyone under `pid` as placed (so they are not roots) and count them, without recursion."""
    placed.add(pid)
    stack, count = list(children.get(pid, [])), 0
    while stack:
        kid = stack.pop()
        if kid in placed:
            continue
        placed.add(kid)
        count += 1
        stack.extend(children.get(kid, []))
    return count
