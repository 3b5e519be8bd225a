"""First requests after a fresh start of Neo4j, cold and after `serve`'s warm-up, in the same run.

    python3 bench/bench_warm.py

Loads the small demo into a scratch instance ("bench-warm"), then twice: restarts Neo4j, (the second
time) runs the warm-up, and times a few API requests twice each. The first round's requests leave the
parameter types the warm-up plans with, as a running app does. Prints first/second request in ms.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphcrm.config import graphcrm_home
from graphcrm.demo import load_demo
from graphcrm.http.app import create_app
from graphcrm.http.warm import warm_plans
from graphcrm.store.db import Database, migrate, reset
from graphcrm.store.localdb import LocalNeo4j
from tests.support.apps import make_api


def requests(db) -> dict[str, str]:
    """What is timed: a name and an API path each."""
    person = db.run_raw("MATCH (p:Person) RETURN p.id AS id ORDER BY p.id LIMIT 1")[0]["id"]
    deal = db.run_raw("MATCH (o:Opportunity) RETURN o.id AS id ORDER BY o.id LIMIT 1")[0]["id"]
    return {"person": f"/people/{person}", "influence view": f"/opportunities/{deal}/influence",
            "people search": "/people?q=keller", "network, depth 2": f"/network?center={person}&depth=2"}


def timed(local: LocalNeo4j, warm: bool) -> dict[str, tuple[float, float]]:
    local.stop()
    running = local.start()
    if warm:
        handle = Database(running.uri, None)
        started = time.perf_counter()
        planned = warm_plans(handle)
        print(f"warm-up: {planned} plans in {time.perf_counter() - started:.1f} s")
        handle.close()
    app = create_app({"TESTING": True, "NEO4J_URI": running.uri, "SECRET_KEY": "bench",
                      "GRAPHCRM_HOME": str(graphcrm_home()), "SESSION_COOKIE_SECURE": False})
    db = app.extensions["graphcrm_db"]
    api = make_api(db, app.test_client(), "admin", email=f"bench-{time.time_ns()}@example.ch")
    out = {}
    for name, path in requests(db).items():
        pair = []
        for _ in range(2):
            started = time.perf_counter()
            status = api.get(path).status_code
            assert status == 200, (path, status)
            pair.append((time.perf_counter() - started) * 1000)
        out[name] = tuple(pair)
    # What the app's workers do every minute: keep the parameter types for the next start's warm-up.
    print(f"shapes saved: {db.save_shapes()}")
    db.close()
    return out


def main() -> None:
    local = LocalNeo4j(graphcrm_home(), "bench-warm")
    db = Database(local.start().uri, None)
    reset(db)
    migrate(db)
    load_demo(db.patient(), size="small", seed=7)
    db.close()
    cold, warm = timed(local, False), timed(local, True)
    local.stop()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; ms, first / second request")
    for name in cold:
        print(f"  {name:20} cold {cold[name][0]:6.0f} / {cold[name][1]:4.0f}   "
              f"warmed {warm[name][0]:6.0f} / {warm[name][1]:4.0f}")


if __name__ == "__main__":
    main()
