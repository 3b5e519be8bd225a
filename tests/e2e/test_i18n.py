"""A German and a French user in a real browser: every main page, and what the scripts draw, in their language."""
from __future__ import annotations

import pytest

from graphcrm.access.users import create_user
from tests.e2e.conftest import PASSWORD, sign_in, watched_page
from tests.support.graphdata import deal_world
from tests.support.i18n_pages import html_lang, leftover_english, translation

pytestmark = pytest.mark.e2e


@pytest.fixture
def localized_page(chromium, live_server):
    """Opens a page in a browser that asks for a language; fails the test on page errors or other hosts."""
    pages = []

    def open_page(tag):
        page = watched_page(chromium.new_context(locale=tag, viewport={"width": 1400, "height": 900}), live_server)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.context.close()
    for page in pages:
        assert page.watch.errors == [] and page.watch.foreign == [], (page.watch.errors, page.watch.foreign)


@pytest.mark.parametrize("tag, language", [("de-CH", "de"), ("fr-CH", "fr")])
def test_a_user_of_each_language_finds_no_english_left(db, live_server, localized_page, tag, language):
    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    w = deal_world(db, user, "Bergbahnen Ärzte AG")
    page = localized_page(tag)
    page.goto(f"{live_server}/login")
    assert html_lang(page.content()) == tag
    assert page.inner_text("button[type=submit]").strip() == translation(language, "Sign in")
    page.fill("input[name=email]", user["email"])
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")

    pages = {
        "/": None, f"/people/{w['peter']['id']}": None, f"/accounts/{w['acme']['id']}": None,
        f"/opportunities/{w['deal']['id']}": None, "/campaigns": None, "/contacts/lost": None,
        "/reports/stale": None, "/reports/kpi": None, "/me": None, f"/people/{w['peter']['id']}/log": None,
        f"/explore?center={w['acme']['id']}&depth=1": "#graph[data-state='ready']",
        f"/opportunities/{w['deal']['id']}/influence": "#graph[data-state='ready']",
        f"/people/{w['anna']['id']}/introductions": "#graph[data-state]",
    }
    left = {}
    for path, ready in pages.items():
        page.goto(f"{live_server}{path}")
        if ready:
            page.wait_for_selector(ready)
        html = page.content()
        assert html_lang(html) == tag, path
        if leftover_english(html, language):
            left[path] = leftover_english(html, language)
    assert left == {}, "\n".join(f"{path}: {texts}" for path, texts in left.items())


def test_the_explorer_draws_its_texts_from_the_catalogue(db, live_server, localized_page):
    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    w = deal_world(db, user, "Bergbahnen Ärzte AG")
    page = localized_page("fr-CH")
    sign_in(page, live_server, user["email"])
    page.goto(f"{live_server}/explore?center={w['acme']['id']}&depth=1")
    page.wait_for_selector("#graph[data-state='ready']")
    shown = page.get_attribute("#graph", "data-nodes")
    status = page.inner_text("#explore-status")
    assert status == translation("fr", "Showing %(shown)s of %(total)s.") % {"shown": shown, "total": shown}
    assert status != f"Showing {shown} of {shown}."
    assert page.evaluate("() => window.GRAPHCRM_I18N.locale") == "fr-CH"
    assert page.evaluate("() => Crm.tn('%(num)d path found; the first is highlighted.', "
                         "'%(num)d paths found; the first is highlighted.', 0)").startswith("0 ")
