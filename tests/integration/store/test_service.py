"""A dependable service: the managed Neo4j keeps its address, the app heals, a dead JVM comes back, backups.

Each test runs a Neo4j of its own in a fresh GRAPHCRM_HOME that borrows the installed jars, so stopping
and killing it leaves the suite's database alone.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphcrm import cli
from graphcrm.config import graphcrm_home
from graphcrm.store.db import Database, migrate
from graphcrm.store.localdb import LocalNeo4j
from graphcrm.store.supervisor import Supervisor
from tests.support.apps import make_api

RECOVERY_S = 60  # a JVM start on a busy 2-core machine; the tests wait for it, they do not time it


def fresh_home(tmp_path: Path, name: str = "home") -> Path:
    """A new GRAPHCRM_HOME whose Neo4j installation is the suite's (no second Maven fetch)."""
    installed = graphcrm_home() / "neo4j"
    home = tmp_path / name
    (home / "neo4j").mkdir(parents=True)
    for part in ("lib", "classes"):
        (home / "neo4j" / part).symlink_to(installed / part)
    shutil.copyfile(installed / "installed", home / "neo4j" / "installed")
    return home


@pytest.fixture
def home(neo4j_uri, tmp_path):
    """A fresh home (after the suite's Neo4j is installed); its instance is stopped at the end."""
    path = fresh_home(tmp_path)
    yield path
    LocalNeo4j(path).stop()


