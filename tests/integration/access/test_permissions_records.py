"""The access policy on the record side: JSON, search, pages, exports, map, reports and writes (issue 8)."""
from __future__ import annotations

import csv
import io
import re

import pytest

from graphcrm.access.policy import Access
from graphcrm.contacts import ownership
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.apps import make_api

PASSWORD = "correct horse battery"
BASEL = (47.5596, 7.5886)
PETER_BIRTHDATE, ANNA_BIRTHDATE, KARL_BIRTHDATE = "1980-06-01", "1977-03-14", "1969-09-09"
ANNA_MOBILE = "+41 79 555 77 77"


class Browser:
    """One user signed in through the sign-in form, on their own test client."""

    def __init__(self, app, email: str):
        self.client = app.test_client()
        html = self.client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        resp = self.client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
        assert resp.status_code == 302

    def get(self, path):
        return self.client.get(path)

    def post(self, path, data=None):
        html = self.client.get("/").get_data(as_text=True)
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)
        return self.client.post(path, data={"csrf_token": token, **(data or {})})


def link(db, rel_type, start, end, **props):
    relationships.link(db, {"type": rel_type, "from": start["id"], "to": end["id"], "properties": props},
                       access=Access.system())


def person(db, first, last, **fields):
    return records.create(db, Label.PERSON, {"first_name": first, "last_name": last, "city": "Basel",
                                             "country": "CH", **fields}, access=Access.system())


def world(db, client):
    """Boss (manager) has Rita (rep) in the team; Otto (rep) is in no one's; Vera views; Ada is admin.

    Rita owns Peter, Otto owns Anna and the account ACME (and so its deal); Karl is unowned. All
    three work at ACME in Basel and have sensitive fields.
    """
    w = {"admin": make_api(db, client, "admin", "ada@example.ch"),
         "boss": make_api(db, client, "manager", "boss@example.ch"),
         "rita": make_api(db, client, "rep", "rita@example.ch"),
         "otto": make_api(db, client, "rep", "otto@example.ch"),
         "vera": make_api(db, client, "viewer", "vera@example.ch")}
    records.update(db, Label.USER, w["rita"].user["id"], {"phone": "+41 44 555 01 01", "start_date": "2019-04-01",
                                                          "birthdate": "1990-01-02"}, access=Access.system())
    link(db, "REPORTS_TO", w["rita"].user, w["boss"].user)
    w["acme"] = records.create(db, Label.ACCOUNT, {"name": "ACME Bergbahnen", "city": "Basel", "country": "CH"},
                               access=Access.system())
    w["peter"] = person(db, "Peter", "Frei", birthdate=PETER_BIRTHDATE, mobile="+41 79 555 11 11",
                        interests=["sailing"])
    w["anna"] = person(db, "Annabel", "Kellerhals", email="annabel@acme.example", birthdate=ANNA_BIRTHDATE,
                       mobile=ANNA_MOBILE, interests=["skitouring"])
    w["karl"] = person(db, "Karl", "Knows", birthdate=KARL_BIRTHDATE)
    w["deal"] = records.create(db, Label.OPPORTUNITY, {"name": "Cloud Deal"}, access=Access.system())
    for p in (w["peter"], w["anna"], w["karl"]):
        link(db, "EMPLOYS", w["acme"], p, primary=True)
    link(db, "HAS_OPPORTUNITY", w["acme"], w["deal"])
    ownership.set_owner(db, w["peter"]["id"], {"user": w["rita"].user["id"]}, access=Access.system())
    ownership.set_owner(db, w["anna"]["id"], {"user": w["otto"].user["id"]}, access=Access.system())
    ownership.set_owner(db, w["acme"]["id"], {"user": w["otto"].user["id"]}, access=Access.system())
    return w


def on(api, app):
    """The same user's API client on another app (the private one)."""
    return type(api)(app.test_client(), api.token, api.user)


def csv_rows(resp) -> list[dict]:
    assert resp.status_code == 200
    return list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))


def names(items) -> list[str]:
    return sorted(i.get("last_name") or i.get("name") or i.get("label") for i in items)


# -- sensitive fields -----------------------------------------------------------------------------

