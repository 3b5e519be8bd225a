"""Salesforce import: the fixture export lands in the graph as design.md maps it, and re-imports are safe."""
from __future__ import annotations

import datetime as dt

import pytest

from graphcrm.records import picklists
from graphcrm.records.relationships import contact_roles
from graphcrm.transfer.salesforce.importer import import_salesforce
from graphcrm.transfer.salesforce.sfids import to18
from tests.support.sfexport import copy_fixture, edit_csv, set_cell, snapshot

ANNA, THOMAS, PETER, SABINE, JUERG = (to18(f"0035g000000Mh0{i}") for i in (1, 2, 5, 6, 4))
ACME, RHEIN = to18("0015g000000Kb01"), to18("0015g000000Kb03")
LUCA = to18("0055g000000Xu02")


@pytest.fixture
def export(tmp_path):
    return copy_fixture(tmp_path / "export")


@pytest.fixture
def imported(db, export):
    report = import_salesforce(db, export)
    assert report.ok, report.summary() + "\n".join(report.shown)
    return report


def rels(db, person_sf, rel_type):
    return db.run_raw(f"MATCH (p:Person {{sf_id: $sf}})-[r:{rel_type}]-(x) "
                      "RETURN coalesce(x.name, x.last_name) AS other, properties(r) AS props ORDER BY other",
                      sf=person_sf)


def person(db, sf_id):
    return db.run_raw("MATCH (p:Person {sf_id: $sf}) RETURN properties(p) AS p", sf=sf_id)[0]["p"]


def test_every_object_of_the_export_becomes_records(db, imported):
    counts = {r["label"]: r["n"] for r in db.run_raw("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")}
    # 9 contacts minus one IsDeleted, plus one lead; the lead's task and event are activities with the
    # lead; 3 ContactHistory changes.
    assert counts.pop("Setting") >= 1  # the org's picklists and contact roles
    assert counts == {"User": 4, "Account": 5, "Person": 9, "Opportunity": 4, "Campaign": 2, "Activity": 9,
                      "Change": 3}
    assert {f.file: f.encoding for f in imported.files.values()} | {} == {
        "User.csv": "UTF-8", "Account.csv": "UTF-8 with BOM", "Contact.csv": "Windows-1252/ISO-8859-1",
        "Campaign.csv": "UTF-8", "Opportunity.csv": "UTF-8", "OpportunityContactRole.csv": "UTF-8",
        "AccountContactRelation.csv": "UTF-8", "Partner.csv": "UTF-8", "CampaignMember.csv": "UTF-8",
        "Task.csv": "Windows-1252/ISO-8859-1", "Event.csv": "UTF-8 with BOM",
        "ContactHistory.csv": "Windows-1252/ISO-8859-1", "Lead.csv": "UTF-8"}
    assert imported.ignored == []


def test_contact_fields_are_typed_and_decoded_from_windows_1252(db, imported):
    anna = person(db, ANNA)
    assert anna["first_name"] == "Anna" and anna["city"] == "Zürich" and anna["country"] == "CH"
    assert anna["email"] == "anna.keller@acme-maschinen.ch"
    assert anna["phone"] == "+41441234568" and anna["birthdate"] == dt.date(1980, 4, 12)
    assert "250'000 € – Entscheid" in anna["description"]
    assert anna["status"] == "active" and anna["placeholder"] is False and anna["version"] == 1
    juerg = person(db, JUERG)
    assert (juerg["status"], juerg["inactive_reason"]) == ("inactive", "email_bounced")
    assert juerg["email_bounced_at"].to_native() == dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)


def test_the_contact_account_and_a_direct_relation_are_one_primary_employs_edge(db, imported):
    employs = rels(db, ANNA, "EMPLOYS")
    assert [e["other"] for e in employs] == ["ACME Maschinenbau AG", "Rhein Consulting AG"]
    acme, rhein = (e["props"] for e in employs)
    assert acme["primary"] is True and acme["roles"] == ["Decision Maker", "Technical Buyer"]
    assert acme["since"] == dt.date(2018, 3, 1) and acme["title"] == "Head of Procurement"
    # An indirect, active relation: EMPLOYS with primary false and the multi-select roles.
    assert rhein["primary"] is False and rhein["roles"] == ["Influencer", "Evaluator"]


