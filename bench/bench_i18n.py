"""Benchmark what the interface's languages cost: the sort-key migration and pages drawn in German.

    python3 bench/bench_i18n.py [--size large] [--runs 40]

Uses a managed Neo4j named "bench-i18n" (loads the demo the first time). Prints:
- the migration that folds every stored sort key (`graphcrm db migrate` after an upgrade), on keys
  written the old way (lower case only), beside a baseline in the same run: the same batched scan of
  the same nodes that only reads them;
- p50/p95 of the person page, the account page and the people list drawn in de-CH and fr-CH, beside
  the same pages in en-CH (English: the catalogue adds nothing) in the same run;
- an A-Z list of accounts through the folded key: does Ä come with A?
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphcrm.config import graphcrm_home
from graphcrm.model import Label
from graphcrm.store import sortkeys
from graphcrm.store.db import Database, migrate


def connect() -> Database:
    from graphcrm.store.localdb import LocalNeo4j

    local = LocalNeo4j(graphcrm_home(), name="bench-i18n", heap_mb=2048, pagecache_mb=1024)
    return Database(local.start().uri, None)


def ensure_demo(db: Database, size: str) -> int:
    from graphcrm.demo import load_demo

    have = db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
    if have == 0:
        migrate(db)
        t0 = time.perf_counter()
        load_demo(db, size=size)
        print(f"  demo {size} loaded in {time.perf_counter() - t0:.0f} s")
        have = db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
    return have


def unfold(db: Database) -> int:
    """Write the keys as the code before folding did (lower case), and forget that the migration ran."""
    total = 0
    for label in sortkeys.NAMED:
        name = "coalesce(n.last_name, '') + ' ' + coalesce(n.first_name, '')" if label is Label.PERSON \
            else "coalesce(n.name, '')"
        total += db.run_raw(f"MATCH (n:{label.value}) SET n.sort_key = toLower(trim({name})) "
                            "RETURN count(n) AS n")[0]["n"]
    db.run_raw("MATCH (m:Migration {name: $name}) DELETE m", name=sortkeys.MIGRATION)
    return total


def scan_only(db: Database) -> int:
    """The baseline: the migration's own batched read of every named record, without folding or writing."""
    seen = 0
    for label in sortkeys.NAMED:
        after = ""
        while rows := db.read("migrations/sort_key_batch", {"label": label}, after=after, limit=sortkeys.BATCH):
            seen += len(rows)
            after = rows[-1]["id"]
    return seen


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def pages(db: Database, runs: int) -> None:
    """Person page, account page and people list, each locale in turn, interleaved so load hits all alike."""
    from graphcrm.access.users import create_user
    from graphcrm.http.app import create_app
    from tests.support.pages import PASSWORD, login_token

    logging.getLogger("graphcrm").setLevel(logging.WARNING)
    home = tempfile.mkdtemp(prefix="bench-i18n-")
    app = create_app({"TESTING": True, "NEO4J_URI": db.uri, "SECRET_KEY": "bench", "GRAPHCRM_HOME": home,
                      "SESSION_COOKIE_SECURE": False, "DEFAULT_LOCALE": "en-CH"})
    email = "bench-i18n@example.ch"
    if not db.run_raw("MATCH (u:User {email: $e}) RETURN u", e=email):
        create_user(db, email=email, name="Bench I18n", role="admin", password=PASSWORD)
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": login_token(client)})
    rng = random.Random(7)
    people = [r["id"] for r in db.run_raw("MATCH (p:Person) RETURN p.id AS id LIMIT 2000")]
    accounts = [r["id"] for r in db.run_raw("MATCH (a:Account) RETURN a.id AS id LIMIT 2000")]
    routes = {"person page": lambda: f"/people/{rng.choice(people)}",
              "account page": lambda: f"/accounts/{rng.choice(accounts)}",
              "people list (API)": lambda: "/api/v1/people?limit=50"}
    tags = ("en-CH", "de-CH", "fr-CH")
    for route, path in routes.items():
        times = {tag: [] for tag in tags}
        for _ in range(3):  # warm the plans and the catalogues
            for tag in tags:
                client.get(path(), headers={"Accept-Language": tag})
        for _ in range(runs):
            for tag in tags:
                url = path()
                t0 = time.perf_counter()
                resp = client.get(url, headers={"Accept-Language": tag})
                times[tag].append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, (url, resp.status_code)
        base = times["en-CH"]
        line = ", ".join(f"{tag} p50 {statistics.median(t):.1f} / p95 {pct(t, 0.95):.1f} ms"
                         for tag, t in times.items())
        ratio = pct(times["de-CH"], 0.95) / pct(base, 0.95)
        print(f"  {route}: {line}; de-CH p95 / en-CH p95 = {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    db = connect().patient()
    people = ensure_demo(db, args.size)
    print(f"demo: {people:,} people")

    written = unfold(db)
    t0 = time.perf_counter()
    seen = scan_only(db)
    scan_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    changed = sortkeys.refold(db)
    fold_s = time.perf_counter() - t0
    print(f"sort-key migration: {written:,} keys unfolded; refold {fold_s:.1f} s ({changed:,} changed, "
          f"{seen / fold_s:,.0f} records/s) beside the scan-only baseline {scan_s:.1f} s "
          f"({seen:,} records, {seen / scan_s:,.0f}/s): {fold_s / scan_s:.1f}x the scan")
    t0 = time.perf_counter()
    again = sortkeys.refold(db)
    print(f"  a second migrate: {again} changed in {(time.perf_counter() - t0) * 1000:.1f} ms (remembered)")
    # Where do the people whose last name starts with an umlaut land in the A-Z list?
    for letter, base in (("Ö", "o"), ("Ü", "u"), ("Ä", "a"), ("É", "e")):
        row = db.run_raw("MATCH (p:Person) WHERE p.last_name STARTS WITH $letter RETURN p.sort_key AS k LIMIT 1",
                         letter=letter)
        if not row:
            continue
        around = db.run_raw("MATCH (p:Person) WHERE p.sort_key >= $k RETURN p.last_name AS name "
                            "ORDER BY p.sort_key, p.id LIMIT 3", k=row[0]["k"])
        before = db.run_raw("MATCH (p:Person) WHERE p.sort_key < $k RETURN p.last_name AS name "
                            "ORDER BY p.sort_key DESC, p.id DESC LIMIT 2", k=row[0]["k"])
        names = [r["name"] for r in reversed(before)] + [r["name"] for r in around]
        print(f"  A-Z: {letter} files under {base}: ... {' < '.join(names)} ...")
    pages(db, args.runs)
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
