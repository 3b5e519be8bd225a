"""Exports: the JSON backup restores the same graph with every type; GraphML/GEXF read back; CLI codes."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graphcrm.cli import main
from graphcrm.errors import Conflict, Invalid
from graphcrm.http.common.download import csv_cell
from graphcrm.store.db import reset
from graphcrm.transfer.backup import export_json, import_json
from graphcrm.transfer.graph_files import export_graph
from graphcrm.transfer.salesforce.importer import import_salesforce
from tests.support.sfexport import FIXTURE, snapshot

EVERY_TYPE = """
CREATE (a:Person:Vip {id: 'p1', name: 'Anna', count: 42, big: 9007199254740993, ratio: 0.1, yes: true, no: false,
  words: ['a', 'b'], numbers: [1, 2, 3], floats: [1.5, -0.0], flags: [true, false], empty: [],
  day: date('2026-03-01'), days: [date('2026-03-01'), date('1900-01-01')],
  zurich: datetime('2026-03-29T02:30:00.123456789[Europe/Zurich]'),
  offset: datetime('2026-03-01T09:30:00.000000001+05:30'), z: datetime('2026-03-01T09:30:00Z'),
  utc: datetime('2026-03-01T09:30:00[UTC]'),
  moments: [datetime('2026-01-01T00:00:00Z'), datetime('2026-07-01T12:00:00[Europe/Zurich]')],
  local: localdatetime('2026-03-01T09:30:00.5'), at: time('09:30:00.000000007+01:00'),
  clock: localtime('23:59:59.999999999'), span: duration('P1Y2M3DT4H5M6.000000007S'),
  home: point({latitude: 47.56, longitude: 7.59}), peak: point({latitude: 46.5, longitude: 8.0, height: 4158.0}),
  flat: point({x: 1.5, y: -2.0}), cube: point({x: 1.0, y: 2.0, z: 3.0}), unicode: 'Zürich – 東京 \\u0000 "q"'})
