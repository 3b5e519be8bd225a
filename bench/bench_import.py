"""Benchmark the Salesforce import on a generated export: 100k contacts and 1M tasks.

    python3 bench/bench_import.py [--contacts 100000] [--tasks 1000000] [--baseline 1000] [--dir DIR]

Uses NEO4J_URI when set, else a managed Neo4j named "bench-import" (2 GB heap, 1 GB page cache).
Generates a Salesforce Data Export (users, accounts, contacts, tasks; UTF-8 and Windows-1252; 20 custom
fields of every type on contacts and tasks, kept on the records) at a
tenth of the size and at full size, imports each into an empty database in its own process (so its
peak RSS is its own), and prints rows/s per object and overall, and both peak RSS figures: memory
stays flat as the input grows. The baseline, in the same run, writes a sample of tasks and contacts
with one transaction per row. Target: at least 20,000 rows/s overall.

At the end (unless --no-floor, or with NEO4J_URI) it measures the floor under any import here:
Neo4j's offline bulk importer on the same data, with no validation (bulk_floor.py).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bulk_floor  # bench/ is on the path when run as a script

from graphcrm.config import graphcrm_home
from graphcrm.store.db import Database, migrate, reset
from graphcrm.transfer.salesforce.sfids import to18

CITIES = ("Zürich", "Basel", "Bern", "Genève", "Lausanne", "Luzern", "St. Gallen", "Lugano", "Winterthur")
FIRST = ("Anna", "Thomas", "Françoise", "Jürg", "Sabine", "Marco", "Renée", "Peter", "Lea", "Luca", "Nina")
LAST = ("Keller", "Brunner", "Dubois", "Müller", "Rüegg", "Rossi", "Schärer", "Meier", "Huber", "Weber")
TITLES = ("CEO", "CFO", "Head of Procurement", "Einkäufer", "IT-Leiter", "Responsable IT", "Buyer")
SUBTYPES = (("Call", "Call"), ("Email", "Email"), ("Task", "Meeting"), ("Task", "Other"))


def connect() -> Database:
    """Open the benchmark database: NEO4J_URI, or the managed instance bench-import."""
    if os.environ.get("NEO4J_URI"):
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]) \
            if os.environ.get("NEO4J_PASSWORD") else None
        return Database(os.environ["NEO4J_URI"], auth, os.environ.get("NEO4J_DATABASE", "neo4j"))
    from graphcrm.store.localdb import LocalNeo4j

    local = LocalNeo4j(graphcrm_home(), name="bench-import", heap_mb=2048, pagecache_mb=1024)
    return Database(local.start().uri, None)


def sf(prefix: str, n: int) -> str:
    """An 18-character id of object `prefix`; numbers are spread over mixed-case characters."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    tail = ""
    for _ in range(7):
        n, r = divmod(n, 62)
        tail = alphabet[r] + tail
    return to18(f"{prefix}5g000{tail}")


