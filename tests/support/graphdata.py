"""Small graphs for graph tests, written with UNWIND in a few statements, and their networkx twins."""
from __future__ import annotations

import datetime as dt
import uuid

import networkx as nx

from graphcrm.model import KIND_LABELS, REL_SPECS, RelType


def node(kind: str, name: str, **props) -> dict:
    """Return a record to build: kind, id and properties (people get first/last names)."""
    record = {"kind": kind, "id": props.pop("id", None) or str(uuid.uuid4()), **props}
    if kind == "person":
        first, _, last = name.partition(" ")
        record.update(first_name=first, last_name=last or first, status=props.get("status", "active"),
                      placeholder=props.get("placeholder", False))
    else:
        record["name"] = name
        if kind == "user":
            record.setdefault("email", f"{record['id']}@example.ch")
            record.setdefault("role", "rep")
            record.setdefault("active", True)
    return record


def build(db, nodes: list[dict], rels: list[tuple]) -> None:
    """Create the nodes and the relationships (type, from record, to record, properties)."""
    for kind, label in KIND_LABELS.items():
        rows = [{k: v for k, v in n.items() if k != "kind"} for n in nodes if n["kind"] == kind]
        if rows:
            db.run_raw(f"UNWIND $rows AS row CREATE (n:{label.value}) SET n = row", rows=rows)
    groups: dict[tuple, list] = {}
    for rel_type, a, b, *props in rels:
        key = (RelType(rel_type), KIND_LABELS[a["kind"]], KIND_LABELS[b["kind"]])
        groups.setdefault(key, []).append({"a": a["id"], "b": b["id"], "props": props[0] if props else {}})
    for (rel_type, la, lb), rows in groups.items():
        assert (la, lb) in REL_SPECS[rel_type].ends, (rel_type, la, lb)
        db.run_raw(f"UNWIND $rows AS row MATCH (a:{la.value} {{id: row.a}}), (b:{lb.value} {{id: row.b}}) "
                   f"CREATE (a)-[r:{rel_type.value}]->(b) SET r = row.props", rows=rows)


def twin(nodes: list[dict], rels: list[tuple], types=None, skip_placeholders=False) -> nx.Graph:
    """Return the undirected networkx graph of the same records and relationships."""
    graph = nx.Graph()
    keep = {n["id"] for n in nodes if not (skip_placeholders and n.get("placeholder"))}
    graph.add_nodes_from(keep)
    for rel_type, a, b, *_ in rels:
        if (types is None or rel_type in types) and a["id"] in keep and b["id"] in keep:
            graph.add_edge(a["id"], b["id"])
    return graph


# Which relationship types may join which kinds, for random graphs.
RANDOM_TYPES = [("EMPLOYS", "account", "person"), ("WORKED_AT", "person", "account"),
                ("BOARD_MEMBER", "person", "account"), ("KNOWS", "person", "person"),
                ("REPORTS_TO", "person", "person"), ("CONTACT_ROLE", "person", "opportunity"),
                ("HAS_OPPORTUNITY", "account", "opportunity"), ("OWNS", "user", "person"),
                ("OWNS", "user", "account"), ("PARTNER_OF", "account", "account")]


def random_graph(rng, people: int, accounts: int, opportunities: int, users: int, rels: int,
                 placeholders: int = 0) -> tuple[list[dict], list[tuple]]:
    """Return nodes and relationships of a random CRM graph drawn with `rng` (random.Random)."""
    by_kind = {
        "person": [node("person", f"P{i} Person{i}", placeholder=i < placeholders) for i in range(people)],
        "account": [node("account", f"A{i}") for i in range(accounts)],
        "opportunity": [node("opportunity", f"O{i}") for i in range(opportunities)],
        "user": [node("user", f"U{i}") for i in range(users)],
    }
    choices = [t for t in RANDOM_TYPES if by_kind[t[1]] and by_kind[t[2]]]
    out = []
    for _ in range(rels if choices else 0):
        rel_type, ka, kb = rng.choice(choices)
        a, b = rng.choice(by_kind[ka]), rng.choice(by_kind[kb])
        if a is not b:
            out.append((rel_type, a, b))
    return [n for group in by_kind.values() for n in group], out


def deal_world(db, user, account_name: str = "ACME Bergbahnen") -> dict:
    """An account with two people, one of whom knows a third person; a deal Anna decides on; the user
    owns Peter and met him three days ago."""
    me = {"kind": "user", "id": user["id"]}
    acme, deal = node("account", account_name), node("opportunity", "Cloud Deal")
    anna, peter, karl = node("person", "Anna Keller"), node("person", "Peter Frei"), node("person", "Karl Knows")
    build(db, [acme, deal, anna, peter, karl], [
        ("EMPLOYS", acme, anna, {"title": "CFO"}), ("EMPLOYS", acme, peter), ("KNOWS", peter, karl),
        ("HAS_OPPORTUNITY", acme, deal), ("CONTACT_ROLE", anna, deal, {"role": "Decision Maker"}),
        ("OWNS", me, peter)])
    db.run_raw("MATCH (u:User {id: $u}), (p:Person {id: $p}) CREATE (u)-[:LOGGED]->(:Activity {id: randomUUID(), "
               "kind: 'meeting', at: $at})-[:WITH]->(p)", u=user["id"], p=peter["id"],
               at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    return {"acme": acme, "deal": deal, "anna": anna, "peter": peter, "karl": karl}
