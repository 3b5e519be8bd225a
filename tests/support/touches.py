"""Touchpoints for graph tests: meetings logged straight into the database, a week apart."""
from __future__ import annotations

import datetime as dt


def meet(db, user, person, times, last=dt.datetime(2026, 10, 2, 9, tzinfo=dt.UTC), kind="meeting"):
    """Log `times` touchpoints of a user with a person, a week apart, the last on `last`."""
    db.run_raw("MATCH (u:User {id: $u}), (p:Person {id: $p}) UNWIND range(0, $n - 1) AS i "
               "CREATE (u)-[:LOGGED]->(:Activity {id: randomUUID(), kind: $kind, "
               "at: $last - duration({days: 7 * i})})-[:WITH]->(p)",
               u=user["id"], p=person["id"], n=times, last=last, kind=kind)
