"""The server-rendered pages: sign-in, search, record pages with grouped sections, and the forms."""
from __future__ import annotations

import functools
import re

import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.model import NODE_FIELDS, Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.pages import ESCAPED, EVIL, EVIL_QUOTES, PASSWORD, Browser, login_token, section, sign_in  # noqa: F401


@pytest.fixture
def browser(db, client):
    return sign_in(db, client)


def link(db, rel, from_id, to_id, **props):
    relationships.link(db, {"type": rel, "from": from_id, "to": to_id, "properties": props}, access=Access.system())


@pytest.fixture
def world(db, browser):
    """ACME with an employee, a board member, a former employee, a placeholder, a deal and a partner."""
    new = functools.partial(records.create, access=Access.system())
    acme = new(db, Label.ACCOUNT, {"name": "ACME AG", "type": "customer", "city": "Basel"})
    beta = new(db, Label.ACCOUNT, {"name": "Beta GmbH", "city": "Zürich"})
    anna = new(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "title": "CFO",
                                  "email": "anna@acme.ch"})
    carl = new(db, Label.PERSON, {"first_name": "Carl", "last_name": "Brunner"})
    bob = new(db, Label.PERSON, {"first_name": "Bob", "last_name": "Meier", "status": "inactive",
                                 "inactive_reason": "left_company", "inactive_since": "2024-03-01"})
    info = new(db, Label.PERSON, {"first_name": "Info", "last_name": "Kontakt", "email": "info@acme.ch",
                                  "placeholder": True})
    deal = new(db, Label.OPPORTUNITY, {"name": "ERP rollout", "stage": "Negotiation/Review",
                                       "amount": 1250000, "currency": "CHF", "close_date": "2026-06-30"})
    spring = new(db, Label.CAMPAIGN, {"name": "Spring event", "status": "in_progress"})
    link(db, "EMPLOYS", acme["id"], anna["id"], primary=True, title="Chief Financial Officer",
         department="Finance", roles=["Budget owner"], since="2019-01-01")
    link(db, "EMPLOYS", acme["id"], info["id"], primary=True)
    link(db, "BOARD_MEMBER", carl["id"], acme["id"], role="chair", since="2020-05-01")
    link(db, "BOARD_MEMBER", anna["id"], beta["id"], role="member", since="2021-01-01")
    link(db, "WORKED_AT", bob["id"], acme["id"], title="Engineer", since="2015-01-01", until="2023-12-31")
    link(db, "HAS_OPPORTUNITY", acme["id"], deal["id"])
    link(db, "CONTACT_ROLE", anna["id"], deal["id"], role="Economic Buyer", primary=True)
    link(db, "CONTACT_ROLE", bob["id"], deal["id"], role="Evaluator")
    link(db, "CONTACT_ROLE", carl["id"], deal["id"], role="Evaluator")
    link(db, "PARTNER_OF", beta["id"], acme["id"], role="reseller")
    link(db, "OWNS", browser.user["id"], anna["id"], address="du")
    link(db, "OWNS", browser.user["id"], acme["id"], address="sie")
    link(db, "REPORTS_TO", bob["id"], anna["id"])
    link(db, "REPORTS_TO", anna["id"], carl["id"])
    link(db, "KNOWS", anna["id"], carl["id"], source="Golf club", since="2018-05-05")
    link(db, "MEMBER_OF", anna["id"], spring["id"], status="responded", responded=True)
    return {"acme": acme, "beta": beta, "anna": anna, "carl": carl, "bob": bob, "info": info, "deal": deal,
            "spring": spring}


def count(db, label: str) -> int:
    return db.run_raw(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]


# -- sign-in and access ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/people/x", "/accounts/x", "/opportunities/x", "/campaigns/x",
                                  "/people/new", "/accounts/x/edit"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    resp = client.get(path)
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/login?next=")


def test_a_wrong_password_shows_one_message_and_no_session(db, client):
    create_user(db, email="max@example.ch", name="Max", role="rep", password=PASSWORD)
    resp = client.post("/login", data={"email": "max@example.ch", "password": "nope",
                                       "csrf_token": login_token(client)})
    assert resp.status_code == 401 and "E-mail or password is not right." in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_a_form_post_without_csrf_token_is_refused_and_writes_nothing(db, browser):
    resp = browser.client.post("/people/new", data={"last_name": "Keller", "address": "sie"})
    assert resp.status_code == 403
    assert count(db, "Person") == 0


