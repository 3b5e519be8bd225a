"""Contact management: job changes, bounces, history, owners, placeholders, merges, campaign members."""
import csv
import io

import pytest


@pytest.fixture
def acme(api):
    return api.post("/accounts", {"name": "ACME AG", "website": "https://www.acme.ch"}).json


@pytest.fixture
def bergbahnen(api):
    return api.post("/accounts", {"name": "Bergbahnen AG"}).json


@pytest.fixture
def muster(api, acme):
    person = api.post("/people", {"first_name": "Hans", "last_name": "Muster", "salutation": "Herr",
                                  "email": "hans.muster@acme.ch", "title": "CFO", "language": "de"}).json
    link = api.post("/relationships", {"type": "EMPLOYS", "from": acme["id"], "to": person["id"],
                                       "properties": {"primary": True, "title": "CFO", "since": "2015-04-01"}})
    assert link.status_code == 201, link.json
    return person


def _rels(db, person_id):
    return db.run_raw(
        "MATCH (p:Person {id: $id})-[r]-(o) RETURN type(r) AS type, o.id AS other, properties(r) AS props "
        "ORDER BY type, other", id=person_id)


def test_moving_a_contact_keeps_the_old_job_as_worked_at_and_starts_the_new_one(api, db, muster, acme, bergbahnen):
    resp = api.post(f"/people/{muster['id']}/move",
                    {"account": bergbahnen["id"], "title": "CEO", "since": "2026-10-01"})
    assert resp.status_code == 200, resp.json
    assert resp.json["title"] == "CEO" and resp.json["status"] == "active"
    rels = {(r["type"], r["other"]): r["props"] for r in _rels(db, muster["id"])}
    worked = rels[("WORKED_AT", acme["id"])]
    assert (worked["title"], worked["since"].iso_format(), worked["until"].iso_format()) == (
        "CFO", "2015-04-01", "2026-10-01")
    assert ("EMPLOYS", acme["id"]) not in rels
    assert rels[("EMPLOYS", bergbahnen["id"])]["primary"] is True
    newest_first = api.get(f"/people/{muster['id']}/history").json["items"]
    fields = {c["field"]: c for c in reversed(newest_first)}
    assert fields["primary_account"]["old"] == "ACME AG" and fields["primary_account"]["new"] == "Bergbahnen AG"
    assert fields["title"]["old"] == "CFO"


def test_moving_a_contact_keeps_its_activities_campaigns_and_contact_roles(api, db, muster, acme, bergbahnen):
    opp = api.post("/opportunities", {"name": "Cloud Migration"}).json
    campaign = api.post("/campaigns", {"name": "Herbstanlass 2026"}).json
    api.post("/relationships", {"type": "CONTACT_ROLE", "from": muster["id"], "to": opp["id"],
                                "properties": {"role": "Decision Maker"}})
    api.post(f"/campaigns/{campaign['id']}/members", {"people": [muster["id"]]})
    db.run_raw("MATCH (p:Person {id: $id}) CREATE (:Activity {id: 'a1', kind: 'call', at: datetime()})-[:WITH]->(p)",
               id=muster["id"])
    assert api.post(f"/people/{muster['id']}/move", {"account": bergbahnen["id"]}).status_code == 200
    types = {r["type"] for r in _rels(db, muster["id"])}
    assert {"CONTACT_ROLE", "MEMBER_OF", "WITH", "WORKED_AT", "EMPLOYS"} <= types


def test_a_bounced_contact_is_inactive_until_moved_and_loses_the_dead_address(api, muster, bergbahnen):
    bounced = api.post(f"/people/{muster['id']}/bounce")
    assert bounced.status_code == 200
    assert (bounced.json["status"], bounced.json["inactive_reason"]) == ("inactive", "email_bounced")
    lost = api.get("/reports/lost").json["items"]
    assert [p["id"] for p in lost] == [muster["id"]] and lost[0]["account"] == "ACME AG"
    moved = api.post(f"/people/{muster['id']}/move", {"account": bergbahnen["id"]}).json
    assert moved["status"] == "active" and "email" not in moved and "inactive_reason" not in moved
    history = api.get(f"/people/{muster['id']}/history").json["items"]
    assert any(c["field"] == "email" and c["old"] == "hans.muster@acme.ch" for c in history)
    assert api.get("/reports/lost").json["items"] == []


def test_a_contact_who_left_becomes_inactive_and_the_job_becomes_former(api, db, muster, acme):
    resp = api.post(f"/people/{muster['id']}/leave", {"date": "2026-09-30"})
    assert resp.status_code == 200, resp.json
    assert resp.json["inactive_reason"] == "left_company" and resp.json["inactive_since"] == "2026-09-30"
    assert {r["type"] for r in _rels(db, muster["id"])} - {"CHANGED"} == {"WORKED_AT"}


@pytest.mark.parametrize(("body", "field", "status"), [
    ({"account": "no-such-account"}, "account", 404),  # an unknown account
    ({}, "account", 422),  # no account at all
    ({"account": "x", "since": "01.10.2026"}, "since", 422),  # a date in the wrong format
    ({"account": "x", "email": "not-an-address"}, "email", 422),
])
def test_a_bad_move_names_the_field_and_changes_nothing(api, db, muster, body, field, status):
    before = _rels(db, muster["id"])
    resp = api.post(f"/people/{muster['id']}/move", body)
    assert resp.status_code == status
    assert field in resp.json["fields"]
    assert _rels(db, muster["id"]) == before
    assert api.get(f"/people/{muster['id']}").json["version"] == muster["version"]


