"""Logging a call from a phone: the quick-log page at 375x740 in a real Chromium."""
from __future__ import annotations

import datetime as dt

import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.model import Label
from graphcrm.records import crud as records

from .conftest import PASSWORD, PHONE, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(phone_page):
    """A phone-sized page in New York time (not the server's Swiss default)."""
    return phone_page(timezone_id="America/New_York")


def test_a_rep_calls_a_contact_and_logs_the_call_from_a_phone(db, live_server, phone):
    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    anna = records.create(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "phone": "044 123 45 67"},
                          access=Access.system())
    sign_in(phone, live_server, user["email"])

    phone.goto(f"{live_server}/people/{anna['id']}/log")
    call = phone.locator("a.tp-tel")
    assert call.get_attribute("href") == "tel:+41441234567" and call.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert phone.is_checked("input[name=kind][value=call]")
    assert phone.input_value("#subject") == "Call with Anna Keller"
    local_now = phone.evaluate("new Date().toISOString()")
    assert phone.input_value("#at")  # prefilled by touchpoints.js with the phone's local time

    phone.fill("#duration", "7")
    phone.fill("#notes", "Wants the offer by Friday")
    submit = phone.locator("#log-submit")
    assert submit.inner_text() == "Log this call"
    submit.tap()
    phone.wait_for_url(lambda url: "logged=" in url)
    assert phone.locator("#logged").is_visible()
    assert "Call with Anna Keller" in phone.inner_text("#recent")

    rows = db.run_raw("MATCH (:User {id: $u})-[:LOGGED]->(a:Activity {kind: 'call'})-[:WITH]->(:Person {id: $p}) "
                      "RETURN a.at AS at, a.duration AS duration, a.notes AS notes", u=user["id"], p=anna["id"])
    assert len(rows) == 1 and rows[0]["duration"] == 7 and rows[0]["notes"] == "Wants the offer by Friday"
    # The form holds minutes in New York time; the stored instant is the real one, in UTC.
    stored = rows[0]["at"].to_native()
    browser_now = dt.datetime.fromisoformat(local_now.replace("Z", "+00:00"))
    assert abs(stored - browser_now) < dt.timedelta(minutes=2)
