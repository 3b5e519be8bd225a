"""Paths: rank=hops agrees with networkx on the whole graph; rank=strength prefers warm, real ties."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.access.policy import Access
from graphcrm.graph import paths
from graphcrm.model import NETWORK_REL_TYPES
from tests.support.graphdata import build, node, random_graph, twin
from tests.support.touches import meet

REAL_TYPES = ",".join(t.value for t in NETWORK_REL_TYPES)
NOW = dt.datetime(2026, 10, 5, 12, tzinfo=dt.UTC)


def check_against_networkx(result, whole, s, t, max_hops):
    """The first path is a shortest one; all are simple, distinct, real walks from s to t."""
    found = result["paths"]
    if not nx.has_path(whole, s, t) or nx.shortest_path_length(whole, s, t) > max_hops:
        assert found == []
        return
    assert found, "a path exists but none was returned"
    assert found[0]["hops"] == nx.shortest_path_length(whole, s, t)
    hops = [p["hops"] for p in found]
    assert hops == sorted(hops)
    assert len({tuple(p["nodes"]) for p in found}) == len(found)
    for path in found:
        ids = path["nodes"]
        assert ids[0] == s and ids[-1] == t and len(set(ids)) == len(ids) == path["hops"] + 1
        assert all(whole.has_edge(a, b) for a, b in itertools.pairwise(ids))
        assert len(path["explanation"]) == len(path["edges"]) == path["hops"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), people=st.integers(2, 14), accounts=st.integers(1, 5),
       rels=st.integers(0, 35), placeholders=st.integers(0, 2))
def test_rank_hops_matches_networkx_on_random_graphs(db, seed, people, accounts, rels, placeholders):
    db.run_raw("MATCH (n) DETACH DELETE n")
    rng = random.Random(seed)
    nodes, links = random_graph(rng, people, accounts, 2, 2, rels, placeholders=placeholders)
    build(db, nodes, links)
    whole = twin(nodes, links, skip_placeholders=True)
    ends = [n["id"] for n in nodes if not n.get("placeholder")]
    for _ in range(3):
        s, t = rng.sample(ends, 2)
        result = paths.find_paths(db, s, t, k=4, max_hops=10, rank="hops", types=REAL_TYPES, access=Access.system())
        check_against_networkx(result, whole, s, t, 10)


def test_rank_hops_matches_networkx_on_the_small_demo(db):
    from graphcrm.demo import load_demo
    from graphcrm.store.db import migrate

    migrate(db)
    load_demo(db, "small", seed=3, replace=True)
    rows = db.run_raw(
        "MATCH (a)-[r]->(b) WHERE type(r) IN $types AND NOT coalesce(a.placeholder, false) "
        "AND NOT coalesce(b.placeholder, false) RETURN a.id AS a, b.id AS b",
        types=[t.value for t in NETWORK_REL_TYPES])
    whole = nx.Graph((r["a"], r["b"]) for r in rows)
    rng = random.Random(11)
    ends = sorted(whole)
    for _ in range(25):
        s, t = rng.sample(ends, 2)
        result = paths.find_paths(db, s, t, k=5, max_hops=6, rank="hops", types=REAL_TYPES, access=Access.system())
        check_against_networkx(result, whole, s, t, 6)


def test_unconnected_records_have_no_path(db, api):
    a, b = node("person", "Lone Wolf"), node("person", "Other Island")
    build(db, [a, b], [])
    resp = api.get(f"/paths?from={a['id']}&to={b['id']}")
    assert resp.status_code == 200 and resp.json["paths"] == []


def test_a_path_through_someone_we_met_beats_one_through_a_stranger(db):
    me, peter, stranger, target = (node("user", "Ursula Rep"), node("person", "Peter Frei"),
                                   node("person", "Sam Stranger"), node("person", "Tina Target"))
    build(db, [me, peter, stranger, target], [
        ("OWNS", me, stranger), ("KNOWS", peter, target), ("KNOWS", stranger, target)])
    meet(db, me, peter, 6)
    best = paths.find_paths(db, me["id"], target["id"], viewer=me["id"], now=NOW, access=Access.system())["paths"]
    assert [p["nodes"][1] for p in best] == [peter["id"], stranger["id"]]
    assert best[0]["explanation"][0] == "You met Peter Frei 6 times, last on 2 Oct 2026"
    assert best[0]["edges"][0] == {"source": me["id"], "target": peter["id"], "type": "TOUCHED", "virtual": True}
    assert best[0]["cost"] < best[1]["cost"]
    by_hops = paths.find_paths(db, me["id"], target["id"], rank="hops", now=NOW, access=Access.system())["paths"]
    assert [p["hops"] for p in by_hops] == [2, 2]


def test_shared_board_seats_are_explained(db):
    me, peter, anna, board = (node("user", "Ursula Rep"), node("person", "Peter Frei"),
                              node("person", "Anna Keller"), node("account", "Bergbahnen AG", employees=300))
    build(db, [me, peter, anna, board], [
        ("OWNS", me, peter), ("BOARD_MEMBER", peter, board, {"since": dt.date(2019, 5, 1)}),
        ("BOARD_MEMBER", anna, board, {"since": dt.date(2015, 1, 1), "role": "chair"})])
    path = paths.find_paths(db, me["id"], anna["id"], viewer=me["id"], now=NOW, access=Access.system())["paths"][0]
    assert path["nodes"] == [me["id"], peter["id"], board["id"], anna["id"]]
    assert path["explanation"] == ["You own the contact Peter Frei",
                                   "Peter Frei sits on the board of Bergbahnen AG since 2019",
                                   "Peter Frei and Anna Keller sit on the board of Bergbahnen AG together since 2019"]
    assert [e["type"] for e in path["edges"]] == ["OWNS", "BOARD_MEMBER", "BOARD_MEMBER"]


def test_people_there_at_different_times_never_met_there(db):
    me, alma, bert, carl, firm = (node("user", "Ursula Rep"), node("person", "Alma Early"), node("person", "Bert Late"),
                                  node("person", "Carl Overlap"), node("account", "Firm AG", employees=30))
    def span(a, b):
        return {"since": dt.date(a, 1, 1), "until": dt.date(b, 12, 31)}
    build(db, [me, alma, bert, carl, firm], [
        ("OWNS", me, alma), ("WORKED_AT", alma, firm, span(2010, 2012)),
        ("WORKED_AT", bert, firm, span(2015, 2018)), ("WORKED_AT", carl, firm, span(2011, 2014))])
    to_carl = paths.find_paths(db, me["id"], carl["id"], viewer=me["id"], now=NOW, access=Access.system())["paths"][0]
    to_bert = paths.find_paths(db, me["id"], bert["id"], viewer=me["id"], now=NOW, access=Access.system())["paths"][0]
    assert to_carl["explanation"][-1] == "Alma Early and Carl Overlap were at Firm AG at the same time"
    assert to_bert["explanation"][-1] == "Bert Late worked at Firm AG from 2015 to 2018"
    assert to_bert["cost"] > 3 * to_carl["cost"] / 2


@pytest.mark.parametrize("department, via", [
    ("IT", "small"),  # colleagues in a company of 50,000 count less than in a firm of 20
    ("Sales", "big"),  # unless they share a department
])
def test_company_size_and_department_weigh_colleagues(db, department, via):
    me, target = node("user", "Ursula Rep"), node("person", "Tina Target")
    big, small = node("account", "Big Corp", employees=50_000), node("account", "Small GmbH", employees=20)
    p_big, p_small = node("person", "Bea Big"), node("person", "Sven Small")
    build(db, [me, target, big, small, p_big, p_small], [
        ("OWNS", me, p_big), ("OWNS", me, p_small),
        ("EMPLOYS", big, target, {"department": "Sales"}), ("EMPLOYS", small, target),
        ("EMPLOYS", big, p_big, {"department": department}), ("EMPLOYS", small, p_small)])
    first = paths.find_paths(db, me["id"], target["id"], k=2, viewer=me["id"], now=NOW,
                             access=Access.system())["paths"][0]
    assert first["nodes"][1] == (p_big if via == "big" else p_small)["id"]


def test_placeholders_are_never_on_a_path(db, api):
    me, info, target = (node("user", "Ursula Rep"), node("person", "Info Kontakt", placeholder=True),
                        node("person", "Tina T"))
    acme = node("account", "ACME")
    build(db, [me, info, target, acme], [("OWNS", me, info), ("KNOWS", info, target), ("EMPLOYS", acme, info)])
    assert api.get(f"/paths?from={me['id']}&to={target['id']}").json["paths"] == []
    resp = api.get(f"/paths?from={me['id']}&to={info['id']}")
    assert resp.status_code == 422 and "to" in resp.json["fields"]


@pytest.mark.parametrize("query, status, field", [
    ("rank=fastest", 422, "rank"),
    ("k=0", 422, "k"),
    ("max_hops=11", 422, "max_hops"),
    ("types=KNOWS,LOVES", 422, "types"),
    ("types=LOGGED", 422, "types"),  # activity links are not path types
])
def test_bad_path_parameters_are_refused(db, api, query, status, field):
    a, b = node("person", "Ann A"), node("person", "Ben B")
    build(db, [a, b], [("KNOWS", a, b)])
    resp = api.get(f"/paths?from={a['id']}&to={b['id']}&{query}")
    assert resp.status_code == status and field in resp.json["fields"]


def test_missing_same_or_unknown_ends_are_refused(db, api):
    a = node("person", "Ann A")
    build(db, [a], [])
    assert api.get(f"/paths?from={a['id']}").status_code == 422
    assert api.get(f"/paths?from={a['id']}&to={a['id']}").status_code == 422
    assert api.get(f"/paths?from={a['id']}&to=unknown").status_code == 404


def test_hostile_names_come_back_as_plain_text_and_change_nothing(db, api):
    hostile = "<img src=x onerror=alert(1)> \"q\" `b` MATCH (n) DETACH DELETE n"
    a, b = node("person", "x"), node("person", "y")
    a.update(first_name=hostile, last_name=hostile)
    build(db, [a, b], [("KNOWS", a, b, {"source": hostile})])
    before = db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"]
    path = api.get(f"/paths?from={a['id']}&to={b['id']}").json["paths"][0]
    assert path["explanation"] == [f"{hostile} {hostile} knows y y (through {hostile})"]
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
