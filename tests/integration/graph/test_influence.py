"""A deal's buying committee and ways in; introductions to a person; the connectors of an account."""
from __future__ import annotations

import datetime as dt

from tests.support.apps import open_session
from tests.support.graphdata import build, node
from tests.support.touches import meet


def deal_world(db, me_user):
    """A deal at Bergbahnen AG whose decision maker sits on a board with someone we met."""
    me = {"kind": "user", "id": me_user["id"]}
    mate = node("user", "Mira Mate")
    acme, board = node("account", "ACME AG", employees=120), node("account", "Bergbahnen AG", employees=200)
    deal = node("opportunity", "Cloud Migration")
    anna, bob, peter = node("person", "Anna Keller"), node("person", "Bob Tech"), node("person", "Peter Frei")
    info = node("person", "Info Kontakt", placeholder=True)
    build(db, [mate, acme, board, deal, anna, bob, peter, info], [
        ("HAS_OPPORTUNITY", acme, deal), ("EMPLOYS", acme, anna), ("EMPLOYS", acme, bob), ("EMPLOYS", acme, info),
        ("CONTACT_ROLE", anna, deal, {"role": "Decision Maker", "primary": True}),
        ("CONTACT_ROLE", bob, deal, {"role": "Technical Buyer"}),
        ("CONTACT_ROLE", info, deal, {"role": "Economic Buyer"}),
        ("OWNS", mate, acme), ("OWNS", mate, bob),
        ("BOARD_MEMBER", peter, board, {"since": dt.date(2019, 1, 1)}),
        ("BOARD_MEMBER", anna, board, {"since": dt.date(2018, 1, 1)})])
    meet(db, me, peter, 4)
    return {"mate": mate, "deal": deal, "anna": anna, "bob": bob, "peter": peter, "info": info, "acme": acme}


def test_influence_shows_the_committee_uncovered_roles_and_ways_in(db, api):
    w = deal_world(db, api.user)
    resp = api.get(f"/opportunities/{w['deal']['id']}/influence?k=3")
    assert resp.status_code == 200, resp.json
    body = resp.json
    roles = {r["role"]: [p["label"] for p in r["people"]] for r in body["roles"]}
    assert roles == {"Decision Maker": ["Anna Keller"], "Economic Buyer": ["Info Kontakt"],
                     "Technical Buyer": ["Bob Tech"]}
    assert "Decision Maker" not in body["uncovered"] and "Economic Decision Maker" in body["uncovered"]
    assert "Other" not in body["uncovered"]
    anna = next(r for r in body["roles"] if r["role"] == "Decision Maker")["people"][0]
    mine = anna["paths_from_me"][0]
    assert mine["nodes"] == [api.user["id"], w["peter"]["id"], body["records"][mine["nodes"][2]]["id"], w["anna"]["id"]]
    assert mine["explanation"][0].startswith("You met Peter Frei 4 times")
    assert [t["user"]["label"] for t in anna["paths_from_team"]] == ["Mira Mate"]
    assert anna["paths_from_team"][0]["path"]["nodes"][0] == w["mate"]["id"]
    info = next(r for r in body["roles"] if r["role"] == "Economic Buyer")["people"][0]
    assert info["placeholder"] and info["paths_from_me"] == []  # a placeholder is never a target
    assert [u["label"] for u in body["team"]] == ["Mira Mate"]


def test_influence_of_an_unknown_deal_is_404(api):
    assert api.get("/opportunities/nope/influence").status_code == 404
    assert api.get("/opportunities/nope/influence?k=99").status_code == 422


def test_who_can_introduce_me_names_the_people_next_to_them(db, api):
    w = deal_world(db, api.user)
    body = api.get(f"/people/{w['anna']['id']}/introductions").json
    assert body["person"]["label"] == "Anna Keller"
    assert body["introducers"][0]["label"] == "Peter Frei"
    assert body["paths_from_me"][0]["nodes"][-1] == w["anna"]["id"]
    assert api.get(f"/people/{w['info']['id']}/introductions").json["paths_from_me"] == []


def test_connectors_rank_the_brokers_of_an_account_first(db, api):
    acme, other = node("account", "ACME"), node("account", "Other AG")
    broker = node("person", "Bruno Broker")
    ours = [node("person", f"Ours {i}") for i in range(4)]
    theirs = [node("person", f"Theirs {i}") for i in range(4)]
    build(db, [acme, other, broker, *ours, *theirs],
          [("EMPLOYS", acme, p) for p in ours] + [("EMPLOYS", other, p) for p in theirs]
          + [("EMPLOYS", acme, broker), ("WORKED_AT", broker, other)])
    body = api.get(f"/accounts/{acme['id']}/connectors?limit=3").json
    assert body["items"][0]["label"] == "Bruno Broker" and body["items"][0]["score"] > 0
    assert len(body["items"]) == 3 and body["truncated"] is True
    assert api.get(f"/accounts/{broker['id']}/connectors").status_code == 404


def test_a_viewer_may_read_paths(db, client):
    from graphcrm.access.users import create_token, create_user

    create_user(db, email="viewer@example.ch", name="Vera Viewer", role="viewer")
    token = create_token(db, "viewer@example.ch")
    a, b = node("person", "Ann A"), node("person", "Ben B")
    build(db, [a, b], [("KNOWS", a, b)])
    resp = client.get(f"/api/v1/paths?from={a['id']}&to={b['id']}", headers={"Authorization": f"Bearer {token}"})
    assert resp.json["paths"][0]["hops"] == 1
    assert client.get(f"/api/v1/paths?from={a['id']}&to={b['id']}").status_code == 401


def signed_in(client, user):
    open_session(client.application.extensions["graphcrm_db"], client, user)


def test_the_graph_pages_render_for_a_signed_in_user(db, api, client, app):
    w = deal_world(db, api.user)
    assert client.get("/explore").status_code == 302  # anonymous: to the sign-in page
    signed_in(client, api.user)
    page = client.get(f"/explore?center={w['acme']['id']}")
    assert page.status_code == 200 and b"vendor/vis-network/vis-network.min.js" in page.data
    assert b"<script>" not in page.data  # no inline code: a strict CSP can forbid it
    assert client.get(f"/opportunities/{w['deal']['id']}/influence").status_code == 200
    assert b"Anna Keller" in client.get(f"/people/{w['anna']['id']}/introductions").data
    assert client.get("/people/nope/introductions").status_code == 404
    assert client.get("/opportunities/nope/influence").status_code == 404
    with app.test_request_context():
        from flask import render_template_string

        links = render_template_string('{% with record_id=rid, kind="opportunity" %}'
                                       '{% include "graph/_explore_link.html" %}{% endwith %}', rid=w["deal"]["id"])
    assert f"/explore?center={w['deal']['id']}" in links and "/influence" in links
