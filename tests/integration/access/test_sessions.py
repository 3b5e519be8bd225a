"""Sign-in sessions live on the server: they end at sign-out, on a password or role change, everywhere
on an admin's word, and after idle and absolute timeouts; a replayed cookie of an ended session opens nothing."""
import re

import pytest

from graphcrm.access.users import create_user
from tests.support.apps import make_api

PASSWORD = "correct horse battery"


def _csrf(client, path="/login"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, email, password=PASSWORD):
    resp = client.post("/login", data={"email": email, "password": password, "csrf_token": _csrf(client)})
    assert resp.status_code == 302, resp.status_code
    return client.get_cookie("session").value


def signed_in(client) -> bool:
    return client.get("/api/v1/me").status_code == 200


def replay(app, cookie: str):
    """A second browser that sends a copy of a session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


@pytest.fixture
def rita(db):
    return create_user(db, email="rita@example.ch", name="Rita Rep", role="rep", password=PASSWORD)


def test_a_session_cookie_replayed_after_sign_out_opens_nothing(app, client, rita):
    cookie = sign_in(client, rita["email"])
    assert signed_in(replay(app, cookie))
    resp = client.post("/logout", data={"csrf_token": _csrf(client, "/me")})
    assert resp.status_code == 302
    assert not signed_in(client)
    assert not signed_in(replay(app, cookie))  # the copy taken before sign-out


def test_signing_in_starts_a_new_session_rather_than_keeping_the_one_from_before(app, client, db, rita):
    before = client.get("/login") and client.get_cookie("session").value
    after = sign_in(client, rita["email"])
    assert after != before
    assert not signed_in(replay(app, before))
    again = sign_in(app.test_client(), rita["email"])
    assert again != after and signed_in(replay(app, after)) and signed_in(replay(app, again))


def test_a_password_change_ends_every_other_session_but_keeps_this_one(app, client, db, rita):
    elsewhere = sign_in(app.test_client(), rita["email"])
    sign_in(client, rita["email"])
    resp = client.post("/api/v1/me/password", json={"current": PASSWORD, "new": "a much better one"},
                       headers={"X-CSRF-Token": _csrf(client, "/me")})
    assert resp.status_code == 200 and resp.json == {"sessions_ended": 1}
    assert signed_in(client) and not signed_in(replay(app, elsewhere))
    assert sign_in(app.test_client(), rita["email"], "a much better one")


@pytest.mark.parametrize("body, field", [
    ({"current": "wrong password!", "new": "a much better one"}, "current"),  # not the current one
    ({"current": PASSWORD, "new": "short"}, "new"),                            # too short
    ({"current": PASSWORD}, "new"),                                            # missing
    ({"current": PASSWORD, "new": ["a much better one"]}, "new"),              # not a string
])
def test_a_password_change_that_cannot_be_made_is_422_and_ends_nothing(app, client, db, rita, body, field):
    elsewhere = sign_in(app.test_client(), rita["email"])
    sign_in(client, rita["email"])
    resp = client.post("/api/v1/me/password", json=body, headers={"X-CSRF-Token": _csrf(client, "/me")})
    assert resp.status_code == 422 and field in resp.json["fields"]
    assert signed_in(replay(app, elsewhere))


def test_the_profile_page_changes_the_password_and_signs_out_elsewhere(app, client, db, rita):
    elsewhere = sign_in(app.test_client(), rita["email"])
    sign_in(client, rita["email"])
    page = client.get("/me").get_data(as_text=True)
    assert "2 browser sessions" in page
    resp = client.post("/me/sign-out", data={"csrf_token": _csrf(client, "/me")}, follow_redirects=True)
    assert "Signed out in 1 other session" in resp.get_data(as_text=True)
    assert not signed_in(replay(app, elsewhere)) and signed_in(client)
    wrong = client.post("/me/password", data={"csrf_token": _csrf(client, "/me"), "current": "nope nope nope",
                                              "new": "a much better one"})
    assert wrong.status_code == 422 and "Current password is not right" in wrong.get_data(as_text=True)


def test_a_role_change_by_an_admin_ends_the_users_sessions(app, client, db, rita):
    admin = make_api(db, client, "admin")
    cookie = sign_in(app.test_client(), rita["email"])
    resp = admin.patch(f"/users/{rita['id']}", {"role": "viewer"})
    assert resp.status_code == 200 and resp.json["role"] == "viewer"
    assert not signed_in(replay(app, cookie))
    # A new sign-in carries the new role.
    browser = app.test_client()
    sign_in(browser, rita["email"])
    assert browser.get("/api/v1/me").json["role"] == "viewer"


def test_a_name_change_keeps_the_sessions(app, client, db, rita):
    admin = make_api(db, client, "admin")
    cookie = sign_in(app.test_client(), rita["email"])
    assert admin.patch(f"/users/{rita['id']}", {"name": "Rita Muster"}).status_code == 200
    assert replay(app, cookie).get("/api/v1/me").json["name"] == "Rita Muster"


def test_a_deactivated_user_is_signed_out_and_cannot_sign_in(app, client, db, rita):
    admin = make_api(db, client, "admin")
    cookie = sign_in(app.test_client(), rita["email"])
    assert admin.patch(f"/users/{rita['id']}", {"active": False}).status_code == 200
    assert not signed_in(replay(app, cookie))
    resp = app.test_client().post("/login", data={"email": rita["email"], "password": PASSWORD,
                                                  "csrf_token": _csrf(app.test_client())})
    assert resp.status_code in (401, 400, 403)


def test_an_admin_signs_a_user_out_everywhere_and_others_may_not(app, client, db, rita):
    admin = make_api(db, client, "admin")
    manager = make_api(db, client, "manager", "mia@example.ch")
    cookies = [sign_in(app.test_client(), rita["email"]) for _ in range(2)]
    assert manager.post(f"/users/{rita['id']}/sign-out").status_code == 403
    assert all(signed_in(replay(app, c)) for c in cookies)
    assert admin.post(f"/users/{rita['id']}/sign-out").json == {"sessions_ended": 2}
    assert not any(signed_in(replay(app, c)) for c in cookies)
    actions = [e["action"] for e in admin.get("/audit").json["items"]]
    assert "sign_out_everywhere" in actions


@pytest.mark.parametrize("body, field", [
    ({"role": "king"}, "role"),          # not a role
    ({"active": "no"}, "active"),        # not a bool
    ({"email": "x@example.ch"}, "email"),  # not changeable here
    ({"role": None}, "role"),            # cannot be cleared
])
def test_a_bad_user_change_is_422_naming_the_field(db, client, rita, body, field):
    admin = make_api(db, client, "admin")
    resp = admin.patch(f"/users/{rita['id']}", body)
    assert resp.status_code == 422 and field in resp.json["fields"]


def test_only_admins_change_users_and_the_last_admin_stays_admin(db, client, rita):
    admin = make_api(db, client, "admin")
    manager = make_api(db, client, "manager", "mia@example.ch")
    assert manager.patch(f"/users/{rita['id']}", {"role": "admin"}).status_code == 403
    assert admin.patch("/users/no-such-user", {"role": "rep"}).status_code == 404
    resp = admin.patch(f"/users/{admin.user['id']}", {"role": "rep"})
    assert resp.status_code == 409 and "role" in resp.json["fields"]


def _age_sessions(db, email, **shift):
    """Move a user's session clocks into the past, as if time had passed."""
    sets = ", ".join(f"s.{name} = s.{name} - duration($d)" for name in shift)
    db.run_raw(f"MATCH (s:Session) MATCH (u:User {{id: s.user_id, email: $email}}) SET {sets}",
               email=email, d=next(iter(shift.values())))


