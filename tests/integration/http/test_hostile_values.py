"""Hostile values at every route, for a signed-in rep and viewer: always a 4xx in the contract's shape,
never a 500; each finding of the inside probe as a regression test; a runaway query is stopped."""
from __future__ import annotations

import base64
import functools
import io
import json
import math
import re
import threading
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.access.policy import Access
from graphcrm.contacts import ownership
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from tests.support.apps import build_app, make_api

SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
# One value of each class the probe used: coordinates off the globe, dates that are not dates or
# not in any calendar a datetime holds, periods in year 9999, limits beyond any integer, enums
# outside their domain, tampered cursors, and text that is no number.
CLASS_VALUES = [
    "1e300", "-1e308", "1e400", "nan", "inf", "-inf", "361", "-91", "1e-400",         # coordinates
    "2026-02-30", "99999-01-01", "0000-00-00", "9999-12-31T23:59:59-14:00", "yesterday", "2026-13",  # dates
    "9999-Q4", "0000", "2026-Q0", "١٢٣٤",                                              # periods
    "-1", "0", "18446744073709551617", "1e3", "", " ",                                 # limits
    "EMPLOYS` DETACH DELETE n", "Decision\u0000Maker", "a" * 5000,                    # enums and text
    base64.urlsafe_b64encode(b'["2026-01-01", "x"]').decode(),                         # an unsigned cursor
    "eyJ4Ijoi.AAAA", "[[[[", "%00",
]
QUERY_NAMES = ("q", "cursor", "limit", "sf_id", "account", "owner", "status", "center", "depth", "types", "from",
               "to", "k", "rank", "max_hops", "days", "kind", "period", "lat", "lon", "radius_km", "near", "as_of",
               "before", "user", "action", "bbox", "ids", "scope", "scope_id", "format", "offset", "mine")
# Every field any JSON body of the API knows, so generated bodies reach the checks behind the shape.
BODY_KEYS = ("type", "from", "to", "properties", "people", "kind", "at", "subject", "notes", "duration",
             "account", "opportunity", "title", "department", "since", "email", "date", "into", "user", "address",
             "kinds", "scope", "scope_id", "period", "min_touchpoints", "lat", "lon", "all", "limit", "format",
             "nodes", "as_of", "status", "filter", "current", "new", "role", "active", "name", "last_name",
             "first_name", "birthdate", "mobile", "interests", "amount", "stage", "close_date", "version", "q")
HOSTILE_SCALARS = [1e300, -1e308, math.nan, math.inf, -math.inf, 2**64, -(2**63) - 1, 0, -1, True, None, "",
                   " ", "\u0000", "9999-12-31T23:59:59-14:00", "2026-02-30", "99999-01-01", "x" * 20_000,
                   "EMPLOYS` DETACH DELETE n //", "<script>alert(1)</script>", [], {}, [[]], [None], {"": None}]
json_leaf = st.one_of(st.sampled_from(HOSTILE_SCALARS), st.none(), st.booleans(), st.integers(-2**70, 2**70),
                      st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(BODY_KEYS), st.text(max_size=8)),
                                                 inner, max_size=6)), max_leaves=25)
json_body = st.one_of(
    st.dictionaries(st.sampled_from(BODY_KEYS), json_value, max_size=8),  # the right shape, hostile values
    json_value,                                                           # any shape at all
)


@pytest.fixture
def world(db, client):
    """A rep who owns a few records (so that writes get past permissions to the values), and a viewer."""
    users = {"rep": make_api(db, client, "rep", "rita@example.ch"),
             "viewer": make_api(db, client, "viewer", "vera@example.ch")}
    new = functools.partial(records.create, access=Access.system())
    ids = {"account": new(db, Label.ACCOUNT, {"name": "ACME AG", "city": "Basel"})["id"],
           "person": new(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller"})["id"],
           "opportunity": new(db, Label.OPPORTUNITY, {"name": "Cloud"})["id"],
           "campaign": new(db, Label.CAMPAIGN, {"name": "Apero"})["id"]}
    relationships.link(db, {"type": "EMPLOYS", "from": ids["account"], "to": ids["person"]}, access=Access.system())
    relationships.link(db, {"type": "HAS_OPPORTUNITY", "from": ids["account"], "to": ids["opportunity"]},
                       access=Access.system())
    for key in ("account", "person"):
        ownership.set_owner(db, ids[key], {"user": users["rep"].user["id"]}, access=Access.system())
    ids["user"] = users["rep"].user["id"]
    return users, ids


def _fill(rule: str, ids: dict) -> str:
    """A rule's path with its parameters filled by a record of the matching kind."""
    def value(match):
        name = match.group(1)
        for kind in ("person", "account", "opportunity", "campaign", "user"):
            if kind in name or (name in ("id", "record_id") and f"/{kind}" in rule.replace("people", "person")):
                return ids[kind]
        return ids["person"] if name in ("id", "record_id", "target_id", "job_id") else "x"
    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule)


