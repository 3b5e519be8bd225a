"""The access policy on the graph: hover cards, paths, influence, connectors and exports (issue 8)."""
from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
import pytest

from graphcrm.access.policy import Access
from graphcrm.contacts import ownership
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.apps import make_api

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.fixture
def private_client(private_app):
    """A test client of an app whose people are private to their owner's team."""
    return private_app.test_client()


def link(db, rel_type, start, end, **props):
    relationships.link(db, {"type": rel_type, "from": start["id"], "to": end["id"], "properties": props},
                       access=Access.system())


def person(db, first, last, **fields):
    return records.create(db, Label.PERSON, {"first_name": first, "last_name": last, **fields}, access=Access.system())


def world(db, client):
    """Boss manages Rita (rep); Otto (rep) is in no one's team. Rita owns Peter, Otto owns Anna (CFO at
    ACME, with sensitive fields); Karl is unowned and known only to Anna; Anna decides on a deal."""
    boss = make_api(db, client, "manager", "boss@example.ch")
    rita = make_api(db, client, "rep", "rita@example.ch")
    otto = make_api(db, client, "rep", "otto@example.ch")
    viewer = make_api(db, client, "viewer", "vera@example.ch")
    records.update(db, Label.USER, rita.user["id"], {"phone": "+41 44 555 01 01", "start_date": "2019-04-01"},
                   access=Access.system())
    link(db, "REPORTS_TO", rita.user, boss.user)
    acme = records.create(db, Label.ACCOUNT, {"name": "ACME Bergbahnen"}, access=Access.system())
    anna = person(db, "Annabel", "Kellerhals", email="annabel.kellerhals@acme.example", title="Chief Frobnicator",
                  birthdate="1977-03-14", mobile="+41 79 555 77 77", interests=["skitouring"])
    peter = person(db, "Peter", "Frei", birthdate="1980-06-01", mobile="+41 79 555 11 11")
    karl = person(db, "Karl", "Knows")
    deal = records.create(db, Label.OPPORTUNITY, {"name": "Cloud Deal"}, access=Access.system())
    link(db, "EMPLOYS", acme, anna, title="Chief Frobnicator", department="Frobnication", primary=True)
    link(db, "EMPLOYS", acme, peter, department="Frobnication")
    link(db, "KNOWS", anna, karl, source="Frobnicators Club")
    link(db, "HAS_OPPORTUNITY", acme, deal)
    link(db, "CONTACT_ROLE", anna, deal, role="Decision Maker")
    ownership.set_owner(db, peter["id"], {"user": rita.user["id"]}, access=Access.system())
    ownership.set_owner(db, anna["id"], {"user": otto.user["id"]}, access=Access.system())
    ownership.set_owner(db, acme["id"], {"user": rita.user["id"]}, access=Access.system())
    db.run_raw("MATCH (u:User {id: $u}), (p:Person {id: $p}) CREATE (u)-[:LOGGED]->(:Activity {id: randomUUID(), "
               "kind: 'meeting', at: $at})-[:WITH]->(p)", u=rita.user["id"], p=anna["id"],
               at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    return {"boss": boss, "rita": rita, "otto": otto, "viewer": viewer, "acme": acme, "anna": anna,
            "peter": peter, "karl": karl, "deal": deal}


def as_client(api, client):
    """The same user's API client on another app (the one with private sharing)."""
    return type(api)(client, api.token, api.user)


def nodes_by_label(view):
    return {n["label"]: n for n in view["nodes"]}


def leaks(text: str, anna: dict) -> list[str]:
    """What of Anna shows in a response text."""
    marks = ("Annabel", "Kellerhals", anna["email"], anna["id"], "Chief Frobnicator", "1977-03-14", "5557777",
             "skitouring", "Frobnicators Club")
    return [m for m in marks if m in text]


# -- sensitive fields (people shared for reading) ----------------------------------------------
def test_network_hover_data_has_no_birthdate_for_a_rep_who_does_not_own_the_contact(db, client):
    w = world(db, client)
    resp = w["rita"].get(f"/network?center={w['acme']['id']}")
    assert resp.status_code == 200
    people = nodes_by_label(resp.json)
    anna = people["Annabel Kellerhals"]["card"]
    assert anna["title"] == "Chief Frobnicator"
    assert not {"birthdate", "mobile", "interests"} & anna.keys()
    assert "1977-03-14" not in resp.get_data(as_text=True)
    # Her own contact's card keeps them.
    assert people["Peter Frei"]["card"]["birthdate"] == "1980-06-01"


def test_manager_sees_birthdate_of_team_contact_in_network(db, client):
    w = world(db, client)
    people = nodes_by_label(w["boss"].get(f"/network?center={w['acme']['id']}").json)
    assert people["Peter Frei"]["card"]["birthdate"] == "1980-06-01"
    assert people["Peter Frei"]["card"]["mobile"] == "+41795551111"
    assert "birthdate" not in people["Annabel Kellerhals"]["card"]
    assert people["Annabel Kellerhals"]["card"].get("interests") is None


def test_an_admin_sees_every_sensitive_field_in_network(db, client, api):
    w = world(db, client)
    card = nodes_by_label(api.get(f"/network?center={w['acme']['id']}").json)["Annabel Kellerhals"]["card"]
    assert card["birthdate"] == "1977-03-14" and card["interests"] == ["skitouring"]


def test_a_colleague_s_employee_data_is_off_the_card_but_their_manager_sees_it(db, client):
    w = world(db, client)
    center = f"/network?center={w['peter']['id']}&depth=1"

    def rita_card(api):
        return next(n for n in api.get(center).json["nodes"] if n["id"] == w["rita"].user["id"])["card"]

    assert rita_card(w["boss"])["phone"] == "+41445550101"
    assert rita_card(w["rita"])["start_date"] == "2019-04-01"
    other = rita_card(w["otto"])
    assert other["email"] == "rita@example.ch" and "phone" not in other and "start_date" not in other


def test_introductions_show_no_birthdate_of_a_contact_the_rep_does_not_own(db, client):
    w = world(db, client)
    resp = w["rita"].get(f"/people/{w['anna']['id']}/introductions")
    assert resp.status_code == 200
    assert "birthdate" not in resp.json["person"]["card"]
    assert w["boss"].get(f"/people/{w['peter']['id']}/introductions").json["person"]["card"]["birthdate"]


# -- hidden people (private sharing) -----------------------------------------------------------
def test_private_sharing_shows_a_hidden_person_on_a_path_as_someone_at_their_account(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    resp = rita.get(f"/paths?from={w['rita'].user['id']}&to={w['karl']['id']}&k=3")
    assert resp.status_code == 200
    data = resp.json
    assert data["paths"]
    for path in data["paths"]:
        hidden = [i for i in path["nodes"] if i.startswith("hidden:")]
        assert len(hidden) == 1 and w["anna"]["id"] not in path["nodes"]
        assert data["records"][hidden[0]] == {"id": hidden[0], "kind": "person", "label": "someone at ACME Bergbahnen",
                                              "hidden": True}
        assert {e["source"] for e in path["edges"]} | {e["target"] for e in path["edges"]} <= set(path["nodes"])
        assert any("someone at ACME Bergbahnen knows Karl Knows" in t for t in path["explanation"])
    # The same path, shared for reading, names her.
    named = w["rita"].get(f"/paths?from={w['rita'].user['id']}&to={w['karl']['id']}&k=3").json
    assert w["anna"]["id"] in named["paths"][0]["nodes"]
    assert any("Annabel Kellerhals knows Karl Knows" in t for t in named["paths"][0]["explanation"])


def test_paths_explanations_never_name_a_hidden_person(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    for rank in ("strength", "hops"):
        resp = rita.get(f"/paths?from={w['peter']['id']}&to={w['karl']['id']}&k=5&rank={rank}")
        assert resp.status_code == 200 and resp.json["paths"]
        assert leaks(resp.get_data(as_text=True), w["anna"]) == []
    touched = rita.get(f"/paths?from={w['rita'].user['id']}&to={w['karl']['id']}&k=5&types=TOUCHED,KNOWS")
    texts = [t for p in touched.json["paths"] for t in p["explanation"]]
    assert "You have been in touch with someone at ACME Bergbahnen" in texts
    assert leaks(touched.get_data(as_text=True), w["anna"]) == [] and "once" not in " ".join(texts)
    # The control: shared for reading, the same request names her, her title and the club.
    plain = w["rita"].get(f"/paths?from={w['peter']['id']}&to={w['karl']['id']}&k=5").get_data(as_text=True)
    assert {"Annabel", "Frobnicators Club"} <= set(leaks(plain, w["anna"])) and "both in Frobnication" in plain
    private = rita.get(f"/paths?from={w['peter']['id']}&to={w['karl']['id']}&k=5").get_data(as_text=True)
    assert "work together at ACME Bergbahnen" in private and "both in Frobnication" not in private


def test_a_hidden_person_as_a_path_end_is_404(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    resp = rita.get(f"/paths?from={w['peter']['id']}&to={w['anna']['id']}")
    unknown = rita.get(f"/paths?from={w['peter']['id']}&to=no-such-id")
    assert resp.status_code == unknown.status_code == 404
    assert resp.json["fields"] == unknown.json["fields"] == {"to": "no such record"}
    otto = as_client(w["otto"], private_client)
    assert otto.get(f"/paths?from={w['karl']['id']}&to={w['anna']['id']}").status_code == 200
    assert otto.get(f"/paths?from={w['peter']['id']}&to={w['karl']['id']}").status_code == 404  # Peter is Rita's


def test_network_of_a_hidden_person_is_404(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    assert rita.get(f"/network?center={w['anna']['id']}").status_code == 404
    assert rita.get(f"/network/export?center={w['anna']['id']}&format=graphml").status_code == 404
    assert rita.get(f"/people/{w['anna']['id']}/introductions").status_code == 404
    # Her owner, and the admin, see her network.
    assert as_client(w["otto"], private_client).get(f"/network?center={w['anna']['id']}").status_code == 200


def test_a_hidden_person_in_a_network_is_someone_at_their_account_with_nothing_else(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    resp = rita.get(f"/network?center={w['acme']['id']}&depth=2")
    view = resp.json
    hidden = [n for n in view["nodes"] if n.get("hidden")]
    assert [{k: v for k, v in n.items() if k != "id"} for n in hidden] == [
        {"kind": "person", "label": "someone at ACME Bergbahnen", "hidden": True, "distance": 1}]
    token = hidden[0]["id"]
    assert token.startswith("hidden:")
    assert {(e["source"], e["type"], e["target"]) for e in view["edges"] if token in (e["source"], e["target"])} == {
        (w["acme"]["id"], "EMPLOYS", token), (token, "KNOWS", w["karl"]["id"]),
        (w["otto"].user["id"], "OWNS", token), (token, "CONTACT_ROLE", w["deal"]["id"])}
    assert all(set(e) == {"id", "source", "target", "type"}
               for e in view["edges"] if token in (e["source"], e["target"]))
    assert leaks(resp.get_data(as_text=True), w["anna"]) == []
    # Stable for one viewer, so expanding a neighbour merges into the same node.
    again = rita.get(f"/network?center={w['karl']['id']}&depth=1").json
    assert token in {n["id"] for n in again["nodes"]}


def test_a_manager_sees_their_team_s_people_and_an_admin_everyone(db, client, private_client, api):
    w = world(db, client)
    boss = nodes_by_label(as_client(w["boss"], private_client).get(f"/network?center={w['acme']['id']}").json)
    assert "Peter Frei" in boss and "Annabel Kellerhals" not in boss
    admin = nodes_by_label(as_client(api, private_client).get(f"/network?center={w['acme']['id']}").json)
    assert admin["Annabel Kellerhals"]["card"]["birthdate"] == "1977-03-14"


def test_influence_and_introductions_show_hidden_people_as_someone(db, client, private_client):
    w = world(db, client)
    rita = as_client(w["rita"], private_client)
    resp = rita.get(f"/opportunities/{w['deal']['id']}/influence")
    assert resp.status_code == 200
    (decider,) = next(r for r in resp.json["roles"] if r["role"] == "Decision Maker")["people"]
    assert decider["label"] == "someone at ACME Bergbahnen" and decider["hidden"] is True
    assert decider["id"].startswith("hidden:") and decider["paths_from_me"]
    assert decider["paths_from_me"][0]["nodes"][-1] == decider["id"]
    assert leaks(resp.get_data(as_text=True), w["anna"]) == []
    intro = rita.get(f"/people/{w['karl']['id']}/introductions")
    assert intro.status_code == 200
    assert [(i["label"], i.get("hidden")) for i in intro.json["introducers"]] == [("someone at ACME Bergbahnen", True)]
    assert leaks(intro.get_data(as_text=True), w["anna"]) == []


def test_connectors_rank_a_hidden_broker_anonymously(db, client, private_client):
    w = world(db, client)
    resp = as_client(w["rita"], private_client).get(f"/accounts/{w['acme']['id']}/connectors")
    assert resp.status_code == 200
    items = resp.json["items"]
    assert {"Peter Frei", "someone at ACME Bergbahnen"} <= {i["label"] for i in items}
    hidden = next(i for i in items if i["label"] == "someone at ACME Bergbahnen")
    assert hidden["id"].startswith("hidden:") and hidden["hidden"] is True and "account" not in hidden
    assert leaks(resp.get_data(as_text=True), w["anna"]) == []


def test_pyvis_and_graphml_exports_leave_out_hidden_fields(db, client, private_client):
    w = world(db, client)
    acme = w["acme"]["id"]
    # Shared for reading: Anna is named, but her sensitive fields are not in either file.
    graphml = w["rita"].get(f"/network/export?center={acme}&format=graphml")
    html = w["rita"].post("/network/export", {"format": "html", "nodes": [acme, w["anna"]["id"], w["peter"]["id"]]})
    assert graphml.status_code == html.status_code == 200
    for resp in (graphml, html):
        text = resp.get_data(as_text=True)
        assert "Annabel Kellerhals" in text and "1980-06-01" in text  # Peter is Rita's
        assert "1977-03-14" not in text and "5557777" not in text and "skitouring" not in text
    # Private: she is someone at ACME in both, even when her id is sent.
    rita = as_client(w["rita"], private_client)
    graphml = rita.get(f"/network/export?center={acme}&format=graphml")
    graph = nx.read_graphml(io.BytesIO(graphml.data))
    assert "someone at ACME Bergbahnen" in {d["label"] for _, d in graph.nodes(data=True)}
    html = rita.post("/network/export", {"format": "html", "nodes": [acme, w["anna"]["id"]]})
    for resp in (graphml, html):
        assert resp.status_code == 200 and leaks(resp.get_data(as_text=True), w["anna"]) == []
    assert "someone at ACME Bergbahnen" in html.get_data(as_text=True)


def test_a_viewer_reads_the_graph_under_the_same_policy(db, client, private_client):
    w = world(db, client)
    vera = as_client(w["viewer"], private_client)
    view = vera.get(f"/network?center={w['acme']['id']}")
    assert view.status_code == 200
    assert sorted(n["label"] for n in view.json["nodes"] if n["kind"] == "person") == [
        "Karl Knows", "someone at ACME Bergbahnen", "someone at ACME Bergbahnen"]
    assert "Peter Frei" not in json.dumps(view.json) and leaks(json.dumps(view.json), w["anna"]) == []
    resp = vera.get(f"/paths?from={w['acme']['id']}&to={w['karl']['id']}")
    assert resp.status_code == 200 and resp.json["paths"]
    assert leaks(resp.get_data(as_text=True), w["anna"]) == []


def test_the_status_filter_tells_nothing_about_a_hidden_person(db, client, private_client):
    w = world(db, client)
    db.run_raw("MATCH (p:Person {id: $id}) SET p.status = 'inactive'", id=w["anna"]["id"])
    rita = as_client(w["rita"], private_client)
    for status in ("active", "inactive"):
        view = rita.get(f"/network?center={w['acme']['id']}&depth=1&status={status}").json
        assert [n["label"] for n in view["nodes"] if n.get("hidden")] == ["someone at ACME Bergbahnen"]
    # Her owner, who may see her, gets the filter as it is.
    otto = as_client(w["otto"], private_client)
    assert "Annabel Kellerhals" not in {n["label"] for n in otto.get(
        f"/network?center={w['acme']['id']}&depth=1&status=active").json["nodes"]}


def test_a_hidden_info_kontakt_is_never_ranked_as_a_connector(db, client, private_client):
    w = world(db, client)
    info = person(db, "Info", "Kontakt", placeholder=True)
    link(db, "EMPLOYS", w["acme"], info, primary=True)
    link(db, "KNOWS", info, w["karl"])
    link(db, "KNOWS", info, w["peter"])
    ownership.set_owner(db, info["id"], {"user": w["otto"].user["id"]}, access=Access.system())
    items = as_client(w["rita"], private_client).get(f"/accounts/{w['acme']['id']}/connectors").json["items"]
    assert len([i for i in items if i.get("hidden")]) == 1  # Anna only
    everyone = as_client(w["otto"], private_client).get(f"/accounts/{w['acme']['id']}/connectors").json["items"]
    assert "Info Kontakt" not in {i["label"] for i in everyone}
