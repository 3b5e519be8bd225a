"""The floor under any import on this machine: Neo4j's offline bulk importer on the same export.

`neo4j-admin database import full` writes a new store without transactions, validation or indexes;
then the database is started and graphcrm's schema (constraints and indexes) is populated. Its time
is what Neo4j alone needs for the data, whatever the importer in front of it does.

The generated export is mapped with graphcrm's own Salesforce converters into the admin tool's CSV
format (untimed set-up); only the import, the start and the index population are timed.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from graphcrm.store.db import Database, migrate
from graphcrm.store.localdb import LocalNeo4j
from graphcrm.transfer.salesforce import links, nodes
from graphcrm.transfer.salesforce.csvfiles import CsvFile
from graphcrm.transfer.salesforce.spec import Context

NOW = dt.datetime.now(dt.UTC).isoformat()
# What graphcrm's CREATE statements add to every record of a label (cypher/import/create_*.cypher).
STAMPED = {"created_at": NOW, "updated_at": NOW, "version": 1}
EXTRA = {"User": {"role": "rep"}, "Person": {"status": "active", "placeholder": False}}
TYPES = {bool: "boolean", int: "long", float: "double", dt.date: "date", dt.datetime: "datetime"}


class _Nodes:
    """One label's admin-import file: header from the first rows, then one line per record."""

    def __init__(self, out: Path, label: str, sample: list[dict]):
        self.label, self.path = label, out / f"{label}.csv"
        keys: dict[str, str] = {}
        for props in sample:
            for key, value in props.items():
                if value is not None and keys.get(key, "string") == "string":
                    keys[key] = "datetime" if key == "at" else TYPES.get(type(value), "string")
                keys.setdefault(key, "string")
        self.keys, self._known = list(keys), set(keys)
        constant = {**STAMPED, **EXTRA.get(label, {})}
        self._constant = [_text(v) for v in constant.values()]  # the same on every line
        self._fh = self.path.open("w", encoding="utf-8", newline="")
        self._out = csv.writer(self._fh)
        # A kept Salesforce field is "sf:Type" in graphcrm; in a header the colon would start a type.
        names = {k: k.replace(":", "_") for k in keys}
        header = [f"sf_id:ID({label})", "id"] + [names[k] if t == "string" else f"{names[k]}:{t}"
                                                 for k, t in keys.items()]
        self._out.writerow(header + [f"{k}:{_type(v)}" for k, v in constant.items()])
        self.count = 0

    def add(self, sf_id: str, props: dict) -> None:
        unknown = props.keys() - self._known
        if unknown:
            raise ValueError(f"{self.label}: properties {sorted(unknown)} missing from the first rows' header")
        values = [_text(props.get(k)) for k in self.keys]
        self._out.writerow([sf_id, str(uuid.uuid4()), *values, *self._constant])
        self.count += 1

    def close(self) -> None:
        self._fh.close()


class _Links:
    """One relationship type's admin-import file."""

    def __init__(self, out: Path, kind: str, start: str, end: str, props: dict | None = None):
        self.path, self.props = out / f"{kind}-{start}-{end}.csv", props or {}
        self.kind = kind
        self._fh = self.path.open("w", encoding="utf-8", newline="")
        self._out = csv.writer(self._fh)
        self._out.writerow([f":START_ID({start})", f":END_ID({end})"]
                           + [f"{k}:{_type(v)}" for k, v in self.props.items()])
        self.count = 0

    def add(self, start: str, end: str, **override) -> None:
        self._out.writerow([start, end] + [_text(override.get(k, v)) for k, v in self.props.items()])
        self.count += 1

    def close(self) -> None:
        self._fh.close()


def _type(value) -> str:
    return "datetime" if isinstance(value, str) and value == NOW else TYPES.get(type(value), "string")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _converted(folder: Path, spec) -> Iterator[dict]:
    ctx = Context()
    for _line, row in CsvFile(folder / f"{spec.name}.csv").rows(spec.columns):
        conv = spec.convert(row, ctx)
        if not conv.skip:
            yield conv.params