CREATE (b:Account {id: 'a1', name: 'ACME'})
CREATE (s:Setting {key: 'contact_roles', values: ['Champion']})
CREATE (bare)
CREATE (a)-[:EMPLOYS {since: date('2020-01-01'), roles: ['x'], primary: true, at: datetime('2026-01-01T00:00Z')}]->(b)
CREATE (a)-[:EMPLOYS {primary: false}]->(b)
CREATE (a)-[:KNOWS {note: 'self'}]->(a)
CREATE (bare)-[:LINKED]->(s)
"""


def build_every_type(db) -> None:
    db.run_raw(EVERY_TYPE)
    # Values Cypher literals cannot write: byte arrays and non-finite floats.
    db.run_raw("MATCH (p:Person {id: 'p1'}) SET p.blob = $blob, p.inf = $inf, p.nan = $nan",
               blob=bytearray(b"\x00\xffbytes"), inf=float("inf"), nan=float("nan"))


def restore(db, path) -> None:
    reset(db)
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
    import_json(db, path)


def test_a_json_backup_restores_every_node_relationship_and_property_with_its_type(db, tmp_path):
    build_every_type(db)
    before = snapshot(db)
    zones = db.run_raw("MATCH (p:Person) RETURN [k IN ['zurich', 'offset', 'z', 'utc'] | p[k].timezone] AS tz")
    counts = export_json(db, tmp_path / "backup.json")
    assert counts == {"nodes": 4, "relationships": 4}
    assert (tmp_path / "backup.json").stat().st_mode & 0o777 == 0o600  # it holds password hashes
    restore(db, tmp_path / "backup.json")
    after = snapshot(db)
    # NaN is never equal to itself, so compare the text of the snapshots.
    assert repr(after) == repr(before)
    assert db.run_raw("MATCH (p:Person) RETURN [k IN ['zurich', 'offset', 'z', 'utc'] | p[k].timezone] AS tz") == zones
    assert zones[0]["tz"] == ["Europe/Zurich", "+05:30", "Z", "UTC"]
    # The restore's bookkeeping is gone again.
    assert db.run_raw("MATCH (n) WHERE n:GraphcrmRestore OR n._restore_key IS NOT NULL "
                      "RETURN count(n) AS n")[0]["n"] == 0


def test_the_imported_salesforce_fixture_survives_a_backup_round_trip(db, tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "export")
    assert import_salesforce(db, tmp_path / "export").ok
    before = snapshot(db)
    export_json(db, tmp_path / "backup.json")
    restore(db, tmp_path / "backup.json")
    assert snapshot(db) == before


def test_the_demo_survives_a_backup_round_trip(db, tmp_path):
    demo = pytest.importorskip("graphcrm.demo")
    demo.load_demo(db, size="small", seed=7)
    before = snapshot(db)
    export_json(db, tmp_path / "backup.json")
    restore(db, tmp_path / "backup.json")
    assert snapshot(db) == before


def test_a_backup_goes_only_into_an_empty_database(db, tmp_path):
    build_every_type(db)
    export_json(db, tmp_path / "backup.json")
    with pytest.raises(Conflict, match="not empty"):
        import_json(db, tmp_path / "backup.json")


@pytest.mark.parametrize("damage, message", [
    (lambda lines: lines[:-1], "ends before its end line"),  # cut off
    (lambda lines: [lines[0], "{not json", *lines[1:]], "backup.json line 2:"),
    (lambda lines: ['{"format": "something-else"}', *lines[1:]], "backup.json line 1: not a graphcrm backup"),
    (lambda lines: [lines[0], '{"n": "1", "labels": ["Bad Label`"], "props": {}}', *lines[1:]],
     "backup.json line 2: labels must be a list of plain names"),
    (lambda lines: [lines[0], '{"n": "1", "labels": ["X"], "props": {"p": {"$nope": 1}}}', *lines[1:]],
     "backup.json line 2: unknown tag $nope"),
])
def test_a_damaged_backup_is_refused_with_its_line_and_nothing_is_written(db, tmp_path, damage, message):
    build_every_type(db)
    export_json(db, tmp_path / "good.json")
    lines = (tmp_path / "good.json").read_text(encoding="utf-8").splitlines()
    (tmp_path / "backup.json").write_text("\n".join(damage(lines)) + "\n", encoding="utf-8")
    reset(db)
    with pytest.raises(Invalid) as caught:
        import_json(db, tmp_path / "backup.json")
    assert message in caught.value.message
    assert db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_graphml_and_gexf_read_back_with_networkx_without_secrets(db, tmp_path):
    from graphcrm.access.users import create_token, create_user

    build_every_type(db)
    create_user(db, email="admin@example.ch", name="Admin", role="admin", password="correct horse battery")
    create_token(db, "admin@example.ch")
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        counts = export_graph(db, fmt, tmp_path / f"graph.{fmt}")
        g = read(tmp_path / f"graph.{fmt}")
        assert counts == {"nodes": 5, "relationships": 4}  # the API token and its link are left out
        assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
        anna = g.nodes["p1"]
        assert anna["label"] == "Anna" and anna["words"] == "a; b" and anna["zurich"].startswith("2026-03-29T")
        assert anna["home_lat"] == 47.56 and anna["count"] == 42
        text = (tmp_path / f"graph.{fmt}").read_text(encoding="utf-8")
        assert "password_hash" not in text and "$argon2" not in text and "sort_key" not in text


def test_graph_files_keep_markup_newlines_and_mixed_number_types_intact(db, tmp_path):
    db.run_raw("CREATE (:Person {id: 'x1', first_name: $markup, notes: $notes, score: 1}) "
               "CREATE (:Person {id: 'x2', first_name: 'Ben', score: 2.5})",
               markup='<img src=x onerror=alert(1)> & "q"',
               notes="line one\nline two")
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        export_graph(db, fmt, tmp_path / f"g.{fmt}")
        g = read(tmp_path / f"g.{fmt}")
        assert g.nodes["x1"]["label"] == '<img src=x onerror=alert(1)> & "q"'
        assert g.nodes["x1"]["notes"] == "line one\nline two"
        assert g.nodes["x1"]["score"] == 1.0 and isinstance(g.nodes["x1"]["score"], float)


def test_the_cli_exports_and_imports_with_exit_codes(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", db.uri)
    build_every_type(db)
    runner = CliRunner()
    for fmt in ("graphml", "gexf", "json"):
        result = runner.invoke(main, ["export", fmt, str(tmp_path / f"out.{fmt}")])
        assert result.exit_code == 0 and "Exported 4 nodes and 4 relationships" in result.output
    refused = runner.invoke(main, ["import", "json", str(tmp_path / "out.json")])
    assert refused.exit_code == 1 and "not empty" in refused.output
    reset(db)
    done = runner.invoke(main, ["import", "json", str(tmp_path / "out.json")])
    assert done.exit_code == 0 and "Imported 4 nodes and 4 relationships" in done.output, done.output
    assert runner.invoke(main, ["export", "json", str(tmp_path / "no" / "such.json")]).exit_code == 1
    assert runner.invoke(main, ["export", "pdf", str(tmp_path / "x.pdf")]).exit_code == 2
    head = json.loads((tmp_path / "out.json").read_text(encoding="utf-8").splitlines()[0])
    assert head["format"] == "graphcrm-backup"


@pytest.mark.parametrize("value, cell", [
    ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+41 44 123", "'+41 44 123"), ("-5", "'-5"), ("@cmd", "'@cmd"),
    ("\tTab", "'\tTab"), ("Keller", "Keller"), (-5, "-5"), (2.5, "2.5"), (True, "true"), (None, ""),
    (["a", "=b"], "a; =b"),  # a joined list starting with a letter is plain text
])
def test_csv_cells_never_start_a_formula(value, cell):
    assert csv_cell(value) == cell
