"""The network view: exactly the ego network when not cut, nearest first when cut, dates and filters obeyed."""
from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.graphdata import build, node, random_graph, twin

HOSTILE = "<img src=x onerror=alert(1)> \"quoted\" 'single' `tick` MATCH (n) DETACH DELETE n"


def view(api, center, **params):
    query = "&".join(f"{k}={v}" for k, v in {"center": center, **params}.items())
    resp = api.get(f"/network?{query}")
    assert resp.status_code == 200, resp.json
    return resp.json


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), people=st.integers(1, 12), accounts=st.integers(1, 4),
       rels=st.integers(0, 30), depth=st.integers(1, 3))
def test_the_network_is_exactly_the_ego_network_when_not_cut(db, api, seed, people, accounts, rels, depth):
    db.run_raw("MATCH (n) WHERE NOT n:User AND NOT n:ApiToken DETACH DELETE n")
    rng = random.Random(seed)
    nodes, links = random_graph(rng, people, accounts, 2, 1, rels)
    build(db, nodes, links)
    center = rng.choice(nodes)["id"]
    got = view(api, center, depth=depth, limit=2000)
    expected = nx.ego_graph(twin(nodes, links), center, radius=depth)
    assert not got["truncated"] and got["more"] == 0
    assert {n["id"] for n in got["nodes"]} == set(expected.nodes)
    assert got["total"] == len(expected)
    want_edges = Counter((a["id"], b["id"], t) for t, a, b, *_ in links if a["id"] in expected and b["id"] in expected)
    assert Counter((e["source"], e["target"], e["type"]) for e in got["edges"]) == want_edges
    distances = nx.single_source_shortest_path_length(expected, center)
    assert all(n["distance"] == distances[n["id"]] for n in got["nodes"])


def test_a_cut_view_keeps_the_nearest_records_and_says_how_many_more(db, api):
    hub = node("account", "Hub AG")
    first = [node("person", f"Near {i}") for i in range(5)]
    second = [node("account", f"Far {i}-{j}") for i in range(5) for j in range(10)]
    links = [("EMPLOYS", hub, p) for p in first]
    links += [("WORKED_AT", first[i], second[i * 10 + j]) for i in range(5) for j in range(10)]
    build(db, [hub, *first, *second], links)
    got = view(api, hub["id"], depth=2, limit=8)
    ids = {n["id"] for n in got["nodes"]}
    assert {p["id"] for p in first} <= ids and len(ids) == 8
    assert got["truncated"] is True
    assert (got["shown"], got["total"], got["more"]) == (8, 56, 48)


def test_as_of_shows_who_worked_where_then(db, api):
    anna = node("person", "Anna Keller")
    old, new, board = node("account", "Old AG"), node("account", "New AG"), node("account", "Board AG")
    build(db, [anna, old, new, board], [
        ("WORKED_AT", anna, old, {"since": dt.date(2012, 1, 1), "until": dt.date(2018, 6, 30)}),
        ("EMPLOYS", new, anna, {"since": dt.date(2018, 7, 1)}),
        ("BOARD_MEMBER", anna, board, {"since": dt.date(2016, 1, 1), "until": dt.date(2020, 12, 31)})])
    def names(v):
        return {n["label"] for n in v["nodes"]} - {"Anna Keller"}
    assert names(view(api, anna["id"], depth=1)) == {"Old AG", "New AG", "Board AG"}
    assert names(view(api, anna["id"], depth=1, as_of="2017-03-01")) == {"Old AG", "Board AG"}
    assert names(view(api, anna["id"], depth=1, as_of="2018-06-30")) == {"Old AG", "Board AG"}
    assert names(view(api, anna["id"], depth=1, as_of="2019-01-01")) == {"New AG", "Board AG"}
    assert names(view(api, anna["id"], depth=1, as_of="2024-01-01")) == {"New AG"}
    assert names(view(api, anna["id"], depth=1, as_of="2010-01-01")) == set()


def test_filters_by_type_kind_and_status(db, api):
    acme = node("account", "ACME")
    active, gone = node("person", "Active One"), node("person", "Gone Two", status="inactive")
    deal, friend = node("opportunity", "Deal"), node("person", "Friend Three")
    build(db, [acme, active, gone, deal, friend], [
        ("EMPLOYS", acme, active), ("WORKED_AT", gone, acme), ("HAS_OPPORTUNITY", acme, deal),
        ("KNOWS", active, friend)])
    def labels(v):
        return {n["label"] for n in v["nodes"]}
    assert labels(view(api, acme["id"], depth=1, types="EMPLOYS")) == {"ACME", "Active One"}
    assert labels(view(api, acme["id"], depth=2, kinds="person")) == {"ACME", "Active One", "Gone Two", "Friend Three"}
    assert labels(view(api, acme["id"], depth=1, status="inactive")) == {"ACME", "Gone Two", "Deal"}
    placeholder = view(api, acme["id"], depth=1, status="active")
    assert {n["label"]: n["status"] for n in placeholder["nodes"] if n["kind"] == "person"} == {"Active One": "active"}


