"""The interface in German, French and English: which language, formats by locale, collation, catalogues."""
from __future__ import annotations

import datetime as dt
import functools
import re

import pytest

from graphcrm.access.policy import Access
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.apps import build_app
from tests.support.i18n_pages import html_lang, leftover_english, translation
from tests.support.pages import sign_in


@pytest.fixture
def browser(db, client):
    return sign_in(db, client, role="admin", email="admin@example.ch", name="Ada Admin")


def link(db, rel, from_id, to_id, **props):
    relationships.link(db, {"type": rel, "from": from_id, "to": to_id, "properties": props}, access=Access.system())


@pytest.fixture
def world(db, browser):
    """An account with an employee, a board member, a deal with a contact role, a campaign, a touchpoint."""
    new = functools.partial(records.create, access=Access.system())
    acme = new(db, Label.ACCOUNT, {"name": "Ärzte AG", "type": "customer", "city": "Basel", "country": "CH"})
    anna = new(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "title": "CFO",
                                  "email": "anna@aerzte.ch", "language": "de", "birthdate": "1980-04-05"})
    carl = new(db, Label.PERSON, {"first_name": "Carl", "last_name": "Brunner"})
    deal = new(db, Label.OPPORTUNITY, {"name": "ERP rollout", "stage": "Negotiation/Review", "amount": 1250000,
                                       "currency": "CHF", "close_date": "2026-06-30"})
    spring = new(db, Label.CAMPAIGN, {"name": "Spring event", "status": "in_progress"})
    link(db, "EMPLOYS", acme["id"], anna["id"], primary=True, title="CFO", since="2019-01-01")
    link(db, "BOARD_MEMBER", carl["id"], acme["id"], role="chair", since="2020-05-01")
    link(db, "HAS_OPPORTUNITY", acme["id"], deal["id"])
    link(db, "CONTACT_ROLE", anna["id"], deal["id"], role="Economic Buyer", primary=True)
    link(db, "MEMBER_OF", anna["id"], spring["id"], status="responded", responded=True)
    link(db, "OWNS", browser.user["id"], anna["id"], address="sie")
    return {"acme": acme, "anna": anna, "carl": carl, "deal": deal, "spring": spring}


def main_pages(world) -> list[str]:
    """Every main page of the app, with records to show."""
    anna, acme, deal, spring = world["anna"]["id"], world["acme"]["id"], world["deal"]["id"], world["spring"]["id"]
    return ["/", "/?q=Keller", f"/people/{anna}", f"/accounts/{acme}", f"/opportunities/{deal}", "/campaigns",
            f"/campaigns/{spring}", "/contacts/lost", "/contacts/duplicates", "/reports/stale", "/reports/kpi",
            "/map", "/map/unplaced", "/explore", f"/explore?center={anna}", f"/opportunities/{deal}/influence",
            f"/people/{anna}/introductions", f"/people/{anna}/history", f"/accounts/{acme}/history",
            "/people/new", "/accounts/new", "/opportunities/new", "/campaigns/new", f"/people/{anna}/edit",
            "/admin/owners", "/admin/import", "/admin/audit", "/admin/picklists", "/me", f"/people/{anna}/log",
            f"/people/{anna}/move", "/reports/stale?days=0"]


@pytest.mark.parametrize("language, tag", [("de", "de-CH"), ("fr", "fr-CH"), ("en", "en-GB")])
def test_every_main_page_speaks_the_language_of_the_browser(browser, world, language, tag):
    left = {}
    for path in main_pages(world):
        resp = browser.client.get(path, headers={"Accept-Language": f"{tag},{language};q=0.8"})
        assert resp.status_code == 200, path
        html = resp.get_data(as_text=True)
        assert html_lang(html) == tag, path
        if language != "en" and leftover_english(html, language):
            left[path] = leftover_english(html, language)
    assert left == {}, "\n".join(f"{path}: {texts}" for path, texts in left.items())


