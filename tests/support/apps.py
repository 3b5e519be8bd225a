"""Apps and clients for tests: an app on the test database, API clients acting as a role, sessions."""
from __future__ import annotations


def build_app(db, tmp_path, **config):
    """Yield an app on the test database with these settings, and close its driver afterwards."""
    from graphcrm.http.app import create_app

    application = create_app({
        "TESTING": True, "NEO4J_URI": db.uri, "SECRET_KEY": "test-secret",
        "GRAPHCRM_HOME": str(tmp_path / "home"), "SESSION_COOKIE_SECURE": False,
        # The suite reads English with Swiss formats unless a test asks for another language.
        "DEFAULT_LOCALE": "en-CH", **config,
    })
    yield application
    application.extensions["graphcrm_db"].close()


class Api:
    """A test client that sends a bearer token and JSON."""

    def __init__(self, client, token: str, user: dict):
        self.client, self.token, self.user = client, token, user

    def _call(self, method, path, body=None, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        if body is not None:
            kwargs["json"] = body
        return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kwargs)

    def get(self, path, **kw):
        return self._call("get", path, **kw)

    def post(self, path, body=None, **kw):
        return self._call("post", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self._call("patch", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self._call("put", path, body, **kw)

    def delete(self, path, body=None, **kw):
        return self._call("delete", path, body, **kw)


def make_api(db, client, role: str, email: str | None = None) -> Api:
    """Create a user with `role` and return an Api client acting as them."""
    from graphcrm.access.users import create_token, create_user

    email = email or f"{role}@example.ch"
    user = create_user(db, email=email, name=f"{role.title()} User", role=role, password="correct horse battery")
    return Api(client, create_token(db, email), user)


def open_session(db, client, user: dict, csrf: str | None = None) -> None:
    """Sign `user` in on `client` through a real server-side session (as /login does), without the form."""
    from graphcrm.access import sessions

    token = sessions.start(db, user["id"], sessions.Lifetime())
    with client.session_transaction() as session:
        session.clear()
        session["sid"] = token
        if csrf:
            session["csrf"] = csrf
