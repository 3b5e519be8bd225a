"""KPI targets and the KPI report, checked against a plain-Python recomputation of the same data."""
from __future__ import annotations

import datetime as dt

import pytest

from graphcrm.access.policy import Access
from graphcrm.touchpoints import targets as kpi
from tests.support.apps import make_api, open_session
from tests.support.touch_world import UTC, log, log_random, make_world

YEAR_START, YEAR_END = dt.datetime(2025, 1, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, tzinfo=UTC)
PERIODS = {  # key: (type, start, end), boundaries in UTC
    "2025-Q1": ("quarter", dt.datetime(2025, 1, 1, tzinfo=UTC), dt.datetime(2025, 4, 1, tzinfo=UTC)),
    "2025-Q2": ("quarter", dt.datetime(2025, 4, 1, tzinfo=UTC), dt.datetime(2025, 7, 1, tzinfo=UTC)),
    "2025-Q4": ("quarter", dt.datetime(2025, 10, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, tzinfo=UTC)),
    "2025-03": ("month", dt.datetime(2025, 3, 1, tzinfo=UTC), dt.datetime(2025, 4, 1, tzinfo=UTC)),
    "2025-04": ("month", dt.datetime(2025, 4, 1, tzinfo=UTC), dt.datetime(2025, 5, 1, tzinfo=UTC)),
    "2025-12": ("month", dt.datetime(2025, 12, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, tzinfo=UTC)),
    "2025": ("year", YEAR_START, YEAR_END),
}
SEVERITY = {"missed": 0, "at_risk": 1, "on_track": 2, "met": 3}


def post_target(api, scope, scope_id, period, minimum, kinds=None):
    body = {"scope": scope, "scope_id": scope_id, "period": period, "min_touchpoints": minimum}
    if kinds:
        body["kinds"] = kinds
    resp = api.post("/targets", body)
    assert resp.status_code == 201, resp.json
    return resp.json


@pytest.fixture
def world(db, api):
    """Owner defaults, own person targets, an account target; 300 activities in 2025 plus boundary cases."""
    w = make_world(db, seed=3)
    u0, u1 = w.users[0]["id"], w.users[1]["id"]
    w.targets = [
        post_target(api, "user", u0, "quarter", 3, ["call", "meeting"]),
        post_target(api, "user", u0, "year", 10, ["meeting", "call", "email"]),
        post_target(api, "user", u1, "quarter", 2),
        post_target(api, "user", u1, "month", 1, ["call"]),
        post_target(api, "person", w.people[0]["id"], "quarter", 1, ["email"]),  # beats its owner's default
        post_target(api, "person", w.people[2]["id"], "month", 2, ["note", "call"]),  # owner u2 has none
        post_target(api, "account", w.accounts[0]["id"], "quarter", 25),
    ]
    log_random(db, w, api.user["id"], 300, YEAR_START, YEAR_END, seed=5)
    p0, p1 = w.people[0]["id"], w.people[1]["id"]
    by, plus1, plus2 = api.user["id"], dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=2))
    for at, offset, kind, who in [
        (dt.datetime(2025, 4, 1, tzinfo=UTC), UTC, "email", p0),                  # exactly at Q2's start: Q2
        (dt.datetime(2025, 4, 1, tzinfo=UTC) - dt.timedelta(microseconds=1), UTC, "email", p0),  # last instant of Q1
        (dt.datetime(2025, 4, 1, 1, 30, tzinfo=plus2), plus2, "call", p1),      # 23:30 UTC on 31 March: Q1
        (dt.datetime(2025, 4, 1, 0, 30, tzinfo=plus1), plus1, "call", p1),      # 23:30 UTC on 31 March: Q1
        (dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC), UTC, "call", p1),   # last second of 2025
        (dt.datetime(2026, 1, 1, 0, 30, tzinfo=plus1), plus1, "call", p1),      # still 2025 in UTC
        (dt.datetime(2026, 1, 1, tzinfo=UTC), UTC, "call", p1),                  # 2026: outside every period here
    ]:
        log(db, w, by, kind, at, [who], offset=offset)
    return w


