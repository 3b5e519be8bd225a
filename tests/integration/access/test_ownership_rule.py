"""One rule for ownership: a deal belongs to the owner of its one account, and every write needs edit
rights on every record whose meaning it changes, checked the same way on every write route and role.

Roles of the world: Otto (rep) owns Annabel, the account ACME and so ACME's deal; Boss manages Otto;
Mia manages another team; Rita is a rep in Mia's team; Vera views; Ada is admin. Ulli and Beta are
unowned, so every writer may change them.
"""
from __future__ import annotations

import functools

import pytest

from graphcrm.access.policy import Access
from graphcrm.contacts import ownership
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.apps import make_api

ROLES = ("ada", "boss", "otto", "mia", "rita", "vera")
ALLOWED = {"ada", "boss", "otto"}  # who may change Otto's records: admins, Otto and his manager


def _link(db, rel, start, end, **props):
    relationships.link(db, {"type": rel, "from": start, "to": end, "properties": props}, access=Access.system())


@pytest.fixture
def world(db, client):
    users = {"ada": make_api(db, client, "admin", "ada@example.ch"),
             "boss": make_api(db, client, "manager", "boss@example.ch"),
             "otto": make_api(db, client, "rep", "otto@example.ch"),
             "mia": make_api(db, client, "manager", "mia@example.ch"),
             "rita": make_api(db, client, "rep", "rita@example.ch"),
             "vera": make_api(db, client, "viewer", "vera@example.ch")}
    _link(db, "REPORTS_TO", users["otto"].user["id"], users["boss"].user["id"])
    _link(db, "REPORTS_TO", users["rita"].user["id"], users["mia"].user["id"])
    new = functools.partial(records.create, access=Access.system())
    ids = {"acme": new(db, Label.ACCOUNT, {"name": "ACME AG"})["id"],
           "beta": new(db, Label.ACCOUNT, {"name": "Beta GmbH"})["id"],
           "annabel": new(db, Label.PERSON, {"first_name": "Annabel", "last_name": "Keller"})["id"],
           "ulli": new(db, Label.PERSON, {"first_name": "Ulli", "last_name": "Unowned"})["id"],
           "deal": new(db, Label.OPPORTUNITY, {"name": "Cloud Deal"})["id"],
           "loose_deal": new(db, Label.OPPORTUNITY, {"name": "Loose Deal"})["id"]}
    _link(db, "EMPLOYS", ids["acme"], ids["annabel"], primary=True)
    _link(db, "HAS_OPPORTUNITY", ids["acme"], ids["deal"])
    _link(db, "CONTACT_ROLE", ids["annabel"], ids["deal"], role="Decision Maker")
    for record in ("annabel", "acme"):
        ownership.set_owner(db, ids[record], {"user": users["otto"].user["id"]}, access=Access.system())
    ids.update({f"{name}_user": api.user["id"] for name, api in users.items()})
    return users, ids


