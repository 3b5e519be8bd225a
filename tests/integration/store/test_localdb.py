"""The managed local Neo4j: idempotent start, clear failures, and the db commands."""
import os
import socket

import pytest
from click.testing import CliRunner

from graphcrm import cli
from graphcrm.config import graphcrm_home
from graphcrm.errors import LocalDbError
from graphcrm.store.db import Database
from graphcrm.store.localdb import LocalNeo4j

TEST_INSTANCE = os.environ.get("GRAPHCRM_TEST_INSTANCE", "test")


def test_starting_a_running_instance_returns_the_same_one(neo4j_uri):
    local = LocalNeo4j(graphcrm_home(), TEST_INSTANCE)
    first = local.status()
    assert first is not None and first.uri == neo4j_uri
    again = local.start()
    assert (again.pid, again.port) == (first.pid, first.port)


def test_the_managed_instance_keeps_a_bounded_transaction_log(neo4j_uri):
    # Embedded Neo4j keeps two days of logs by default: gigabytes after one large import.
    db = Database(neo4j_uri, None)
    setting = db.run_raw("SHOW SETTINGS YIELD name, value "
                         "WHERE name = 'db.tx_log.rotation.retention_policy' RETURN value")
    db.close()
    assert setting == [{"value": "512M size"}]


def test_a_taken_port_is_refused_with_a_clear_message():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(LocalDbError, match=f"port {port} .* already taken"):
            LocalNeo4j(graphcrm_home(), "port-taken-test").start(port=port)


def test_a_jvm_that_dies_while_starting_is_reported_with_its_log():
    # A negative page cache is refused by Neo4j's config validation, so the JVM exits at once.
    local = LocalNeo4j(graphcrm_home(), "dies-test", pagecache_mb=-1)
    with pytest.raises(LocalDbError, match="exited with code") as failure:
        local.start()
    assert "Last lines of" in str(failure.value)
    assert local.status() is None


def test_missing_java_or_maven_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(LocalDbError, match="is not installed"):
        LocalNeo4j(tmp_path / "home").ensure_installed(echo=lambda m: None)


def test_db_status_names_the_external_database(neo4j_uri):
    result = CliRunner().invoke(cli.main, ["db", "status"], env={"NEO4J_URI": neo4j_uri})
    assert result.exit_code == 0
    assert neo4j_uri in result.output


def test_db_migrate_can_be_repeated(db):
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(cli.main, ["db", "migrate"], env={"NEO4J_URI": db.uri})
        assert result.exit_code == 0, result.output
    names = {r["name"] for r in db.run_raw("SHOW CONSTRAINTS YIELD name")}
    assert {"person_id", "person_sf_id", "account_id", "user_email"} <= names
    indexes = {r["name"]: r["type"] for r in db.run_raw("SHOW INDEXES YIELD name, type")}
    assert indexes["record_search"] == "FULLTEXT" and indexes["person_location"] == "POINT"


def test_db_migrate_drops_the_activity_indexes_no_statement_uses(db):
    db.run_raw("CREATE RANGE INDEX activity_at IF NOT EXISTS FOR (n:Activity) ON (n.at)")
    db.run_raw("CREATE RANGE INDEX activity_kind_at IF NOT EXISTS FOR (n:Activity) ON (n.kind, n.at)")
    result = CliRunner().invoke(cli.main, ["db", "migrate"], env={"NEO4J_URI": db.uri})
    assert result.exit_code == 0, result.output
    on_activity = {r["name"] for r in db.run_raw(
        "SHOW INDEXES YIELD name, labelsOrTypes WHERE 'Activity' IN labelsOrTypes RETURN name")}
    assert on_activity == {"activity_id", "activity_sf_id"}


def test_db_reset_asks_for_confirmation_and_then_deletes_everything(db):
    db.run_raw("CREATE (:Person {id: 'p1', last_name: 'Muster'})")
    runner = CliRunner()
    refused = runner.invoke(cli.main, ["db", "reset"], env={"NEO4J_URI": db.uri})
    assert refused.exit_code == 2 and "--yes" in refused.output
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == 1
    done = runner.invoke(cli.main, ["db", "reset", "--yes"], env={"NEO4J_URI": db.uri})
    assert done.exit_code == 0, done.output
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_a_cli_created_user_and_token_can_call_the_api(db, client):
    runner = CliRunner()
    env = {"NEO4J_URI": db.uri}
    made = runner.invoke(cli.main, ["user", "create", "--email", "Rita@Example.ch", "--name", "Rita Rep",
                                    "--role", "rep"], env=env)
    assert made.exit_code == 0, made.output
    assert "Password: " in made.output
    issued = runner.invoke(cli.main, ["token", "create", "--email", "rita@example.ch"], env=env)
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json["email"] == "rita@example.ch"


def test_a_duplicate_user_is_a_clear_cli_error(db):
    runner = CliRunner()
    args = ["user", "create", "--email", "a@example.ch", "--name", "A", "--role", "viewer", "--password", "x" * 12]
    assert runner.invoke(cli.main, args, env={"NEO4J_URI": db.uri}).exit_code == 0
    again = runner.invoke(cli.main, args, env={"NEO4J_URI": db.uri})
    assert again.exit_code == 1
    assert "exists already" in again.output and "Traceback" not in again.output
