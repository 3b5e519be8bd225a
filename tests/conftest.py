"""Fixtures: one real Neo4j per test run (the managed launcher), wiped between tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphcrm import config as settings
from graphcrm.store.db import Database, migrate


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """Production-cost argon2 takes about a second per hash on a busy 2-core machine; tests need no such cost."""
    from graphcrm.access.users import set_hash_cost

    set_hash_cost(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session")
def neo4j_uri():
    """Bolt URI of the test database: GRAPHCRM_TEST_NEO4J_URI, else a managed instance named 'test'."""
    if os.environ.get("GRAPHCRM_TEST_NEO4J_URI"):
        yield os.environ["GRAPHCRM_TEST_NEO4J_URI"]
        return
    from graphcrm.store.localdb import LocalNeo4j

    # Separate instances let several checkouts run their suites at once.
    local = LocalNeo4j(settings.graphcrm_home(), name=os.environ.get("GRAPHCRM_TEST_INSTANCE", "test"))
    already = local.status()
    running = local.start()
    yield running.uri
    if already is None:
        local.stop()


@pytest.fixture(scope="session")
def _schema(neo4j_uri):
    handle = Database(neo4j_uri, None)
    handle.run_raw("MATCH (n) DETACH DELETE n")
    migrate(handle)
    yield
    handle.close()


@pytest.fixture
def db(neo4j_uri, _schema):
    """A Database on the test Neo4j, empty at the start of each test."""
    handle = Database(neo4j_uri, None)
    handle.run_raw("MATCH (n) DETACH DELETE n")
    yield handle
    handle.close()


@pytest.fixture
def app(db, tmp_path):
    """The app on the test database."""
    yield from build_app(db, tmp_path)


@pytest.fixture
def private_app(db, tmp_path):
    """An app whose people are private to their owner's team (GRAPHCRM_PEOPLE_SHARING=private)."""
    yield from build_app(db, tmp_path, PEOPLE_SHARING="private")


def build_app(db, tmp_path, **config):
    """Yield an app on the test database with these settings, and close its driver afterwards."""
    from graphcrm.http.app import create_app

    application = create_app({
        "TESTING": True, "NEO4J_URI": db.uri, "SECRET_KEY": "test-secret",
        "GRAPHCRM_HOME": str(tmp_path / "home"), "SESSION_COOKIE_SECURE": False, **config,
    })
    yield application
    application.extensions["graphcrm_db"].close()


@pytest.fixture
def client(app):
    """A test client with no one signed in."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Flask's CLI runner."""
    return app.test_cli_runner()


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


@pytest.fixture
def api(db, client):
    """An admin's API client."""
    return make_api(db, client, "admin")


@pytest.fixture
def repo_root() -> Path:
    """The repository's top folder."""
    return Path(__file__).resolve().parent.parent


def open_session(db, client, user: dict, csrf: str | None = None) -> None:
    """Sign `user` in on `client` through a real server-side session (as /login does), without the form."""
    from graphcrm.access import sessions

    token = sessions.start(db, user["id"], sessions.Lifetime())
    with client.session_transaction() as session:
        session.clear()
        session["sid"] = token
        if csrf:
            session["csrf"] = csrf