def test_moving_to_the_current_employer_is_a_conflict(api, muster, acme):
    assert api.post(f"/people/{muster['id']}/move", {"account": acme["id"]}).status_code == 409


def test_a_placeholder_merged_into_a_real_person_hands_over_everything(api, db, acme):
    placeholder = api.post(f"/accounts/{acme['id']}/placeholder")
    assert placeholder.status_code == 201
    info = placeholder.json
    assert info["placeholder"] is True and info["email"] == "info@acme.ch" and info["last_name"] == "Info Kontakt"
    campaign = api.post("/campaigns", {"name": "Newsletter"}).json
    api.post(f"/campaigns/{campaign['id']}/members", {"people": [info["id"]]})
    db.run_raw("MATCH (p:Person {id: $id}) CREATE (:Activity {id: 'a2', kind: 'email', at: datetime()})-[:WITH]->(p)",
               id=info["id"])
    real = api.post("/people", {"first_name": "Eva", "last_name": "Frei"}).json
    merged = api.post(f"/people/{info['id']}/merge", {"into": real["id"]})
    assert merged.status_code == 200, merged.json
    assert merged.json["placeholder"] is False and "email" not in merged.json
    assert api.get(f"/people/{info['id']}").status_code == 404
    types = {(r["type"], r["other"]) for r in _rels(db, real["id"])}
    assert {("EMPLOYS", acme["id"]), ("MEMBER_OF", campaign["id"]), ("WITH", None)} <= {
        (t, o if t != "WITH" else None) for t, o in types}
    assert any(c["field"] == "merged" for c in api.get(f"/people/{real['id']}/history").json["items"])


def test_merging_a_person_into_itself_is_refused(api, muster):
    resp = api.post(f"/people/{muster['id']}/merge", {"into": muster["id"]})
    assert resp.status_code == 422 and "into" in resp.json["fields"]


def test_duplicates_are_found_by_email_and_by_name_at_one_account(api, acme, muster):
    twin = api.post("/people", {"first_name": "Hans", "last_name": "Muster", "email": "hans.muster@acme.ch"}).json
    api.post("/relationships", {"type": "EMPLOYS", "from": acme["id"], "to": twin["id"]})
    found = api.get("/duplicates").json["items"]
    reasons = {f["reason"]: {p["id"] for p in f["people"]} for f in found}
    assert reasons["same_email"] == {muster["id"], twin["id"]}
    assert reasons["same_name_same_account"] == {muster["id"], twin["id"]}


def test_owner_must_be_a_user_and_the_salutation_follows_du_or_sie(api, muster, acme):
    refused = api.put(f"/people/{muster['id']}/owner", {"user": acme["id"], "address": "du"})
    assert refused.status_code == 422 and "user" in refused.json["fields"]
    ok = api.put(f"/people/{muster['id']}/owner", {"user": api.user["id"], "address": "du"})
    assert ok.status_code == 200, ok.json
    assert api.get(f"/people/{muster['id']}/salutation").json["salutation"] == "Lieber Hans"
    api.put(f"/people/{muster['id']}/owner", {"user": api.user["id"], "address": "sie"})
    assert api.get(f"/people/{muster['id']}/salutation").json["salutation"] == "Sehr geehrter Herr Muster"


def test_bulk_reassignment_moves_every_record_with_history(api, db, client, muster, acme):
    from tests.support.apps import make_api

    leaving = make_api(db, client, "rep", "leaving@example.ch")
    for record in (muster["id"], acme["id"]):
        api.put(f"/{'people' if record == muster['id'] else 'accounts'}/{record}/owner",
                  {"user": leaving.user["id"], "address": "sie"})
    resp = api.post("/owners/reassign", {"from": leaving.user["id"], "to": api.user["id"]})
    assert resp.status_code == 200 and resp.json == {"moved": 2}
    owners = db.run_raw("MATCH (u:User)-[:OWNS]->(n) RETURN u.id AS owner, n.id AS record")
    assert {r["owner"] for r in owners} == {api.user["id"]} and len(owners) == 2
    assert api.get(f"/people/{muster['id']}/history").json["items"][0]["field"] == "owner"
    assert leaving.post("/owners/reassign", {"from": api.user["id"], "to": leaving.user["id"]}).status_code == 403


def test_campaign_members_export_with_salutation_and_sender(api, muster, acme):
    api.put(f"/people/{muster['id']}/owner", {"user": api.user["id"], "address": "sie"})
    campaign = api.post("/campaigns", {"name": "Kundenevent"}).json
    added = api.post(f"/campaigns/{campaign['id']}/members", {"filter": {"account": acme["id"]}})
    assert added.status_code == 201 and added.json == {"added": 1}
    assert api.patch(f"/campaigns/{campaign['id']}/members/{muster['id']}", {"status": "responded"}).json["responded"]
    resp = api.get(f"/campaigns/{campaign['id']}/members.csv")
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).removeprefix("\ufeff"))))
    assert rows == [{**rows[0], "letter_salutation": "Sehr geehrter Herr Muster", "sender": "Admin User",
                     "account": "ACME AG", "member_status": "responded"}]


def test_adding_unknown_people_to_a_campaign_writes_nothing(api, db, muster):
    campaign = api.post("/campaigns", {"name": "Kundenevent"}).json
    resp = api.post(f"/campaigns/{campaign['id']}/members", {"people": [muster["id"], "ghost"]})
    assert resp.status_code == 422 and "people" in resp.json["fields"]
    assert db.run_raw("MATCH ()-[m:MEMBER_OF]->() RETURN count(m) AS n")[0]["n"] == 0