def test_a_viewer_sees_no_edit_links_and_may_not_open_forms(db, app, world):
    viewer = sign_in(db, app.test_client(), role="viewer", email="vera@example.ch", name="Vera")
    html = viewer.page(f"/people/{world['anna']['id']}")
    assert "/edit" not in html
    assert viewer.get("/people/new").status_code == 403
    assert viewer.get(f"/accounts/{world['acme']['id']}/edit").status_code == 403


@pytest.mark.parametrize("path", ["/people/nope", "/accounts/nope", "/opportunities/nope", "/campaigns/nope",
                                  "/people/nope/edit", "/people/new?account=nope"])
def test_unknown_ids_render_the_not_found_page(browser, path):
    resp = browser.get(path)
    assert resp.status_code == 404
    assert "Not found" in resp.get_data(as_text=True)


# -- home and search ------------------------------------------------------------------------------

def test_home_lists_the_records_the_user_owns(browser, world):
    html = browser.page("/")
    assert "Anna Keller" in section(html, "my-people")
    assert "Bob Meier" not in section(html, "my-people")
    assert "ACME AG" in section(html, "my-accounts")


def test_home_says_how_many_owned_records_it_left_out(db, app, browser):
    app.config["GRAPHCRM_PAGE_CAP"] = 2
    for i in range(3):
        person = records.create(db, Label.PERSON, {"last_name": f"Person {i}"}, access=Access.system())
        link(db, "OWNS", browser.user["id"], person["id"], address="sie")
    assert "1 more people not shown" in section(browser.page("/"), "my-people")


def test_search_lists_people_with_their_primary_account_accounts_and_deals(browser, world):
    people = section(browser.page("/?q=Keller"), "hits-person")
    assert f'href="/people/{world["anna"]["id"]}"' in people and "ACME AG" in people
    assert f'href="/accounts/{world["acme"]["id"]}"' in section(browser.page("/?q=acme"), "hits-account")
    deals = section(browser.page("/?q=ERP"), "hits-opportunity")
    assert f'href="/opportunities/{world["deal"]["id"]}"' in deals


def test_a_search_that_is_too_long_shows_the_reason(browser):
    resp = browser.get("/?q=" + "x" * 201)
    assert resp.status_code == 422 and "at most 200 characters" in resp.get_data(as_text=True)


# -- record pages ---------------------------------------------------------------------------------

def test_the_account_page_groups_its_people_by_relationship(browser, world):
    html = browser.page(f"/accounts/{world['acme']['id']}")
    employees, board, former = section(html, "employees"), section(html, "board"), section(html, "former")
    assert "Anna Keller" in employees and "primary" in employees and "Chief Financial Officer" in employees
    assert "Finance" in employees and "Budget owner" in employees
    assert "Carl Brunner" in board and "chair" in board and "since 01.05.2020" in board
    assert "Bob Meier" in former and "01.01.2015 – 31.12.2023" in former and "Engineer" in former
    assert "Info Kontakt" in section(html, "placeholders") and "Info Kontakt" not in employees
    assert "Anna Keller" not in board and "Anna Keller" not in former
    deals = section(html, "opportunities")
    assert "ERP rollout" in deals and "CHF\xa01’250’000.00" in deals and "30.06.2026" in deals
    assert "Negotiation/Review" in deals
    partners = section(html, "partners")
    assert "Beta GmbH" in partners and "reseller for ACME AG" in partners
    assert "Max Muster" in html and ">Sie<" in html


def test_account_lists_are_capped_and_say_how_many_more(db, app, browser, world):
    app.config["GRAPHCRM_PAGE_CAP"] = 1
    extra = records.create(db, Label.PERSON, {"last_name": "Zeller"}, access=Access.system())
    link(db, "EMPLOYS", world["acme"]["id"], extra["id"])
    employees = section(browser.page(f"/accounts/{world['acme']['id']}"), "employees")
    assert "Anna Keller" in employees and "Zeller" not in employees
    assert "1 more employees not shown" in employees


def test_the_person_page_shows_accounts_deals_ties_owner_and_campaigns(browser, world):
    html = browser.page(f"/people/{world['anna']['id']}")
    accounts = section(html, "career")
    assert "ACME AG" in accounts and "primary" in accounts and "Beta GmbH" in accounts
    assert "Verwaltungsrat" in accounts and "member" in accounts
    deals = section(html, "opportunities")
    assert "ERP rollout" in deals and "Economic Buyer" in deals
    reporting = section(html, "reporting")
    assert "Carl Brunner" in re.search(r'id="managers".*?</ul>', reporting, re.DOTALL).group(0)
    assert "Bob Meier" in re.search(r'id="reports".*?</ul>', reporting, re.DOTALL).group(0)
    assert "Carl Brunner" in section(html, "knows") and "Golf club" in section(html, "knows")
    assert "Spring event" in section(html, "campaigns") and "responded" in section(html, "campaigns")
    assert "Owner <strong>Max Muster</strong>" in html and ">du<" in html