def test_a_rep_gets_no_birthdate_of_a_colleagues_contact_in_json_search_csv_and_page(db, client, app):
    w = world(db, client)
    rita, anna = w["rita"], w["anna"]
    one = rita.get(f"/people/{anna['id']}").json
    assert one["last_name"] == "Kellerhals" and not {"birthdate", "mobile", "interests"} & one.keys()
    listed = {p["id"]: p for p in rita.get(f"/people?account={w['acme']['id']}").json["items"]}
    assert not {"birthdate", "mobile", "interests"} & listed[anna["id"]].keys()
    assert "birthdate" not in listed[w["karl"]["id"]]  # unowned: only admins see it
    assert listed[w["peter"]["id"]]["birthdate"] == PETER_BIRTHDATE  # her own contact
    hits = rita.get("/search?q=Kellerhals").get_data(as_text=True)
    assert "Kellerhals" in hits and ANNA_BIRTHDATE not in hits and "555 77 77" not in hits
    browser = Browser(app, "rita@example.ch")
    rows = {r["id"]: r for r in csv_rows(browser.get("/export/people.csv?header=keys"))}
    assert rows[anna["id"]]["birthdate"] == "" and rows[anna["id"]]["mobile"] == ""
    assert rows[w["peter"]["id"]]["birthdate"] == PETER_BIRTHDATE
    page = browser.get(f"/people/{anna['id']}").get_data(as_text=True)
    assert "Kellerhals" in page and "14.03.1977" not in page and ANNA_BIRTHDATE not in page
    assert "555 77 77" not in page and "skitouring" not in page
    assert ANNA_BIRTHDATE not in browser.get(f"/people/{anna['id']}.vcf").get_data(as_text=True)
    assert ANNA_BIRTHDATE not in browser.get("/?q=Kellerhals").get_data(as_text=True)


def test_a_rep_sees_the_sensitive_fields_of_their_own_contact_on_the_page_and_in_the_vcard(db, client, app):
    w = world(db, client)
    browser = Browser(app, "rita@example.ch")
    page = browser.get(f"/people/{w['peter']['id']}").get_data(as_text=True)
    assert "555 11 11" in page and "sailing" in page
    assert "BDAY:19800601" in browser.get(f"/people/{w['peter']['id']}.vcf").get_data(as_text=True).replace("-", "")


def test_a_manager_sees_their_reps_contacts_birthdate(db, client, app):
    w = world(db, client)
    boss = w["boss"]
    assert boss.get(f"/people/{w['peter']['id']}").json["birthdate"] == PETER_BIRTHDATE
    assert "birthdate" not in boss.get(f"/people/{w['anna']['id']}").json  # Otto is not in the team
    rows = {r["id"]: r for r in csv_rows(Browser(app, "boss@example.ch").get("/export/people.csv?header=keys"))}
    assert rows[w["peter"]["id"]]["birthdate"] == PETER_BIRTHDATE and rows[w["anna"]["id"]]["birthdate"] == ""
    assert w["admin"].get(f"/people/{w['karl']['id']}").json["birthdate"] == KARL_BIRTHDATE


def test_an_update_answer_carries_no_field_the_editor_may_not_see(db, client):
    w = world(db, client)
    resp = w["rita"].patch(f"/people/{w['karl']['id']}", {"title": "CTO"})  # unowned: she may edit it
    assert resp.status_code == 200 and resp.json["title"] == "CTO"
    assert "birthdate" not in resp.json
    moved = w["rita"].post(f"/people/{w['karl']['id']}/bounce")
    assert moved.status_code == 200 and "birthdate" not in moved.json


def test_searching_by_a_hidden_field_finds_no_one(db, client):
    w = world(db, client)
    for query in ("555 77 77", "skitouring", "1977-03-14"):
        resp = w["rita"].get(f"/search?q={query}")
        assert resp.status_code == 200 and resp.json["items"] == [], query
    assert w["rita"].get("/people?q=skitouring").json["items"] == []


def test_manager_sees_reps_employee_data_colleague_does_not(db, client):
    w = world(db, client)
    rita_id = w["rita"].user["id"]
    assert w["boss"].get(f"/users/{rita_id}").json["start_date"] == "2019-04-01"
    phone = w["boss"].get(f"/users/{rita_id}").json["phone"]
    assert phone and w["rita"].get("/me").json["phone"] == phone
    colleague = w["otto"].get(f"/users/{rita_id}").json
    assert colleague["name"] == w["rita"].user["name"] and not {"phone", "birthdate", "start_date"} & colleague.keys()
    listed = {u["id"]: u for u in w["otto"].get("/users").json["items"]}
    assert "start_date" not in listed[rita_id]
    listed = {u["id"]: u for u in w["boss"].get("/users").json["items"]}
    assert listed[rita_id]["phone"] == phone