def _assert_contract_shape(resp, what):
    """A 4xx answer of the API is the contract's error body; no answer is a 5xx."""
    assert resp.status_code < 500, (what, resp.status_code, resp.get_data(as_text=True)[:300])
    if resp.status_code >= 400 and resp.mimetype == "application/json":
        body = resp.json
        assert isinstance(body.get("error"), str) and isinstance(body.get("message"), str), (what, body)
        assert isinstance(body.get("fields", {}), dict), (what, body)


# Writes that take no body at all (an action on the record in the path).
NO_BODY = {"/api/v1/accounts/<account_id>/placeholder", "/api/v1/people/<person_id>/bounce",
           "/api/v1/users/<id>/sign-out"}


def _write_rules(app, *, with_body_only: bool = False) -> list[tuple[str, str]]:
    """(method, rule) of every API write route (with `with_body_only`, those that read a JSON body)."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or (with_body_only and rule.rule in NO_BODY):
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            if method == "DELETE" and rule.rule != "/api/v1/relationships":
                continue  # deletes of records take no body
            out.append((method, rule.rule))
    return sorted(out)


@pytest.mark.parametrize("role", ["rep", "viewer"])
@SLOW
@given(value=st.sampled_from(CLASS_VALUES))
def test_every_get_route_answers_hostile_query_values_with_a_4xx_in_the_contracts_shape(app, world, role, value):
    users, ids = world
    client = users[role]
    for rule in sorted({r.rule for r in app.url_map.iter_rules() if "GET" in r.methods and "static" not in r.rule}):
        path = _fill(rule, ids)
        resp = client.client.get(path, query_string={name: value for name in QUERY_NAMES},
                                 headers={"Authorization": f"Bearer {client.token}"})
        _assert_contract_shape(resp, (rule, value))


@pytest.mark.parametrize("role", ["rep", "viewer"])
@SLOW
@given(body=json_body)
def test_every_json_route_answers_a_hostile_body_with_a_4xx_in_the_contracts_shape(app, world, role, body):
    users, ids = world
    text = json.dumps(body, allow_nan=True)  # NaN and Infinity travel as Python writes them
    for method, rule in _write_rules(app):
        path = _fill(rule, ids).removeprefix("/api/v1")
        resp = getattr(users[role], method.lower())(path, data=text, headers={"Content-Type": "application/json"})
        _assert_contract_shape(resp, (method, rule, text[:200]))


# -- the findings of the inside probe, one test each -------------------------------------------------

@pytest.mark.parametrize("bbox", ["1e300,47,8,48", "7,-1e308,8,48", "7,47,8,1e300", "7,47,1e300,48",
                                  "-1e300,-90,1e300,90"])
def test_a_map_box_far_off_the_globe_is_422_and_the_database_keeps_answering(world, bbox):
    users, _ = world
    viewer = users["viewer"]
    started = time.monotonic()
    resp = viewer.get("/geo/markers", query_string={"bbox": bbox, "kind": "person"})
    assert resp.status_code == 422 and "bbox" in resp.json["fields"]
    assert viewer.get("/people").status_code == 200
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("path", ["/people/{person}/history", "/people/{person}/activities",
                                  "/accounts/{account}/history", "/people", "/campaigns/{campaign}/members",
                                  "/reports/stale", "/reports/kpi", "/targets", "/geo/unplaced?kind=person"])
@pytest.mark.parametrize("cursor", [
    base64.urlsafe_b64encode(json.dumps(["2026-01-01T00:00:00Z", "x"]).encode()).decode(),  # the old, unsigned form
    base64.urlsafe_b64encode(json.dumps([1, 2]).encode()).decode(),                         # numbers
    "garbage!", "a.b", "A" * 2000,
])
def test_a_tampered_cursor_is_a_400_naming_it(world, path, cursor):
    users, ids = world
    url = path.format(**ids)
    resp = users["rep"].get(url + ("&" if "?" in url else "?") + "cursor=" + cursor)
    assert resp.status_code == 400 and resp.json["fields"] == {"cursor": "is not valid"}


def test_a_cursor_given_to_one_user_is_refused_for_another(db, client, world):
    users, _ = world
    for n in range(3):
        records.create(db, Label.PERSON, {"last_name": f"Muster {n}"}, access=Access.system())
    cursor = users["rep"].get("/people?limit=1").json["next"]
    assert users["rep"].get("/people", query_string={"limit": 1, "cursor": cursor}).status_code == 200
    assert users["viewer"].get("/people", query_string={"limit": 1, "cursor": cursor}).status_code == 400


@pytest.mark.parametrize("query, field", [("before=yesterday", "before"), ("before=2026-02-30T10:00:00Z", "before"),
                                          ("action=drop", "action"), ("user=" + "x" * 400, "user")])
def test_an_audit_filter_outside_its_domain_is_422_naming_it(db, client, query, field):
    admin = make_api(db, client, "admin", "ada@example.ch")
    resp = admin.get(f"/audit?{query}")
    assert resp.status_code == 422 and field in resp.json["fields"]


@pytest.mark.parametrize("path", ["/targets", "/network/export", "/activities", "/relationships", "/people"])
@pytest.mark.parametrize("body", [[{"scope": "person"}], "text", 42, None])
def test_a_json_value_that_is_not_an_object_is_400(world, path, body):
    users, _ = world
    resp = users["rep"].post(path, data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.json["error"] == "bad_request"


@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"a":', "}")])
def test_a_body_nested_a_hundred_thousand_levels_is_400_on_every_json_route(app, world, opening, closing):
    users, ids = world
    deep = opening * 100_000 + "1" + closing * 100_000
    for method, rule in _write_rules(app, with_body_only=True):
        resp = getattr(users["rep"], method.lower())(_fill(rule, ids).removeprefix("/api/v1"), data=deep,
                                                     headers={"Content-Type": "application/json"})
        assert resp.status_code == 400 and resp.json["fields"] == {"body": "is nested too deeply"}, (method, rule)


def test_a_body_larger_than_any_request_needs_is_413(world):
    users, _ = world
    resp = users["rep"].post("/people", data='{"last_name": "' + "x" * (2 * 1024 * 1024) + '"}',
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 413 and resp.json["error"] == "too_large"


def test_a_damaged_zip_upload_is_a_422_not_a_500(db, client):
    make_api(db, client, "admin", "ada@example.ch")  # the admin who uploads
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Account.csv", b"Id,Name\r\n" + b"001000000000001AAA,ACME AG\r\n" * 2000)
    data = bytearray(buffer.getvalue())
    data[60:80] = b"\xff" * 20  # inside the deflated stream: the header still reads, inflating fails
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post("/login", data={"email": "ada@example.ch", "password": "correct horse battery", "csrf_token": token})
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/admin/import").get_data(as_text=True)).group(1)
    resp = client.post("/admin/import", data={"csrf_token": token, "archive": (io.BytesIO(bytes(data)), "x.zip")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and "damaged" in resp.get_data(as_text=True)
    assert db.run_raw("MATCH (a:Account) RETURN count(a) AS c")[0]["c"] == 0


# -- queries that cannot run away ------------------------------------------------------------------

def test_a_request_that_would_run_long_is_stopped_while_others_are_served(db, tmp_path):
    """The network of an account with 60,000 employees runs for seconds; with a 0.3 s budget Neo4j ends
    it and the API answers 503 with Retry-After, while small requests beside it are answered at once."""
    db.run_raw("CREATE (:Account {id: 'hub', name: 'Hub AG', sort_key: 'hub ag'})")
    for start in range(0, 60_000, 10_000):
        db.run_raw("MATCH (a:Account {id: 'hub'}) UNWIND range($start, $start + 9999) AS i "
                   "CREATE (a)-[:EMPLOYS {primary: true}]->(:Person {id: 'p' + i, last_name: 'L' + i, "
                   "status: 'active', placeholder: false, sort_key: 'l' + i})", start=start)
    # Plans are compiled on first use, which alone can take longer than the tiny budget below: an app with
    # the normal budget compiles them first (Neo4j caches plans by statement, for every client).
    warm = next(build_app(db, tmp_path / "warm"))
    try:
        warm_api = make_api(warm.extensions["graphcrm_db"], warm.test_client(), "viewer", "warm@example.ch")
        for _ in range(3):
            assert warm_api.get("/people/p7").status_code == 200
    finally:
        warm.extensions["graphcrm_db"].close()
    app = next(build_app(db, tmp_path, QUERY_TIMEOUT_S=0.3))
    try:
        slow_user = make_api(app.extensions["graphcrm_db"], app.test_client(), "rep", "slow@example.ch")
        other = make_api(app.extensions["graphcrm_db"], app.test_client(), "viewer", "other@example.ch")
        assert other.get("/people/p7").status_code == 200
        answer = {}

        def runaway():
            started = time.monotonic()
            answer["resp"] = slow_user.get("/network?center=hub&depth=2&limit=1000")
            answer["took"] = time.monotonic() - started

        thread = threading.Thread(target=runaway)
        thread.start()
        served = []
        while thread.is_alive():
            started = time.monotonic()
            served.append((other.get("/people/p7").status_code, time.monotonic() - started))
        thread.join()
        resp = answer["resp"]
        assert resp.status_code == 503 and resp.json["error"] == "timeout" and resp.headers["Retry-After"]
        assert answer["took"] < 5
        assert served and all(status == 200 for status, _ in served)
    finally:
        app.extensions["graphcrm_db"].close()
