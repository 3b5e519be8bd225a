"""The job-change workflow from a phone: bounce a contact, record the new employer, see the career."""
from __future__ import annotations

import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships

from .conftest import PASSWORD, PHONE, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(phone_page):
    """A phone-sized page that fails the test on console errors, failed requests or other hosts."""
    return phone_page()


def test_a_rep_bounces_a_contact_then_records_the_new_employer_from_a_phone(db, live_server, phone):
    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    acme = records.create(db, Label.ACCOUNT, {"name": "ACME AG"}, access=Access.system())
    records.create(db, Label.ACCOUNT, {"name": "Bergbahnen AG"}, access=Access.system())
    anna = records.create(db, Label.PERSON, {"salutation": "Frau", "first_name": "Anna", "last_name": "Keller",
                                             "email": "anna@acme.ch", "title": "CFO"}, access=Access.system())
    for rel, source, target, props in (("EMPLOYS", acme["id"], anna["id"], {"primary": True, "title": "CFO",
                                                                            "since": "2015-04-01"}),
                                       ("OWNS", user["id"], anna["id"], {"address": "sie"})):
        relationships.link(db, {"type": rel, "from": source, "to": target, "properties": props}, access=Access.system())

    sign_in(phone, live_server, user["email"])

    phone.goto(f"{live_server}/people/{anna['id']}")
    assert "Sehr geehrte Frau Keller" in phone.inner_text("#letter")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    phone.locator("#lifecycle button", has_text="E-mail bounced").tap()
    phone.wait_for_url(lambda url: url.endswith("#status"))
    assert "email bounced" in phone.inner_text("#status")

    phone.locator("#move-link").tap()
    phone.wait_for_url(lambda url: url.endswith("/move"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.fill("#move-account", "Bergbahnen AG")
    phone.fill("#move-title", "CEO")
    phone.fill("#move-since", "2026-10-01")
    phone.locator("button[type=submit]", has_text="Save the move").tap()
    phone.wait_for_url(lambda url: url.endswith("#career"))

    assert "moved" in phone.inner_text(".flash")
    assert phone.locator("#status").count() == 0  # active again
    now, former = phone.inner_text("#career-now"), phone.inner_text("#career-former")
    assert "Bergbahnen AG" in now and "CEO" in now and "ACME AG" not in now
    assert "ACME AG" in former and "former" in former and "01.04.2015 – 01.10.2026" in former
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = db.run_raw("MATCH (p:Person {id: $id})-[r:WORKED_AT]->(a:Account) RETURN a.name AS a, r.title AS t",
                      id=anna["id"])
    assert rows == [{"a": "ACME AG", "t": "CFO"}]