# -- writes -----------------------------------------------------------------------------------------

def test_a_rep_cannot_edit_a_colleagues_contact(db, client, app):
    w = world(db, client)
    rita, anna = w["rita"], w["anna"]
    attempts = [
        rita.patch(f"/people/{anna['id']}", {"title": "Hacked"}),
        rita.delete(f"/people/{anna['id']}"),
        rita.post(f"/people/{anna['id']}/bounce"),
        rita.post(f"/people/{anna['id']}/leave", {}),
        rita.put(f"/people/{anna['id']}/owner", {"user": rita.user["id"]}),
        rita.post(f"/people/{anna['id']}/merge", {"into": w["karl"]["id"]}),
        rita.post("/relationships", {"type": "OWNS", "from": rita.user["id"], "to": anna["id"]}),
        rita.delete("/relationships", {"type": "EMPLOYS", "from": w["acme"]["id"], "to": anna["id"]}),
        rita.patch(f"/accounts/{w['acme']['id']}", {"name": "Mine now"}),
        rita.patch(f"/opportunities/{w['deal']['id']}", {"stage": "Closed Won"}),
    ]
    for resp in attempts:
        assert resp.status_code == 403, resp.get_json()
        assert "may not change" in resp.json["message"]
    browser = Browser(app, "rita@example.ch")
    assert browser.get(f"/people/{anna['id']}/edit").status_code == 403
    assert browser.post(f"/people/{anna['id']}/edit", {"title": "Hacked", "version": "1"}).status_code == 403
    assert browser.post(f"/people/{anna['id']}/bounce").status_code == 403
    after = records.get(db, Label.PERSON, anna["id"], access=Access.system())
    assert after["status"] == "active" and after.get("title") is None
    assert db.read_one("contacts/owner_of", id=anna["id"])["owner"]["id"] == w["otto"].user["id"]


def test_a_rep_may_edit_their_own_and_unowned_contacts_and_create_new_ones(db, client):
    w = world(db, client)
    rita = w["rita"]
    assert rita.patch(f"/people/{w['peter']['id']}", {"title": "Skipper"}).status_code == 200
    assert rita.patch(f"/people/{w['karl']['id']}", {"title": "Knower"}).status_code == 200
    assert rita.post("/people", {"last_name": "Neu"}).status_code == 201
    assert rita.post("/relationships", {"type": "KNOWS", "from": w["peter"]["id"], "to": w["anna"]["id"]}) \
        .status_code == 201


def test_a_manager_may_edit_their_reps_contacts_but_not_another_teams(db, client):
    w = world(db, client)
    assert w["boss"].patch(f"/people/{w['peter']['id']}", {"title": "Team"}).status_code == 200
    assert w["boss"].patch(f"/people/{w['anna']['id']}", {"title": "Other"}).status_code == 403
    assert w["admin"].patch(f"/people/{w['anna']['id']}", {"title": "Admin"}).status_code == 200


def test_opportunity_edits_follow_the_owner_of_its_account(db, client):
    w = world(db, client)
    assert w["rita"].patch(f"/opportunities/{w['deal']['id']}", {"amount": 1}).status_code == 403
    assert w["otto"].patch(f"/opportunities/{w['deal']['id']}", {"amount": 2}).status_code == 200
    assert records.get(db, Label.OPPORTUNITY, w["deal"]["id"], access=Access.system())["amount"] == 2


def test_a_viewer_cannot_write(db, client, app):
    w = world(db, client)
    vera = w["vera"]
    for resp in (vera.post("/people", {"last_name": "Nope"}),
                 vera.patch(f"/people/{w['karl']['id']}", {"title": "Nope"}),
                 vera.post("/activities", {"kind": "call", "people": [w["karl"]["id"]]}),
                 vera.post("/relationships", {"type": "KNOWS", "from": w["karl"]["id"], "to": w["anna"]["id"]})):
        assert resp.status_code == 403
    browser = Browser(app, "vera@example.ch")
    assert browser.get("/people/new").status_code == 403
    assert browser.post(f"/people/{w['karl']['id']}/bounce").status_code == 403
    page = browser.get(f"/people/{w['karl']['id']}").get_data(as_text=True)
    assert "/edit" not in page
    assert records.get(db, Label.PERSON, w["karl"]["id"], access=Access.system()).get("title") is None


