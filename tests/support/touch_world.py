"""A seeded CRM world for the touchpoint tests: owners, accounts, people, and activities logged
through the capability, with the plain-Python facts the reports are checked against."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from graphcrm.access.policy import Access
from graphcrm.model import ACTIVITY_KINDS
from graphcrm.touchpoints import activities
from tests.support.graphdata import build, node

UTC = dt.UTC
# Offsets the activities are sent with: the stored instant must not depend on them.
OFFSETS = (dt.UTC, dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=2)),
           dt.timezone(dt.timedelta(hours=-5)))
TEAMS = ("Finance", "IT", "Board")


@dataclass
class World:
    """What was written, as plain data."""

    users: list[dict]
    accounts: list[dict]
    people: list[dict]
    acts: list[dict] = field(default_factory=list)  # {"kind", "at" (aware UTC), "people", "account"}

    def person(self, pid: str) -> dict:
        """The person record with that id."""
        return next(p for p in self.people if p["id"] == pid)


def make_world(db, seed: int = 7, n_people: int = 40) -> World:
    """Owners, two accounts and people (some inactive, one placeholder, some never touched)."""
    users = [node("user", f"Owner {i}") for i in range(3)]
    accounts = [node("account", name) for name in ("ACME AG", "Muster GmbH")]
    people = []
    for i in range(n_people):
        status = "inactive" if i % 13 == 5 else "active"
        person = node("person", f"P{i:02d} Person{i:02d}", status=status, placeholder=(i == 7),
                      team=TEAMS[i % 3], created_at=dt.datetime(2025, 1, 1, tzinfo=UTC))
        person.update(owner=users[i % 3]["id"], account=accounts[i % 2]["id"])
        people.append(person)
    rels = [("OWNS", users[i % 3], p) for i, p in enumerate(people)]
    rels += [("EMPLOYS", accounts[i % 2], p) for i, p in enumerate(people)]
    build(db, [*users, *accounts, *[{k: v for k, v in p.items() if k not in ("owner", "account")}
                                    for p in people]], rels)
    return World(users, accounts, people)


def random_moment(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """A random instant in [start, end), often within an hour of a midnight UTC."""
    moment = start + dt.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))
    if rng.random() < 0.3:
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        moment = midnight + dt.timedelta(minutes=rng.choice((-61, -59, -1, 0, 1, 59, 61)))
    return min(max(moment, start), end - dt.timedelta(microseconds=1)).replace(microsecond=0)


def log(db, world: World, by: str, kind: str, at: dt.datetime, people: list[str], account: str | None = None,
        offset: dt.tzinfo = UTC) -> dict:
    """Log one activity with `at` written in `offset`, and remember it in the world."""
    body = {"kind": kind, "at": at.astimezone(offset).isoformat(), "people": people,
            "subject": f"{kind} {len(world.acts)}"}
    if account:
        body["account"] = account
    record = activities.log_activity(db, body, by=by, access=Access.system())
    world.acts.append({"kind": kind, "at": at.astimezone(UTC), "people": list(people), "account": account})
    return record


def log_random(db, world: World, by: str, count: int, start: dt.datetime, end: dt.datetime, seed: int = 11,
               untouched: int = 6) -> None:
    """Log `count` random activities among all but the last `untouched` people."""
    rng = random.Random(seed)
    pool = [p["id"] for p in world.people[:-untouched]]
    for _ in range(count):
        people = rng.sample(pool, rng.choice((1, 1, 1, 2, 3)))
        account = rng.choice([None, None, *[a["id"] for a in world.accounts]])
        log(db, world, by, rng.choice(ACTIVITY_KINDS), random_moment(rng, start, end), people, account,
            rng.choice(OFFSETS))
