"""Who may call the API: 401 without a token or session, revoked tokens, CSRF on session writes."""
import re

import pytest

from graphcrm.access.users import create_user, revoke_tokens
from tests.support.apps import make_api

PASSWORD = "correct horse battery"


def api_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) under /api/v1 except the public OpenAPI document, with ids filled in."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", "some-id", rule.rule)
            routes += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def csrf_from(html: str, pattern: str) -> str:
    match = re.search(pattern, html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def signed_in(db, client):
    """A browser session of a rep, signed in through the login form; returns the CSRF token of its pages."""
    create_user(db, email="rep@example.ch", name="Rita Rep", role="rep", password=PASSWORD)
    login_form = client.get("/login").get_data(as_text=True)
    token = csrf_from(login_form, r'name="csrf_token" value="([^"]+)"')
    resp = client.post("/login", data={"email": "rep@example.ch", "password": PASSWORD, "csrf_token": token})
    assert resp.status_code == 302, resp.get_data(as_text=True)
    page = client.get("/").get_data(as_text=True)
    return csrf_from(page, r'<meta name="csrf-token" content="([^"]+)"')


def test_every_api_route_answers_401_without_a_token_or_session(app, client):
    routes = api_routes(app)
    assert len(routes) >= 15
    answers = {(method, path): client.open(path, method=method, json={}).status_code for method, path in routes}
    assert {route: status for route, status in answers.items() if status != 401} == {}


@pytest.mark.parametrize("header", [
    "Bearer not-a-token",              # unknown token
    "Bearer ",                         # empty token
    "Bearer " + "x" * 500,             # absurdly long
    "Basic YWRtaW46YWRtaW4=",          # another scheme
    "bearer gcrm_lowercase_scheme",    # unknown token again, other spelling
])
def test_a_bad_authorization_header_answers_401(client, header):
    resp = client.get("/api/v1/people", headers={"Authorization": header})
    assert resp.status_code == 401 and resp.json["error"] == "unauthorized"


def test_the_openapi_document_needs_no_sign_in(client):
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200 and resp.json["openapi"] == "3.1.0"


def test_a_revoked_token_answers_401(db, client):
    api = make_api(db, client, "rep")
    assert api.get("/people").status_code == 200
    assert revoke_tokens(db, "rep@example.ch") == 1
    resp = api.get("/people")
    assert resp.status_code == 401 and resp.json["error"] == "unauthorized"


def test_the_token_of_a_deactivated_user_answers_401(db, client):
    api = make_api(db, client, "rep")
    db.run_raw("MATCH (u:User {email: 'rep@example.ch'}) SET u.active = false")
    assert api.get("/people").status_code == 401


def test_a_token_write_needs_no_csrf_header(api):
    assert api.post("/people", {"last_name": "Keller"}).status_code == 201


def test_a_signed_in_session_reads_the_api(client, signed_in):
    resp = client.get("/api/v1/me")
    assert resp.status_code == 200 and resp.json["email"] == "rep@example.ch"


def test_a_session_write_without_the_csrf_header_answers_403_and_writes_nothing(db, client, signed_in):
    resp = client.post("/api/v1/people", json={"last_name": "Keller"})
    assert resp.status_code == 403 and resp.json["error"] == "forbidden"
    wrong = client.post("/api/v1/people", json={"last_name": "Keller"}, headers={"X-CSRF-Token": "forged"})
    assert wrong.status_code == 403
    assert db.run_raw("MATCH (p:Person) RETURN count(p) AS c")[0]["c"] == 0


def test_a_session_write_with_the_csrf_header_succeeds(client, signed_in):
    resp = client.post("/api/v1/people", json={"last_name": "Keller"}, headers={"X-CSRF-Token": signed_in})
    assert resp.status_code == 201, resp.json
    patch = client.patch(f"/api/v1/people/{resp.json['id']}", json={"title": "CFO"},
                         headers={"X-CSRF-Token": signed_in})
    assert patch.status_code == 200 and patch.json["title"] == "CFO"


def test_after_sign_out_the_session_no_longer_reaches_the_api(client, signed_in):
    client.post("/logout", data={"csrf_token": signed_in})
    assert client.get("/api/v1/people").status_code == 401