def write_admin_csvs(folder: Path, out: Path) -> tuple[list[_Nodes], list[_Links]]:
    """Map the export's User, Account, Contact and Task files to admin-import node and relationship files."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = {"created_at": NOW, "updated_at": NOW}
    owns = {"Account": _Links(out, "OWNS", "User", "Account", {"address": "sie", **stamp}),
            "Person": _Links(out, "OWNS", "User", "Person", {"address": "sie", **stamp})}
    employs = _Links(out, "EMPLOYS", "Account", "Person", {"primary": True, "title": "", **stamp})
    reports = _Links(out, "REPORTS_TO", "User", "User", {"created_at": NOW})
    logged = _Links(out, "LOGGED", "User", "Activity")
    with_ = _Links(out, "WITH", "Activity", "Person")
    about = _Links(out, "ABOUT", "Activity", "Account")
    files: list[_Nodes] = []
    specs = {"User": nodes.SPECS[0], "Account": nodes.SPECS[1], "Person": nodes.SPECS[2], "Activity": links.SPECS[4]}
    for label, spec in specs.items():
        rows = _converted(folder, spec)
        sample = [next(rows) for _ in range(200)]
        target = _Nodes(out, label, [p["props"] for p in sample])
        files.append(target)
        for params in (*sample, *rows):
            target.add(params["sf_id"], params["props"])
            if label == "User" and params.get("manager"):
                reports.add(params["sf_id"], params["manager"])
            if label in owns and params.get("owner"):
                owns[label].add(params["owner"], params["sf_id"])
            if label == "Person" and params.get("account"):
                employs.add(params["account"], params["sf_id"], title=params["employs"].get("title", ""))
            if label == "Activity":
                if params.get("owner"):
                    logged.add(params["owner"], params["sf_id"])
                if params.get("who"):
                    with_.add(params["sf_id"], params["who"])
                if params.get("account"):
                    about.add(params["sf_id"], params["account"])
        target.close()
    rels = [*owns.values(), employs, reports, logged, with_, about]
    for rel in rels:
        rel.close()
    return files, rels


def measure(home: Path, folder: Path, work: Path) -> dict:
    """Bulk-import the export into a scratch instance "bench-bulk"; return the timed steps in seconds."""
    started = time.perf_counter()
    node_files, rel_files = write_admin_csvs(folder, work / "admin-csv")
    figures = {"convert_s": time.perf_counter() - started,
               "rows": sum(f.count for f in node_files), "relationships": sum(r.count for r in rel_files)}
    local = LocalNeo4j(home, name="bench-bulk", heap_mb=2048, pagecache_mb=1024)
    local.stop()
    local.ensure_installed()
    data = local.instance_dir / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "conf").mkdir(parents=True)
    cmd = ["java", "-Xmx1g", "-cp", f"{local.install_dir / 'lib'}/*", "org.neo4j.cli.AdminTool",
           "database", "import", "full", *(f"--nodes={f.label}={f.path}" for f in node_files),
           *(f"--relationships={r.kind}={r.path}" for r in rel_files),
           # The file lists take several values: an option ends them before the database's name. The
           # tool's report (bad entries) goes to the scratch folder, not the working directory.
           f"--report-file={work / 'admin-import.report'}", "--overwrite-destination=true", "neo4j"]
    env = {**os.environ, "NEO4J_HOME": str(data), "NEO4J_CONF": str(data / "conf")}
    started = time.perf_counter()
    done = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True)
    figures["import_s"] = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit("neo4j-admin import failed:\n" + (done.stdout + done.stderr)[-3000:])
    started = time.perf_counter()
    db = Database(local.start().uri, None)
    figures["start_s"] = time.perf_counter() - started
    started = time.perf_counter()
    migrate(db)
    db.run_raw("CALL db.awaitIndexes(1800)")
    figures["indexes_s"] = time.perf_counter() - started
    figures["nodes_in_db"] = db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"]
    db.close()
    local.stop()
    # A scratch store of a gigabyte: nothing else uses it.
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(work / "admin-csv", ignore_errors=True)
    return figures
