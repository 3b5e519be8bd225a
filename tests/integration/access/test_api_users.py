"""CRM users through the API, employee data shown by permission, and roles that may not write."""
import re

import pytest

from graphcrm.access.users import create_user
from tests.support.apps import make_api

EMPLOYEE = {"phone": "+41 44 123 45 67", "birthdate": "1985-06-15", "start_date": "2019-01-01"}
SENSITIVE = {"phone", "birthdate", "start_date"}


@pytest.fixture
def colleague(db):
    """A rep with employee data on file."""
    return create_user(db, email="erika@example.ch", name="Erika Muster", role="rep", city="Basel", **EMPLOYEE)


def test_the_user_list_pages_in_name_order_without_password_hashes(api, colleague, db):
    create_user(db, email="zora@example.ch", name="Zora Zimmermann", role="viewer", password="correct horse battery")
    body = api.get("/users").json
    assert [u["name"] for u in body["items"]] == ["Admin User", "Erika Muster", "Zora Zimmermann"]
    assert body["next"] is None
    assert not any("password_hash" in u or "sort_key" in u for u in body["items"])


def test_the_user_list_filters_by_role_and_text(api, colleague):
    assert [u["id"] for u in api.get("/users", query_string={"role": "rep"}).json["items"]] == [colleague["id"]]
    assert [u["id"] for u in api.get("/users", query_string={"q": "muster"}).json["items"]] == [colleague["id"]]
    assert api.get("/users", query_string={"role": "boss"}).status_code == 422


def test_one_user_is_read_by_id_and_an_unknown_one_is_404(api, colleague):
    resp = api.get(f"/users/{colleague['id']}")
    assert resp.status_code == 200 and resp.json["email"] == "erika@example.ch"
    assert "password_hash" not in resp.json
    assert api.get("/users/nobody").status_code == 404


def test_an_admin_sees_employee_fields_of_everyone(api, colleague):
    assert SENSITIVE <= set(api.get(f"/users/{colleague['id']}").json)
    listed = next(u for u in api.get("/users").json["items"] if u["id"] == colleague["id"])
    assert SENSITIVE <= set(listed)


@pytest.mark.parametrize("role", ["rep", "manager", "viewer"])
def test_others_do_not_see_a_colleagues_employee_fields(db, client, colleague, role):
    other = make_api(db, client, role)
    one = other.get(f"/users/{colleague['id']}").json
    assert not SENSITIVE & set(one) and one["city"] == "Basel"
    listed = next(u for u in other.get("/users").json["items"] if u["id"] == colleague["id"])
    assert not SENSITIVE & set(listed)


def test_a_user_sees_their_own_employee_fields(db, client, colleague):
    from graphcrm.access.users import create_token

    me = make_api(db, client, "rep", email="someone@example.ch")
    me.token = create_token(db, "erika@example.ch")
    assert SENSITIVE <= set(me.get(f"/users/{colleague['id']}").json)
    assert SENSITIVE <= set(me.get("/me").json)


def test_me_answers_the_signed_in_user(api):
    assert api.get("/me").json["email"] == "admin@example.ch"


# POST routes that only read (a body carries the query), or change only the viewer's own sign-in; a
# viewer may use them.
READ_ONLY_POSTS = {"/api/v1/network/export", "/api/v1/me/password"}
# The records and relationships routes must refuse a viewer before they look anything up.
OWN_ROUTES = {"/api/v1/relationships", *(f"/api/v1/{c}{suffix}" for c in ("people", "accounts", "opportunities",
                                                                          "campaigns") for suffix in ("", "/some-id"))}


def _writes(app) -> list[tuple[str, str]]:
    """Every write route under /api/v1, with its path variables filled in."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule in READ_ONLY_POSTS:
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            found.append((method, re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", "some-id", rule.rule)))
    return found


def _graph_size(db) -> tuple[int, int]:
    row = db.run_raw("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r")[0]
    return row["n"], row["r"]


def test_a_viewer_gets_403_on_every_write_route_and_nothing_is_written(app, db, client):
    # The id in each path is an existing person's; a route about another kind of record may
    # answer 404 for it before it looks at the role, which writes nothing either.
    viewer = make_api(db, client, "viewer")
    admin = make_api(db, client, "admin")
    existing = admin.post("/people", {"last_name": "Keller"}).json["id"]  # so ids in paths resolve
    before = _graph_size(db)
    writes = _writes(app)
    assert len(writes) >= 10
    answers = {}
    for method, path in writes:
        resp = client.open(path.replace("some-id", existing), method=method, json={"last_name": "Changed"},
                           headers={"Authorization": f"Bearer {viewer.token}"})
        answers[(method, path)] = (resp.status_code, resp.json.get("error") if resp.is_json else None)
    assert {k: v for k, v in answers.items() if v not in ((403, "forbidden"), (404, "not_found"))} == {}
    assert all(answers[(m, p)] == (403, "forbidden") for m, p in answers if p in OWN_ROUTES)
    assert len([p for _, p in answers if p in OWN_ROUTES]) == 14
    assert _graph_size(db) == before
    assert admin.get(f"/people/{existing}").json["last_name"] == "Keller"


@pytest.mark.parametrize("role", ["rep", "manager"])
def test_reps_and_managers_may_write(db, client, role):
    writer = make_api(db, client, role)
    created = writer.post("/people", {"last_name": "Keller"})
    assert created.status_code == 201
    assert writer.patch(f"/people/{created.json['id']}", {"title": "CFO"}).status_code == 200
    assert writer.delete(f"/people/{created.json['id']}").status_code == 204


def test_a_viewer_may_read(db, client):
    viewer = make_api(db, client, "viewer")
    assert viewer.get("/people").status_code == 200
    assert viewer.get("/users").status_code == 200
