"""Benchmark the stale-contacts and KPI reports on 100k people / 1M activities.

    python3 bench/bench_reports.py [--people 100000] [--activities 1000000] [--runs 30] [--reload]

Uses NEO4J_URI when set, else a managed Neo4j named "bench-reports" (2 GB heap, 1 GB page cache).
Data: graphcrm.demo.load_demo(db, size="large") when that exists, else this file's own seeded
generator. Prints p50/p95 of each report beside a baseline computed in the same run: the same
report in plain Python from every activity pulled over the driver. Targets: p95 <= 1 s, >= 10x.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphcrm.access.policy import Access
from graphcrm.config import graphcrm_home
from graphcrm.store.db import Database, migrate
from graphcrm.touchpoints import activities, reports
from graphcrm.touchpoints import targets as kpi

KINDS = ("meeting", "call", "email", "event", "note")
KIND_WEIGHTS = (15, 35, 35, 5, 10)
TEAMS = ("Sales", "Finance", "IT", "Operations", "Legal", "HR", "Marketing", "Board")
BATCH = 10_000


def connect() -> Database:
    """Open the benchmark database: NEO4J_URI, or the managed instance bench-reports."""
    if os.environ.get("NEO4J_URI"):
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]) \
            if os.environ.get("NEO4J_PASSWORD") else None
        return Database(os.environ["NEO4J_URI"], auth, os.environ.get("NEO4J_DATABASE", "neo4j"))
    from graphcrm.store.localdb import LocalNeo4j

    local = LocalNeo4j(graphcrm_home(), name="bench-reports", heap_mb=2048, pagecache_mb=1024)
    return Database(local.start().uri, None)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(db: Database, n_people: int, n_activities: int, seed: int = 7) -> None:
    """Write a seeded dataset with UNWIND batches: users, accounts, people, activities, targets."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    users = [{"id": _uid(rng), "name": f"Rep {i:02d}", "email": f"rep{i:02d}@bench.example"} for i in range(50)]
    db.run_raw("UNWIND $rows AS r CREATE (u:User {id: r.id, name: r.name, email: r.email, role: 'rep', "
               "active: true, sort_key: toLower(r.name), created_at: datetime()})", rows=users)
    accounts = [{"id": _uid(rng), "name": f"Company {i:05d}", "owner": rng.choice(users)["id"]}
                for i in range(max(1, n_people // 10))]
    for chunk in _chunks(accounts):
        db.run_raw("UNWIND $rows AS r MATCH (u:User {id: r.owner}) "
                   "CREATE (u)-[:OWNS]->(:Account {id: r.id, name: r.name, sort_key: toLower(r.name), "
                   "created_at: datetime()})", rows=chunk)
    people = []
    for i in range(n_people):
        roll = rng.random()
        people.append({"id": _uid(rng), "first_name": f"F{i}", "last_name": f"Person {i:06d}",
                       "status": "inactive" if roll < 0.05 else "active", "placeholder": 0.05 <= roll < 0.06,
                       "team": rng.choice(TEAMS), "owner": rng.choice(users)["id"],
                       "account": rng.choice(accounts)["id"],
                       "created_at": now - dt.timedelta(days=rng.uniform(0, 1500))})
    for chunk in _chunks(people):
        db.run_raw("UNWIND $rows AS r MATCH (u:User {id: r.owner}) MATCH (a:Account {id: r.account}) "
                   "CREATE (u)-[:OWNS]->(p:Person {id: r.id, first_name: r.first_name, last_name: r.last_name, "
                   "status: r.status, placeholder: r.placeholder, team: r.team, created_at: r.created_at, "
                   "sort_key: toLower(r.last_name + ' ' + r.first_name)})<-[:EMPLOYS {primary: true}]-(a)",
                   rows=chunk)
    # 15% of people are never touched; the rest share the activities, a few of them heavily.
    touched = [p["id"] for p in people[: int(n_people * 0.85)]]
    for start in range(0, n_activities, BATCH):
        rows = []
        for _ in range(min(BATCH, n_activities - start)):
            k = 1 if rng.random() < 0.8 else rng.choice((2, 3))
            rows.append({"id": _uid(rng), "kind": rng.choices(KINDS, KIND_WEIGHTS)[0],
                         "at": now - dt.timedelta(seconds=rng.uniform(-3600, 3 * 365 * 86400)),
                         "by": rng.choice(users)["id"], "people": rng.sample(touched, k),
                         "duration": rng.choice((5, 15, 30, 60))})
        db.run_raw("UNWIND $rows AS r MATCH (u:User {id: r.by}) "
                   "CREATE (u)-[:LOGGED]->(a:Activity {id: r.id, kind: r.kind, at: r.at, duration: r.duration, "
                   "subject: r.kind + ' ' + r.id, created_at: datetime()}) "
                   "WITH a, r UNWIND r.people AS pid MATCH (p:Person {id: pid}) CREATE (a)-[:WITH]->(p)", rows=rows)
        print(f"\r  activities {start + len(rows):,}", end="", flush=True)
    print()
    targets = [{"id": _uid(rng), "scope": u["id"], "period": "quarter", "min": 3} for u in users[:40]]
    targets += [{"id": _uid(rng), "scope": u["id"], "period": "month", "min": 1} for u in users[:10]]
    db.run_raw("UNWIND $rows AS r MATCH (u:User {id: r.scope}) CREATE (u)-[:HAS_TARGET]->(:Target {id: r.id, "
               "period: r.period, min_touchpoints: r.min, kinds: ['call', 'email', 'event', 'meeting']})", rows=targets)
    own = [{"id": _uid(rng), "scope": p["id"], "min": rng.choice((1, 2, 6)),
            "kinds": rng.choice((["call"], ["meeting", "call"], ["call", "email", "event", "meeting"]))}
           for p in rng.sample(people, n_people // 100)]
    db.run_raw("UNWIND $rows AS r MATCH (p:Person {id: r.scope}) CREATE (p)-[:HAS_TARGET]->(:Target {id: r.id, "
               "period: 'quarter', min_touchpoints: r.min, kinds: r.kinds})", rows=own)
    acc_targets = [{"id": _uid(rng), "scope": a["id"]} for a in rng.sample(accounts, min(200, len(accounts)))]
    db.run_raw("UNWIND $rows AS r MATCH (a:Account {id: r.scope}) CREATE (a)-[:HAS_TARGET]->(:Target {id: r.id, "
               "period: 'quarter', min_touchpoints: 5, kinds: ['call', 'email', 'event', 'meeting']})",
               rows=acc_targets)


def _chunks(rows: list, size: int = BATCH):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def load(db: Database, n_people: int, n_activities: int, reload: bool) -> str:
    """Make sure the dataset is there; return where it came from."""
    have = db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
    if have >= n_people * 0.9 and not reload:
        return f"existing data ({have:,} people)"
    from graphcrm.store.db import reset

    reset(db)
    migrate(db)
    t0 = time.perf_counter()
    try:
        from graphcrm.demo import load_demo
    except ImportError:
        load_demo = None
    if load_demo is not None and n_people == 100_000 and n_activities == 1_000_000:
        load_demo(db, size="large")
        source = "graphcrm.demo.load_demo(size='large')"
    else:
        generate(db, n_people, n_activities)
        source = "bench generator (seed 7)"
    done = activities.refresh_touch_fields(db)
    print(f"  loaded in {time.perf_counter() - t0:.0f} s; last-touch fields for {done:,} people")
    return source


# -- the baseline: pull everything over the driver, compute in Python ---------------------------

def pull_all(db: Database) -> tuple[list[dict], list[dict], list[dict]]:
    """Every person, every (activity, person) pair, every target."""
    people = db.run_raw("MATCH (p:Person) RETURN p.id AS id, p.status AS status, p.placeholder AS placeholder, "
                        "p.team AS team, COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id }[0] AS owner")
    touches = db.run_raw("MATCH (a:Activity)-[:WITH]->(p:Person) RETURN p.id AS person, a.kind AS kind, a.at AS at")
    targets = db.run_raw("MATCH (s)-[:HAS_TARGET]->(t:Target) RETURN s.id AS scope, labels(s)[0] AS label, "
                         "t.period AS period, t.min_touchpoints AS min, t.kinds AS kinds")
    return people, touches, targets


def baseline_stale(db: Database, days: int, kind: str | None, limit: int = 50, now=None) -> list:
    """The stale report in Python over all activities: [(person id, last touch or None)]."""
    people, touches, _ = pull_all(db)
    now = now or dt.datetime.now(dt.UTC)
    last: dict[str, dt.datetime] = {}
    for t in touches:
        if (kind is None and t["kind"] in activities.TOUCH_KINDS) or t["kind"] == kind:
            at = t["at"].to_native()
            if t["person"] not in last or at > last[t["person"]]:
                last[t["person"]] = at
    cutoff = now - dt.timedelta(days=days)
    rows = [(p["id"] in last, last.get(p["id"]), p["id"]) for p in people
            if (p["status"] or "active") == "active" and not p["placeholder"]
            and (p["id"] not in last or last[p["id"]] < cutoff)]
    rows.sort(key=lambda r: (r[0], r[1] or now, r[2]))
    return [(r[2], r[1]) for r in rows[:limit]]


def baseline_kpi(db: Database, period: kpi.Period, now=None) -> dict:
    """The KPI people totals in Python over all activities."""
    people, touches, targets = pull_all(db)
    now = now or dt.datetime.now(dt.UTC)
    own = {t["scope"]: t for t in targets if t["label"] == "Person" and t["period"] == period.type}
    default = {t["scope"]: t for t in targets if t["label"] == "User" and t["period"] == period.type}
    counts: dict[tuple, int] = defaultdict(int)
    for t in touches:
        at = t["at"].to_native()
        if period.start <= at < period.end:
            counts[(t["person"], t["kind"])] += 1
    totals: dict[str, int] = defaultdict(int)
    for p in people:
        target = own.get(p["id"]) or default.get(p["owner"])
        if target is None or (p["status"] or "active") != "active" or p["placeholder"]:
            continue
        n = sum(counts[(p["id"], k)] for k in target["kinds"])
        totals[kpi.status_of(n, target["min"], period, now)] += 1
    return dict(totals)


def timed(fn, runs: int) -> list[float]:
    """Wall-clock seconds of each run."""
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return out


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline-runs", type=int, default=1,
                        help="each pulls every activity: slow; 0 = timings only")
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # schema notifications are not news here
    db = connect()
    try:
        source = load(db, args.people, args.activities, args.reload)
        counts = db.run_raw("MATCH (p:Person) WITH count(p) AS people "
                            "MATCH (a:Activity) RETURN people, count(a) AS activities")[0]
        print(f"data: {source}: {counts['people']:,} people, {counts['activities']:,} activities")
        # Shared machines skew timings: say how busy this one was.
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
        # Owners with a default target first: their filtered KPI report has rows to compute.
        owners = [r["id"] for r in db.run_raw(
            "MATCH (u:User)-[:OWNS]->(:Person) WITH DISTINCT u "
            "RETURN u.id AS id ORDER BY EXISTS { (u)-[:HAS_TARGET]->() } DESC, u.id LIMIT 10")]
        kinds = (None, "call", "meeting", "email", "event")
        now = dt.datetime.now(dt.UTC)
        quarter = kpi.period_of("quarter", now)
        periods = (quarter.key, kpi.period_of("quarter", quarter.start - dt.timedelta(days=1)).key,
                   kpi.period_of("month", now).key, kpi.period_of("year", now).key)

        def stale(i):
            reports.stale_contacts(db, days=(30, 90, 180)[i % 3], kind=kinds[i % len(kinds)],
                                   owner=owners[i % len(owners)] if i % 4 == 3 else None, access=Access.system())

        def report(i):
            kpi.kpi_report(db, periods[i % len(periods)], owner=owners[i % len(owners)] if i % 5 == 4 else None,
                           access=Access.system())

        for i in range(len(kinds) * len(periods)):  # warm-up: plans cached, pages in memory
            stale(i), report(i)
        results = {"stale": timed(stale, args.runs), "kpi": timed(report, args.runs)}
        print(f"load average {os.getloadavg()[0]:.1f} after the timed runs")
        print(f"{'report':8} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8}")
        for name, values in results.items():
            print(f"{name:8} {len(values):5} {pct(values, 0.5) * 1000:8.0f} {pct(values, 0.95) * 1000:8.0f}")
        if args.baseline_runs < 1:
            return 0  # timings only: a quick look, not the benchmark's verdict
        print(f"baseline: every activity pulled over the driver, the report computed in Python "
              f"({args.baseline_runs} run(s) each)")
        base, agree = {"stale": [], "kpi": []}, {}
        for _ in range(args.baseline_runs):
            t0 = time.perf_counter()
            expected = baseline_stale(db, 90, None, 50, now)
            base["stale"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            totals = baseline_kpi(db, quarter, now)
            base["kpi"].append(time.perf_counter() - t0)
        got = reports.stale_contacts(db, days=90, limit=50, now=now, access=Access.system())["items"]
        agree["stale"] = [(r["person"], r["last_touch"] and r["last_touch"].to_native()) for r in got] == expected
        got_totals = kpi.kpi_report(db, quarter.key, now=now, access=Access.system())["totals"]
        agree["kpi"] = all(got_totals[s] == totals.get(s, 0) for s in kpi.STATUSES)
        ok = True
        print(f"{'report':8} {'p50 ms':>8} {'p95 ms':>8} {'baseline ms':>12} {'speed-up':>9} "
              f"{'same answer':>12}  verdict")
        for name, values in results.items():
            p50, p95, b50 = pct(values, 0.5), pct(values, 0.95), statistics.median(base[name])
            good = p95 <= 1.0 and b50 / p50 >= 10 and agree[name]
            ok &= good
            print(f"{name:8} {p50 * 1000:8.0f} {p95 * 1000:8.0f} {b50 * 1000:12.0f} {b50 / p50:8.1f}x "
                  f"{'yes' if agree[name] else 'NO':>12}  {'OK' if good else 'MISSED (p95 <= 1000 ms, >= 10x, same)'}")
        return 0 if ok else 1
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
