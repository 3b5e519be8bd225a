"""Fixtures: one real Neo4j per test run (the managed launcher), wiped between tests.

Helpers live in tests/support and are imported from there (`from tests.support.apps import make_api`)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphcrm import config as settings
from graphcrm.store.db import Database, migrate
from tests.support.apps import build_app, make_api

# The command line speaks the language of LC_ALL/LANG: the suite reads its English whatever the machine's.
os.environ["LC_ALL"] = "C.UTF-8"


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


@pytest.fixture
def client(app):
    """A test client with no one signed in."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Flask's CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def api(db, client):
    """An admin's API client."""
    return make_api(db, client, "admin")


@pytest.fixture
def repo_root() -> Path:
    """The repository's top folder."""
    return Path(__file__).resolve().parent.parent
