"""Who is nearby: offline geocoding, record locations, nearby search against a brute-force scan, markers."""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j.spatial import WGS84Point

from graphcrm import geo, places
from graphcrm.demo.places import CITIES
from graphcrm.geo.nearby import bounding_box
from graphcrm.model import Label
from graphcrm.places.address import parse_address
from graphcrm.store.db import Database, cypher
from tests.support.apps import Api, make_api

BASEL, ZURICH = (47.5596, 7.5886), (47.3769, 8.5417)
PASSWORD = "correct horse battery"
TRAVERSED = (
    "EMPLOYS",
    "BOARD_MEMBER",
    "CONTACT_ROLE",
    "WORKED_AT",
    "HAS_OPPORTUNITY",
    "PARTNER_OF",
    "KNOWS",
    "REPORTS_TO",
)


def haversine(lat1, lon1, lat2, lon2) -> float:
    """Great-circle km on Neo4j's WGS-84 sphere (radius 6378.14 km), written out independently."""
    a = (
        math.sin(math.radians(lat2 - lat1) / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6378.14 * math.asin(math.sqrt(a))


def place(db, kind: str, name: str, at: tuple[float, float], employer: dict | None = None) -> dict:
    """Create a located person or account directly (no geocoding involved); return {id, kind}."""
    record = {
        "id": str(uuid.uuid4()),
        "location": WGS84Point((at[1], at[0])),
        "sort_key": name.lower(),
    }
    if kind == "person":
        record.update(first_name=name.split()[0], last_name=name.split()[1], status="active")
    else:
        record["name"] = name
    label = "Person" if kind == "person" else "Account"
    db.run_raw(f"CREATE (n:{label}) SET n = $row, n.created_at = datetime()", row=record)
    if employer:
        db.run_raw(
            "MATCH (a:Account {id: $a}), (p:Person {id: $p}) CREATE (a)-[:EMPLOYS {primary: true}]->(p)",
            a=employer["id"],
            p=record["id"],
        )
    return {"id": record["id"], "kind": kind}


def located(db, record_id: str):
    """The record's stored point, or None."""
    return db.run_raw("MATCH (n {id: $id}) RETURN n.location AS loc", id=record_id)[0]["loc"]


def located_records(db) -> list[dict]:
    """Every located person and account with what the filters look at, pulled whole from Neo4j."""
    return db.run_raw(
        "MATCH (n) WHERE (n:Person OR n:Account) AND n.location IS NOT NULL "
        "RETURN n.id AS id, CASE WHEN n:Person THEN 'person' ELSE 'account' END AS kind, "
        "n.location.latitude AS lat, n.location.longitude AS lon, coalesce(n.status, 'active') AS status, "
        "n.type AS type, COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id } AS owners, "
        "COLLECT { MATCH (a:Account)-[:EMPLOYS]->(n) RETURN a.type } AS employer_types"
    )


def within(records, center, radius_km, *, kind=None, owner=None, active=False, account_type=None) -> list[dict]:
    """The brute-force answer: a haversine over every record, then the filters, in Python."""
    out = []
    for r in records:
        d = haversine(center[0], center[1], r["lat"], r["lon"])
        if d > radius_km or (kind and r["kind"] != kind) or (owner and owner not in r["owners"]):
            continue
        if active and r["kind"] == "person" and r["status"] != "active":
            continue
        if account_type and not (
            r["type"] == account_type if r["kind"] == "account" else account_type in r["employer_types"]
        ):
            continue
        out.append({**r, "distance_km": d})
    return out


def sign_in(client, email: str) -> None:
    """Sign in through the form, as a person would."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    assert client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}).status_code == 302


# -- offline geocoding ------------------------------------------------------------------------


@pytest.mark.parametrize("city", CITIES, ids=lambda c: c.name)
def test_every_demo_city_is_found_by_postal_code_and_by_name_within_ten_km(city):
    for address in [
        {"postal_code": code, "city": city.name, "country": city.country} for code in city.postal_codes
    ] + [
        {"city": city.name, "country": city.country},
        {"postal_code": city.postal_codes[0], "city": city.name},
    ]:
        found = places.locate(address)
        assert found is not None, address
        assert haversine(city.lat, city.lon, found[0], found[1]) < 10, (address, found)


@pytest.mark.parametrize(
    "address, source",
    [
        ({"postal_code": "8001", "country": "CH"}, "postal_code"),  # a code alone, with its country
        (
            {"postal_code": "CH-4051", "city": "Basel"},
            "postal_code",
        ),  # the old prefix, country from the city
        ({"city": "St. Gallen", "country": "CH"}, "city"),  # "St." is "Sankt"
        ({"city": "Genf", "country": "CH"}, "city"),  # an alternate name of Genève
        ({"city": "Wil SG", "country": "CH"}, "city"),  # a canton suffix
        (
            {"postal_code": "1027", "city": "Lonay", "country": "CH"},
            "postal_area",
        ),  # a village the data lacks
        ({"city": "Paris", "country": "FR"}, "city"),  # outside the home countries: larger cities
    ],
)
def test_addresses_are_placed_and_say_how(address, source):
    found = places.locate(address)
    assert found is not None and found[2] == source


@pytest.mark.parametrize(
    "address",
    [
        {"city": "Nowhere-on-Earth", "country": "CH"},  # no such place
        {"postal_code": "4051"},  # CH or AT? without a city it is ambiguous
        {"postal_code": "0042", "country": "CH"},  # no Swiss code starts with 00
        {"street": "Bahnhofstrasse 1"},  # a street alone names no place
        {"city": "Basel", "country": "XX"},  # an unknown country
        {},
    ],
)
def test_addresses_that_cannot_be_placed_give_none(address):
    assert places.locate(address) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Basel", {"city": "Basel"}),
        ("4051 Basel", {"postal_code": "4051", "city": "Basel"}),
        (
            "Marktplatz 1, 4051 Basel, CH",
            {"street": "Marktplatz 1", "postal_code": "4051", "city": "Basel", "country": "CH"},
        ),
        (
            "Bahnhofstrasse 1 8001 Zürich",
            {"street": "Bahnhofstrasse 1", "postal_code": "8001", "city": "Zürich"},
        ),
        ("Zürich, Schweiz", {"city": "Zürich", "country": "CH"}),
        ("D-80331 München", {"postal_code": "80331", "city": "München", "country": "DE"}),
        ("Wien AT", {"city": "Wien", "country": "AT"}),
    ],
)
def test_one_line_addresses_are_split_into_fields(text, expected):
    assert parse_address(text) == expected


def test_the_online_geocoder_is_off_unless_configured(monkeypatch):
    monkeypatch.delenv("GRAPHCRM_GEOCODER_URL", raising=False)
    assert places.online_url() is None
    monkeypatch.setenv("GRAPHCRM_GEOCODER_URL", "http://127.0.0.1:9/search")
    assert places.online_url() == "http://127.0.0.1:9/search"


# -- distances and boxes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        (BASEL, ZURICH),
        ((47.0, 8.0), (47.0, 8.0001)),
        ((46.2, 6.1), (52.5, 13.4)),
        ((-33.9, 151.2), (51.5, -0.1)),
        ((0.0, 179.9), (0.0, -179.9)),
    ],
)
def test_neo4j_distances_match_a_haversine_recomputation(db, a, b):
    row = db.run_raw(
        "RETURN point.distance(point({latitude: $a0, longitude: $a1}), point({latitude: $b0, longitude: $b1})) AS d",
        a0=a[0],
        a1=a[1],
        b0=b[0],
        b1=b[1],
    )[0]
    assert row["d"] / 1000 == pytest.approx(haversine(*a, *b), rel=1e-9, abs=1e-9)
    assert geo.haversine_km(*a, *b) == pytest.approx(haversine(*a, *b), rel=1e-12)


@settings(max_examples=300, deadline=None)
@given(
    lat=st.floats(-85, 85),
    lon=st.floats(-179.9, 179.9),
    radius=st.floats(0.01, 500),
    bearing=st.floats(0, 360),
)
def test_the_bounding_box_holds_every_point_of_the_circle(lat, lon, radius, bearing):
    # The point at `radius` km in direction `bearing` (the direct geodesic problem on the sphere).
    d, b, p1, l1 = radius / 6378.14, math.radians(bearing), math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    lat2, lon2 = math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180
    (south, west), (north, east) = bounding_box(lat, lon, radius)
    assert south <= lat2 <= north and west <= lon2 <= east


def test_the_nearby_query_seeks_the_point_index_of_both_labels(db):
    from graphcrm.geo.nearby import NearbyQuery, _params

    params = {**_params(NearbyQuery(*BASEL, 5.0), 5.0), "kinds": ["person", "account"]}
    with db.driver.session(database=db.database) as session:
        plan = session.run("EXPLAIN " + cypher("geo/nearby"), params).consume().plan
    operators = []

    def walk(op):
        operators.append((op["operatorType"], op["args"].get("Details", "")))
        for child in op.get("children", []):
            walk(child)

    walk(plan)
    seeks = [details for kind, details in operators if kind.startswith("NodeIndexSeekByRange")]
    # The planner seeks with the box or with the distance, whichever it estimates cheaper: both are index seeks.
    assert len(seeks) == 2 and all("POINT INDEX" in d for d in seeks), operators
    assert all("withinBBox" in d or "point.distance" in d for d in seeks), operators
    assert any(":Person(location)" in d for d in seeks) and any(":Account(location)" in d for d in seeks)
    assert not any(kind.startswith(("AllNodesScan", "NodeByLabelScan")) for kind, _ in operators), operators


# -- record locations -------------------------------------------------------------------------


def test_geocoding_a_record_places_it_from_its_postal_code(api, db):
    account = api.post(
        "/accounts", {"name": "Rhein AG", "postal_code": "4051", "city": "Basel", "country": "CH"}
    ).json
    state = places.geocode_record(db, Label.ACCOUNT, account["id"])
    assert state["source"] == "postal_code"
    assert haversine(*BASEL, state["location"]["lat"], state["location"]["lon"]) < 3
    assert api.get(f"/accounts/{account['id']}/location").json == state


def test_a_person_without_an_address_is_shown_at_their_primary_account_and_follows_it(api, db):
    basel = api.post("/accounts", {"name": "Rhein AG", "postal_code": "4051", "city": "Basel", "country": "CH"}).json
    zurich = api.post(
        "/accounts", {"name": "Limmat AG", "postal_code": "8001", "city": "Zürich", "country": "CH"}
    ).json
    anna = api.post("/people", {"first_name": "Anna", "last_name": "Keller"}).json
    api.post("/relationships", {"type": "EMPLOYS", "from": zurich["id"], "to": anna["id"]})
    api.post(
        "/relationships",
        {"type": "EMPLOYS", "from": basel["id"], "to": anna["id"], "properties": {"primary": True}},
    )
    assert api.post("/geo/geocode", {"all": True}).json["placed"] == 3
    state = api.get(f"/people/{anna['id']}/location").json
    assert state["source"] == "account" and haversine(*BASEL, state["location"]["lat"], state["location"]["lon"]) < 3
    # The primary account is moved by hand: Anna goes with it.
    api.put(f"/accounts/{basel['id']}/location", {"lat": 46.95, "lon": 7.45})
    assert api.get(f"/people/{anna['id']}/location").json["location"] == {"lat": 46.95, "lon": 7.45}


def test_a_manual_location_survives_geocoding_until_it_is_reset(api, db):
    account = api.post(
        "/accounts", {"name": "Rhein AG", "postal_code": "4051", "city": "Basel", "country": "CH"}
    ).json
    resp = api.put(f"/accounts/{account['id']}/location", {"lat": 47.5, "lon": 7.6})
    assert resp.status_code == 200 and resp.json["source"] == "manual"
    api.post("/geo/geocode", {"all": True})
    places.geocode_record(db, Label.ACCOUNT, account["id"])
    assert api.get(f"/accounts/{account['id']}/location").json == {
        "id": account["id"],
        "location": {"lat": 47.5, "lon": 7.6},
        "source": "manual",
    }
    reset = api.delete(f"/accounts/{account['id']}/location").json
    assert reset["source"] == "postal_code" and reset["location"] != {"lat": 47.5, "lon": 7.6}


def test_place_on_write_geocodes_only_when_the_address_changed(api, db):
    account = api.post("/accounts", {"name": "Rhein AG"}).json
    db.run_raw("MATCH (a:Account {id: $id}) SET a.postal_code = '4051', a.city = 'Basel'", id=account["id"])
    untouched = places.place_on_write(db, Label.ACCOUNT, account, {"industry": "Chemie"})
    assert "location" not in untouched and located(db, account["id"]) is None
    placed = places.place_on_write(db, Label.ACCOUNT, account, {"city": "Basel"})
    assert placed["location_source"] == "postal_code" and located(db, account["id"]) is not None


def test_bulk_geocoding_places_what_it_can_and_lists_the_rest(api):
    api.post("/accounts", {"name": "Rhein AG", "postal_code": "4051", "city": "Basel", "country": "CH"})
    lost = api.post("/accounts", {"name": "Atlantis AG", "city": "Atlantis", "country": "CH"}).json
    bare = api.post("/accounts", {"name": "Ohne Adresse AG"}).json
    counts = api.post("/geo/geocode", {"all": True}).json
    assert counts == {"checked": 3, "placed": 1, "unplaced": 2, "by_source": {"postal_code": 1}}
    items = api.get("/geo/unplaced?kind=account").json["items"]
    assert [(i["id"], i["reason"]) for i in items] == [
        (lost["id"], "address_not_found"),
        (bare["id"], "no_address"),
    ]


def test_the_unplaced_page_lists_records_with_links_to_fix_them(api, client):
    lost = api.post("/people", {"first_name": "Nina", "last_name": "Nirgends", "city": "Atlantis"}).json
    sign_in(client, "admin@example.ch")
    html = client.get("/map/unplaced?kind=person").get_data(as_text=True)
    assert "Nina Nirgends" in html and f"/people/{lost['id']}/edit" in html and "address not found" in html


@pytest.mark.parametrize(
    "body, field",
    [
        ({"lat": 91, "lon": 7}, "lat"),  # beyond the pole
        ({"lat": 47, "lon": -180.5}, "lon"),  # beyond the date line
        ({"lat": 47}, "lon"),  # missing
        ({"lat": "47", "lon": 7}, "lat"),  # a string is no number
        ({"lat": True, "lon": 7}, "lat"),  # nor is a boolean
        ({"lat": 47, "lon": 7, "alt": 3}, "alt"),  # an unknown field
    ],
)
def test_a_bad_manual_location_is_refused_naming_the_field(api, body, field):
    account = api.post("/accounts", {"name": "Rhein AG"}).json
    resp = api.put(f"/accounts/{account['id']}/location", body)
    assert resp.status_code == 422 and field in resp.json["fields"]


def test_only_writers_move_records_and_only_admins_geocode_everything(db, client):
    admin = make_api(db, client, "admin")
    account = admin.post("/accounts", {"name": "Rhein AG"}).json
    viewer, rep = make_api(db, client, "viewer"), make_api(db, client, "rep")
    assert viewer.put(f"/accounts/{account['id']}/location", {"lat": 47, "lon": 7}).status_code == 403
    assert rep.put(f"/accounts/{account['id']}/location", {"lat": 47, "lon": 7}).status_code == 200
    assert rep.post("/geo/geocode").status_code == 403
    assert admin.put("/accounts/no-such-id/location", {"lat": 47, "lon": 7}).status_code == 404


# -- nearby: bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, field",
    [
        ("lat=47.5&lon=7.6&radius_km=0", "radius_km"),  # not more than zero
        ("lat=47.5&lon=7.6&radius_km=-3", "radius_km"),
        ("lat=47.5&lon=7.6&radius_km=501", "radius_km"),  # beyond reason
        ("lat=47.5&lon=7.6&radius_km=ten", "radius_km"),
        ("lat=47.5&lon=7.6&radius_km=nan", "radius_km"),
        ("lat=90.5&lon=7.6", "lat"),
        ("lat=47.5&lon=181", "lon"),
        ("lat=47.5", "lon"),
        ("lat=47.5&lon=7.6&near=abc", "near"),  # both a point and a record
        ("near=no-such-record", "near"),
        ("address=Atlantis%2C%20CH", "address"),  # cannot be found
        ("radius_km=5", "lat"),  # no centre at all
        ("lat=47.5&lon=7.6&kind=opportunity", "kind"),
        ("lat=47.5&lon=7.6&account_type=friend", "account_type"),
        ("lat=47.5&lon=7.6&connected_to=me&hops=4", "hops"),
        ("lat=47.5&lon=7.6&connected_to=no-such-deal", "connected_to"),
        ("lat=47.5&lon=7.6&limit=0", "limit"),
        ("lat=47.5&lon=7.6&radius=5", "radius"),  # a misspelt parameter
    ],
)
def test_bad_nearby_input_answers_422_naming_the_field(api, query, field):
    resp = api.get(f"/nearby?{query}")
    assert resp.status_code == 422, resp.json
    assert field in resp.json["fields"], resp.json


def test_near_and_connected_counts_hops_and_falls_back_to_everyone_on_a_deal(api, db):
    # Eva evaluates the deal (no decision maker is named); she works at Rhein AG with Paul, who knows Kurt.
    rhein = place(db, "account", "Rhein AG", BASEL)
    eva = place(db, "person", "Eva Evaluator", BASEL, employer=rhein)
    paul = place(db, "person", "Paul Kollege", BASEL, employer=rhein)
    kurt = place(db, "person", "Kurt Bekannt", (47.56, 7.60))
    place(db, "person", "Fritz Fremd", (47.561, 7.59))  # near, but connected to nobody
    deal = api.post("/opportunities", {"name": "Leitsystem"}).json
    db.run_raw(
        "MATCH (e:Person {id: $e}), (o:Opportunity {id: $o}), (p:Person {id: $p}), (k:Person {id: $k}) "
        "CREATE (e)-[:CONTACT_ROLE {role: 'Evaluator'}]->(o), (p)-[:KNOWS]->(k)",
        e=eva["id"],
        o=deal["id"],
        p=paul["id"],
        k=kurt["id"],
    )
    found = {}
    for hops in (1, 2, 3):
        body = api.get(
            f"/nearby?lat={BASEL[0]}&lon={BASEL[1]}&radius_km=5&connected_to={deal['id']}&hops={hops}"
        ).json
        assert body["connected"] == {"to": deal["id"], "basis": "contact_roles", "anchors": 1, "hops": hops}
        found[hops] = {i["label"] for i in body["items"]}
    assert found == {
        1: {"Eva Evaluator", "Rhein AG"},
        2: {"Eva Evaluator", "Rhein AG", "Paul Kollege"},
        3: {"Eva Evaluator", "Rhein AG", "Paul Kollege", "Kurt Bekannt"},
    }
    accounts = api.get(
        f"/nearby?lat={BASEL[0]}&lon={BASEL[1]}&radius_km=5&connected_to={deal['id']}&hops=3&kind=account"
    )
    assert [i["label"] for i in accounts.json["items"]] == ["Rhein AG"]


def test_a_record_without_location_cannot_be_a_centre(api):
    account = api.post("/accounts", {"name": "Ohne Adresse AG"}).json
    resp = api.get(f"/nearby?near={account['id']}")
    assert resp.status_code == 422 and "no location" in resp.json["fields"]["near"]


def test_the_openapi_document_describes_every_geo_route(api):
    paths = api.get("/openapi.json").json["paths"]
    for path in (
        "/nearby",
        "/people/{id}/location",
        "/accounts/{id}/location",
        "/geo/unplaced",
        "/geo/geocode",
        "/geo/markers",
    ):
        assert path in paths


def test_the_map_page_passes_the_tile_server_and_allows_only_it(api, client, app):
    app.config["GRAPHCRM_TILE_URL"] = "https://tiles.example.net/{z}/{x}/{y}.png"
    sign_in(client, "admin@example.ch")
    resp = client.get("/map")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'data-tile-url="https://tiles.example.net/{z}/{x}/{y}.png"' in html
    assert "img-src 'self' data: blob: https://tiles.example.net;" in resp.headers["Content-Security-Policy"]
    assert "<script>" not in html and all("src=" in tag for tag in html.split("<script")[1:])
    assert "tiles.example.net" not in client.get("/").headers["Content-Security-Policy"]


# -- markers ----------------------------------------------------------------------------------


def test_markers_inside_a_box_are_capped_and_say_how_overdue_each_contact_is(api, db):
    acme = place(db, "account", "Rhein AG", BASEL)
    fresh = place(db, "person", "Frida Frisch", BASEL, employer=acme)
    stale = place(db, "person", "Sepp Staub", BASEL, employer=acme)
    place(db, "person", "Nie Kontakt", BASEL, employer=acme)
    place(db, "account", "Limmat AG", ZURICH)
    now = dt.datetime.now(dt.UTC)
    for person, days in ((fresh, 5), (stale, 400)):
        assert (
            api.post(
                "/activities",
                {
                    "kind": "call",
                    "people": [person["id"]],
                    "at": (now - dt.timedelta(days=days)).isoformat(),
                },
            ).status_code
            == 201
        )
    body = api.get("/geo/markers?bbox=7.4,47.4,7.8,47.7").json
    levels = {m["label"]: m["overdue"]["level"] for m in body["items"]}
    assert levels == {
        "Rhein AG": "ok",
        "Frida Frisch": "ok",
        "Sepp Staub": "overdue",
        "Nie Kontakt": "never",
    }
    assert body["truncated"] is False
    capped = api.get("/geo/markers?bbox=7.4,47.4,7.8,47.7&limit=2").json
    assert len(capped["items"]) == 2 and capped["truncated"] is True
    assert api.get("/geo/markers?bbox=7.4,47.4,7.8,47.7&kind=account").json["items"][0]["label"] == "Rhein AG"


@pytest.mark.parametrize("bbox", ["", "7,47,8", "a,b,c,d", "8,47,7,48", "7,48,8,47", "7,47,8,inf"])
def test_a_bad_box_answers_422(api, bbox):
    resp = api.get(f"/geo/markers?bbox={bbox}")
    assert resp.status_code == 422 and "bbox" in resp.json["fields"]


# -- nearby on the demo, against a brute-force scan -------------------------------------------


@pytest.fixture(scope="module")
def demo_db(neo4j_uri, _schema):
    """The small demo, loaded once for this module's nearby tests (reloaded if a test wiped it)."""
    from graphcrm.demo import load_demo

    handle = Database(neo4j_uri, None)

    def ensure() -> Database:
        if handle.run_raw("MATCH (a:Account) RETURN count(a) AS n")[0]["n"] != 50:
            handle.run_raw("MATCH (n) DETACH DELETE n")
            load_demo(handle, "small", seed=11)
        return handle

    yield ensure
    handle.close()


@pytest.fixture(scope="module")
def demo_app(neo4j_uri, _schema, tmp_path_factory):
    """An app of its own for the demo tests: the shared `app` fixture would wipe the demo."""
    from graphcrm.http.app import create_app

    application = create_app(
        {
            "TESTING": True,
            "NEO4J_URI": neo4j_uri,
            "SECRET_KEY": "test-secret",
            "GRAPHCRM_HOME": str(tmp_path_factory.mktemp("home")),
            "SESSION_COOKIE_SECURE": False,
        }
    )
    yield application
    application.extensions["graphcrm_db"].close()


@pytest.fixture
def demo(demo_db, demo_app):
    """(api as the rep who owns the most people, db, every located record) on the demo."""
    from graphcrm.access.users import create_token

    db = demo_db()
    rep = db.run_raw(
        "MATCH (u:User {role: 'rep'})-[:OWNS]->(p:Person) RETURN u {.id, .email, .name, .role} AS u, "
        "count(p) AS n ORDER BY n DESC, u.id LIMIT 1"
    )[0]["u"]
    return Api(demo_app.test_client(), create_token(db, rep["email"]), rep), db, located_records(db)


def all_pages(api, query: str) -> list[dict]:
    """Every item of a nearby search, page by page."""
    items, cursor = [], None
    while True:
        body = api.get(f"/nearby?{query}&limit=40" + (f"&cursor={cursor}" if cursor else "")).json
        assert "items" in body, body
        items += body["items"]
        cursor = body["next"]
        assert body["truncated"] == (cursor is not None)
        if cursor is None:
            return items


def check_against(items: list[dict], expected: list[dict]) -> None:
    """Same records, nearest first, each distance the haversine one."""
    assert [i["id"] for i in items] and sorted(i["id"] for i in items) == sorted(e["id"] for e in expected)
    distances = [i["distance_km"] for i in items]
    assert distances == sorted(distances)
    want = {e["id"]: e["distance_km"] for e in expected}
    assert all(abs(i["distance_km"] - want[i["id"]]) < 0.001 for i in items)


@pytest.mark.parametrize(
    "center, radius, kind",
    [
        (BASEL, 5, None),
        (ZURICH, 3, "person"),
        (ZURICH, 25, "account"),
        ((46.95, 7.45), 60, None),
        ((48.7758, 9.1829), 10, None),
        ((46.2, 6.14), 150, "account"),
    ],
)
def test_nearby_finds_exactly_what_a_brute_force_scan_finds(demo, center, radius, kind):
    api, _, records = demo
    query = f"lat={center[0]}&lon={center[1]}&radius_km={radius}" + (f"&kind={kind}" if kind else "")
    check_against(all_pages(api, query), within(records, center, radius, kind=kind))


@pytest.mark.parametrize(
    "filters",
    [
        {"owner": "me"},
        {"active": "true"},
        {"account_type": "customer"},
        {"owner": "me", "active": "true", "account_type": "customer"},
    ],
)
def test_nearby_filters_match_a_brute_force_scan(demo, filters):
    api, _, records = demo
    query = f"lat={ZURICH[0]}&lon={ZURICH[1]}&radius_km=120&" + "&".join(f"{k}={v}" for k, v in filters.items())
    expected = within(
        records,
        ZURICH,
        120,
        owner=api.user["id"] if "owner" in filters else None,
        active="active" in filters,
        account_type=filters.get("account_type"),
    )
    check_against(all_pages(api, query), expected)


def test_nearby_a_record_leaves_it_out_and_measures_from_it(demo):
    api, db, records = demo
    account = next(r for r in records if r["kind"] == "account" and haversine(*ZURICH, r["lat"], r["lon"]) < 5)
    items = all_pages(api, f"near={account['id']}&radius_km=10")
    expected = [r for r in within(records, (account["lat"], account["lon"]), 10) if r["id"] != account["id"]]
    check_against(items, expected)


def test_nearby_an_address_searches_around_its_place(demo):
    api, _, records = demo
    body = api.get("/nearby?address=Marktplatz%201%2C%204051%20Basel%2C%20CH&radius_km=4&kind=account").json
    center = (body["center"]["lat"], body["center"]["lon"])
    assert body["center"]["source"] == "address" and haversine(*BASEL, *center) < 3
    check_against(body["items"], within(records, center, 4, kind="account"))


@pytest.mark.parametrize("hops", [1, 2, 3])
def test_near_and_connected_to_my_contacts_matches_a_graph_walk(demo, hops):
    api, db, records = demo
    mine = [
        r["id"] for r in db.run_raw("MATCH (:User {id: $u})-[:OWNS]->(p:Person) RETURN p.id AS id", u=api.user["id"])
    ]
    query = f"lat={ZURICH[0]}&lon={ZURICH[1]}&radius_km=80&connected_to=me&hops={hops}"
    body = api.get(f"/nearby?{query}").json
    assert body["connected"] == {
        "to": "me",
        "basis": "my_contacts",
        "anchors": len(mine),
        "hops": hops,
    }
    reach = reachable(db, mine, hops)
    check_against(all_pages(api, query), [r for r in within(records, ZURICH, 80) if r["id"] in reach])


def test_near_and_connected_to_a_deal_starts_from_its_decision_makers(demo):
    api, db, records = demo
    deal = db.run_raw(
        "MATCH (p:Person)-[r:CONTACT_ROLE]->(o:Opportunity) WHERE r.role = 'Decision Maker' "
        "RETURN o.id AS id, collect(DISTINCT p.id) AS deciders ORDER BY id LIMIT 1"
    )[0]
    deciders = db.run_raw(
        "MATCH (p:Person)-[r:CONTACT_ROLE]->(:Opportunity {id: $id}) "
        "WHERE r.role IN ['Decision Maker', 'Economic Buyer', 'Economic Decision Maker'] "
        "RETURN collect(DISTINCT p.id) AS ids",
        id=deal["id"],
    )[0]["ids"]
    body = api.get(
        f"/nearby?lat={ZURICH[0]}&lon={ZURICH[1]}&radius_km=500&connected_to={deal['id']}&hops=2&limit=200"
    ).json
    assert body["connected"]["basis"] == "decision_makers" and body["connected"]["anchors"] == len(deciders)
    reach = reachable(db, deciders, 2)
    check_against(body["items"], [r for r in within(records, ZURICH, 500) if r["id"] in reach])


def reachable(db, start_ids: list[str], hops: int) -> set[str]:
    """Ids within `hops` of the start ids over the traversed types, walked by networkx (the independent twin)."""
    edges = db.run_raw(
        "MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN a.id AS a, b.id AS b",
        types=list(TRAVERSED),
    )
    graph = nx.Graph()
    graph.add_edges_from((e["a"], e["b"]) for e in edges)
    graph.add_nodes_from(start_ids)
    found: set[str] = set()
    for start in start_ids:
        found |= set(nx.single_source_shortest_path_length(graph, start, cutoff=hops))
    return found
