"""Logging a call from a phone: the quick-log page at 375x740 in a real Chromium."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from graphcrm import records
from graphcrm.model import Label
from graphcrm.users import create_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(chromium, live_server):
    """A phone-sized page in New York time (not the server's Swiss default), watched for errors."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, timezone_id="America/New_York")
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.text} {m.location}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("request", lambda r: problems.append(r.url) if urlsplit(r.url).scheme in ("http", "https")
            and urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield page
    context.close()
    assert problems == []


def test_a_rep_calls_a_contact_and_logs_the_call_from_a_phone(db, live_server, phone):
    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    anna = records.create(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "phone": "044 123 45 67"})
    phone.goto(f"{live_server}/login")
    phone.fill("input[name=email]", user["email"])
    phone.fill("input[name=password]", PASSWORD)
    phone.click("button[type=submit]")
    phone.wait_for_url(f"{live_server}/")

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