def test_board_roles_and_ended_relations_map_to_board_member_and_worked_at(db, imported):
    [board] = rels(db, PETER, "BOARD_MEMBER")
    assert board["other"] == "ACME Maschinenbau AG"
    assert board["props"]["role"] == "chair" and board["props"]["since"] == dt.date(2019, 5, 1)
    assert "until" not in board["props"]
    [former_board] = rels(db, THOMAS, "BOARD_MEMBER")
    # Inactive without EndDate: the relation's LastModifiedDate is when it ended.
    assert former_board["other"] == "Rhein Consulting AG" and former_board["props"]["until"] == dt.date(2021, 6, 30)
    [worked] = rels(db, SABINE, "WORKED_AT")
    assert worked["other"] == "Helvetia Logistik GmbH"
    assert (worked["props"]["since"], worked["props"]["until"]) == (dt.date(2015, 1, 1), dt.date(2022, 12, 31))
    assert [e["other"] for e in rels(db, SABINE, "EMPLOYS")] == ["Rhein Consulting AG"]


def test_owners_managers_and_addresses_come_along(db, imported):
    owners = db.run_raw("MATCH (u:User)-[o:OWNS]->(p:Person) RETURN p.last_name AS p, u.name AS u, o.address AS a")
    by_person = {r["p"]: (r["u"], r["a"]) for r in owners}
    assert by_person["Keller"] == ("Sandra Meier", "sie")  # no address column value: the default
    assert by_person["Brunner"] == ("Sandra Meier", "du")
    assert by_person["Dubois"] == ("Luca Bernasconi", "sie")
    assert db.run_raw("MATCH (:Person {sf_id: $a})-[:REPORTS_TO]->(b) RETURN b.last_name AS b", a=ANNA)[0]["b"] \
        == "Brunner"  # ReportsToId given as a 15-character id
    managers = db.run_raw("MATCH (u:User)-[:REPORTS_TO]->(m:User) RETURN u.name AS u, m.name AS m ORDER BY u")
    assert [(r["u"], r["m"]) for r in managers] == [("Luca Bernasconi", "Beat Zürcher"),
                                                     ("Sandra Meier", "Beat Zürcher")]
    process = db.run_raw("MATCH (u:User {name: 'Automated Process'}) RETURN properties(u) AS u")[0]["u"]
    # Its e-mail belongs to another user, so its unique Username is used; inactive users stay inactive.
    assert process["email"] == "autoproc@00d5g000004xyz.example" and process["active"] is False
    assert process["role"] == "rep"


def test_accounts_get_types_countries_websites_and_locations(db, imported):
    acme = db.run_raw("MATCH (a:Account {sf_id: $s}) RETURN properties(a) AS a", s=ACME)[0]["a"]
    # The org's account types are kept as they are and join its picklist.
    assert (acme["type"], acme["country"], acme["employees"]) == ("Customer - Direct", "CH", 850)
    assert acme["website"] == "https://www.acme-maschinen.ch"
    assert acme["location"].srid == 4326 and (acme["location"].longitude, acme["location"].latitude) == (8.512, 47.3925)
    assert 'Rahmenvertrag bis 2027, "Gold"-Status.' in acme["description"]
    types = {r["n"]: r["t"] for r in db.run_raw("MATCH (a:Account) RETURN a.name AS n, a.type AS t")}
    assert types["Rhein Consulting AG"] == "Channel Partner / Reseller"
    assert types["Helvetia Logistik GmbH"] == "prospect"
    assert "Technology Partner" in picklists.values(db, "account_type")


def test_deals_roles_and_the_orgs_own_contact_roles(db, imported):
    roles = db.run_raw("MATCH (p:Person)-[r:CONTACT_ROLE]->(o:Opportunity) "
                       "RETURN p.last_name AS p, r.role AS role, r.primary AS primary, o.name AS o ORDER BY p, role")
    assert {(r["p"], r["role"], r["primary"]) for r in roles} >= {
        ("Keller", "Decision Maker", True), ("Müller", "Einkauf", True), ("Müller", "Champion", False)}
    assert contact_roles(db)[-2:] == ["Champion", "Einkauf"]
    assert any("Champion" in note and "Einkauf" in note for note in imported.notes)
    opps = {r["n"]: r for r in db.run_raw(
        "MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o:Opportunity) RETURN o.name AS n, a.name AS a, o.stage AS stage, "
        "o.amount AS amount, o.probability AS p, o.close_date AS close")}
    assert opps["ACME – Retrofit Linie 3"]["amount"] == 250000.0 and opps["ACME – Retrofit Linie 3"]["p"] == 75
    # The org's own stages are kept, closed and won as the export says.
    lost = db.run_raw("MATCH (o:Opportunity {name: 'Rhein Consulting – Schulung'}) RETURN properties(o) AS o")[0]["o"]
    assert (lost["stage"], lost["is_closed"], lost["is_won"]) == ("Verloren", True, False)
    assert opps["Helvetia – WMS Einführung"]["stage"] == "Discovery" and opps["Helvetia – WMS Einführung"]["p"] == 10
    assert any("Discovery" in note and "Verloren" in note for note in imported.notes)


