"""Contact management in the browser: owners, job changes, further accounts, ties, org chart, contact
roles, lost contacts, duplicates, campaigns and bulk owner changes, each with its bad input."""
from __future__ import annotations

import functools
import re

import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.contacts import merge
from graphcrm.contacts.orgchart import build_tree
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.pages import ESCAPED, EVIL, section, sign_in


def link(db, rel, from_id, to_id, **props):
    relationships.link(db, {"type": rel, "from": from_id, "to": to_id, "properties": props}, access=Access.system())


def error_of(html: str, form: str, field: str) -> str:
    """The error text shown under one field of one form, or ''."""
    match = re.search(rf'<p class="field-error" id="e-{form}-{field}">([^<]*)</p>', html)
    return match.group(1) if match else ""


def rels(db, person_id: str) -> list[tuple]:
    """Every relationship of a person as (type, other id, sorted properties), to compare before/after."""
    rows = db.run_raw("MATCH (p:Person {id: $id})-[r]-(o) WHERE NOT o:Change "
                      "RETURN type(r) AS t, o.id AS o, properties(r) AS props", id=person_id)
    return sorted((r["t"], r["o"], sorted((k, str(v)) for k, v in r["props"].items() if k != "updated_at"))
                  for r in rows)


def state(db, person_id: str) -> tuple:
    """A person's properties and relationships: 'nothing changed' compares two of these."""
    node = db.run_raw("MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id=person_id)
    return (sorted((k, str(v)) for k, v in node[0]["p"].items()) if node else None, rels(db, person_id))


@pytest.fixture
def browser(db, client):
    return sign_in(db, client, role="manager")


@pytest.fixture
def w(db, browser):
    """ACME employs Anna (primary, owned du by the signed-in manager); Beta and Gamma are other accounts."""
    new = functools.partial(records.create, access=Access.system())
    acme = new(db, Label.ACCOUNT, {"name": "ACME AG", "website": "https://www.acme.ch"})
    beta = new(db, Label.ACCOUNT, {"name": "Beta GmbH"})
    gamma = new(db, Label.ACCOUNT, {"name": "Gamma SA"})
    anna = new(db, Label.PERSON, {"salutation": "Frau", "first_name": "Anna", "last_name": "Keller",
                                  "email": "anna@acme.ch", "title": "CFO", "language": "de"})
    carl = new(db, Label.PERSON, {"first_name": "Carl", "last_name": "Brunner"})
    link(db, "EMPLOYS", acme["id"], anna["id"], primary=True, title="CFO", since="2015-04-01")
    link(db, "EMPLOYS", acme["id"], carl["id"], primary=True, title="CEO")
    link(db, "OWNS", browser.user["id"], anna["id"], address="du")
    other = create_user(db, email="rita@example.ch", name="Rita Rep", role="rep")
    return {"acme": acme, "beta": beta, "gamma": gamma, "anna": anna, "carl": carl, "other": other}


# -- owner and salutation -------------------------------------------------------------------------

def test_the_person_page_shows_the_letter_salutation_beside_the_owner(browser, w):
    html = browser.page(f"/people/{w['anna']['id']}")
    head = re.search(r'<div class="page-head".*?</div>\s*</div>', html, re.DOTALL).group(0)
    assert "Max Muster" in head and "Liebe Anna" in head


def test_changing_the_owner_writes_history_and_the_salutation_follows(db, browser, w):
    anna = w["anna"]
    resp = browser.post(f"/people/{anna['id']}/owner", {"user": w["other"]["id"], "address": "sie"})
    assert resp.status_code == 302
    owners = db.run_raw("MATCH (u:User)-[o:OWNS]->(:Person {id: $id}) RETURN u.id AS u, o.address AS a", id=anna["id"])
    assert owners == [{"u": w["other"]["id"], "a": "sie"}]
    html = browser.page(f"/people/{anna['id']}")
    assert "Sehr geehrte Frau Keller" in html
    history = section(html, "history")
    assert "Owner" in history and "Max Muster" in history and "Rita Rep" in history


def test_an_owner_that_is_no_user_is_refused_beside_the_field_and_nothing_changes(db, browser, w):
    anna = w["anna"]
    before = state(db, anna["id"])
    resp = browser.post(f"/people/{anna['id']}/owner", {"user": w["carl"]["id"], "address": "sie"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert error_of(html, "owner", "user") == "Is not a user"
    assert 'id="form-owner" open' in html  # the failed form is unfolded
    assert state(db, anna["id"]) == before


def test_the_account_owner_can_be_changed(db, browser, w):
    resp = browser.post(f"/accounts/{w['acme']['id']}/owner", {"user": w["other"]["id"], "address": "du"})
    assert resp.status_code == 302
    rows = db.run_raw("MATCH (u:User)-[o:OWNS]->(:Account {id: $id}) RETURN u.id AS u, o.address AS a",
                      id=w["acme"]["id"])
    assert rows == [{"u": w["other"]["id"], "a": "du"}]
    assert "Rita Rep" in section(browser.page(f"/accounts/{w['acme']['id']}"), "history")


# -- job change -----------------------------------------------------------------------------------

def test_e_mail_bounced_from_the_person_page_makes_the_contact_inactive(db, browser, w):
    resp = browser.post(f"/people/{w['anna']['id']}/bounce", {})
    assert resp.status_code == 302
    anna = records.get(db, Label.PERSON, w["anna"]["id"], access=Access.system())
    assert (anna["status"], anna["inactive_reason"]) == ("inactive", "email_bounced")
    html = browser.page(f"/people/{anna['id']}")
    assert "email bounced" in re.search(r'id="status".*?</div>', html, re.DOTALL).group(0)


def test_left_the_company_on_a_date_keeps_the_job_as_a_former_one(db, browser, w):
    resp = browser.post(f"/people/{w['anna']['id']}/leave", {"date": "2026-03-31"})
    assert resp.status_code == 302
    rows = db.run_raw("MATCH (p:Person {id: $id})-[r:WORKED_AT]->(a:Account) "
                      "RETURN a.name AS a, toString(r.until) AS until, p.status AS status", id=w["anna"]["id"])
    assert rows == [{"a": "ACME AG", "until": "2026-03-31", "status": "inactive"}]
    former = section(browser.page(f"/people/{w['anna']['id']}"), "career")
    assert "ACME AG" in re.search(r'id="career-former".*?</ol>', former, re.DOTALL).group(0)


def test_a_leaving_date_in_the_wrong_format_is_named_and_nothing_changes(db, browser, w):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/leave", {"date": "31.03.2026"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "YYYY-MM-DD" in error_of(html, "leave", "date")
    assert 'value="31.03.2026"' in html  # the input is kept
    assert state(db, w["anna"]["id"]) == before


def test_moving_from_the_move_form_keeps_the_old_job_and_shows_it_as_former(db, browser, w):
    anna = w["anna"]
    form = browser.page(f"/people/{anna['id']}/move")
    assert 'name="account"' in form and 'name="since"' in form and 'name="email"' in form
    resp = browser.post(f"/people/{anna['id']}/move", {"account": "beta gmbh", "title": "CEO",
                                                       "since": "2026-10-01", "email": "anna@beta.ch"})
    assert resp.status_code == 302
    jobs = db.run_raw("MATCH (p:Person {id: $id})-[r:EMPLOYS|WORKED_AT]-(a:Account) "
                      "RETURN type(r) AS t, a.name AS a, r.primary AS primary, r.title AS title ORDER BY t",
                      id=anna["id"])
    assert jobs == [{"t": "EMPLOYS", "a": "Beta GmbH", "primary": True, "title": "CEO"},
                    {"t": "WORKED_AT", "a": "ACME AG", "primary": None, "title": "CFO"}]
    career = section(browser.page(resp.headers["Location"]), "career")
    now = re.search(r'id="career-now".*?</ol>', career, re.DOTALL).group(0)
    former = re.search(r'id="career-former".*?</ol>', career, re.DOTALL).group(0)
    assert "Beta GmbH" in now and "ACME AG" not in now
    assert "ACME AG" in former and "former" in former and "01.04.2015 – 01.10.2026" in former


@pytest.mark.parametrize("bad, field, message", [
    ({"account": "Nope AG", "account_id": "nope"}, "account", "No account has this name"),
    ({"account": ""}, "account", "Is required"),
    ({"since": "01.10.2026"}, "since", "must be a date as YYYY-MM-DD"),
    ({"email": "not-an-address"}, "email", "is not a valid e-mail address"),
])
def test_bad_input_on_the_move_form_is_named_and_nothing_changes(db, browser, w, bad, field, message):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/move", {"account": "Beta GmbH", "title": "CEO", **bad})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert message.lower() in error_of(html, "move", field).lower()
    assert 'value="CEO"' in html
    assert state(db, w["anna"]["id"]) == before


def test_moving_to_the_current_employer_is_a_conflict_that_changes_nothing(db, browser, w):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/move", {"account": "ACME AG"})
    assert resp.status_code == 409
    assert error_of(resp.get_data(as_text=True), "move", "account") == "Is the current employer"
    assert state(db, w["anna"]["id"]) == before


# -- further accounts, ties, reporting lines ------------------------------------------------------

def test_a_board_seat_can_be_added_with_role_and_dates_and_removed(db, browser, w):
    anna = w["anna"]
    resp = browser.post(f"/people/{anna['id']}/board", {"account": "Beta GmbH", "role": "chair",
                                                        "since": "2021-01-01"})
    assert resp.status_code == 302
    seat = db.run_raw("MATCH (:Person {id: $id})-[r:BOARD_MEMBER]->(a:Account) "
                      "RETURN a.name AS a, r.role AS role, toString(r.since) AS since", id=anna["id"])
    assert seat == [{"a": "Beta GmbH", "role": "chair", "since": "2021-01-01"}]
    now = re.search(r'id="career-now".*?</ol>', browser.page(f"/people/{anna['id']}"), re.DOTALL).group(0)
    assert "Beta GmbH" in now and "board · chair" in now and "since 01.01.2021" in now
    resp = browser.post(f"/people/{anna['id']}/unlink", {"type": "BOARD_MEMBER", "other": w["beta"]["id"]})
    assert resp.status_code == 302
    assert not db.run_raw("MATCH (:Person {id: $id})-[r:BOARD_MEMBER]->() RETURN r", id=anna["id"])


def test_a_board_seat_with_an_unknown_role_or_bad_date_changes_nothing(db, browser, w):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/board", {"account": "Beta GmbH", "role": "king",
                                                             "since": "2021-13-01"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "Must be one of" in error_of(html, "board", "role") and "real date" in error_of(html, "board", "since")
    assert state(db, w["anna"]["id"]) == before


def test_a_further_employer_gets_roles_and_leaves_the_primary_account_alone(db, browser, w):
    anna = w["anna"]
    resp = browser.post(f"/people/{anna['id']}/employers", {"account": "Gamma SA", "roles": "Budget owner, Buyer",
                                                            "title": "Advisor"})
    assert resp.status_code == 302
    jobs = db.run_raw("MATCH (a:Account)-[r:EMPLOYS]->(:Person {id: $id}) "
                      "RETURN a.name AS a, r.primary AS primary, r.roles AS roles ORDER BY a", id=anna["id"])
    assert jobs == [{"a": "ACME AG", "primary": True, "roles": None},
                    {"a": "Gamma SA", "primary": False, "roles": ["Budget owner", "Buyer"]}]
    now = re.search(r'id="career-now".*?</ol>', browser.page(f"/people/{anna['id']}"), re.DOTALL).group(0)
    assert "further account" in now and "Budget owner" in now
    # Adding the primary account again would overwrite the primary job: refused.
    before = state(db, anna["id"])
    resp = browser.post(f"/people/{anna['id']}/employers", {"account": "ACME AG", "roles": "Buyer"})
    assert resp.status_code == 422 and "Works there already" in error_of(
        resp.get_data(as_text=True), "employer", "account")
    # The primary job ends through the job-change forms, never through "remove".
    resp = browser.post(f"/people/{anna['id']}/unlink", {"type": "EMPLOYS", "other": w["acme"]["id"]})
    assert resp.status_code == 409
    assert state(db, anna["id"]) == before
    assert browser.post(f"/people/{anna['id']}/unlink",
                        {"type": "EMPLOYS", "other": w["gamma"]["id"]}).status_code == 302
    assert len(db.run_raw("MATCH (:Account)-[r:EMPLOYS]->(:Person {id: $id}) RETURN r", id=anna["id"])) == 1


def test_ties_and_reporting_lines_are_added_and_removed_from_the_person_page(db, browser, w):
    anna, carl = w["anna"], w["carl"]
    resp = browser.post(f"/people/{anna['id']}/knows", {"person": "Carl Brunner · ACME AG", "person_id": carl["id"],
                                                        "source": "Golf club", "since": "2018-05-05"})
    assert resp.status_code == 302
    resp = browser.post(f"/people/{anna['id']}/reports", {"direction": "manager", "person": "carl brunner"})
    assert resp.status_code == 302
    rows = db.run_raw("MATCH (a:Person {id: $a})-[r:KNOWS|REPORTS_TO]->(c:Person {id: $c}) "
                      "RETURN type(r) AS t, r.source AS source ORDER BY t", a=anna["id"], c=carl["id"])
    assert rows == [{"t": "KNOWS", "source": "Golf club"}, {"t": "REPORTS_TO", "source": None}]
    html = browser.page(f"/people/{carl['id']}")
    assert "Anna Keller" in re.search(r'id="reports".*?</ul>', html, re.DOTALL).group(0)
    assert "Golf club" in section(html, "knows")
    # Carl's page removes the tie in the direction it was recorded.
    assert browser.post(f"/people/{carl['id']}/unlink", {"type": "KNOWS", "other": anna["id"],
                                                         "direction": "in"}).status_code == 302
    assert browser.post(f"/people/{carl['id']}/unlink", {"type": "REPORTS_TO", "other": anna["id"],
                                                         "direction": "in"}).status_code == 302
    assert not db.run_raw("MATCH (:Person {id: $a})-[r]-(:Person {id: $c}) RETURN r", a=anna["id"], c=carl["id"])


def test_a_tie_to_oneself_or_to_nobody_is_refused(db, browser, w):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/knows", {"person": "Anna Keller", "person_id": w["anna"]["id"]})
    assert resp.status_code == 422 and "cannot be related to itself" in error_of(
        resp.get_data(as_text=True), "knows", "person")
    resp = browser.post(f"/people/{w['anna']['id']}/reports", {"direction": "manager", "person": "Nobody Here"})
    assert resp.status_code == 422 and "No person has this name" in error_of(
        resp.get_data(as_text=True), "reports", "person")
    assert state(db, w["anna"]["id"]) == before


# -- history --------------------------------------------------------------------------------------

def test_the_history_shows_the_newest_twenty_and_links_to_the_rest(db, browser, w):
    anna = w["anna"]
    for i in range(25):
        records.update(db, Label.PERSON, anna["id"], {"title": f"Title {i}"}, access=Access.system())
    history = section(browser.page(f"/people/{anna['id']}"), "history")
    assert history.count("<li>") == 20
    assert history.index("<ins>Title 24</ins>") < history.index("<ins>Title 23</ins>")  # newest first
    assert f'href="/people/{anna["id"]}/history"' in history
    full = section(browser.page(f"/people/{anna['id']}/history"), "history")
    assert "Title 0" in full and full.count("<li>") == 27  # 25 titles, the owner and the primary account


# -- merge ----------------------------------------------------------------------------------------

def test_merging_a_person_into_itself_is_refused_with_a_clear_message(db, browser, w):
    before = state(db, w["anna"]["id"])
    resp = browser.post(f"/people/{w['anna']['id']}/merge", {"into": "Anna Keller", "into_id": w["anna"]["id"]})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "A person cannot be merged into itself" in html
    assert error_of(html, "merge", "into") == "Must differ from the merged person"
    assert state(db, w["anna"]["id"]) == before


def test_a_placeholder_merges_into_a_real_person_from_its_page(db, browser, w):
    info = merge.create_placeholder(db, w["acme"]["id"], access=Access.system())
    html = browser.page(f"/people/{info['id']}")
    assert "Merge this Info Kontakt" in html
    resp = browser.post(f"/people/{info['id']}/merge", {"into": "Carl Brunner", "into_id": w["carl"]["id"]})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(w["carl"]["id"])
    assert not db.run_raw("MATCH (p:Person {id: $id}) RETURN p", id=info["id"])


# -- account page ---------------------------------------------------------------------------------

def test_the_org_chart_nests_people_under_their_managers(db, browser, w):
    acme = w["acme"]
    dora = records.create(db, Label.PERSON, {"first_name": "Dora", "last_name": "Lang"}, access=Access.system())
    link(db, "EMPLOYS", acme["id"], dora["id"], primary=True)
    link(db, "REPORTS_TO", w["anna"]["id"], w["carl"]["id"])
    link(db, "REPORTS_TO", dora["id"], w["anna"]["id"])
    tree = section(browser.page(f"/accounts/{acme['id']}"), "orgchart")
    # Carl > Anna > Dora, each level a nested <ul>.
    assert re.search(r"Carl Brunner.*?<ul>.*?Anna Keller.*?<ul>.*?Dora Lang.*?</ul>.*?</ul>", tree, re.DOTALL)
    assert tree.count('<li class="tree-node') == 3


def test_the_org_chart_survives_a_reporting_cycle(db, browser, w):
    link(db, "REPORTS_TO", w["anna"]["id"], w["carl"]["id"])
    link(db, "REPORTS_TO", w["carl"]["id"], w["anna"]["id"])
    tree = section(browser.page(f"/accounts/{w['acme']['id']}"), "orgchart")
    assert tree.count('<li class="tree-node') == 2 and "in a reporting cycle" in tree


def test_the_org_tree_places_everyone_once_and_cuts_deep_lines():
    people = [{"id": str(i)} for i in range(6)]
    # 0 <- 1 <- 2 <- 3 (a chain), 4 reports to 0 and 1, 5 reports to itself only.
    roots, cut = build_tree(people, [("1", "0"), ("2", "1"), ("3", "2"), ("4", "1"), ("4", "0"), ("5", "5")],
                            max_depth=3)
    assert [r["id"] for r in roots] == ["0", "5"]
    assert [c["id"] for c in roots[0]["children"]] == ["1", "4"]  # 4 under its first manager, 0
    assert [m["id"] for m in roots[0]["children"][1]["also_reports_to"]] == ["1"]
    assert roots[0]["children"][0]["children"][0]["hidden"] == 1 and cut == 1  # 3 is below the depth cap
    looped, _ = build_tree(people[:2], [("0", "1"), ("1", "0")])
    assert [r["id"] for r in looped] == ["0"] and looped[0]["cycle"] and looped[0]["children"][0]["id"] == "1"


def test_add_info_kontakt_from_the_account_page(db, browser, w):
    resp = browser.post(f"/accounts/{w['acme']['id']}/placeholder", {})
    assert resp.status_code == 302
    rows = db.run_raw("MATCH (:Account {id: $id})-[:EMPLOYS]->(p:Person {placeholder: true}) RETURN p.email AS e",
                      id=w["acme"]["id"])
    assert rows == [{"e": "info@acme.ch"}]
    assert "info@acme.ch" in section(browser.page(f"/accounts/{w['acme']['id']}"), "placeholders")


def test_partner_accounts_are_added_with_a_role_and_removed(db, browser, w):
    acme = w["acme"]
    resp = browser.post(f"/accounts/{acme['id']}/partners", {"partner": "Beta GmbH", "role": "reseller",
                                                             "direction": "theirs"})
    assert resp.status_code == 302
    assert "reseller for ACME AG" in section(browser.page(f"/accounts/{acme['id']}"), "partners")
    resp = browser.post(f"/accounts/{acme['id']}/partners", {"partner": "Nope AG", "role": "reseller",
                                                             "direction": "theirs"})
    assert resp.status_code == 422 and "No account has this name" in error_of(
        resp.get_data(as_text=True), "partner", "partner")
    resp = browser.post(f"/accounts/{acme['id']}/partners/remove", {"other": w["beta"]["id"], "direction": "theirs"})
    assert resp.status_code == 302
    assert not db.run_raw("MATCH ()-[r:PARTNER_OF]->() RETURN r")


# -- opportunity contact roles --------------------------------------------------------------------

@pytest.fixture
def deal(db, w):
    deal = records.create(db, Label.OPPORTUNITY, {"name": "ERP rollout"}, access=Access.system())
    link(db, "HAS_OPPORTUNITY", w["acme"]["id"], deal["id"])
    link(db, "CONTACT_ROLE", w["anna"]["id"], deal["id"], role="Economic Buyer", primary=True)
    return deal


def test_a_contact_role_is_added_and_removed_on_the_opportunity_page(db, browser, w, deal):
    html = browser.page(f"/opportunities/{deal['id']}")
    assert '<option value="Decision Maker">' in html and 'name="primary"' in html
    resp = browser.post(f"/opportunities/{deal['id']}/contacts", {"person": "Carl Brunner", "role": "Decision Maker"})
    assert resp.status_code == 302
    html = browser.page(f"/opportunities/{deal['id']}")
    assert ">Decision Maker<" not in section(html, "uncovered") and "Carl Brunner" in section(html, "contacts")
    resp = browser.post(f"/opportunities/{deal['id']}/contacts/remove", {"person": w["carl"]["id"]})
    assert resp.status_code == 302
    assert ">Decision Maker<" in section(browser.page(f"/opportunities/{deal['id']}"), "uncovered")


def test_a_second_primary_contact_shows_the_conflict_beside_the_primary_field(db, browser, w, deal):
    before = state(db, w["carl"]["id"])
    resp = browser.post(f"/opportunities/{deal['id']}/contacts", {"person": "Carl Brunner", "role": "Evaluator",
                                                                  "primary": "1"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 409
    assert error_of(html, "role", "primary") == "Another contact is primary"
    assert "primary contact already" in html
    assert state(db, w["carl"]["id"]) == before


def test_a_role_outside_the_configured_list_is_refused(db, browser, w, deal):
    resp = browser.post(f"/opportunities/{deal['id']}/contacts", {"person": "Carl Brunner", "role": "Boss"})
    assert resp.status_code == 422 and "Must be one of" in error_of(resp.get_data(as_text=True), "role", "role")
    assert not db.run_raw("MATCH (:Person {id: $id})-[r:CONTACT_ROLE]->() RETURN r", id=w["carl"]["id"])


# -- lost contacts and duplicates -----------------------------------------------------------------

def test_lost_contacts_are_listed_oldest_first_with_a_shortcut_to_the_move_form(db, browser, w):
    from graphcrm.contacts import lifecycle

    lifecycle.mark_left(db, w["anna"]["id"], {"date": "2026-02-01"}, access=Access.system())
    lifecycle.mark_left(db, w["carl"]["id"], {"date": "2025-06-30"}, access=Access.system())
    lost = section(browser.page("/contacts/lost"), "lost")
    assert lost.index("Carl Brunner") < lost.index("Anna Keller")
    assert f'href="/people/{w["anna"]["id"]}/move"' in lost and "left company" in lost
    assert "Carl Brunner" not in section(browser.page("/contacts/lost?mine=1"), "lost")  # Carl has no owner


def test_duplicates_merge_into_the_survivor_chosen_on_the_page(db, browser, w):
    twin = records.create(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "email": "anna@acme.ch"},
                          access=Access.system())
    link(db, "KNOWS", twin["id"], w["carl"]["id"], source="Twin")
    html = browser.page("/contacts/duplicates")
    assert "Same e-mail" in section(html, "groups")
    resp = browser.post("/contacts/duplicates/merge", {"form": "group-1", "keep": w["anna"]["id"], "merge": twin["id"]})
    assert resp.status_code == 302
    assert not db.run_raw("MATCH (p:Person {id: $id}) RETURN p", id=twin["id"])
    assert db.run_raw("MATCH (:Person {id: $a})-[r:KNOWS]->(:Person {id: $c}) RETURN r.source AS s",
                      a=w["anna"]["id"], c=w["carl"]["id"]) == [{"s": "Twin"}]


def test_merging_the_kept_record_into_itself_is_refused_and_merges_nothing(db, browser, w):
    twin = records.create(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "email": "anna@acme.ch"},
                          access=Access.system())
    before = (state(db, w["anna"]["id"]), state(db, twin["id"]))
    resp = browser.client.post("/contacts/duplicates/merge", data={
        "csrf_token": browser.csrf(), "form": "group-1", "keep": w["anna"]["id"],
        "merge": [twin["id"], w["anna"]["id"]]})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "cannot be merged into itself" in html and error_of(html, "group-1", "merge")
    assert (state(db, w["anna"]["id"]), state(db, twin["id"])) == before


def test_placeholders_are_offered_for_merging_into_the_accounts_people(db, browser, w):
    info = merge.create_placeholder(db, w["acme"]["id"], access=Access.system())
    placeholders = section(browser.page("/contacts/duplicates"), "placeholders")
    assert "ACME AG" in placeholders and f'<option value="{w["carl"]["id"]}">' in placeholders
    resp = browser.post("/contacts/duplicates/merge", {"form": "ph-1", "keep": w["carl"]["id"], "merge": info["id"]})
    assert resp.status_code == 302
    assert not db.run_raw("MATCH (p:Person {placeholder: true}) RETURN p")


def test_reps_may_not_open_the_duplicates_or_bulk_owner_pages(db, app, w):
    rep = sign_in(db, app.test_client(), role="rep", email="rudi@example.ch", name="Rudi")
    assert rep.get("/contacts/duplicates").status_code == 403
    assert rep.get("/admin/owners").status_code == 403
    assert rep.post("/admin/owners", {"from": w["other"]["id"], "to": rep.user["id"]}).status_code == 403
    assert rep.get("/contacts/lost").status_code == 200


# -- campaigns ------------------------------------------------------------------------------------

def test_a_campaign_is_created_from_its_form_and_listed(db, browser):
    resp = browser.post("/campaigns/new", {"name": "Herbstanlass 2026", "type": "Event", "status": "planned",
                                           "start_date": "2026-10-01"})
    assert resp.status_code == 302
    listed = section(browser.page("/campaigns"), "campaigns")
    assert "Herbstanlass 2026" in listed and "01.10.2026" in listed
    resp = browser.post("/campaigns/new", {"name": "", "start_date": "1.10.2026"})
    assert resp.status_code == 422 and 'id="e-start_date"' in resp.get_data(as_text=True)
    assert len(db.run_raw("MATCH (c:Campaign) RETURN c")) == 1


def test_members_are_added_by_search_and_from_a_filtered_list_after_seeing_the_count(db, browser, w):
    spring = records.create(db, Label.CAMPAIGN, {"name": "Spring event"}, access=Access.system())
    path = f"/campaigns/{spring['id']}"
    resp = browser.post(f"{path}/members", {"person": "Anna Keller", "member_status": "sent"})
    assert resp.status_code == 302
    preview = browser.page(f"{path}?preview=1&account=ACME+AG")
    assert '<strong id="match-count">2</strong>' in preview and "Add these 2" in preview
    resp = browser.post(f"{path}/members/filter", {"account": "ACME AG", "member_status": "planned"})
    assert resp.status_code == 302
    rows = db.run_raw("MATCH (p:Person)-[m:MEMBER_OF]->(:Campaign {id: $id}) RETURN p.last_name AS n, m.status AS s "
                      "ORDER BY n", id=spring["id"])
    assert rows == [{"n": "Brunner", "s": "planned"}, {"n": "Keller", "s": "sent"}]  # Anna's status stays
    resp = browser.get(f"{path}?preview=1")
    assert resp.status_code == 422 and "Choose at least one filter" in resp.get_data(as_text=True)
    # The person page lists the campaign with the member status.
    assert "Spring event" in section(browser.page(f"/people/{w['anna']['id']}"), "campaigns")


def test_a_member_status_is_changed_and_a_member_removed(db, browser, w):
    spring = records.create(db, Label.CAMPAIGN, {"name": "Spring event"}, access=Access.system())
    link(db, "MEMBER_OF", w["anna"]["id"], spring["id"], status="sent")
    path = f"/campaigns/{spring['id']}/members/{w['anna']['id']}"
    assert browser.post(path, {"status": "responded"}).status_code == 302
    assert (db.run_raw("MATCH ()-[m:MEMBER_OF]->() RETURN m.status AS s, m.responded AS r")
            == [{"s": "responded", "r": True}])
    resp = browser.post(path, {"status": "shouted"})
    assert resp.status_code == 422
    assert error_of(resp.get_data(as_text=True), f"member-{w['anna']['id']}", "status").startswith("Must be one of")
    assert browser.post(f"{path}/remove", {}).status_code == 302
    assert not db.run_raw("MATCH ()-[m:MEMBER_OF]->() RETURN m")


def test_the_export_link_downloads_the_members_with_the_browser_session(db, browser, w):
    spring = records.create(db, Label.CAMPAIGN, {"name": "Spring event"}, access=Access.system())
    link(db, "MEMBER_OF", w["anna"]["id"], spring["id"], status="sent")
    html = browser.page(f"/campaigns/{spring['id']}")
    href = re.search(r'id="export-csv" href="([^"]+)"', html).group(1)
    resp = browser.get(href)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "Liebe Anna" in resp.get_data(as_text=True) and "Max Muster" in resp.get_data(as_text=True)


# -- bulk owner reassignment ----------------------------------------------------------------------

def test_bulk_reassignment_moves_exactly_the_chosen_kinds(db, browser, w):
    link(db, "REPORTS_TO", w["other"]["id"], browser.user["id"])  # a manager moves records within the team
    link(db, "OWNS", browser.user["id"], w["acme"]["id"], address="sie")
    link(db, "OWNS", w["other"]["id"], w["carl"]["id"], address="sie")
    resp = browser.post("/admin/owners", {"from": browser.user["id"], "to": w["other"]["id"], "kinds": "person"})
    assert resp.status_code == 302
    owned = db.run_raw("MATCH (u:User)-[:OWNS]->(n) RETURN u.name AS u, coalesce(n.name, n.last_name) AS n ORDER BY n")
    assert owned == [{"u": "Max Muster", "n": "ACME AG"}, {"u": "Rita Rep", "n": "Brunner"},
                     {"u": "Rita Rep", "n": "Keller"}]


@pytest.mark.parametrize("form, field, message", [
    ({"to": "SELF"}, "to", "Must differ from from"),
    ({"to": "CARL"}, "to", "Is not a user"),  # an owner that is no user
    ({"kinds": []}, "kinds", "Must be a list of person, account"),
])
def test_bad_bulk_reassignment_is_named_and_moves_nothing(db, browser, w, form, field, message):
    ids = {"SELF": browser.user["id"], "CARL": w["carl"]["id"]}
    link(db, "REPORTS_TO", w["other"]["id"], browser.user["id"])  # a manager moves records within the team
    data = {"from": browser.user["id"], "to": w["other"]["id"], "kinds": ["person", "account"],
            "csrf_token": browser.csrf()}
    data.update({k: ids.get(v, v) if isinstance(v, str) else v for k, v in form.items()})
    before = db.run_raw("MATCH (u:User)-[:OWNS]->(n) RETURN u.id AS u, n.id AS n ORDER BY n")
    resp = browser.client.post("/admin/owners", data=data)
    assert resp.status_code == 422
    assert error_of(resp.get_data(as_text=True), "owners", field) == message
    assert db.run_raw("MATCH (u:User)-[:OWNS]->(n) RETURN u.id AS u, n.id AS n ORDER BY n") == before


# -- escaping, scripts, navigation, viewers -------------------------------------------------------

def test_markup_in_names_is_escaped_in_org_chart_timeline_history_and_members(db, browser, w):
    evil_account = records.create(db, Label.ACCOUNT, {"name": EVIL}, access=Access.system())
    evil = records.create(db, Label.PERSON, {"first_name": EVIL, "last_name": EVIL}, access=Access.system())
    link(db, "EMPLOYS", w["acme"]["id"], evil["id"], primary=True, title=EVIL)
    link(db, "REPORTS_TO", evil["id"], w["carl"]["id"])
    link(db, "WORKED_AT", evil["id"], evil_account["id"], title=EVIL, since="2010-01-01", until="2012-01-01")
    records.update(db, Label.PERSON, evil["id"], {"title": EVIL + "!"}, by=browser.user["id"], access=Access.system())
    spring = records.create(db, Label.CAMPAIGN, {"name": EVIL}, access=Access.system())
    link(db, "MEMBER_OF", evil["id"], spring["id"], status="sent")
    account = browser.page(f"/accounts/{w['acme']['id']}")
    person = browser.page(f"/people/{evil['id']}")
    for html, part in ((account, "orgchart"), (person, "career"), (person, "history"),
                       (browser.page(f"/campaigns/{spring['id']}"), "members"), (person, "campaigns")):
        block = section(html, part)
        assert EVIL not in block and ESCAPED in block, part
    assert EVIL not in browser.page(f"/people/{evil['id']}/history")


def test_the_new_pages_carry_no_inline_scripts_or_event_handlers(db, browser, w):
    spring = records.create(db, Label.CAMPAIGN, {"name": "Spring"}, access=Access.system())
    for path in (f"/people/{w['anna']['id']}", f"/people/{w['anna']['id']}/move", f"/accounts/{w['acme']['id']}",
                 "/contacts/lost", "/contacts/duplicates", "/admin/owners", "/campaigns", "/campaigns/new",
                 f"/campaigns/{spring['id']}", f"/people/{w['anna']['id']}/history"):
        html = browser.page(path)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path
        assert html.count('name="csrf_token"') == html.count("<form") - html.count('method="get"'), path


def test_every_link_of_the_navigation_works(db, app):
    admin = sign_in(db, app.test_client(), role="admin", email="ada@example.ch", name="Ada")
    nav = re.search(r'<nav class="mainnav".*?</nav>', admin.page("/"), re.DOTALL).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert {"/campaigns", "/contacts/lost", "/contacts/duplicates", "/admin/owners", "/admin/audit"} <= set(links)
    for href in links:
        assert admin.get(href).status_code == 200, href
    viewer = sign_in(db, app.test_client(), role="viewer", email="vera@example.ch", name="Vera")
    nav = re.search(r'<nav class="mainnav".*?</nav>', viewer.page("/"), re.DOTALL).group(0)
    assert "/admin/" not in nav and "/contacts/duplicates" not in nav and "/contacts/lost" in nav


def test_a_viewer_sees_no_forms_and_may_not_post_them(db, app, w):
    viewer = sign_in(db, app.test_client(), role="viewer", email="vera@example.ch", name="Vera")
    html = viewer.page(f"/people/{w['anna']['id']}")
    assert 'id="form-owner"' not in html and 'id="lifecycle"' not in html
    before = state(db, w["anna"]["id"])
    assert viewer.post(f"/people/{w['anna']['id']}/bounce", {}).status_code == 403
    assert viewer.post(f"/people/{w['anna']['id']}/move", {"account": "Beta GmbH"}).status_code == 403
    assert state(db, w["anna"]["id"]) == before


def test_forms_without_the_csrf_token_are_refused(db, browser, w):
    before = state(db, w["anna"]["id"])
    assert browser.client.post(f"/people/{w['anna']['id']}/bounce").status_code == 403
    assert state(db, w["anna"]["id"]) == before