@pytest.mark.parametrize("params, field", [
    ({"depth": 0}, "depth"),  # below the range
    ({"depth": 4}, "depth"),  # above the range
    ({"types": "EMPLOYS,NOPE"}, "types"),  # not a type at all
    ({"types": "CHANGED"}, "types"),  # a model type that is not part of the network
    ({"types": "EMPLOYS`]-() DETACH DELETE n//"}, "types"),  # injection attempt
    ({"limit": 5000}, "limit"),
    ({"as_of": "2019-02-30"}, "as_of"),
    ({"kinds": "planet"}, "kinds"),
    ({"status": "sleeping"}, "status"),
])
def test_bad_parameters_are_refused_naming_the_field(db, api, params, field):
    acme = node("account", "ACME")
    build(db, [acme], [])
    query = "&".join(f"{k}={v}" for k, v in {"center": acme["id"], **params}.items())
    resp = api.get(f"/network?{query}")
    assert resp.status_code == 422, resp.json
    assert field in resp.json["fields"]


def test_an_unknown_center_is_404_and_a_missing_one_422(api):
    assert api.get("/network?center=nope").status_code == 404
    assert api.get("/network").status_code == 422


def test_large_views_get_a_server_layout(db, api):
    hub = node("account", "Big AG", employees=50_000)
    people = [node("person", f"Worker {i}") for i in range(520)]
    build(db, [hub, *people], [("EMPLOYS", hub, p) for p in people])
    got = view(api, hub["id"], depth=1, limit=600)
    assert got["layout"] == "server" and len(got["nodes"]) == 521
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in got["nodes"])
    small = view(api, hub["id"], depth=1, limit=50)
    assert "layout" not in small and "x" not in small["nodes"][0]


def test_a_view_exports_as_graphml_and_standalone_html(db, api):
    acme, anna = node("account", "ACME"), node("person", "Anna Keller")
    build(db, [acme, anna], [("EMPLOYS", acme, anna, {"since": dt.date(2020, 1, 1)})])
    resp = api.get(f"/network/export?center={acme['id']}&format=graphml")
    assert resp.status_code == 200 and resp.mimetype == "application/graphml+xml"
    graph = nx.read_graphml(io.BytesIO(resp.data))
    assert graph.nodes[anna["id"]]["label"] == "Anna Keller"
    assert [d["type"] for *_, d in graph.edges(data=True)] == ["EMPLOYS"]
    resp = api.post("/network/export", {"format": "html", "nodes": [acme["id"], anna["id"]], "title": "Mine"})
    page = resp.data.decode()
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    assert "vis.Network" in page and "Anna Keller" in page
    assert "<script src=" not in page and "http://" not in page.split("<script>")[0]


def test_hostile_text_stays_plain_text_and_changes_nothing(db, api, client):
    evil = node("person", "X Y", first_name=HOSTILE, last_name=HOSTILE, title=HOSTILE, department=HOSTILE,
                city=HOSTILE, email="evil@example.ch")
    evil.update(first_name=HOSTILE, last_name=HOSTILE)
    acme = node("account", HOSTILE, industry=HOSTILE)
    build(db, [evil, acme], [("EMPLOYS", acme, evil, {"title": HOSTILE, "department": HOSTILE})])
    before = db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"]
    got = view(api, acme["id"], types="EMPLOYS")
    person = next(n for n in got["nodes"] if n["kind"] == "person")
    assert person["label"] == f"{HOSTILE} {HOSTILE}" and person["card"]["title"] == HOSTILE
    assert got["edges"][0]["title"] == HOSTILE
    graph = nx.read_graphml(io.BytesIO(api.get(f"/network/export?center={acme['id']}&format=graphml").data))
    assert graph.nodes[acme["id"]]["label"] == HOSTILE
    page = api.get(f"/network/export?center={acme['id']}&format=html&title={HOSTILE}").data.decode()
    assert "<img src=x" not in page
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    assert api.get(f"/network?center={HOSTILE}").status_code == 404