def test_partners_and_campaign_members_skip_what_has_no_place_in_the_graph(db, imported):
    partners = db.run_raw("MATCH (a:Account)-[r:PARTNER_OF]->(b) RETURN a.name AS a, r.role AS role, b.name AS b")
    assert {(r["a"], r["role"], r["b"]) for r in partners} == {
        ("ACME Maschinenbau AG", "reseller", "Rhein Consulting AG"),
        ("Rhein Consulting AG", "reseller", "ACME Maschinenbau AG"),
        ("Banque Lémanique SA", "integrator", "Alpen Software AG")}
    members = db.run_raw("MATCH (p:Person)-[m:MEMBER_OF]->(c) RETURN p.last_name AS p, m.status AS s, m.responded AS r")
    assert {(r["p"], r["s"], r["r"]) for r in members} == {
        ("Keller", "responded", True), ("Brunner", "sent", False), ("Dubois", "sent", False),
        ("Müller", "Registered", True),  # the org's status kept; HasResponded says it was a response
        ("Huber", "sent", False)}  # a lead is a person too (status lead)
    skipped = {f.file: dict(f.skipped) for f in imported.files.values() if f.skipped}
    assert "CampaignMember.csv" not in skipped
    assert skipped["Partner.csv"] == {"a partner of an opportunity, not of an account": 1}


def test_tasks_and_events_become_activities_with_who_what_and_owner(db, imported):
    rows = db.run_raw(
        "MATCH (a:Activity) OPTIONAL MATCH (u:User)-[:LOGGED]->(a) OPTIONAL MATCH (a)-[:WITH]->(p:Person) "
        "OPTIONAL MATCH (a)-[:ABOUT]->(t) RETURN a.subject AS s, a.kind AS kind, a.at AS at, a.duration AS d, "
        "u.name AS owner, p.last_name AS who, coalesce(t.name, null) AS what")
    acts = {r["s"]: r for r in rows}
    call = acts["Call: Offerte besprechen"]
    assert (call["kind"], call["d"], call["owner"], call["who"], call["what"]) == (
        "call", 15, "Sandra Meier", "Keller", "ACME – Retrofit Linie 3")  # WhatId a 15-character 006 id
    assert call["at"].to_native() == dt.datetime(2026, 2, 10, 14, 30, tzinfo=dt.UTC)
    assert (acts["E-Mail: Projektplan"]["kind"] == "email"
            and acts["E-Mail: Projektplan"]["what"] == "Banque Lémanique SA")
    assert acts["Workshop vorbereiten"]["kind"] == "meeting"  # Type Meeting, TaskSubtype Task
    assert acts["Q2-Planung"]["kind"] == "note" and acts["Q2-Planung"]["who"] is None
    assert acts["Reklamation Lieferung"]["what"] is None  # a Case: not linked, with a warning
    assert acts["Strategiemeeting ACME"]["d"] == 60 and acts["Lunch mit Peter"]["kind"] == "meeting"
    assert acts["Lead nachfassen"]["who"] == "Huber" and acts["Erstgespräch Lead"]["who"] == "Huber"
    huber = db.run_raw("MATCH (p:Person {last_name: 'Huber'}) RETURN p.status AS s, p.company AS c")[0]
    assert huber == {"s": "lead", "c": "Huber Holz AG"}
    anna = person(db, ANNA)
    assert anna["last_call_at"] == call["at"]  # last-touch fields are kept up to date


def test_contact_history_becomes_change_nodes_by_the_user_who_made_them(db, imported):
    changes = db.run_raw("MATCH (p:Person {sf_id: $a})-[:CHANGED]->(c:Change) RETURN properties(c) AS c "
                         "ORDER BY c.at", a=ANNA)
    title = changes[1]["c"]
    assert (title["field"], title["old"], title["new"]) == ("title", "Einkäuferin", "Head of Procurement")
    sandra = db.run_raw("MATCH (u:User {name: 'Sandra Meier'}) RETURN u.id AS id")[0]["id"]
    assert title["by"] == sandra and title["at"].to_native() == dt.datetime(2025, 12, 15, 8, tzinfo=dt.UTC)


def test_the_report_is_written_next_to_the_input(imported, export):
    text = (export / "import-report.txt").read_text(encoding="utf-8")
    assert "Every row was imported." in text
    assert "User.csv line 5: warning: Email: beat.zuercher@graphcrm-demo.ch is used by user" in text


