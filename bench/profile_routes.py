"""Every page and API route a rep opens, on the large demo: round trips, db hits and single-user time.

    python3 bench/profile_routes.py [--size large] [--runs 20] [--keep]

Starts the managed Neo4j "bench-profile" (heap 2048 MB, page cache 1024 MB), loads the demo when the
store is empty (the large one takes about three minutes, and is kept for the next run), and signs in
as the demo rep who owns the most people. For each route: one request notes every statement it runs
(round trips to Neo4j) and each is replayed with PROFILE in a transaction that is rolled back (db hits);
then `--runs` requests are timed one after another (p50/p95, ms). Routes over the 150 ms target are
marked. Baseline of the same run: `RETURN 1`, one round trip with no work.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphcrm.config import graphcrm_home
from graphcrm.demo import is_empty, load_demo
from graphcrm.http.app import create_app
from graphcrm.store import db as store_db
from graphcrm.store.db import Database, cypher, migrate
from graphcrm.store.localdb import LocalNeo4j
from tests.support.apps import open_session

TARGET_MS = 150


class Recorder:
    """Notes the statements run while it is on (wraps the hook every statement passes through)."""

    def __init__(self):
        self.on, self.statements = False, []
        self._note = store_db.shapes.note
        store_db.shapes.note = self._record

    def _record(self, name, names, params):
        if self.on:
            self.statements.append((name, dict(names or {}), dict(params)))
        self._note(name, names, params)

    def capture(self, call) -> tuple[object, list]:
        self.on, self.statements = True, []
        try:
            return call(), self.statements
        finally:
            self.on = False


def _hits(plan: dict) -> int:
    return int(plan.get("dbHits", 0)) + sum(_hits(child) for child in plan.get("children", []))


def db_hits(db: Database, statements: list) -> int | None:
    """The db hits of these statements, each PROFILEd in a transaction that is rolled back."""
    total = 0
    with db.driver.session(database=db.database) as session:
        for name, names, params in statements:
            tx = session.begin_transaction()
            try:
                result = tx.run("PROFILE " + cypher(name, **names), params)
                list(result)  # the profile of some plans is complete only once every row was read
                summary = result.consume()
                total += _hits(summary.profile or {})
            except Exception as exc:  # report the route, do not stop the run
                print(f"  (could not profile {name}: {type(exc).__name__}: {str(exc)[:300]})", file=sys.stderr)
                return None
            finally:
                tx.rollback()
    return total


def samples(db: Database) -> dict[str, str]:
    """The demo rep with the most people, and records of theirs to open."""
    def one(query: str, **params) -> str:
        rows = db.run_raw(query, **params)
        return rows[0]["id"] if rows else ""

    rep = db.run_raw("MATCH (u:User {role: 'rep'})-[:OWNS]->(p:Person) WITH u, count(p) AS n "
                     "RETURN u.id AS id, u.email AS email ORDER BY n DESC LIMIT 1")[0]
    person = one("MATCH (:User {id: $u})-[:OWNS]->(p:Person)-[:EMPLOYS]-(:Account) "
                 "RETURN p.id AS id ORDER BY p.id LIMIT 1", u=rep["id"])
    other = one("MATCH (p:Person) WHERE p.id <> $p RETURN p.id AS id ORDER BY p.id DESC LIMIT 1", p=person)
    account = one("MATCH (:User {id: $u})-[:OWNS]->(a:Account) RETURN a.id AS id ORDER BY a.id LIMIT 1",
                  u=rep["id"]) or one("MATCH (a:Account)--(:Person {id: $p}) RETURN a.id AS id LIMIT 1", p=person)
    deal = one("MATCH (o:Opportunity)<-[:CONTACT_ROLE]-(:Person) WITH o, count(*) AS n "
               "RETURN o.id AS id ORDER BY n DESC LIMIT 1")
    campaign = one("MATCH (c:Campaign)<-[m]-(:Person) WITH c, count(m) AS n RETURN c.id AS id ORDER BY n DESC LIMIT 1")
    last = db.run_raw("MATCH (p:Person {id: $p}) RETURN p.last_name AS n", p=person)[0]["n"] or "Muster"
    return {"rep": rep["id"], "email": rep["email"], "person": person, "other": other, "account": account,
            "deal": deal, "campaign": campaign, "q": last[:4]}


def routes(s: dict[str, str]) -> list[tuple[str, str]]:
    """Every page and API route a rep opens in a day, with the demo's records filled in."""
    p, a, o, c = s["person"], s["account"], s["deal"], s["campaign"]
    return [
        ("page: home", "/"),
        ("page: person", f"/people/{p}"),
        ("page: person history", f"/people/{p}/history"),
        ("page: log a touchpoint", f"/people/{p}/log"),
        ("page: introductions", f"/people/{p}/introductions"),
        ("page: edit person", f"/people/{p}/edit"),
        ("page: account", f"/accounts/{a}"),
        ("page: deal", f"/opportunities/{o}"),
        ("page: influence view", f"/opportunities/{o}/influence"),
        ("page: campaign", f"/campaigns/{c}"),
        ("page: campaigns", "/campaigns"),
        ("page: explore", f"/explore?center={p}"),
        ("page: map", "/map"),
        ("page: stale report", "/reports/stale"),
        ("page: KPI report", "/reports/kpi"),
        ("page: lost contacts", "/contacts/lost"),
        ("page: profile", "/me"),
        ("api: search", f"/api/v1/search?q={s['q']}"),
        ("api: people list", "/api/v1/people?limit=50"),
        ("api: accounts list", "/api/v1/accounts?limit=50"),
        ("api: deals list", "/api/v1/opportunities?limit=50"),
        ("api: person", f"/api/v1/people/{p}"),
        ("api: person activities", f"/api/v1/people/{p}/activities"),
        ("api: person strength", f"/api/v1/people/{p}/strength"),
        ("api: person history", f"/api/v1/people/{p}/history"),
        ("api: salutation", f"/api/v1/people/{p}/salutation"),
        ("api: account", f"/api/v1/accounts/{a}"),
        ("api: connectors", f"/api/v1/accounts/{a}/connectors"),
        ("api: network d2", f"/api/v1/network?center={p}&depth=2"),
        ("api: paths k5", f"/api/v1/paths?from={p}&to={s['other']}&k=5"),
        ("api: influence", f"/api/v1/opportunities/{o}/influence"),
        ("api: campaign members", f"/api/v1/campaigns/{c}/members"),
        ("api: map markers", "/api/v1/geo/markers?bbox=5.9,45.8,10.5,47.8"),
        ("api: nearby", f"/api/v1/nearby?near={p}&radius_km=20"),
        ("api: overdue", f"/api/v1/people/overdue?ids={p},{s['other']}"),
        ("api: stale report", "/api/v1/reports/stale"),
        ("api: KPI report", "/api/v1/reports/kpi"),
        ("api: lost contacts", "/api/v1/reports/lost"),
        ("api: me", "/api/v1/me"),
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="leave Neo4j running")
    args = parser.parse_args()

    local = LocalNeo4j(graphcrm_home(), f"bench-profile-{args.size}", heap_mb=2048, pagecache_mb=1024)
    uri = local.start().uri
    setup = Database(uri, None)
    migrate(setup)
    if is_empty(setup):
        print(f"loading the {args.size} demo ...", flush=True)
        load_demo(setup.patient(), size=args.size, seed=7)
    chosen = samples(setup)
    setup.close()

    recorder = Recorder()
    app = create_app({"TESTING": True, "NEO4J_URI": uri, "SECRET_KEY": "bench",
                      "GRAPHCRM_HOME": str(graphcrm_home()), "SESSION_COOKIE_SECURE": False})
    db = app.extensions["graphcrm_db"]
    client = app.test_client()
    from graphcrm.access.users import user_by_email

    open_session(db, client, user_by_email(db, chosen["email"]))

    def baseline() -> None:
        db.run_raw("RETURN 1")

    base = []
    for _ in range(args.runs):
        started = time.perf_counter()
        baseline()
        base.append((time.perf_counter() - started) * 1000)

    rows, over = [], 0
    for label, path in routes(chosen):
        response, statements = recorder.capture(lambda path=path: client.get(path))
        hits = db_hits(db, statements)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(path).close()
            times.append((time.perf_counter() - started) * 1000)
        p95 = percentile(times, 0.95)
        over += p95 > TARGET_MS
        rows.append((label, response.status_code, len(statements), hits, statistics.median(times), p95))

    print(f"\n{args.size} demo, one user ({chosen['email']}, rep), {args.runs} runs per route, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"baseline RETURN 1: p50 {statistics.median(base):.1f} ms, p95 {percentile(base, 0.95):.1f} ms")
    print("| route | status | round trips | db hits | p50 ms | p95 ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, status, trips, hits, p50, p95 in rows:
        mark = " **over**" if p95 > TARGET_MS else ""
        print(f"| {label} | {status} | {trips} | {'?' if hits is None else f'{hits:,}'} | {p50:,.0f} | "
              f"{p95:,.0f}{mark} |")
    print(f"\n{len(rows) - over} of {len(rows)} routes at p95 <= {TARGET_MS} ms")
    db.close()
    if not args.keep:
        local.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
