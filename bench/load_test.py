"""Load test: N concurrent users browse, search and explore `graphcrm serve` for a while; no 5xx allowed.

Usage: python bench/load_test.py [--users 50] [--seconds 60] [--size medium]
Starts the managed Neo4j "bench-load", loads the demo if the database is empty, runs `graphcrm serve`
on a free loopback port, signs every virtual user in (session cookie for pages, a token for the API),
first times each endpoint alone (one user, one request at a time: the baseline), then prints p50/p95
per endpoint under load beside it, and the count of 5xx answers. Traffic goes to 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

from graphcrm.config import graphcrm_home
from graphcrm.store.db import Database, migrate
from graphcrm.store.localdb import LocalNeo4j

PASSWORD = "load test password 1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(size: str) -> tuple[str, list[str], list[str], list[str]]:
    """Start Neo4j, load the demo when empty, create the load-test user; return uri and sample ids."""
    from graphcrm.access.users import create_user, user_by_email
    from graphcrm.demo import is_empty, load_demo

    uri = os.environ.get("NEO4J_URI") or LocalNeo4j(graphcrm_home(), "bench-load", heap_mb=1024,
                                                    pagecache_mb=512).start().uri
    db = Database(uri, None)
    migrate(db)
    if is_empty(db):
        print(f"loading the {size} demo ...", flush=True)
        load_demo(db, size=size, seed=7)
    if user_by_email(db, "load@example.ch") is None:
        create_user(db, email="load@example.ch", name="Load Test", role="rep", password=PASSWORD)
    people = [r["id"] for r in db.run_raw("MATCH (p:Person) RETURN p.id AS id LIMIT 2000")]
    accounts = [r["id"] for r in db.run_raw("MATCH (a:Account) RETURN a.id AS id LIMIT 500")]
    names = [r["n"] for r in db.run_raw("MATCH (p:Person) RETURN p.last_name AS n LIMIT 300")]
    db.close()
    return uri, people, accounts, names


class User:
    """One virtual user with its own cookie jar."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def sign_in(self) -> None:
        html = self.opener.open(f"{self.base}/login").read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"email": "load@example.ch", "password": PASSWORD, "csrf_token": token})
        self.opener.open(f"{self.base}/login", data=body.encode())

    def get(self, path: str) -> int:
        try:
            with self.opener.open(f"{self.base}{path}", timeout=30) as resp:
                resp.read()
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code


def endpoints(people, accounts, names) -> dict[str, tuple[float, object]]:
    """What a browsing session does: endpoint name -> (share of the steps, a function giving a path)."""
    return {
        "search": (0.2, lambda: f"/api/v1/search?q={urllib.parse.quote(random.choice(names)[:4])}"),
        "person page": (0.15, lambda: f"/people/{random.choice(people)}"),
        "account page": (0.15, lambda: f"/accounts/{random.choice(accounts)}"),
        "people list": (0.15, lambda: "/api/v1/people?limit=50"),
        "network d2": (0.2, lambda: f"/api/v1/network?center={random.choice(people)}&depth=2"),
        "paths k5": (0.15, lambda: f"/api/v1/paths?from={random.choice(people)}&to={random.choice(people)}&k=5"),
    }


def scenario(table) -> tuple[str, str]:
    """Pick one step of a browsing session: (endpoint name, path)."""
    pick, upto = random.random(), 0.0
    for name, (share, path) in table.items():
        upto += share
        if pick < upto:
            return name, path()
    name, (_, path) = next(iter(table.items()))
    return name, path()


def single_user(base: str, table, runs: int) -> dict[str, list[float]]:
    """The same endpoints, one request at a time by one user: the baseline beside the load figures."""
    user = User(base)
    user.sign_in()
    out: dict[str, list[float]] = {}
    for name, (_, path) in table.items():
        user.get(path())  # the first of each pays for a cold cache, as under load it does only once
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            user.get(path())
            times.append((time.perf_counter() - start) * 1000)
        out[name] = times
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def hammer(users: list[User], seconds: int, table) -> tuple[dict, dict]:
    """The signed-in users request from `table` without think time for `seconds`: timings and statuses."""
    timings: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run_user(user: User):
        while time.monotonic() < stop_at:
            name, path = scenario(table)
            start = time.perf_counter()
            status = user.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings[name].append(elapsed)
                statuses[name][status] += 1

    threads = [threading.Thread(target=run_user, args=(user,)) for user in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, statuses


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--size", default="medium")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--floor-seconds", type=int, default=20, help="how long the users hit /healthz first")
    parser.add_argument("--single-runs", type=int, default=20, help="requests per endpoint of the one-user baseline")
    args = parser.parse_args()

    uri, people, accounts, names = prepare(args.size)
    port = free_port()
    env = {**os.environ, "NEO4J_URI": uri, "GRAPHCRM_INSECURE_COOKIES": "1"}
    server = subprocess.Popen([sys.executable, "-m", "graphcrm", "serve", "--port", str(port),
                               "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # serve warms the planner before it answers
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/login", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        table = endpoints(people, accounts, names)
        alone = single_user(base, table, args.single_runs)
        # The floor: the same users on the cheapest request through the whole stack (/healthz: a
        # worker, the WSGI server and one trivial Neo4j round trip). Latency below it needs more cores.
        floor_table = {"floor /healthz": (1.0, lambda: "/healthz")}
        # Signed in before the clock starts: a sign-in pays for a deliberately slow password hash.
        users = [User(base) for _ in range(args.users)]
        for user in users:
            user.sign_in()
        floor, floor_statuses = hammer(users, args.floor_seconds, floor_table)
        timings, statuses = hammer(users, args.seconds, table)
    finally:
        server.terminate()
        server.wait(timeout=30)

    total_5xx = 0
    print(f"\n{args.users} users for {args.seconds}s against graphcrm serve ({args.workers} workers), "
          f"{args.size} demo, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'endpoint':<15}{'1 user p50':>11}{'p95':>8}{'requests':>10}{'req/s':>7}{'p50 ms':>9}{'p95 ms':>9}"
          "  statuses")
    rows = [(name, alone[name], timings.get(name), statuses[name], args.seconds) for name in table]
    rows.append(("floor /healthz", None, floor.get("floor /healthz"), floor_statuses["floor /healthz"],
                 args.floor_seconds))
    for name, single, values, codes, seconds in rows:
        values = values or [float("nan")]
        total_5xx += sum(n for s, n in codes.items() if s >= 500)
        one = f"{statistics.median(single):>11.1f}{percentile(single, 0.95):>8.1f}" if single else f"{'':>19}"
        print(f"{name:<15}{one}{len(values):>10}{len(values) / seconds:>7.1f}{statistics.median(values):>9.1f}"
              f"{percentile(values, 0.95):>9.1f}  {json.dumps(dict(codes))}")
    total = sum(len(v) for v in timings.values())
    print(f"all routes: {total / args.seconds:.1f} requests/s; the floor: "
          f"{len(floor.get('floor /healthz', [])) / args.floor_seconds:.1f} requests/s")
    print(f"5xx answers: {total_5xx}")
    return 1 if total_5xx else 0


if __name__ == "__main__":
    sys.exit(main())