# Each write on one of Otto's records (or one that changes the meaning of one): (name, call).
WRITES = {
    "patch a person": lambda a, i: a.patch(f"/people/{i['annabel']}", {"title": "CFO"}),
    "delete a person": lambda a, i: a.delete(f"/people/{i['annabel']}"),
    "give a person away": lambda a, i: a.put(f"/people/{i['annabel']}/owner", {"user": i["rita_user"]}),
    "mark an e-mail bounced": lambda a, i: a.post(f"/people/{i['annabel']}/bounce"),
    "mark a person as left": lambda a, i: a.post(f"/people/{i['annabel']}/leave", {}),
    "move a person to another job": lambda a, i: a.post(f"/people/{i['annabel']}/move", {"account": i["beta"]}),
    "merge a person into another": lambda a, i: a.post(f"/people/{i['annabel']}/merge", {"into": i["ulli"]}),
    "merge another into the person": lambda a, i: a.post(f"/people/{i['ulli']}/merge", {"into": i["annabel"]}),
    "pin a person on the map": lambda a, i: a.put(f"/people/{i['annabel']}/location", {"lat": 47.5, "lon": 7.6}),
    "link a person": lambda a, i: a.post("/relationships", {"type": "KNOWS", "from": i["annabel"], "to": i["ulli"]}),
    "unlink a person's job": lambda a, i: a.delete("/relationships", {"type": "EMPLOYS", "from": i["acme"],
                                                                      "to": i["annabel"]}),
    "set a person's target": lambda a, i: a.post("/targets", {"scope": "person", "scope_id": i["annabel"],
                                                              "period": "month", "min_touchpoints": 2}),
    "patch an account": lambda a, i: a.patch(f"/accounts/{i['acme']}", {"industry": "Tourism"}),
    "give an account away": lambda a, i: a.put(f"/accounts/{i['acme']}/owner", {"user": i["rita_user"]}),
    "add an Info Kontakt": lambda a, i: a.post(f"/accounts/{i['acme']}/placeholder"),
    "patch a deal": lambda a, i: a.patch(f"/opportunities/{i['deal']}", {"amount": 5}),
    "delete a deal": lambda a, i: a.delete(f"/opportunities/{i['deal']}"),
    "unlink a deal from its account": lambda a, i: a.delete("/relationships", {
        "type": "HAS_OPPORTUNITY", "from": i["acme"], "to": i["deal"]}),
    "give a deal a contact role": lambda a, i: a.post("/relationships", {
        "type": "CONTACT_ROLE", "from": i["ulli"], "to": i["deal"], "properties": {"role": "Influencer"}}),
    "attach a loose deal to the account": lambda a, i: a.post("/relationships", {
        "type": "HAS_OPPORTUNITY", "from": i["acme"], "to": i["loose_deal"]}),
    "create a deal at the account": lambda a, i: a.post("/opportunities", {"name": "New", "account": i["acme"]}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_route_follows_the_ownership_rule_for_every_role(world, write, role):
    users, ids = world
    resp = WRITES[write](users[role], ids)
    if role in ALLOWED:
        assert resp.status_code < 300, (write, role, resp.status_code, resp.json)
    else:
        assert resp.status_code == 403, (write, role, resp.status_code, resp.json)


def test_a_rep_cannot_take_over_another_reps_deal_by_linking_it_to_an_account_of_their_own(world):
    users, ids = world
    rita = users["rita"]
    own = rita.post("/accounts", {"name": "Rita's Shell AG"}).json
    assert rita.put(f"/accounts/{own['id']}/owner", {"user": ids["rita_user"]}).status_code == 200
    resp = rita.post("/relationships", {"type": "HAS_OPPORTUNITY", "from": own["id"], "to": ids["deal"]})
    assert resp.status_code == 403
    assert rita.patch(f"/opportunities/{ids['deal']}", {"amount": 1}).status_code == 403
    assert rita.delete(f"/opportunities/{ids['deal']}").status_code == 403
    assert users["ada"].get(f"/opportunities/{ids['deal']}").status_code == 200


def test_a_rep_cannot_attach_an_unowned_deal_to_another_users_account(world):
    users, ids = world
    resp = users["rita"].post("/relationships", {"type": "HAS_OPPORTUNITY", "from": ids["acme"],
                                                 "to": ids["loose_deal"]})
    assert resp.status_code == 403


def test_a_deal_has_one_account_and_a_second_is_refused(world):
    users, ids = world
    resp = users["ada"].post("/relationships", {"type": "HAS_OPPORTUNITY", "from": ids["beta"], "to": ids["deal"]})
    assert resp.status_code == 409 and "from" in resp.json["fields"]
    again = users["ada"].post("/relationships", {"type": "HAS_OPPORTUNITY", "from": ids["acme"], "to": ids["deal"]})
    assert again.status_code == 201  # the same link again changes nothing


def test_a_deal_belongs_to_the_owner_of_its_account_and_follows_it(world):
    users, ids = world
    assert users["rita"].patch(f"/opportunities/{ids['deal']}", {"amount": 1}).status_code == 403
    assert users["ada"].put(f"/accounts/{ids['acme']}/owner", {"user": ids["rita_user"]}).status_code == 200
    assert users["rita"].patch(f"/opportunities/{ids['deal']}", {"amount": 1}).status_code == 200
    assert users["otto"].patch(f"/opportunities/{ids['deal']}", {"amount": 2}).status_code == 403


def test_an_account_with_deals_cannot_be_deleted(world):
    users, ids = world
    resp = users["ada"].delete(f"/accounts/{ids['beta']}")
    assert resp.status_code == 204
    users["ada"].delete("/relationships", {"type": "EMPLOYS", "from": ids["acme"], "to": ids["annabel"]})
    resp = users["ada"].delete(f"/accounts/{ids['acme']}")
    assert resp.status_code == 409


def test_a_claim_by_a_rep_is_allowed_and_audited_but_a_claimed_record_is_not_the_reps_to_see(world):
    users, ids = world
    rita = users["rita"]
    resp = rita.put(f"/people/{ids['ulli']}/owner", {"user": ids["rita_user"]})
    assert resp.status_code == 200
    entries = users["ada"].get("/audit?action=claim").json["items"]
    assert len(entries) == 1 and ids["ulli"] in entries[0]["path"]
    # Rita edits what she claimed, but its sensitive fields stay admin-only until a manager assigns it.
    assert rita.patch(f"/people/{ids['ulli']}", {"mobile": "+41 79 111 22 33"}).status_code == 200
    assert "mobile" not in rita.get(f"/people/{ids['ulli']}").json
    assert users["mia"].put(f"/people/{ids['ulli']}/owner", {"user": ids["rita_user"]}).status_code == 200
    assert rita.get(f"/people/{ids['ulli']}").json["mobile"] == "+41791112233"
