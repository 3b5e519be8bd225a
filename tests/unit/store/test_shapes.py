"""The parameter types the app runs statements with, as the warm-up reads them back."""
from __future__ import annotations

import datetime as dt

import pytest

from graphcrm.model import Label
from graphcrm.store import shapes


@pytest.fixture(autouse=True)
def empty(monkeypatch):
    monkeypatch.setattr(shapes, "_seen", {})


@pytest.mark.parametrize("value, kind", [
    (None, "null"), (True, "bool"), (3, "int"), (2.5, "float"), ("x", "str"), ([], "list:"),
    (["a", "b"], "list:str"), ([[1]], "list:list:int"), ({"a": 1}, "map"),
    (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "datetime"), (dt.date(2026, 1, 1), "date"), (object(), "other"),
])
def test_each_value_has_the_type_neo4j_plans_for(value, kind):
    assert shapes.tag(value) == kind
    if kind != "other":
        assert shapes.tag(shapes.dummy(kind)) == kind


def test_shapes_are_noted_once_per_statement_and_kept_few():
    for _ in range(3):
        shapes.note("records/list", {"label": Label.PERSON}, {"limit": 50, "status": None})
    shapes.note("records/list", {"label": Label.PERSON}, {"limit": 50, "status": "active"})
    for n in range(10):  # a statement called with ever new types keeps only a few shapes
        shapes.note("records/list", {"label": Label.PERSON}, {f"p{n}": n})
    stored, count = shapes.merged(None)
    assert count == shapes.MAX_SHAPES
    rows = shapes.read(stored)
    assert ("records/list", {"label": "Person"}, {"limit": "int", "status": "null"}) in rows
    assert ("records/list", {"label": "Person"}, {"limit": "int", "status": "str"}) in rows


def test_merging_keeps_what_other_workers_saved():
    shapes.note("people/get", None, {"id": "p1"})
    other, _ = shapes.merged(None)
    shapes._seen.clear()
    shapes.note("accounts/get", None, {"id": "a1"})
    both, count = shapes.merged(other)
    assert count == 2 and {row[0] for row in shapes.read(both)} == {"people/get", "accounts/get"}


def test_pending_says_once_that_new_shapes_wait_to_be_saved():
    shapes.pending()
    shapes.note("people/get", None, {"id": "p1"})
    assert shapes.pending() is True and shapes.pending() is False
    shapes.note("people/get", None, {"id": "p2"})  # the same shape: nothing new
    assert shapes.pending() is False
