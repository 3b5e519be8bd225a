"""The warm-up `serve` runs before it reports ready: every statement the app runs is planned once."""
from __future__ import annotations

import logging
import re

from graphcrm.http import warm
from graphcrm.store import shapes


def test_the_warm_up_covers_the_pages_statements_and_not_bulk_work():
    names = warm.statement_names()
    assert "records/list" in names and "admin/ping" not in names
    assert not any(n.startswith(("import/", "schema/", "demo/", "export/")) for n in names)
    # A statement written for every label is planned for each of them.
    assert len(warm._variants("records/list_linked")) >= 1
    labelled = [n for n in names if "{{label}}" in warm.CYPHER_DIR.joinpath(*f"{n}.cypher".split("/")).read_text()]
    assert labelled and len(warm._variants(labelled[0])) == len(warm.SLOTS["label"])


def test_the_warm_up_plans_each_statement_and_a_broken_one_only_logs(db, monkeypatch, caplog):
    monkeypatch.setattr(warm, "statement_names", lambda: ["records/list", "admin/ping"])
    assert warm.warm_plans(db) == len(warm._variants("records/list")) + 1 > 2
    monkeypatch.setattr(warm, "_variants", lambda name: ["MATCH (n RETURN n"])
    with caplog.at_level(logging.WARNING, logger="graphcrm.http.warm"):
        assert warm.warm_plans(db) == 0
    assert "did not plan" in caplog.text


def _cached(db) -> int:
    """How many plans Neo4j keeps for execution (clearing them)."""
    message = db.run_raw("CALL db.clearQueryCaches()")[0]["value"]
    found = re.search(r"(\d+)", message)
    return int(found.group(1)) if found else 0


def test_with_the_apps_parameter_types_the_first_request_finds_its_plan(db, monkeypatch):
    from graphcrm.access.policy import Access
    from graphcrm.model import Label
    from graphcrm.records.crud import list_records

    def request():
        list_records(db, Label.PERSON, access=Access.system())  # what a people list runs

    monkeypatch.setattr(shapes, "_seen", {})
    monkeypatch.setattr(warm, "statement_names", lambda: ["records/list"])
    monkeypatch.setattr(warm, "_variants", lambda name: [warm.cypher(name, label=Label.PERSON)])
    def plans_kept(and_then=lambda: None) -> int:
        _cached(db)
        assert warm.warm_plans(db) == 1
        and_then()
        return _cached(db)

    # Nothing noted yet: EXPLAIN only, whose plan is kept apart: the request plans its own.
    assert plans_kept(request) == plans_kept() + 1
    request()
    assert db.save_shapes() >= 1
    # With the noted types the warm-up runs the statement once in read mode: the request finds that plan.
    assert plans_kept(request) == plans_kept()
