"""Logging touchpoints through the API, reading them back, and the quick-log page."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from graphcrm.touchpoints import activities
from tests.support.apps import make_api, open_session

UTC = dt.UTC


@pytest.fixture
def crm(api):
    """Two people at ACME with a deal, and a deal at another account."""
    acme = api.post("/accounts", {"name": "ACME AG"}).json
    other = api.post("/accounts", {"name": "Other AG"}).json
    anna = api.post("/people", {"first_name": "Anna", "last_name": "Keller", "phone": "+41 44 123 45 67"}).json
    ben = api.post("/people", {"first_name": "Ben", "last_name": "Frei"}).json
    deal = api.post("/opportunities", {"name": "ACME Rollout"}).json
    foreign = api.post("/opportunities", {"name": "Other Deal"}).json
    for rel in (("HAS_OPPORTUNITY", acme, deal), ("HAS_OPPORTUNITY", other, foreign), ("EMPLOYS", acme, anna)):
        assert api.post("/relationships", {"type": rel[0], "from": rel[1]["id"], "to": rel[2]["id"]}).status_code == 201
    return {"acme": acme, "other": other, "anna": anna, "ben": ben, "deal": deal, "foreign": foreign}


def activity_count(db) -> int:
    return db.run_raw("MATCH (a:Activity) RETURN count(a) AS n")[0]["n"]


def test_logging_a_meeting_returns_201_with_people_account_and_deal(api, crm):
    resp = api.post("/activities", {"kind": "meeting", "at": "2026-03-02T09:30:00+01:00", "subject": "Kickoff",
                                    "notes": "Went well", "duration": 45,
                                    "people": [crm["anna"]["id"], crm["ben"]["id"]],
                                    "account": crm["acme"]["id"], "opportunity": crm["deal"]["id"]})
    assert resp.status_code == 201, resp.json
    body = resp.json
    assert body["kind"] == "meeting" and body["duration"] == 45 and body["subject"] == "Kickoff"
    assert body["at"].startswith("2026-03-02T08:30:00") and body["at"].endswith(("Z", "+00:00"))
    assert {p["id"] for p in body["people"]} == {crm["anna"]["id"], crm["ben"]["id"]}
    assert {a["kind"]: a["id"] for a in body["about"]} == {"account": crm["acme"]["id"],
                                                            "opportunity": crm["deal"]["id"]}
    assert body["logged_by"]["id"] == api.user["id"]


def test_an_activity_without_a_time_is_logged_now(api, crm):
    before = dt.datetime.now(UTC)
    body = api.post("/activities", {"kind": "call", "people": [crm["anna"]["id"]]}).json
    at = dt.datetime.fromisoformat(body["at"].replace("Z", "+00:00"))
    assert before - dt.timedelta(seconds=1) <= at <= dt.datetime.now(UTC)


@pytest.mark.parametrize("change, field, says", [
    ({"at": "2099-01-01T00:00:00Z"}, "at", "future"),            # more than a day ahead
    ({"people": ["no-such-person"]}, "people", "no-such-person"),  # unknown ids are named
    ({"kind": "lunch"}, "kind", "must be one of"),                 # unknown kind
    ({"people": []}, "people", "at least one"),                    # empty participant list
    ({"people": "anna"}, "people", "list"),                        # not a list
    ({"account": "no-such-account"}, "account", "no-such-account"),
    ({"opportunity": "no-such-deal"}, "opportunity", "no-such-deal"),
    ({"opportunity": "FOREIGN"}, "opportunity", "not a deal of"),  # a deal of another account
    ({"duration": -5}, "duration", "at least"),
    ({"at": "yesterday"}, "at", "ISO 8601"),
    ({"colour": "red"}, "colour", "unknown field"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(api, crm, db, change, field, says):
    body = {"kind": "call", "at": "2026-01-05T10:00:00Z", "people": [crm["anna"]["id"]],
            "account": crm["acme"]["id"], **change}
    if body.get("opportunity") == "FOREIGN":
        body["opportunity"] = crm["foreign"]["id"]
    resp = api.post("/activities", body)
    assert resp.status_code == 422, resp.json
    assert resp.json["error"] == "invalid" and says in resp.json["fields"][field]
    assert activity_count(db) == 0
    assert db.run_raw("MATCH (p:Person) WHERE p.last_touch_at IS NOT NULL RETURN count(p) AS n")[0]["n"] == 0


def test_an_activity_a_few_hours_ahead_is_accepted(api, crm):
    soon = (dt.datetime.now(UTC) + dt.timedelta(hours=20)).isoformat()
    assert api.post("/activities", {"kind": "meeting", "at": soon, "people": [crm["anna"]["id"]]}).status_code == 201


def test_several_unknown_people_are_all_named(api, crm, db):
    resp = api.post("/activities", {"kind": "call", "people": [crm["anna"]["id"], "ghost-1", "ghost-2"]})
    assert resp.status_code == 422
    assert "ghost-1" in resp.json["fields"]["people"] and "ghost-2" in resp.json["fields"]["people"]
    assert activity_count(db) == 0


def test_a_persons_activities_come_newest_first_in_pages(api, crm):
    times = [dt.datetime(2026, 1, d, 12, tzinfo=UTC) for d in (3, 1, 7, 5, 2)]
    for i, at in enumerate(times):
        assert api.post("/activities", {"kind": "email", "at": at.isoformat(), "subject": f"m{i}",
                                         "people": [crm["anna"]["id"]]}).status_code == 201
    api.post("/activities", {"kind": "email", "at": "2026-01-09T00:00:00Z", "people": [crm["ben"]["id"]]})
    seen, cursor = [], None
    while True:
        page = api.get(f"/people/{crm['anna']['id']}/activities?limit=2" + (f"&cursor={cursor}" if cursor else "")).json
        assert len(page["items"]) <= 2
        seen += [a["at"][:10] for a in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert seen == [t.date().isoformat() for t in sorted(times, reverse=True)]


def test_activities_of_an_unknown_person_are_404(api):
    assert api.get("/people/nobody/activities").status_code == 404


def test_a_viewer_may_not_log_activities(db, client, crm):
    viewer = make_api(db, client, "viewer")
    assert viewer.post("/activities", {"kind": "call", "people": [crm["anna"]["id"]]}).status_code == 403


def test_logging_keeps_the_last_touch_fields_and_a_full_refresh_agrees(api, crm, db):
    anna = crm["anna"]["id"]
    for kind, at in (("call", "2026-02-01T10:00:00Z"), ("call", "2026-01-01T10:00:00Z"),
                     ("note", "2026-03-01T10:00:00Z"), ("meeting", "2026-01-15T10:00:00+01:00")):
        api.post("/activities", {"kind": kind, "at": at, "people": [anna]})
    fields = "p.last_touch_at AS touch, p.last_call_at AS call, p.last_meeting_at AS meeting, p.last_note_at AS note"
    before = db.run_raw(f"MATCH (p:Person {{id: $id}}) RETURN {fields}", id=anna)[0]
    assert before["touch"].iso_format().startswith("2026-02-01T10:00")  # a note is not a touchpoint
    assert before["meeting"].iso_format().startswith("2026-01-15T09:00")
    assert before["note"].iso_format().startswith("2026-03-01")
    db.run_raw("MATCH (p:Person) REMOVE p.last_touch_at, p.last_call_at, p.last_meeting_at, p.last_note_at")
    assert activities.refresh_touch_fields(db) == 2
    assert db.run_raw(f"MATCH (p:Person {{id: $id}}) RETURN {fields}", id=anna)[0] == before


def test_strength_grows_with_touchpoints_and_comes_from_strength_py(api, crm):
    from graphcrm.touchpoints import strength

    anna = crm["anna"]["id"]
    assert api.get(f"/people/{anna}/strength").json["strength"] == 0.0
    now = dt.datetime.now(UTC)
    api.post("/activities", {"kind": "meeting", "at": (now - dt.timedelta(days=90)).isoformat(), "people": [anna]})
    body = api.get(f"/people/{anna}/strength").json
    expected = strength.strength(strength.Touches(counts={"meeting": 1}, decayed={"meeting": 0.5}))
    assert body["strength"] == pytest.approx(expected, abs=1e-3)
    assert body["you"]["touchpoints"] == 1 and body["users"][0]["user"]["id"] == api.user["id"]
    assert api.get("/people/nobody/strength").status_code == 404


def test_the_openapi_document_lists_the_touchpoint_routes(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/activities", "/people/{record_id}/activities", "/people/{record_id}/strength", "/people/overdue",
                 "/reports/stale", "/reports/kpi", "/targets", "/targets/{target_id}"):
        assert path in paths


def sign_in(client, user: dict) -> str:
    """Start a browser session for `user`; return its CSRF token."""
    open_session(client.application.extensions["graphcrm_db"], client, user, csrf="test-csrf-token")
    return "test-csrf-token"


def test_the_quick_log_page_offers_a_tel_link_and_a_prefilled_call(api, client, crm):
    sign_in(client, api.user)
    html = client.get(f"/people/{crm['anna']['id']}/log").get_data(as_text=True)
    assert 'href="tel:+41441234567"' in html
    assert re.search(r'value="call"\s+checked', html) and "Call with Anna Keller" in html
    assert re.search(r'name="at" value="\d{4}-\d\d-\d\dT\d\d:\d\d"', html)
    assert "<script>" not in html  # scripts come from files only


def test_the_quick_log_form_logs_a_call_in_the_phones_time_zone(api, client, crm, db):
    token = sign_in(client, api.user)
    resp = client.post(f"/people/{crm['anna']['id']}/log", data={
        "csrf_token": token, "kind": "call", "at": "2026-03-01T00:30", "tz": "+01:00", "duration": "12",
        "subject": "Call with Anna Keller", "notes": "", "account": crm["acme"]["id"]})
    assert resp.status_code == 302 and "logged=" in resp.headers["Location"]
    item = api.get(f"/people/{crm['anna']['id']}/activities").json["items"][0]
    assert item["at"].startswith("2026-02-28T23:30") and item["duration"] == 12 and item["kind"] == "call"


def test_the_quick_log_form_shows_errors_and_keeps_the_input(api, client, crm, db):
    token = sign_in(client, api.user)
    resp = client.post(f"/people/{crm['anna']['id']}/log", data={
        "csrf_token": token, "kind": "call", "at": "2099-01-01T10:00", "duration": "ten", "subject": "Kept"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "future" in html and "must be a number" in html and 'value="Kept"' in html
    assert activity_count(db) == 0


def test_the_person_page_partial_shows_last_touches_strength_and_targets(api, app, crm, db):
    from flask import g, render_template_string

    anna = crm["anna"]["id"]
    long_ago = (dt.datetime.now(UTC) - dt.timedelta(days=400)).replace(hour=12)  # before this quarter
    api.post("/activities", {"kind": "call", "at": long_ago.isoformat(), "people": [anna]})
    api.post("/targets", {"scope": "person", "scope_id": anna, "period": "quarter", "min_touchpoints": 2})
    with app.test_request_context("/"):
        g.user = api.user
        html = render_template_string('{% include "touchpoints/_touchpoints_person.html" %}', p=crm["anna"])
    assert 'id="touchpoints"' in html and long_ago.strftime("%d.%m.%Y") in html  # Swiss format
    assert 'id="tp-strength"' in html and 'id="tp-targets"' in html and "0 of 2" in html
    assert f'href="/people/{anna}/log"' in html
