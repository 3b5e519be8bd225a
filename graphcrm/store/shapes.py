"""The parameter types each statement runs with, kept so that a warm-up can plan with the same types.

Neo4j keeps an executable plan per statement text and parameter types, apart from EXPLAIN's plans.
So the app notes the types it sends (a few shapes per statement, in memory, written to one
`(:PlanShapes)` node now and then), and `serve`'s warm-up runs each read statement once with values
of those types: the first real request then finds its plan.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import threading
from typing import Any

MAX_STATEMENTS = 5000
MAX_SHAPES = 4  # per statement: a statement called with null here and a string there has two plans
_seen: dict[tuple, set[tuple]] = {}
_lock = threading.Lock()
_dirty = threading.Event()


def tag(value: Any) -> str:
    """The type of a parameter value as Neo4j plans for it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (list, tuple)):
        return "list:" + (tag(value[0]) if value else "")
    if isinstance(value, dict):
        return "map"
    if isinstance(value, dt.datetime) or type(value).__name__ == "DateTime":
        return "datetime"
    if isinstance(value, dt.date) or type(value).__name__ == "Date":
        return "date"
    return "other"


_DUMMIES = {"null": None, "bool": False, "int": 0, "float": 0.0, "str": "", "map": {},
            "datetime": dt.datetime(2000, 1, 1, tzinfo=dt.UTC), "date": dt.date(2000, 1, 1)}


def dummy(kind: str) -> Any:
    """A value of a noted type (KeyError for a type the warm-up cannot make)."""
    if kind.startswith("list:"):
        inner = kind[5:]
        return [dummy(inner)] if inner else []
    return _DUMMIES[kind]


def note(name: str, names: dict[str, enum.Enum] | None, params: dict[str, Any]) -> None:
    """Remember the types a statement was run with (cheap; called for every statement)."""
    key = (name, tuple(sorted((slot, member.value) for slot, member in (names or {}).items())))
    shape = tuple(sorted((k, tag(v)) for k, v in params.items()))
    known = _seen.get(key)
    if known is not None and (shape in known or len(known) >= MAX_SHAPES):
        return
    with _lock:
        if len(_seen) >= MAX_STATEMENTS and key not in _seen:
            return
        _seen.setdefault(key, set()).add(shape)
    _dirty.set()


def merged(stored_json: str | None) -> tuple[str, int]:
    """The stored shapes (JSON) with this process's added: (JSON, how many)."""
    entries: dict[tuple, set[tuple]] = {}
    for name, slots, shape in json.loads(stored_json or "[]"):
        entries.setdefault((name, tuple(map(tuple, slots))), set()).add(tuple(map(tuple, shape)))
    with _lock:
        for key, shapes in _seen.items():
            room = MAX_SHAPES - len(entries.get(key, ()))
            entries.setdefault(key, set()).update(list(shapes - entries.get(key, set()))[:max(room, 0)])
    rows = [[name, list(slots), list(shape)] for (name, slots), shapes in sorted(entries.items())
            for shape in sorted(shapes)]
    return json.dumps(rows), len(rows)


def pending() -> bool:
    """True when this process noted shapes not saved yet; clears the flag."""
    if _dirty.is_set():
        _dirty.clear()
        return True
    return False


def read(stored_json: str | None) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """The stored shapes as (statement, {slot: value}, {parameter: type})."""
    return [(name, dict(slots), dict(shape)) for name, slots, shape in json.loads(stored_json or "[]")]