def effective(world, person: dict, period_type: str) -> tuple[dict, str] | None:
    """The target that applies to a person in Python: its own, else its owner's default."""
    own = [t for t in world.targets if t["scope_id"] == person["id"] and t["period"] == period_type]
    if own:
        return own[0], "person"
    default = [t for t in world.targets if t["scope_id"] == person["owner"] and t["period"] == period_type]
    return (default[0], "owner") if default else None


def expected_status(n: int, minimum: int, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> str:
    if n >= minimum:
        return "met"
    if now >= end:
        return "missed"
    if now <= start:
        return "on_track"
    return "on_track" if n >= minimum * (now - start) / (end - start) else "at_risk"


def expected_people(world, key: str, now: dt.datetime, owner=None) -> list[tuple]:
    """[(person, count, status, via)] in report order, recomputed from the logged activities."""
    ptype, start, end = PERIODS[key]
    out = []
    for p in world.people:
        found = effective(world, p, ptype)
        if found is None or p["status"] != "active" or p["placeholder"] or (owner and p["owner"] != owner):
            continue
        target, via = found
        n = sum(1 for a in world.acts if p["id"] in a["people"] and a["kind"] in target["kinds"]
                and start <= a["at"] < end)
        status = expected_status(n, target["min_touchpoints"], start, end, now)
        out.append((p["id"], n, status, via, (SEVERITY[status], n * 1000 // target["min_touchpoints"], p["id"])))
    return [row[:4] for row in sorted(out, key=lambda r: r[4])]


def expected_account(world, key: str) -> int:
    """Distinct activities about the account or with someone it employs, of the target's kinds, in the period."""
    _, start, end = PERIODS[key]
    acme = world.accounts[0]["id"]
    staff = {p["id"] for p in world.people if p["account"] == acme}
    kinds = next(t for t in world.targets if t["scope"] == "account")["kinds"]
    return sum(1 for a in world.acts if a["kind"] in kinds and start <= a["at"] < end
               and (a["account"] == acme or staff & set(a["people"])))


def fetch_people(api, key: str, limit=9, **filters) -> tuple[dict, list]:
    """The first report page and every person row over all pages."""
    query = "".join(f"&{k}={v}" for k, v in filters.items())
    first, rows, cursor = None, [], None
    while True:
        resp = api.get(f"/reports/kpi?period={key}&limit={limit}{query}" + (f"&cursor={cursor}" if cursor else ""))
        assert resp.status_code == 200, resp.json
        first = first or resp.json
        page = resp.json["people"]
        rows += [(r["person"], r["count"], r["status"], r["target"]["via"]) for r in page["items"]]
        cursor = page["next"]
        if not cursor:
            return first, rows


def test_the_kpi_report_agrees_with_python_for_months_quarters_and_the_year(api, world):
    now = dt.datetime.now(UTC)
    for key, (ptype, start, _end) in PERIODS.items():
        report, rows = fetch_people(api, key)
        assert report["period"]["type"] == ptype and report["period"]["start"].startswith(start.date().isoformat())
        expected = expected_people(world, key, now)
        assert rows == expected, key
        for status in kpi.STATUSES:
            assert report["totals"][status] == sum(1 for r in expected if r[2] == status), (key, status)
        by_owner = {(o["owner"] or {}).get("id"): o for o in report["owners"]}
        for user in world.users:
            mine = [r for r in expected if world.person(r[0])["owner"] == user["id"]]
            for status in kpi.STATUSES:
                assert (by_owner[user["id"]][status] if mine else 0) == sum(1 for r in mine if r[2] == status)
        accounts = report["accounts"]
        if ptype == "quarter":
            assert [(a["account"], a["count"]) for a in accounts] == [(world.accounts[0]["id"],
                                                                       expected_account(world, key))], key
        else:
            assert accounts == []


def test_period_boundaries_count_the_utc_instant(api, db):
    person = api.post("/people", {"last_name": "Grenz"}).json["id"]
    post_target(api, "person", person, "quarter", 5, ["email"])
    post_target(api, "person", person, "month", 5, ["email"])
    q2_start = dt.datetime(2025, 4, 1, tzinfo=UTC)
    for at in (q2_start.isoformat(),                                         # exactly Q2's start: Q2, April
               (q2_start - dt.timedelta(microseconds=1)).isoformat(),        # Q1's last instant: Q1, March
               "2025-04-01T01:30:00+02:00", "2025-04-01T00:59:00+01:00",     # local 1 April = 31 March UTC
               "2025-06-30T23:30:00-01:00"):                                 # local 30 June = 1 July UTC: Q3
        assert api.post("/activities", {"kind": "email", "at": at, "people": [person]}).status_code == 201
    counts = {key: api.get(f"/reports/kpi?period={key}").json["people"]["items"][0]["count"]
              for key in ("2025-Q1", "2025-Q2", "2025-Q3", "2025-03", "2025-04", "2025-06", "2025-07")}
    assert counts == {"2025-Q1": 3, "2025-Q2": 1, "2025-Q3": 1, "2025-03": 3, "2025-04": 1, "2025-06": 0,
                      "2025-07": 1}


def test_the_owner_filter_narrows_the_report(api, world):
    owner = world.users[1]["id"]
    report, rows = fetch_people(api, "2025-Q4", owner=owner)
    assert rows == expected_people(world, "2025-Q4", dt.datetime.now(UTC), owner=owner)
    assert [o["owner"]["id"] for o in report["owners"]] == [owner]


def test_a_running_period_is_on_track_or_at_risk_by_linear_pace(db, world):
    ptype, start, end = PERIODS["2025-Q2"]
    for fraction in (0.0, 0.25, 0.5, 0.9, 1.0):  # not started, running (three paces), just over
        now = start + dt.timedelta(seconds=int((end - start).total_seconds() * fraction))
        report = kpi.kpi_report(db, "2025-Q2", limit=500, now=now, access=Access.system())
        rows = [(r["person"], r["count"], r["status"], r["target"]["via"]) for r in report["people"]["items"]]
        assert rows == expected_people(world, "2025-Q2", now), fraction
        statuses = {r[2] for r in rows}
        assert ("missed" in statuses) == (fraction == 1.0), fraction
        if fraction == 0.5:
            assert {"at_risk", "on_track", "met"} <= statuses


@pytest.mark.parametrize("text, key, start, end", [
    ("2026-Q4", "2026-Q4", "2026-10-01", "2027-01-01"),
    ("2026-11", "2026-11", "2026-11-01", "2026-12-01"),
    ("2026-12", "2026-12", "2026-12-01", "2027-01-01"),  # a month that ends in the next year
    ("2026", "2026", "2026-01-01", "2027-01-01"),
])
def test_periods_are_calendar_periods_in_utc(text, key, start, end):
    period = kpi.parse_period(text)
    assert (period.key, period.start.isoformat()[:10], period.end.isoformat()[:10]) == (key, start, end)
    assert period.start.tzinfo == UTC


@pytest.mark.parametrize("query, field", [("period=2026-13", "period"), ("period=2026-Q5", "period"),
                                          ("period=Q4", "period"), ("status=great", "status"),
                                          ("period=9999-Q4", "period"), ("period=١٢٣٤", "period")])
def test_bad_kpi_parameters_are_422_naming_them(api, query, field):
    resp = api.get(f"/reports/kpi?{query}")
    assert resp.status_code == 422 and field in resp.json["fields"]


def test_targets_can_be_set_listed_read_and_deleted(api, db):
    person = api.post("/people", {"last_name": "Keller"}).json
    target = post_target(api, "person", person["id"], "month", 2, ["call"])
    assert target["scope"] == "person" and target["kinds"] == ["call"] and target["scope_name"] == "Keller"
    assert api.post("/targets", {"scope": "person", "scope_id": person["id"], "period": "month",
                                 "min_touchpoints": 1}).status_code == 409  # one per record and period type
    assert [t["id"] for t in api.get(f"/targets?scope_id={person['id']}").json["items"]] == [target["id"]]
    assert api.get(f"/targets/{target['id']}").json["min_touchpoints"] == 2
    assert api.delete(f"/targets/{target['id']}").status_code == 204
    assert api.get(f"/targets/{target['id']}").status_code == 404
    assert db.run_raw("MATCH (t:Target) RETURN count(t) AS n")[0]["n"] == 0


@pytest.mark.parametrize("body, field", [
    ({"scope": "planet"}, "scope"), ({"scope_id": "nobody"}, "scope_id"), ({"period": "week"}, "period"),
    ({"min_touchpoints": 0}, "min_touchpoints"), ({"kinds": ["fax"]}, "kinds"),
])
def test_bad_targets_are_422_naming_the_field(api, db, body, field):
    person = api.post("/people", {"last_name": "Keller"}).json
    resp = api.post("/targets", {"scope": "person", "scope_id": person["id"], "period": "month",
                                 "min_touchpoints": 2, **body})
    assert resp.status_code == 422 and field in resp.json["fields"], resp.json
    assert db.run_raw("MATCH (t:Target) RETURN count(t) AS n")[0]["n"] == 0


def test_a_rep_sets_targets_for_people_but_not_defaults_for_other_users(api, db, client):
    rep = make_api(db, client, "rep")
    person = api.post("/people", {"last_name": "Keller"}).json
    assert rep.post("/targets", {"scope": "person", "scope_id": person["id"], "period": "month",
                                 "min_touchpoints": 1}).status_code == 201
    assert rep.post("/targets", {"scope": "user", "scope_id": api.user["id"], "period": "month",
                                 "min_touchpoints": 1}).status_code == 403
    assert rep.post("/targets", {"scope": "user", "scope_id": rep.user["id"], "period": "month",
                                 "min_touchpoints": 1}).status_code == 201


def test_overdue_ratio_compares_the_last_touch_with_the_targets_rhythm(api, db):
    now = dt.datetime.now(UTC)
    due, free, never = (api.post("/people", {"last_name": n}).json["id"] for n in ("Due", "Free", "Never"))
    post_target(api, "person", due, "quarter", 3, ["call"])   # one call every ~30.4 days
    post_target(api, "person", never, "month", 1)
    api.post("/activities", {"kind": "call", "at": (now - dt.timedelta(days=61)).isoformat(), "people": [due]})
    api.post("/activities", {"kind": "email", "at": (now - dt.timedelta(days=1)).isoformat(), "people": [due]})
    ratios = kpi.overdue_ratio(db, [due, free, never, "nobody"])
    assert ratios[due] == pytest.approx(61 / (365.25 / 4 / 3), abs=0.01)  # the e-mail does not count
    assert ratios[free] is None and ratios["nobody"] is None
    assert 0 <= ratios[never] < 0.01  # never touched: counted from creation, a moment ago
    items = api.get(f"/people/overdue?ids={due},{free}").json["items"]
    assert [(i["person"], i["ratio"]) for i in items] == [(due, ratios[due]), (free, None)]
    assert api.get("/people/overdue").status_code == 422


def test_the_kpi_dashboard_draws_its_charts_as_svg_without_scripts(api, client, db):
    person = api.post("/people", {"first_name": "Anna", "last_name": "Keller"}).json["id"]
    post_target(api, "person", person, "month", 1, ["call"])
    api.post("/activities", {"kind": "call", "at": "2025-03-10T10:00:00Z", "people": [person]})
    api.post("/relationships", {"type": "OWNS", "from": api.user["id"], "to": person})
    open_session(db, client, api.user)
    html = client.get("/reports/kpi?period=2025-03").get_data(as_text=True)
    assert "<svg" in html and 'fill="#137a4b"' in html and "Anna Keller" in html  # met: green
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert 'href="/reports/kpi?period=2025-02"' in html and 'href="/reports/kpi?period=2025-04"' in html
    resp = client.get("/reports/kpi?period=2025-13")
    assert resp.status_code == 422 and "YYYY-MM" in resp.get_data(as_text=True)