def _cli(home: Path, *args: str):
    env = {"GRAPHCRM_HOME": str(home), "NEO4J_URI": None}
    return CliRunner().invoke(cli.main, list(args), env=env)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _until(check, timeout: float = RECOVERY_S, every: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s")


def test_the_managed_instance_comes_back_at_the_same_address_and_moves_only_when_told(home):
    first = _cli(home, "db", "start")
    assert first.exit_code == 0, first.output
    uri = first.output.strip().splitlines()[-1]
    assert _cli(home, "db", "stop").exit_code == 0
    stopped = _cli(home, "db", "status")
    assert stopped.exit_code == 3 and f"address: {uri}" in stopped.output
    again = _cli(home, "db", "start")
    assert again.output.strip().splitlines()[-1] == uri
    # --port moves it for good; the next plain start stays there.
    assert _cli(home, "db", "stop").exit_code == 0
    port = _free_port()
    moved = _cli(home, "db", "start", "--port", str(port))
    assert moved.exit_code == 0 and moved.output.strip().endswith(f":{port}")
    assert _cli(home, "db", "stop").exit_code == 0
    assert _cli(home, "db", "start").output.strip().endswith(f":{port}")
    status = _cli(home, "db", "status")
    assert status.exit_code == 0
    assert "uptime:" in status.output and "store:" in status.output and "heap:" in status.output


def test_a_taken_port_is_named_and_the_instance_does_not_move(home):
    local = LocalNeo4j(home)
    port = local.start().port
    local.stop()
    with socket.socket() as squatter:
        _bind_when_free(squatter, port)
        squatter.listen()
        refused = _cli(home, "db", "start")
        assert refused.exit_code == 1
        assert f"port {port}" in refused.output and "already taken" in refused.output
        assert "Traceback" not in refused.output
    assert local.port() == port


def _bind_when_free(sock: socket.socket, port: int, wait_s: float = 15.0) -> None:
    """Bind to a port the stopped JVM may still be letting go of (its sockets close just after it exits)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            sock.bind(("127.0.0.1", port))
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _managed_app(home: Path):
    from graphcrm.http.app import create_app

    app = create_app({"TESTING": True, "NEO4J_URI": None, "SECRET_KEY": "t", "GRAPHCRM_HOME": str(home),
                      "SESSION_COOKIE_SECURE": False})
    db = app.extensions["graphcrm_db"]
    migrate(db)
    return app, db


def test_the_app_recovers_by_itself_after_db_stop_and_start_and_follows_a_move(home):
    LocalNeo4j(home).start()
    app, db = _managed_app(home)
    try:
        api = make_api(db, app.test_client(), "admin")
        assert api.get("/people").status_code == 200
        assert _cli(home, "db", "stop").exit_code == 0
        down = api.get("/people")
        assert down.status_code == 503 and int(down.headers["Retry-After"]) > 0
        assert _cli(home, "db", "start").exit_code == 0
        assert _until(lambda: api.get("/people").status_code == 200)
        # Moved to another port on purpose: the app finds it there without a restart.
        assert _cli(home, "db", "stop").exit_code == 0
        port = _free_port()
        assert _cli(home, "db", "start", "--port", str(port)).exit_code == 0
        assert _until(lambda: api.get("/people").status_code == 200)
        assert db.uri.endswith(f":{port}")
    finally:
        db.close()


def test_a_killed_jvm_is_restarted_and_a_stopped_one_is_left_stopped(home):
    local = LocalNeo4j(home)
    before = local.start()
    watcher = Supervisor(local, every_s=0.2).start()
    try:
        os.kill(before.pid, signal.SIGKILL)
        after = _until(lambda: (r := local.status()) and r.pid != before.pid and r)
        assert after.port == before.port
        db = Database(after.uri, None)
        assert db.run_raw("RETURN 1 AS one") == [{"one": 1}]
        db.close()
        assert watcher.restarts == 1
        status = _cli(home, "db", "status")
        assert "last restart after a crash: 20" in status.output
        # A stop is a decision: nothing starts it again.
        local.stop()
        time.sleep(1.0)
        assert local.status() is None and watcher.restarts == 1
    finally:
        watcher.stop()


def test_serve_keeps_its_neo4j_alive_and_its_workers_answer_again(home, tmp_path):
    port = _free_port()
    env = {**os.environ, "GRAPHCRM_HOME": str(home), "GRAPHCRM_SECRET_KEY": "t"}
    env.pop("NEO4J_URI", None)
    log = open(tmp_path / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "graphcrm.cli", "serve", "--port", str(port), "--workers", "1",
                               "--threads", "2"], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/healthz"

    def answer() -> int | None:
        try:
            with urllib.request.urlopen(url, timeout=15) as resp:
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return None

    try:
        assert _until(lambda: answer() == 200, timeout=180)
        local = LocalNeo4j(home)
        jvm = local.status()
        os.kill(jvm.pid, signal.SIGKILL)
        started = time.monotonic()
        code = answer()  # while it is down: an answer, not a hang (the driver gives up in seconds)
        assert code in (200, 503) and time.monotonic() - started < 15
        back = _until(lambda: (r := local.status()) and r.pid != jvm.pid and r)
        assert back.port == jvm.port
        assert _until(lambda: answer() == 200)
        # Stopped and started through the CLI under the running server: same address, it answers again.
        assert _cli(home, "db", "stop").exit_code == 0
        assert _until(lambda: answer() == 503)
        assert _cli(home, "db", "start").output.strip().endswith(f":{jvm.port}")
        assert _until(lambda: answer() == 200)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    output = (tmp_path / "serve.log").read_text(errors="replace")
    assert "restarting it" in output and "is back at" in output


def test_a_backup_restored_on_a_fresh_home_gives_the_same_graph(home, tmp_path):
    local = LocalNeo4j(home)
    db = Database(local.start().uri, None)
    migrate(db)
    db.run_raw("CREATE (:Person {id: 'p1', last_name: 'Kälin'})-[:KNOWS {since: date('2020-01-02')}]->"
               "(:Person {id: 'p2', last_name: 'Frei'})")
    db.close()
    done = _cli(home, "db", "backup", str(tmp_path / "backups"))
    assert done.exit_code == 0, done.output
    dump = tmp_path / "backups" / "graphcrm-neo4j.dump"
    assert dump.is_file() and local.status() is not None  # running again after the dump
    again = _cli(home, "db", "backup", str(dump))
    assert again.exit_code == 1 and "exists already" in again.output

    other = fresh_home(tmp_path, "other")
    try:
        assert _cli(other, "db", "restore", str(dump)).exit_code == 2  # asks for --yes
        restored = _cli(other, "db", "restore", str(dump), "--yes")
        assert restored.exit_code == 0, restored.output
        copy = Database(LocalNeo4j(other).status().uri, None)
        rows = copy.run_raw("MATCH (a:Person)-[k:KNOWS]->(b:Person) RETURN a.last_name AS a, b.last_name AS b, "
                            "toString(k.since) AS since")
        constraints = {r["name"] for r in copy.run_raw("SHOW CONSTRAINTS YIELD name")}
        copy.close()
        assert rows == [{"a": "Kälin", "b": "Frei", "since": "2020-01-02"}]
        assert "person_id" in constraints
    finally:
        LocalNeo4j(other).stop()