def test_edit_buttons_show_only_on_records_the_user_may_change(db, client, app):
    w = world(db, client)
    browser = Browser(app, "rita@example.ch")
    own = browser.get(f"/people/{w['peter']['id']}").get_data(as_text=True)
    other = browser.get(f"/people/{w['anna']['id']}").get_data(as_text=True)
    assert f"/people/{w['peter']['id']}/edit" in own and f"/people/{w['peter']['id']}/bounce" in own
    assert f"/people/{w['anna']['id']}/edit" not in other and f"/people/{w['anna']['id']}/bounce" not in other
    assert f"/people/{w['anna']['id']}/log" in other  # logging a touchpoint is for any writer
    account = browser.get(f"/accounts/{w['acme']['id']}").get_data(as_text=True)
    assert f"/accounts/{w['acme']['id']}/edit" not in account
    assert f"/accounts/{w['acme']['id']}/edit" in Browser(app, "otto@example.ch").get(
        f"/accounts/{w['acme']['id']}").get_data(as_text=True)


def test_logging_an_activity_needs_a_writer_and_a_person_they_may_see(db, client, private_app):
    w = world(db, client)
    assert w["rita"].post("/activities", {"kind": "call", "people": [w["anna"]["id"]]}).status_code == 201
    private = on(w["rita"], private_app)
    resp = private.post("/activities", {"kind": "call", "people": [w["anna"]["id"]]})
    assert resp.status_code == 422 and "people" in resp.json["fields"]
    assert private.post("/activities", {"kind": "call", "people": [w["peter"]["id"]]}).status_code == 201


def test_bulk_owner_reassignment_is_for_admins_and_managers_within_their_team(db, client):
    w = world(db, client)
    rita, otto, boss = w["rita"].user["id"], w["otto"].user["id"], w["boss"].user["id"]
    assert w["rita"].post("/owners/reassign", {"from": rita, "to": otto}).status_code == 403
    assert w["boss"].post("/owners/reassign", {"from": otto, "to": boss}).status_code == 403
    assert db.read_one("contacts/owner_of", id=w["anna"]["id"])["owner"]["id"] == otto
    resp = w["boss"].post("/owners/reassign", {"from": rita, "to": boss})
    assert resp.status_code == 200 and resp.json["moved"] == 1
    assert w["admin"].post("/owners/reassign", {"from": otto, "to": rita}).status_code == 200


# -- private sharing --------------------------------------------------------------------------------

def test_private_sharing_leaves_other_teams_people_out_of_lists_search_and_exports(db, client, private_app):
    w = world(db, client)
    boss = on(w["boss"], private_app)
    assert names(boss.get("/people").json["items"]) == ["Frei", "Knows"]
    assert names(boss.get(f"/people?account={w['acme']['id']}").json["items"]) == ["Frei", "Knows"]
    assert boss.get("/search?q=Kellerhals").json["items"] == []
    assert [h["label"] for h in boss.get("/search?q=Frei").json["items"]] == ["Peter Frei"]
    bbox = f"{BASEL[1] - 0.5},{BASEL[0] - 0.5},{BASEL[1] + 0.5},{BASEL[0] + 0.5}"
    marked = boss.get(f"/geo/markers?bbox={bbox}&kind=person").json["items"]
    assert sorted(m["label"] for m in marked) == ["Karl Knows", "Peter Frei"]
    near = boss.get(f"/nearby?lat={BASEL[0]}&lon={BASEL[1]}&radius_km=20&kind=person").json["items"]
    assert sorted(n["label"] for n in near) == ["Karl Knows", "Peter Frei"]
    browser = Browser(private_app, "boss@example.ch")
    assert [r["last_name"] for r in csv_rows(browser.get("/export/people.csv?header=keys"))] == ["Frei", "Knows"]
    assert f"/people/{w['anna']['id']}" not in browser.get("/?q=Kellerhals").get_data(as_text=True)
    assert f"/people/{w['peter']['id']}" in browser.get("/?q=Frei").get_data(as_text=True)
    account = browser.get(f"/accounts/{w['acme']['id']}").get_data(as_text=True)
    assert "Kellerhals" not in account and "1 more person you may not see" in account
    # Otto still sees his own contact; an admin sees everyone.
    assert names(on(w["otto"], private_app).get("/people").json["items"]) == ["Kellerhals", "Knows"]
    assert names(on(w["admin"], private_app).get("/people").json["items"]) == ["Frei", "Kellerhals", "Knows"]


