"""Helpers for Salesforce import tests: a copy of the fixture export to change, and graph snapshots."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "salesforce"
ENCODINGS = {"Contact.csv": "cp1252", "Task.csv": "cp1252", "ContactHistory.csv": "cp1252",
             "Account.csv": "utf-8-sig", "Event.csv": "utf-8-sig"}


def copy_fixture(target: Path) -> Path:
    """Copy the fixture export into `target` (a report is written next to it)."""
    shutil.copytree(FIXTURE, target)
    return target


def edit_csv(path: Path, change) -> None:
    """Rewrite a CSV in its own encoding after `change(rows)` edited its rows (lists, header first)."""
    encoding = ENCODINGS.get(path.name, "utf-8")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))
    change(rows)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def set_cell(rows: list[list[str]], row_id: str, column: str, value: str) -> None:
    """Set one cell, finding the row by its Id and the column case-insensitively."""
    header = [h.lower() for h in rows[0]]
    col = header.index(column.lower())
    for row in rows[1:]:
        if row[0] == row_id:
            row[col] = value
            return
    raise KeyError(row_id)


def snapshot(db) -> tuple[list, list]:
    """Every node and relationship with all properties, typed, in a canonical order."""
    nodes = db.run_raw("MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props, "
                       "[k IN keys(n) | [k, valueType(n[k])]] AS types")
    canon = {n["key"]: repr((sorted(n["labels"]), sorted(n["props"].items()), sorted(n["types"])))
             for n in nodes}
    rels = db.run_raw("MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, "
                      "[k IN keys(r) | [k, valueType(r[k])]] AS types, elementId(b) AS b")
    edges = [repr((canon[r["a"]], r["type"], sorted(r["props"].items()), sorted(r["types"]), canon[r["b"]]))
             for r in rels]
    return sorted(canon.values()), sorted(edges)