def test_the_person_page_shows_former_employers_with_dates(browser, world):
    accounts = section(browser.page(f"/people/{world['bob']['id']}"), "career")
    assert "ACME AG" in re.search(r'id="career-former".*?</ol>', accounts, re.DOTALL).group(0)
    assert "01.01.2015 – 31.12.2023" in accounts


def test_the_person_page_marks_an_inactive_contact_with_reason_and_date(browser, world):
    html = browser.page(f"/people/{world['bob']['id']}")
    status = re.search(r'<div class="callout[^"]*" id="status".*?</div>', html, re.DOTALL).group(0)
    assert "Inactive" in status and "left company" in status and "01.03.2024" in status
    assert 'id="status"' not in browser.page(f"/people/{world['anna']['id']}")


def test_the_person_page_shows_every_field_that_is_set(db, browser):
    person = records.create(db, Label.PERSON, {
        "salutation": "Frau", "first_name": "Anna", "last_name": "Keller", "email": "anna@acme.ch",
        "phone": "044 123 45 67", "mobile": "079 765 43 21", "title": "CFO", "department": "Finance",
        "team": "Controlling", "language": "fr", "birthdate": "1980-04-05", "interests": ["Sailing", "Jazz"],
        "social_linkedin": "https://www.linkedin.com/in/anna",
        "social_xing": "https://www.xing.com/profile/anna", "social_x": "https://x.com/anna",
        "street": "Hauptstrasse 1", "postal_code": "4051", "city": "Basel", "country": "CH",
        "description": "Met at the fair"}, access=Access.system())
    link(db, "OWNS", browser.user["id"], person["id"])  # sensitive fields show to the owner
    html = browser.page(f"/people/{person['id']}")
    for text in ("Frau", "anna@acme.ch", "+41 44 123 45 67", "+41 79 765 43 21", "Finance", "Controlling",
                 "French (fr)", "05.04.1980", "Sailing", "Jazz", "Hauptstrasse 1", "4051", "Basel", "CH",
                 "Met at the fair"):
        assert text in html, text
    for url in (person["social_linkedin"], person["social_xing"], person["social_x"]):
        assert f'<a href="{url}" rel="noopener noreferrer" target="_blank">' in html


def test_a_social_profile_that_is_no_web_address_is_not_a_link(db, browser):
    person = records.create(db, Label.PERSON, {"last_name": "Keller"}, access=Access.system())
    # Imported data may hold anything; the page must still never link it.
    db.run_raw("MATCH (p:Person {id: $id}) SET p.social_x = 'javascript:alert(1)'", id=person["id"])
    html = browser.page(f"/people/{person['id']}")
    assert "javascript:alert(1)" in html and 'href="javascript:' not in html


def test_the_opportunity_page_groups_its_contacts_by_role(browser, world):
    html = browser.page(f"/opportunities/{world['deal']['id']}")
    contacts = section(html, "contacts")
    group = r'<h3>([^<]+?) <span class="count">\d+</span></h3>\s*<ul class="rows">(.*?)</ul>'
    groups = dict(re.findall(group, contacts, re.DOTALL))
    assert list(groups) == ["Economic Buyer", "Evaluator"]
    assert "Anna Keller" in groups["Economic Buyer"] and "primary" in groups["Economic Buyer"]
    assert "Bob Meier" in groups["Evaluator"] and "Carl Brunner" in groups["Evaluator"]
    assert "Decision Maker" in section(html, "uncovered") and "Evaluator" not in section(html, "uncovered")
    assert "ACME AG" in html and "CHF\xa01’250’000.00" in html and "30.06.2026" in html


def test_the_campaign_page_lists_its_members(browser, world):
    members = section(browser.page(f"/campaigns/{world['spring']['id']}"), "members")
    assert "Anna Keller" in members and "responded" in members


def test_pages_carry_no_inline_scripts_or_event_handlers(browser, world):
    for path in ("/", "/?q=Keller", f"/people/{world['anna']['id']}", f"/accounts/{world['acme']['id']}",
                 f"/opportunities/{world['deal']['id']}", f"/campaigns/{world['spring']['id']}",
                 "/people/new", f"/accounts/{world['acme']['id']}/edit"):
        html = browser.page(path)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path