def test_private_sharing_keeps_pages_of_a_list_full(db, client, private_app):
    w = world(db, client)
    boss, seen, cursor = on(w["boss"], private_app), [], None
    while True:
        page = boss.get("/people?limit=1" + (f"&cursor={cursor}" if cursor else "")).json
        assert len(page["items"]) == 1
        seen += page["items"]
        cursor = page["next"]
        if not cursor:
            break
    assert names(seen) == ["Frei", "Knows"]


def test_hidden_person_page_is_404(db, client, private_app):
    w = world(db, client)
    anna = w["anna"]["id"]
    boss = on(w["boss"], private_app)
    for path in (f"/people/{anna}", f"/people/{anna}/history", f"/people/{anna}/activities",
                 f"/people/{anna}/salutation"):
        resp = boss.get(path)
        assert resp.status_code == 404, path
        assert resp.json["message"] == boss.get("/people/no-such-id").json["message"].replace("no-such-id", anna)
    patched, missing = boss.patch(f"/people/{anna}", {"title": "x"}), boss.patch("/people/nobody", {"title": "x"})
    assert patched.status_code == missing.status_code == 404
    assert patched.json["message"] == missing.json["message"].replace("nobody", anna)
    browser = Browser(private_app, "boss@example.ch")
    for path in (f"/people/{anna}", f"/people/{anna}.vcf", f"/people/{anna}/history", f"/people/{anna}/log"):
        assert browser.get(path).status_code == 404, path
    unknown = boss.get(f"/nearby?near={anna}&radius_km=5")  # no centering on where she is either
    assert unknown.status_code == 422 and unknown.json["fields"] == {"near": "is not the id of a person or account"}
    assert on(w["otto"], private_app).get(f"/people/{anna}").status_code == 200


def test_private_sharing_hides_campaign_members_and_lost_contacts_of_other_teams(db, client, private_app):
    w = world(db, client)
    campaign = records.create(db, Label.CAMPAIGN, {"name": "Spring"}, access=Access.system())
    assert w["admin"].post(f"/campaigns/{campaign['id']}/members",
                           {"people": [w["anna"]["id"], w["peter"]["id"]]}).status_code == 201
    for p in (w["anna"], w["peter"]):
        w["admin"].post(f"/people/{p['id']}/bounce")
    boss = on(w["boss"], private_app)
    assert names(boss.get(f"/campaigns/{campaign['id']}/members").json["items"]) == ["Frei"]
    exported = boss.get(f"/campaigns/{campaign['id']}/members.csv").get_data(as_text=True)
    assert "Frei" in exported and "Kellerhals" not in exported
    assert names(boss.get("/reports/lost").json["items"]) == ["Frei"]
    adding = boss.post(f"/campaigns/{campaign['id']}/members", {"people": [w["anna"]["id"]]})
    assert adding.status_code == 422


# -- reports ----------------------------------------------------------------------------------------

def test_reports_default_to_the_managers_team_and_the_reps_own(db, client):
    w = world(db, client)
    stale = {who: sorted(i["name"].split()[-1] for i in w[who].get("/reports/stale?days=0").json["items"])
             for who in ("boss", "rita", "otto", "admin", "vera")}
    assert stale["boss"] == ["Frei"]
    assert stale["rita"] == ["Frei"]
    assert stale["otto"] == ["Kellerhals"]
    assert stale["admin"] == stale["vera"] == ["Frei", "Kellerhals", "Knows"]


def test_a_report_on_someone_outside_the_scope_is_forbidden(db, client, app):
    w = world(db, client)
    otto, rita = w["otto"].user["id"], w["rita"].user["id"]
    assert w["boss"].get(f"/reports/stale?owner={otto}").status_code == 403
    assert w["rita"].get(f"/reports/kpi?owner={otto}").status_code == 403
    assert w["boss"].get(f"/reports/stale?owner={rita}").status_code == 200
    assert w["vera"].get(f"/reports/stale?owner={otto}").status_code == 200
    browser = Browser(app, "boss@example.ch")
    assert browser.get(f"/reports/stale.csv?owner={otto}").status_code == 403
    page = browser.get("/reports/stale?days=0").get_data(as_text=True)
    assert "Peter Frei" in page and "Kellerhals" not in page