def _q(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


CUSTOM = 20  # custom fields on Contact and Task, kept on the records under their API names


def _custom_header(n: int) -> str:
    return "".join(f",Custom_{k:02d}__c" for k in range(n))


def _custom_values(rng: random.Random, n: int) -> str:
    """Custom field values of every kind an org has: text, number, checkbox, date (and empty ones)."""
    kinds = (lambda: _q(f"Wert {rng.randint(1, 999)}"), lambda: str(rng.randint(0, 10_000)),
             lambda: rng.choice(("true", "false")),
             lambda: f"20{rng.randint(10, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", lambda: "")
    return "".join("," + kinds[k % len(kinds)]() for k in range(n))


def generate(folder: Path, contacts: int, tasks: int, seed: int = 7, custom: int = CUSTOM) -> dict[str, int]:
    """Write User, Account, Contact (Windows-1252) and Task CSVs, `custom` custom fields on contacts and tasks."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    users, accounts = 200, max(1, contacts // 10)
    with (folder / "User.csv").open("w", encoding="utf-8", newline="") as out:
        out.write("Id,Name,Email,IsActive,ManagerId\r\n")
        for i in range(users):
            manager = sf("005", 0) if i else ""
            out.write(f"{sf('005', i)},{_q(f'Rep {i:03d}')},rep{i:03d}@bench.example,true,{manager}\r\n")
    with (folder / "Account.csv").open("w", encoding="utf-8-sig", newline="") as out:
        out.write("Id,Name,Type,Phone,BillingCity,BillingCountry,NumberOfEmployees,OwnerId\r\n")
        for i in range(accounts):
            out.write(f"{sf('001', i)},{_q(f'Firma {i:06d} AG')},Customer - Direct,"
                      f"+41 44 {200 + i % 700} {10 + i % 89} {10 + i % 83},{rng.choice(CITIES)},Switzerland,"
                      f"{rng.randint(5, 5000)},{sf('005', rng.randrange(users))}\r\n")
    with (folder / "Contact.csv").open("w", encoding="cp1252", newline="") as out:
        out.write("id,firstname,lastname,email,phone,title,accountid,ownerid,mailingcity,birthdate"
                  + _custom_header(custom) + "\r\n")
        for i in range(contacts):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.write(f"{sf('003', i)},{first},{last},c{i}@firma{i % accounts}.example,"
                      f"+41 79 {100 + i % 900} {10 + i % 90} {10 + (i // 90) % 90},{rng.choice(TITLES)},"
                      f"{sf('001', i % accounts)},{sf('005', rng.randrange(users))},{rng.choice(CITIES)},"
                      f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                      + _custom_values(rng, custom) + "\r\n")
    with (folder / "Task.csv").open("w", encoding="cp1252", newline="") as out:
        out.write("Id,WhoId,WhatId,Subject,ActivityDate,Status,OwnerId,TaskSubtype,Type,CompletedDateTime,"
                  "CallDurationInSeconds,Description" + _custom_header(custom) + "\r\n")
        for i in range(tasks):
            who = rng.randrange(contacts)
            what = sf("001", who % accounts) if i % 2 else ""
            subtype, kind = rng.choice(SUBTYPES)
            day = f"20{rng.randint(24, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            done = f"{day}T{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:00.000Z" if i % 3 else ""
            out.write(f"{sf('00T', i)},{sf('003', who)},{what},{_q(f'{kind} Nr. {i} – Rückfrage')},{day},"
                      f"Completed,{sf('005', rng.randrange(users))},{subtype},{kind},{done},"
                      f"{rng.randint(60, 1800) if subtype == 'Call' else ''},Notiz {i}"
                      + _custom_values(rng, custom) + "\r\n")
    return {"User": users, "Account": accounts, "Contact": contacts, "Task": tasks}


def child(folder: str, uri: str) -> None:
    """Import one folder (in a process of its own) and print its figures as JSON."""
    from graphcrm.transfer.salesforce.importer import import_salesforce

    db = Database(uri, None)
    started = time.perf_counter()
    report = import_salesforce(db, folder)
    wall = time.perf_counter() - started
    files = {s.object: {"rows": s.rows, "check_s": s.check_seconds, "write_s": s.write_seconds,
                        "created": s.created} for s in report.files.values()}
    print(json.dumps({"ok": report.ok, "wall_s": wall, "files": files, "refresh_s": report.refresh_seconds,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "summary": report.summary()}))


def run_import(db: Database, folder: Path) -> dict:
    reset(db)
    migrate(db)
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), "--uri", db.uri],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise SystemExit("the benchmark import rejected rows:\n" + result["summary"])
    return result


def baseline(db: Database, folder: Path, sample: int) -> dict[str, float]:
    """Rows/s writing `sample` new contacts and tasks with one transaction per row (same statements)."""
    from graphcrm.transfer.salesforce import links, nodes
    from graphcrm.transfer.salesforce.csvfiles import CsvFile
    from graphcrm.transfer.salesforce.spec import Context
    from graphcrm.transfer.salesforce.write import _batch

    rates = {}
    for spec in (nodes.SPECS[2], links.SPECS[4]):  # Contact, Task
        csv, ctx, rows = CsvFile(folder / f"{spec.name}.csv"), Context(), []
        for _line, row in csv.rows(spec.columns):
            params = spec.convert(row, ctx).params
            params["sf_id"] = params["sf_id"][:3] + "Z" + params["sf_id"][4:15]  # a new record
            params["sf_id"] = to18(params["sf_id"])
            rows.append(params)
            if len(rows) == sample:
                break
        tracked = ["title"] if spec.name == "Contact" else []
        started = time.perf_counter()
        for params in rows:
            db.write_tx(_batch, spec.statement, [params], tracked, None)
        rates[spec.name] = len(rows) / (time.perf_counter() - started)
    return rates


def calibrate(db: Database, n: int = 20_000) -> float:
    """Rows/s of the simplest possible batched write on this database now: the machine's ceiling."""
    rows = [{"i": i, "s": f"calibration {i}"} for i in range(n)]
    started = time.perf_counter()
    for start in range(0, n, 10_000):
        db.run_raw("UNWIND $rows AS r CREATE (c:BenchCalibration) SET c = r", rows=rows[start:start + 10_000])
    rate = n / (time.perf_counter() - started)
    db.run_raw("MATCH (c:BenchCalibration) DELETE c")
    return rate


def show(title: str, counts: dict[str, int], result: dict) -> float:
    total = sum(counts.values())
    print(f"\n{title}: {total:,} rows in {result['wall_s']:.1f} s = {total / result['wall_s']:,.0f} rows/s overall, "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")
    for name, f in result["files"].items():
        spent = f["check_s"] + f["write_s"]
        print(f"  {name:<8} {f['rows']:>9,} rows  check {f['check_s']:6.1f} s  write {f['write_s']:6.1f} s  "
              f"{f['rows'] / spent:>9,.0f} rows/s")
    print(f"  last-touch fields of the people touched: {result['refresh_s']:.1f} s")
    return total / result["wall_s"]


def show_floor(f: dict, ours: float) -> None:
    """Print what Neo4j's offline bulk importer needs for the same data, beside our rate."""
    spent = f["import_s"] + f["start_s"] + f["indexes_s"]
    print(f"\nfloor, neo4j-admin database import full on the same data (no validation; mapped with our converters "
          f"in {f['convert_s']:.0f} s, untimed): {f['rows']:,} nodes and {f['relationships']:,} relationships; "
          f"import {f['import_s']:.1f} s, start {f['start_s']:.1f} s, schema and indexes {f['indexes_s']:.1f} s "
          f"= {spent:.1f} s = {f['rows'] / spent:,.0f} rows/s (ours {ours:,.0f} rows/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=1000, help="rows per object written one per transaction")
    parser.add_argument("--dir", type=Path, default=None, help="where to generate (default: a temp folder)")
    parser.add_argument("--no-floor", action="store_true", help="skip the neo4j-admin bulk import floor")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--uri", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.uri)
        return 0
    db = connect()
    base = args.dir or Path(tempfile.mkdtemp(prefix="bench-import-"))
    sizes = {"small": (args.contacts // 10, args.tasks // 10), "full": (args.contacts, args.tasks)}
    rates, rss = {}, {}
    for name, (contacts, tasks) in sizes.items():
        started = time.perf_counter()
        counts = generate(base / name, contacts, tasks)
        size_mb = sum(p.stat().st_size for p in (base / name).iterdir()) / 1e6
        print(f"generated {name}: {contacts:,} contacts, {tasks:,} tasks, {size_mb:,.0f} MB of CSV "
              f"in {time.perf_counter() - started:.0f} s")
        result = run_import(db, base / name)
        rates[name] = show(f"import {name}", counts, result)
        rss[name] = result["peak_rss_mb"]
    slow = baseline(db, base / "full", args.baseline)
    ceiling = calibrate(db)
    print(f"\ncalibration: a bare UNWIND CREATE of two-property nodes runs at {ceiling:,.0f} rows/s on this "
          f"machine now (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"\nbaseline, one transaction per row ({args.baseline} rows each): " +
          ", ".join(f"{k} {v:,.0f} rows/s" for k, v in slow.items()))
    print(f"overall {rates['full']:,.0f} rows/s (target >= 20,000): "
          f"{rates['full'] / min(slow.values()):,.0f}x the slower baseline")
    print(f"peak RSS {rss['small']:.0f} MB at a tenth of the input, {rss['full']:.0f} MB at full size")
    db.close()
    if not args.no_floor and not os.environ.get("NEO4J_URI"):
        show_floor(bulk_floor.measure(graphcrm_home(), base / "full", base), rates["full"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