def test_importing_the_same_folder_again_changes_nothing(db, export, imported):
    before = snapshot(db)
    again = import_salesforce(db, export)
    assert again.ok
    assert snapshot(db) == before
    assert all(f.created == 0 and f.updated == 0 for f in again.files.values())


def test_a_changed_export_updates_records_in_place_and_keeps_field_history(db, export, imported):
    anna_id = person(db, ANNA)["id"]
    nodes = db.run_raw("MATCH (n) WHERE NOT n:Change RETURN count(n) AS n")[0]["n"]

    def contacts(rows):
        set_cell(rows, ANNA, "title", "Chief Procurement Officer")
        set_cell(rows, ANNA, "accountid", RHEIN)  # she moved: Rhein is now her primary account
        set_cell(rows, THOMAS, "ownerid", LUCA)

    def relations(rows):  # as Salesforce records a move: the old relation ends, the other becomes direct
        acme, rhein = to18("07k5g000000Ab01"), to18("07k5g000000Ab10")
        for column, value in (("IsDirect", "false"), ("IsActive", "false"), ("EndDate", "2026-02-28")):
            set_cell(rows, acme, column, value)
        set_cell(rows, rhein, "IsDirect", "true")

    edit_csv(export / "Contact.csv", contacts)
    edit_csv(export / "AccountContactRelation.csv", relations)
    edit_csv(export / "Account.csv", lambda rows: set_cell(rows, ACME, "Phone", "+41 44 123 45 99"))
    report = import_salesforce(db, export)
    assert report.ok, report.shown
    anna = person(db, ANNA)
    assert anna["id"] == anna_id and anna["title"] == "Chief Procurement Officer" and anna["version"] == 2
    assert db.run_raw("MATCH (n) WHERE NOT n:Change RETURN count(n) AS n")[0]["n"] == nodes
    history = db.run_raw("MATCH (p:Person {sf_id: $a})-[:CHANGED]->(c:Change) WHERE c.sf_id IS NULL "
                         "RETURN c.field AS f, c.old AS old, c.new AS new ORDER BY f", a=ANNA)
    assert [(h["f"], h["old"], h["new"]) for h in history] == [
        ("primary_account", "ACME Maschinenbau AG", "Rhein Consulting AG"),
        ("title", "Head of Procurement", "Chief Procurement Officer")]
    [employs] = rels(db, ANNA, "EMPLOYS")
    assert employs["other"] == "Rhein Consulting AG" and employs["props"]["primary"] is True
    [worked] = rels(db, ANNA, "WORKED_AT")
    assert worked["other"] == "ACME Maschinenbau AG" and worked["props"]["until"] == dt.date(2026, 2, 28)
    owners = db.run_raw("MATCH (u:User)-[:OWNS]->(:Person {sf_id: $t}) RETURN u.name AS u", t=THOMAS)
    assert [o["u"] for o in owners] == ["Luca Bernasconi"]
    acme = db.run_raw("MATCH (a:Account {sf_id: $s})-[:CHANGED]->(c:Change) RETURN a.phone AS phone, "
                      "c.field AS f, c.old AS old, c.new AS new", s=ACME)
    assert [(c["phone"], c["f"], c["old"], c["new"]) for c in acme] == [
        ("+41441234599", "phone", "+41441234567", "+41441234599")]
    counts = {f.file: (f.created, f.updated) for f in report.files.values() if f.created or f.updated}
    assert counts == {"Contact.csv": (0, 1), "Account.csv": (0, 1)}


def test_a_direct_relation_makes_the_primary_employer_when_the_contact_file_names_none(db, tmp_path):
    folder = tmp_path / "acr"
    folder.mkdir()
    user, acme, anna = to18("0055g000000Xu01"), ACME, ANNA
    (folder / "User.csv").write_text(f"Id,Name,Email\n{user},Sandra Meier,s@example.ch\n", encoding="utf-8")
    (folder / "Account.csv").write_text(f"Id,Name,OwnerId\n{acme},ACME AG,{user}\n", encoding="utf-8")
    (folder / "Contact.csv").write_text(f"Id,LastName,OwnerId\n{anna},Keller,{user}\n", encoding="utf-8")
    (folder / "AccountContactRelation.csv").write_text(
        f"Id,AccountId,ContactId,Roles,IsDirect,IsActive\n{to18('07k5g000000Ab01')},{acme},{anna},"
        "Decision Maker,true,true\n", encoding="utf-8")
    assert import_salesforce(db, folder).ok
    [employs] = rels(db, ANNA, "EMPLOYS")
    assert employs["props"]["primary"] is True and employs["props"]["roles"] == ["Decision Maker"]
