"""Faults: Neo4j going away and coming back, concurrent edits, interrupted writes."""
import threading

import pytest

from graphcrm.config import graphcrm_home
from graphcrm.errors import Unavailable
from graphcrm.model import Label
from graphcrm.store.db import Database, migrate
from graphcrm.store.localdb import LocalNeo4j
from tests.support.apps import make_api


@pytest.fixture
def own_neo4j():
    """A Neo4j of this test's own, so stopping it leaves the shared one alone."""
    local = LocalNeo4j(graphcrm_home(), "faults-test")
    running = local.start()
    yield local, running
    local.stop()


def test_requests_get_503_while_neo4j_is_down_and_recover_when_it_is_back(own_neo4j, tmp_path):
    from graphcrm.http.app import create_app

    local, running = own_neo4j
    handle = Database(running.uri, None)
    handle.run_raw("MATCH (n) DETACH DELETE n")
    migrate(handle)
    handle.close()
    app = create_app({"TESTING": True, "NEO4J_URI": running.uri, "SECRET_KEY": "t",
                      "GRAPHCRM_HOME": str(tmp_path), "SESSION_COOKIE_SECURE": False, "DEFAULT_LOCALE": "en-CH"})
    api = make_api(app.extensions["graphcrm_db"], app.test_client(), "admin")
    assert api.get("/people").status_code == 200

    local.stop()
    down = api.get("/people")
    assert down.status_code == 503
    assert down.json["error"] == "unavailable" and "not reachable" in down.json["message"]
    assert int(down.headers["Retry-After"]) > 0  # clients and load balancers know when to try again
    page = app.test_client().get("/login")
    assert page.status_code in (200, 503)  # the sign-in page needs no database until it is posted

    local.start(port=running.port)
    assert api.get("/people").status_code == 200
    app.extensions["graphcrm_db"].close()


def test_concurrent_edits_with_version_never_lose_an_update(db, app):
    api = make_api(db, app.test_client(), "admin")
    account = api.post("/accounts", {"name": "Zähler AG", "employees": 0}).json
    per_thread, threads = 5, 6
    errors = []

    def bump():
        client = make_client(app, api.token)
        for _ in range(per_thread):
            while True:
                current = client.get(f"/accounts/{account['id']}").json
                resp = client.patch(f"/accounts/{account['id']}",
                                    {"employees": current["employees"] + 1, "version": current["version"]})
                if resp.status_code == 200:
                    break
                if resp.status_code != 409:
                    errors.append(resp.json)
                    return

    workers = [threading.Thread(target=bump) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    final = api.get(f"/accounts/{account['id']}").json
    assert final["employees"] == per_thread * threads
    assert final["version"] == 1 + per_thread * threads


def make_client(app, token):
    """An Api client of its own for one thread."""
    from tests.support.apps import Api

    return Api(app.test_client(), token, {})


def test_a_transaction_that_fails_half_way_leaves_nothing_behind(db):
    def half_then_fail(tx):
        tx.run("records/create", {"label": Label.PERSON}, id="half-1", props={"last_name": "Halb", "sort_key": "halb"})
        raise Unavailable("the connection broke in the middle")

    with pytest.raises(Unavailable):
        db.write_tx(half_then_fail)
    assert db.run_raw("MATCH (p:Person {id: 'half-1'}) RETURN count(p) AS n")[0]["n"] == 0
