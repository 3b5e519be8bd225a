"""The warm-up `serve` runs before it reports ready: every statement the app runs is planned once."""
from __future__ import annotations

import logging

from graphcrm.http import warm


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
