"""The stale-contacts report agrees with a plain-Python recomputation over the same activities."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from graphcrm.access.policy import Access
from graphcrm.touchpoints.activities import TOUCH_KINDS
from tests.support.apps import open_session
from tests.support.touch_world import UTC, log, log_random, make_world

START, END = dt.datetime(2025, 1, 1, tzinfo=UTC), dt.datetime.now(UTC) - dt.timedelta(hours=1)


@pytest.fixture
def world(db, api):
    """40 people, 300 activities over the last two years in mixed time zones, 6 people never touched."""
    w = make_world(db)
    log_random(db, w, api.user["id"], 300, START, END)
    return w


def expected_stale(world, as_of: dt.datetime, days: int, kind=None, owner=None, account=None, team=None) -> list:
    """Stale contacts computed in Python: [(person, last_touch or None, days_since or None)], in report order."""
    last: dict[str, dt.datetime] = {}
    for act in world.acts:
        if act["kind"] == kind or (kind is None and act["kind"] in TOUCH_KINDS):
            for pid in act["people"]:
                last[pid] = max(last.get(pid, act["at"]), act["at"])
    cutoff = as_of - dt.timedelta(days=days)
    rows = []
    for p in world.people:
        if p["status"] != "active" or p["placeholder"]:
            continue
        if (owner and p["owner"] != owner) or (account and p["account"] != account) or (team and p["team"] != team):
            continue
        when = last.get(p["id"])
        if when is None or when < cutoff:
            rows.append((p["id"], when, None if when is None else (as_of - when).days))
    return sorted(rows, key=lambda r: (r[1] is not None, r[1] or as_of, r[0]))


def fetch_stale(api, limit=7, **filters) -> tuple[list, dt.datetime]:
    """Every page of the API report: [(person, last_touch, days_since)] and the as_of of the first page."""
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v is not None)
    rows, cursor, as_of = [], None, None
    while True:
        resp = api.get(f"/reports/stale?limit={limit}&{query}" + (f"&cursor={cursor}" if cursor else ""))
        assert resp.status_code == 200, resp.json
        body = resp.json
        as_of = as_of or dt.datetime.fromisoformat(body["as_of"])
        assert len(body["items"]) <= limit
        rows += [(r["person"], parse(r["last_touch"]), r["days_since"]) for r in body["items"]]
        cursor = body["next"]
        if not cursor:
            return rows, as_of


def parse(value):
    return None if value is None else dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


# One world for many cases: building it (300 activities through the capability) is the slow part.
CASES = [
    (90, None), (30, None), (0, None),   # any touchpoint; 0 days: everyone not touched right now
    (60, "call"), (200, "meeting"),     # per kind
    (120, "email"), (365, "event"),
]


def test_the_stale_report_agrees_with_python_per_kind_and_filter(api, world):
    for days, kind in CASES:
        rows, as_of = fetch_stale(api, days=days, kind=kind)
        assert rows == expected_stale(world, as_of, days, kind), (days, kind)
        assert rows[0][1] is None, "people never touched come first"
    values = {"owner": world.users[1]["id"], "account": world.accounts[0]["id"], "team": "Finance"}
    for name, value in values.items():
        kind = "call" if name == "team" else None  # filters combine with the kind
        rows, as_of = fetch_stale(api, limit=50, days=45, kind=kind, **{name: value})
        assert rows == expected_stale(world, as_of, 45, kind, **{name: value}), name
        assert 0 < len(rows) < len(expected_stale(world, as_of, 45, kind)), name
    rows, _ = fetch_stale(api, limit=100, days=0)
    left_out = {p["id"] for p in world.people if p["status"] != "active" or p["placeholder"]}
    assert left_out and not left_out & {r[0] for r in rows}, "inactive and placeholder people are never stale"


def test_a_touch_logged_with_an_offset_counts_by_its_utc_instant(api, db, world):
    # Sent as local time at +02:00; the report must see the same instant in UTC.
    target = world.people[-1]["id"]  # never touched so far
    now = dt.datetime.now(UTC)
    at = (now - dt.timedelta(days=10)).astimezone(dt.timezone(dt.timedelta(hours=2)))
    log(db, world, api.user["id"], "call", at, [target], offset=at.tzinfo)
    rows, as_of = fetch_stale(api, limit=100, days=9, kind="call")
    found = {r[0]: r for r in rows}
    assert found[target][1] == at and found[target][2] == 10
    assert target not in {r[0] for r in fetch_stale(api, limit=100, days=11, kind="call")[0]}


@pytest.mark.parametrize("query, field", [("days=-1", "days"), ("days=many", "days"), ("kind=note", "kind"),
                                          ("kind=fax", "kind")])
def test_bad_report_parameters_are_422_naming_them(api, query, field):
    resp = api.get(f"/reports/stale?{query}")
    assert resp.status_code == 422 and field in resp.json["fields"]


def sign_in(client, user):
    open_session(client.application.extensions["graphcrm_db"], client, user)


def test_the_stale_page_lists_my_contacts_and_the_csv_has_every_row(api, client, db, world):
    sign_in(client, api.user)
    html = client.get(f"/reports/stale?days=30&owner={world.users[0]['id']}").get_data(as_text=True)
    assert 'id="stale"' in html and "Download CSV" in html
    resp = client.get("/reports/stale.csv?days=30&owner=")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    table = list(csv.reader(io.StringIO(resp.get_data(as_text=True).removeprefix("\ufeff"))))
    as_of = dt.datetime.now(UTC)
    assert table[0][:2] == ["Person id", "Name"]  # headers for people; ?header=keys gives the keys
    assert [r[0] for r in table[1:]] == [r[0] for r in expected_stale(world, as_of, 30)]


def test_the_csv_defuses_cells_a_spreadsheet_would_run(api, client, db):
    from graphcrm.model import Label
    from graphcrm.records import crud as records

    records.create(db, Label.PERSON, {"first_name": "=HYPERLINK(\"x\")", "last_name": "Evil", "phone": "+41441234567"},
                   access=Access.system())
    sign_in(client, api.user)
    rows = list(csv.reader(io.StringIO(
        client.get("/reports/stale.csv?owner=").get_data(as_text=True).removeprefix("\ufeff"))))
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][3] == "+41441234567"