def test_a_session_unused_for_longer_than_the_idle_time_ends(app, client, db, rita):
    cookie = sign_in(client, rita["email"])
    _age_sessions(db, rita["email"], seen_at="PT121M")  # the default idle time is two hours
    assert not signed_in(replay(app, cookie))


def test_a_session_in_use_ends_at_its_absolute_limit(app, client, db, rita):
    cookie = sign_in(client, rita["email"])
    assert signed_in(client)
    _age_sessions(db, rita["email"], expires_at="PT12H1M")  # a session lives twelve hours at most
    assert not signed_in(replay(app, cookie))


def test_the_cli_signs_a_user_out_everywhere_and_changes_roles(app, client, db, rita, monkeypatch):
    from click.testing import CliRunner

    from graphcrm.cli import main

    monkeypatch.setenv("NEO4J_URI", db.uri)
    cookie = sign_in(client, rita["email"])
    result = CliRunner().invoke(main, ["user", "sign-out", "--email", rita["email"]])
    assert result.exit_code == 0 and "Ended 1 session(s)" in result.output
    assert not signed_in(replay(app, cookie))
    result = CliRunner().invoke(main, ["user", "update", "--email", rita["email"], "--role", "manager"])
    assert result.exit_code == 0 and "manager" in result.output
    result = CliRunner().invoke(main, ["user", "update", "--email", "ghost@example.ch", "--role", "rep"])
    assert result.exit_code == 1 and "No user" in result.output


def test_session_tokens_are_stored_only_as_hashes(client, db, rita):
    cookie = sign_in(client, rita["email"])
    stored = db.run_raw("MATCH (s:Session) RETURN s.id AS id")
    assert len(stored) == 1 and len(stored[0]["id"]) == 64
    assert stored[0]["id"] not in cookie