def test_the_sign_in_page_follows_accept_language(client):
    for tag, language in (("de-CH", "de"), ("fr-FR", "fr"), ("en-US", "en")):
        html = client.get("/login", headers={"Accept-Language": tag}).get_data(as_text=True)
        assert html_lang(html) == tag
        assert translation(language, "Sign in") in html


def test_the_default_locale_serves_browsers_we_do_not_speak(db, tmp_path):
    for app in build_app(db, tmp_path, DEFAULT_LOCALE="de-CH"):
        html = app.test_client().get("/login", headers={"Accept-Language": "ja, it;q=0.9"}).get_data(as_text=True)
        assert html_lang(html) == "de-CH"
        assert translation("de", "Sign in") in html
        assert translation("de", "Sign in") != "Sign in"


def test_a_wrong_default_locale_stops_the_app_with_a_clear_message(db, tmp_path):
    with pytest.raises(ValueError, match="GRAPHCRM_DEFAULT_LOCALE"):
        next(build_app(db, tmp_path, DEFAULT_LOCALE="xx-YY"))


def test_the_users_own_language_beats_the_browser(browser):
    resp = browser.post("/me/preferences", {"locale": "fr_CH", "time_zone": "Europe/Paris"})
    assert resp.status_code == 302
    html = browser.client.get("/me", headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    assert html_lang(html) == "fr-CH"
    assert 'value="fr_CH" selected' in html and 'value="Europe/Paris" selected' in html
    browser.post("/me/preferences", {"locale": "", "time_zone": ""})  # back to following the browser
    html = browser.client.get("/me", headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    assert html_lang(html) == "de-CH"


@pytest.mark.parametrize("field, value", [("locale", "tlh"), ("locale", "x" * 500), ("time_zone", "Mars/Olympus"),
                                          ("time_zone", "../../etc/passwd")])
def test_settings_outside_their_domain_are_refused_by_name(browser, field, value):
    resp = browser.post("/me/preferences", {"locale": "de_CH", "time_zone": "Europe/Zurich", field: value})
    assert resp.status_code == 422
    assert field in resp.get_data(as_text=True)


def test_the_api_speaks_the_language_of_the_request(db, client):
    from tests.support.apps import make_api

    api = make_api(db, client, "rep")
    body = api.get("/people/nope", headers={"Accept-Language": "fr-CH"}).get_json()
    assert body["error"] == "not_found"
    assert body["message"] == translation("fr", "No person with id %(id)s") % {"id": "nope"}


@pytest.mark.parametrize("tag, amount, currency, expected", [
    ("de-CH", 1250, "CHF", "CHF 1’250.00"), ("de-CH", 1250000, "CHF", "CHF 1’250’000.00"),
    ("de-DE", 1250, "EUR", "1.250,00\xa0€"), ("fr-FR", 1250, "EUR", "1\u202f250,00\xa0€"),
    ("en-GB", 1250, "GBP", "£1,250.00"), ("de-CH", -99.5, "CHF", "CHF-99.50"), ("de-DE", -99.5, "EUR", "-99,50 €")])
def test_amounts_are_written_as_the_locale_writes_them(app, tag, amount, currency, expected):
    from graphcrm.http.common.format import money

    with app.test_request_context(headers={"Accept-Language": tag}):
        assert money(amount, currency).replace(" ", "\xa0") == expected.replace(" ", "\xa0")


@pytest.mark.parametrize("tag, expected_date, expected_time", [
    ("de-CH", "07.03.2026", "07.03.2026 00:30"), ("de-DE", "07.03.2026", "07.03.2026 00:30"),
    ("fr-FR", "07/03/2026", "07/03/2026 00:30"), ("en-GB", "07/03/2026", "07/03/2026 00:30")])
def test_dates_and_times_in_the_locale_and_the_zurich_time_zone(app, tag, expected_date, expected_time):
    from graphcrm.http.common.format import local_date

    late_evening_utc = dt.datetime(2026, 3, 6, 23, 30, tzinfo=dt.UTC)  # already the 7th in Zurich
    with app.test_request_context(headers={"Accept-Language": tag}):
        assert local_date(dt.date(2026, 3, 7)) == expected_date
        assert local_date(late_evening_utc) == expected_time


def test_times_follow_the_users_time_zone(browser, world):
    browser.post("/me/preferences", {"locale": "de_CH", "time_zone": "America/New_York"})
    from graphcrm.http.common.format import local_date

    app = browser.client.application
    with app.test_request_context():
        from flask import g

        g.user = {"locale": "de_CH", "time_zone": "America/New_York"}
        assert local_date(dt.datetime(2026, 3, 6, 23, 30, tzinfo=dt.UTC)) == "06.03.2026 18:30"


@pytest.mark.parametrize("tag, expected", [("de-CH", "vor 3 Tagen"), ("fr-CH", "il y a 3 jours"),
                                           ("en-GB", "3 days ago")])
def test_relative_times_in_the_readers_words(app, tag, expected):
    from graphcrm.http.common.format import ago

    now = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
    with app.test_request_context(headers={"Accept-Language": tag}):
        assert ago(now - dt.timedelta(days=3), now=now) == expected


def test_names_sort_by_their_letters_not_their_code_points(db, browser):
    new = functools.partial(records.create, access=Access.system())
    names = ["Zürich Versicherung", "Ärzte AG", "Apotheke Bahnhof", "Émile Sàrl", "Eberle GmbH", "Bäckerei Ott",
             "ecole.ch", "Öl & Gas AG", "Ost AG"]
    for name in names:
        new(db, Label.ACCOUNT, {"name": name})
    for last in ("Müller", "Mueller", "Muller", "Meier", "Ölz", "Ott", "Éluard", "Egli"):
        new(db, Label.PERSON, {"first_name": "A", "last_name": last})
    got = [a["name"] for a in browser.client.get("/api/v1/accounts?limit=50").get_json()["items"]]
    assert got == ["Apotheke Bahnhof", "Ärzte AG", "Bäckerei Ott", "Eberle GmbH", "ecole.ch", "Émile Sàrl",
                   "Öl & Gas AG", "Ost AG", "Zürich Versicherung"]
    people = [p["last_name"] for p in browser.client.get("/api/v1/people?limit=50").get_json()["items"]]
    assert people == ["Egli", "Éluard", "Meier", "Mueller"] + sorted(["Müller", "Muller"], key=lambda n: 0) [:0] + \
        people[4:6] + ["Ölz", "Ott"]
    assert sorted(people[4:6]) == ["Muller", "Müller"]
    # A search finds the name typed without its accents, and with them.
    for q in ("arzte", "Ärzte"):
        found = browser.client.get(f"/api/v1/accounts?q={q}").get_json()["items"]
        assert [a["name"] for a in found] == ["Ärzte AG"], q


def test_the_explorer_gets_its_catalogue_as_json_and_as_a_script(browser, world):
    body = browser.client.get("/i18n/de-CH.json").get_json()
    assert body["locale"] == "de-CH" and body["plural"] == "n!=1"
    assert body["messages"]["Who can introduce me?"] == translation("de", "Who can introduce me?")
    assert "Sign in" not in body["messages"]  # only the scripts' messages travel
    assert browser.client.get("/i18n/fr-CH.json").get_json()["plural"] == "n>1"
    assert browser.client.get("/i18n/tlh.json").status_code == 404
    assert browser.client.get("/i18n/<script>.json").status_code == 404
    html = browser.client.get(f"/explore?center={world['anna']['id']}",
                              headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    src = re.search(r'<script src="(/i18n/de-CH\.js\?v=\d+)"></script>', html).group(1)
    script = browser.client.get(src)
    assert script.mimetype == "text/javascript"
    assert script.get_data(as_text=True).startswith("window.GRAPHCRM_I18N = {")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script


def test_our_stages_and_roles_speak_the_language_but_an_orgs_own_values_stay(db, browser, world):
    html = browser.client.get(f"/opportunities/{world['deal']['id']}",
                              headers={"Accept-Language": "fr-CH"}).get_data(as_text=True)
    assert translation("fr", "Economic Buyer") in html and ">Economic Buyer<" not in html  # values stay in English
    assert translation("fr", "Negotiation/Review") in html and ">Negotiation/Review<" not in html
    from graphcrm.records import picklists

    picklists.add(db, "stage", ["Verhandlung Stufe 3"])  # as an import of the org's stages does
    own = records.create(db, Label.OPPORTUNITY, {"name": "Kiosk", "stage": "Verhandlung Stufe 3"},
                         access=Access.system())
    html = browser.client.get(f"/opportunities/{own['id']}", headers={"Accept-Language": "fr-CH"}).get_data(
        as_text=True)
    assert "Verhandlung Stufe 3" in html


def test_csv_headers_speak_the_readers_language_and_scripts_may_ask_for_keys(browser, world):
    text = browser.client.get("/reports/stale.csv?owner=", headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    header = text.removeprefix("\ufeff").splitlines()[0].split(";")  # Swiss and German Excel split on ;
    assert header[:3] == [translation("de", "Person id"), translation("de", "Name"), translation("de", "E-mail")]
    text = browser.client.get("/export/people.csv?header=keys", headers={"Accept-Language": "de-CH"}).get_data(
        as_text=True)
    assert text.removeprefix("\ufeff").startswith("id,")
    campaign = world["spring"]["id"]
    text = browser.client.get(f"/api/v1/campaigns/{campaign}/members.csv?header=labels",
                              headers={"Accept-Language": "fr-CH"}).get_data(as_text=True)
    assert text.removeprefix("\ufeff").startswith(translation("fr", "Letter salutation") + ";")
    text = browser.client.get(f"/api/v1/campaigns/{campaign}/members.csv?header=labels&sep=comma",
                              headers={"Accept-Language": "fr-CH"}).get_data(as_text=True)
    assert text.removeprefix("\ufeff").startswith(translation("fr", "Letter salutation") + ",")
    english = browser.client.get("/reports/stale.csv?owner=", headers={"Accept-Language": "en-GB"}).get_data(
        as_text=True)
    assert english.removeprefix("\ufeff").startswith("Person id,Name,")


def test_migrate_refolds_the_sort_keys_of_an_older_store_once(db):
    from graphcrm.store.db import migrate

    # Keys as the code before folding wrote them: lower case only, so Ä sorted after z.
    db.run_raw("UNWIND $rows AS row CREATE (:Account {id: row[0], name: row[1], sort_key: toLower(row[1])})",
               rows=[["a1", "Ärzte AG"], ["a2", "Zürich AG"], ["a3", "Bank AG"]])
    assert "sort_keys" in migrate(db)
    keys = db.run_raw("MATCH (a:Account) RETURN a.name AS name ORDER BY a.sort_key")
    assert [k["name"] for k in keys] == ["Ärzte AG", "Bank AG", "Zürich AG"]
    assert "sort_keys" not in migrate(db)  # done once, remembered


def test_the_command_line_speaks_the_language_of_lc_all(db, monkeypatch):
    from click.testing import CliRunner

    from graphcrm.cli import main

    monkeypatch.setenv("NEO4J_URI", db.uri)
    for env, language in (({"LC_ALL": "de_CH.UTF-8"}, "de"), ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),
                          ({"LC_ALL": "C.UTF-8"}, "en")):
        result = CliRunner(env=env).invoke(main, ["user", "update", "--email", "ghost@example.ch", "--role", "rep"])
        expected = translation(language, "No user with e-mail %(email)s") % {"email": "ghost@example.ch"}
        assert result.exit_code == 1 and expected in result.output, (env, result.output)


def _new_person_form(browser, tag, **fields):
    """Post the new-person form as a reader of `tag`; the page it lands on (or the form again with errors)."""
    form = {"first_name": "Lea", "last_name": "Roux", "address": "sie", "csrf_token": browser.csrf(), **fields}
    return browser.client.post("/people/new", data=form, headers={"Accept-Language": tag})


@pytest.mark.parametrize("tag, language, country", [
    ("de-CH", "Französisch", "Schweiz"), ("fr-CH", "français", "Suisse"), ("en-GB", "French", "Switzerland"),
    ("de-CH", "fr", "ch"), ("de-DE", "French", "Svizzera")])
def test_language_and_country_are_typed_by_name_and_stored_as_codes(db, browser, tag, language, country):
    resp = _new_person_form(browser, tag, language=language, country=country)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    person_id = resp.headers["Location"].rsplit("/", 1)[1]
    stored = db.run_raw("MATCH (p:Person {id: $id}) RETURN p.language AS language, p.country AS country", id=person_id)
    assert stored == [{"language": "fr", "country": "CH"}]
    # The edit form and the page show the names in the reader's language.
    html = browser.client.get(f"/people/{person_id}/edit", headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    assert 'value="Französisch"' in html and 'value="Schweiz"' in html and '<option value="Österreich">' in html
    page = browser.client.get(f"/people/{person_id}", headers={"Accept-Language": "fr-CH"}).get_data(as_text=True)
    assert "Suisse" in page and "français (fr)" in page


def test_an_unknown_country_or_language_is_named_and_nothing_is_written(db, browser):
    resp = _new_person_form(browser, "de-CH", language="Klingonisch", country="Atlantis")
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    for msgid in ("is not a country we know: type its name (Schweiz, Deutschland) or its code (CH)",
                  "is not a language we know: type its name (Deutsch, français) or its code (de)"):
        assert translation("de", msgid)[1:] in html  # (the form capitalizes the first letter)
    assert 'value="Atlantis"' in html  # the typed value is kept in the form
    assert db.run_raw("MATCH (p:Person {last_name: 'Roux'}) RETURN count(p) AS n") == [{"n": 0}]


@pytest.mark.parametrize("tag, typed, amount", [("de-DE", "1.250,50", 1250.5), ("de-DE", "1.250", 1250),
                                                ("fr-CH", "1 250,5", 1250.5), ("de-CH", "1’250.50", 1250.5),
                                                ("en-GB", "1250.5", 1250.5)])
def test_amounts_are_read_as_the_reader_writes_them(db, browser, tag, typed, amount):
    form = {"name": "Pilot", "stage": "Qualification", "amount": typed, "currency": "EUR", "account": "",
            "csrf_token": browser.csrf()}
    resp = browser.client.post("/opportunities/new", data=form, headers={"Accept-Language": tag})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    assert db.run_raw("MATCH (o:Opportunity {name: 'Pilot'}) RETURN o.amount AS a") == [{"a": amount}]


def test_the_field_history_writes_values_as_the_page_does_and_names_the_tracked_fields(db, browser, world):
    anna = world["anna"]["id"]
    from graphcrm.contacts import lifecycle

    lifecycle.mark_bounced(db, anna, by=browser.user["id"], access=Access.system())
    html = browser.client.get(f"/people/{anna}/history", headers={"Accept-Language": "de-CH"}).get_data(as_text=True)
    assert f"<ins>{translation('de', 'email bounced')}</ins>" in html and "email_bounced" not in html
    assert f"<ins>{translation('de', 'inactive')}</ins>" in html
    tracked = re.search(r'<p class="hint" id="tracked">([^<]*)</p>', html).group(1)
    assert translation("de", "Last name") in tracked and translation("de", "Birthday") not in tracked


def test_search_tells_two_deals_of_one_name_apart(db, browser, world):
    other = records.create(db, Label.ACCOUNT, {"name": "Beta GmbH"}, access=Access.system())
    twin = records.create(db, Label.OPPORTUNITY, {"name": "ERP rollout", "stage": "Prospecting", "amount": 90000,
                                                  "currency": "EUR", "close_date": "2027-01-31"},
                          access=Access.system())
    link(db, "HAS_OPPORTUNITY", other["id"], twin["id"])
    html = browser.client.get("/?q=ERP", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    hits = re.search(r'<section class="card" id="hits-opportunity">.*?</section>', html, re.S).group(0)
    assert "Ärzte AG" in hits and "Beta GmbH" in hits
    assert translation("de", "Negotiation/Review") in hits and translation("de", "Prospecting") in hits
    assert "1.250.000,00\xa0CHF" in hits and "90.000,00\xa0€" in hits and "31.01.2027" in hits