def test_markup_in_every_text_field_is_escaped(db, browser):
    def text_fields(label):
        return {k: EVIL for k, f in NODE_FIELDS[label].items()
                if f.type in ("str", "text") and f.max_len >= len(EVIL)}

    acme = records.create(db, Label.ACCOUNT, {**text_fields(Label.ACCOUNT), "name": EVIL + " AG"},
                          access=Access.system())
    person = records.create(db, Label.PERSON, {**text_fields(Label.PERSON), "interests": [EVIL],
                                               "first_name": EVIL_QUOTES}, access=Access.system())
    deal = records.create(db, Label.OPPORTUNITY, text_fields(Label.OPPORTUNITY), access=Access.system())
    spring = records.create(db, Label.CAMPAIGN, text_fields(Label.CAMPAIGN), access=Access.system())
    # Values an import may bring that the forms would refuse.
    db.run_raw("MATCH (p:Person {id: $id}) SET p.email = $evil, p.social_x = $evil, p.country = $evil, "
               "p.postal_code = $evil", id=person["id"], evil=EVIL)
    link(db, "EMPLOYS", acme["id"], person["id"], primary=True, title=EVIL, roles=[EVIL])
    owner = create_user(db, email="evil@example.ch", name=EVIL, role="rep")
    link(db, "OWNS", browser.user["id"], person["id"], address="sie")  # listed on the home page
    link(db, "OWNS", owner["id"], acme["id"], address="du")
    link(db, "REPORTS_TO", owner["id"], browser.user["id"])  # so the signed-in rep may open the account's forms
    link(db, "HAS_OPPORTUNITY", acme["id"], deal["id"])
    link(db, "CONTACT_ROLE", person["id"], deal["id"], role="Evaluator")
    link(db, "MEMBER_OF", person["id"], spring["id"], status="sent")
    for path in ("/", "/?q=img", f"/people/{person['id']}", f"/accounts/{acme['id']}",
                 f"/opportunities/{deal['id']}", f"/campaigns/{spring['id']}", f"/people/{person['id']}/edit",
                 f"/accounts/{acme['id']}/edit", f"/opportunities/{deal['id']}/edit",
                 f"/people/new?account={acme['id']}"):
        html = browser.page(path)
        assert EVIL not in html and ESCAPED in html, path
        assert '" autofocus onfocus="' not in html, path


# -- forms ----------------------------------------------------------------------------------------

def test_creating_a_person_links_the_primary_account_and_the_owner(db, browser, world):
    resp = browser.post("/people/new", {
        "first_name": "Nina", "last_name": "Graf", "title": "CTO", "email": "Nina.Graf@acme.ch",
        "account": "acme ag", "address": "du", "birthdate": "1985-02-03", "interests": "Golf, , Wine ",
        "phone": "061 555 12 12"})
    assert resp.status_code == 302
    person_id = resp.headers["Location"].rsplit("/", 1)[1]
    row = db.run_raw("""
        MATCH (a:Account)-[e:EMPLOYS]->(p:Person {id: $id})<-[o:OWNS]-(u:User)
        RETURN a.id AS account, e.primary AS primary, e.title AS title, o.address AS address,
               u.id AS owner, p.interests AS interests, toString(p.birthdate) AS birthdate,
               p.email AS email, p.phone AS phone
    """, id=person_id)
    assert row == [{"account": world["acme"]["id"], "primary": True, "title": "CTO", "address": "du",
                    "owner": browser.user["id"], "interests": ["Golf", "Wine"], "birthdate": "1985-02-03",
                    "email": "nina.graf@acme.ch", "phone": "+41615551212"}]
    html = browser.page(resp.headers["Location"])
    assert "Created person Nina Graf." in html and "03.02.1985" in html


def test_a_new_person_from_the_account_page_has_the_account_chosen(browser, world):
    html = browser.page(f"/people/new?account={world['acme']['id']}")
    assert 'value="ACME AG"' in html and f'name="account_id" value="{world["acme"]["id"]}"' in html


@pytest.mark.parametrize("bad, field, message", [
    ({"email": "not-an-address"}, "email", "is not a valid e-mail address"),
    ({"birthdate": "2024-02-30"}, "birthdate", "is not a real date"),
    ({"birthdate": "03.02.1985"}, "birthdate", "must be a date as YYYY-MM-DD"),
    ({"last_name": ""}, "last_name", "is required"),
    ({"account": "Nope AG"}, "account", "no account has this name"),
    ({"language": "xx"}, "language", "not a language we know"),
    ({"country": "Atlantis"}, "country", "not a country we know"),
])
def test_bad_input_on_a_new_person_shows_the_error_beside_its_field_and_writes_nothing(
        db, browser, world, bad, field, message):
    before = count(db, "Person")
    form = {"first_name": "Nina", "last_name": "Graf", "address": "sie", "city": EVIL, **bad}
    resp = browser.post("/people/new", form)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    block = re.search(rf'<div class="field [^"]*has-error">\s*<label for="f-{field}".*?</div>', html, re.DOTALL)
    assert block and message.lower() in block.group(0).lower() and f'id="e-{field}"' in block.group(0)
    if field != "last_name":
        assert f'value="{bad[field]}"' in block.group(0)  # the user's input is kept
    assert 'value="Nina"' in html and ESCAPED in html
    assert count(db, "Person") == before