def test_the_kpi_report_covers_the_managers_team(db, client):
    w = world(db, client)
    for who in ("rita", "otto"):
        assert w["admin"].post("/targets", {"scope": "user", "scope_id": w[who].user["id"], "period": "year",
                                            "min_touchpoints": 1}).status_code == 201
    period = "2026"
    boss = w["boss"].get(f"/reports/kpi?period={period}").json
    assert [p["name"] for p in boss["people"]["items"]] == ["Peter Frei"]
    admin = w["admin"].get(f"/reports/kpi?period={period}").json
    assert sorted(p["name"] for p in admin["people"]["items"]) == ["Annabel Kellerhals", "Peter Frei"]


def test_an_activity_names_a_participant_the_viewer_may_not_see_only_as_someone_at_their_account(
        db, client, private_app):
    w = world(db, client)
    body = {"kind": "meeting", "people": [w["peter"]["id"], w["anna"]["id"]]}
    assert w["admin"].post("/activities", body).status_code == 201
    seen = on(w["rita"], private_app).get(f"/people/{w['peter']['id']}/activities").json["items"][0]["people"]
    assert {"id": None, "name": "someone at ACME Bergbahnen", "hidden": True} in seen
    assert "Annabel" not in str(seen) and w["anna"]["id"] not in str(seen)
    assert {p["id"] for p in seen} == {w["peter"]["id"], None}
    everyone = on(w["admin"], private_app).get(f"/people/{w['peter']['id']}/activities").json["items"][0]
    assert {p["name"] for p in everyone["people"]} == {"Peter Frei", "Annabel Kellerhals"}


def test_targets_are_set_by_those_who_may_edit_the_record_or_manage_the_user(db, client):
    w = world(db, client)
    target = {"period": "quarter", "min_touchpoints": 3}
    refused = w["rita"].post("/targets", {"scope": "person", "scope_id": w["anna"]["id"], **target})
    assert refused.status_code == 403
    assert w["rita"].post("/targets", {"scope": "person", "scope_id": w["peter"]["id"], **target}).status_code == 201
    assert w["boss"].post("/targets", {"scope": "user", "scope_id": w["rita"].user["id"], **target}).status_code == 201
    assert w["rita"].post("/targets", {"scope": "user", "scope_id": w["boss"].user["id"], **target}).status_code == 403
    mine = w["otto"].post("/targets", {"scope": "person", "scope_id": w["anna"]["id"], **target}).json
    assert w["rita"].delete(f"/targets/{mine['id']}").status_code == 403
    assert w["vera"].post("/targets", {"scope": "person", "scope_id": w["karl"]["id"], **target}).status_code == 403


def test_creating_a_person_with_an_unknown_account_leaves_nothing_behind(db, client):
    from graphcrm.contacts.people import create_person
    from graphcrm.errors import NotFound

    w = world(db, client)
    before = db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
    with pytest.raises(NotFound):
        create_person(db, {"first_name": "Nora", "last_name": "Neu"}, owner_id=w["rita"].user["id"],
                      account_id="no-such-account", access=Access.system())
    assert db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"] == before
    made = create_person(db, {"first_name": "Nora", "last_name": "Neu"}, owner_id=w["rita"].user["id"],
                         account_id=w["acme"]["id"], address="du", access=Access.system())
    row = db.run_raw("MATCH (a:Account)-[e:EMPLOYS]->(p:Person {id: $id})<-[o:OWNS]-(u:User) "
                     "RETURN a.id AS a, e.primary AS primary, u.id AS u, o.address AS address", id=made["id"])
    assert row == [{"a": w["acme"]["id"], "primary": True, "u": w["rita"].user["id"], "address": "du"}]


def test_targets_of_people_the_viewer_may_not_see_are_not_listed(db, client, private_app):
    w = world(db, client)
    target = w["otto"].post("/targets", {"scope": "person", "scope_id": w["anna"]["id"], "period": "month",
                                         "min_touchpoints": 2}).json
    rita = on(w["rita"], private_app)
    assert rita.get("/targets").json["items"] == []
    assert rita.get(f"/targets/{target['id']}").status_code == 404
    assert [t["scope_name"] for t in on(w["otto"], private_app).get("/targets").json["items"]] == ["Annabel Kellerhals"]