def test_creating_an_account_and_a_deal_at_it(db, browser):
    resp = browser.post("/accounts/new", {"name": "Gamma SA", "type": "prospect", "employees": "1'250",
                                          "website": "https://gamma.example", "address": "sie"})
    assert resp.status_code == 302
    account_id = resp.headers["Location"].rsplit("/", 1)[1]
    owned = "MATCH (:User {id: $u})-[o:OWNS]->(a:Account {id: $a}) RETURN a.employees AS n, o.address AS f"
    assert db.run_raw(owned, u=browser.user["id"], a=account_id) == [{"n": 1250, "f": "sie"}]
    resp = browser.post("/opportunities/new", {
        "name": "Pilot", "stage": "Qualification", "amount": "1’250’000.50", "currency": "CHF",
        "close_date": "2026-09-30", "account": "Gamma SA", "account_id": account_id})
    assert resp.status_code == 302
    deal_id = resp.headers["Location"].rsplit("/", 1)[1]
    at = "MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o:Opportunity {id: $id}) RETURN a.id AS a, o.amount AS x"
    assert db.run_raw(at, id=deal_id) == [{"a": account_id, "x": 1250000.5}]
    assert "CHF\xa01’250’000.50" in browser.page(resp.headers["Location"])


def test_a_bad_number_on_the_account_form_is_named(db, browser):
    resp = browser.post("/accounts/new", {"name": "Gamma SA", "employees": "many", "address": "sie"})
    assert resp.status_code == 422 and 'id="e-employees">Must be a number<' in resp.get_data(as_text=True)
    assert count(db, "Account") == 0


def test_editing_a_person_saves_the_changed_fields(db, browser, world):
    anna = world["anna"]
    fields_changed = "MATCH (:Person {id: $id})-[:CHANGED]->(c:Change) RETURN collect(c.field) AS f"
    before = db.run_raw(fields_changed, id=anna["id"])[0]["f"]
    form = browser.page(f"/people/{anna['id']}/edit")
    assert 'name="version" value="1"' in form and 'value="Anna"' in form
    resp = browser.post(f"/people/{anna['id']}/edit", {
        "first_name": "Anna", "last_name": "Keller-Muster", "title": "CEO", "email": "anna@acme.ch",
        "interests": "Golf, Jazz", "status": "active", "version": "1"})
    assert resp.status_code == 302
    saved = records.get(db, Label.PERSON, anna["id"], access=Access.system())
    assert (saved["last_name"], saved["title"], saved["interests"], saved["version"]) == (
        "Keller-Muster", "CEO", ["Golf", "Jazz"], 2)
    after = db.run_raw(fields_changed, id=anna["id"])[0]["f"]
    assert sorted(after) == sorted([*before, "last_name", "title"])  # only what the user changed


def test_editing_with_a_stale_version_shows_a_conflict_and_changes_nothing(db, browser, world):
    anna = world["anna"]
    records.update(db, Label.PERSON, anna["id"], {"title": "CEO"},
                   access=Access.system())  # someone else saves first: version 2
    resp = browser.post(f"/people/{anna['id']}/edit", {
        "first_name": "Anna", "last_name": "Keller", "title": "CFO (mine)", "email": "anna@acme.ch",
        "status": "active", "version": "1"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 409
    assert "changed by someone else" in html and "Load the current version" in html
    assert 'value="CFO (mine)"' in html and 'name="version" value="1"' in html
    assert records.get(db, Label.PERSON, anna["id"], access=Access.system())["title"] == "CEO"


def test_editing_with_bad_input_shows_the_error_and_changes_nothing(db, browser, world):
    deal = world["deal"]
    resp = browser.post(f"/opportunities/{deal['id']}/edit", {
        "name": "ERP rollout", "stage": "Negotiation/Review", "amount": "-5", "currency": "CHF",
        "close_date": "2026-13-01", "version": "1"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="e-amount">Must be at least 0<' in html
    assert 'id="e-close_date">Is not a real date<' in html
    saved = records.get(db, Label.OPPORTUNITY, deal["id"], access=Access.system())
    assert saved["amount"] == 1250000 and saved["version"] == 1
