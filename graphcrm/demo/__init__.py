"""The demo dataset: realistic, deterministic Swiss/German CRM data, loaded in UNWIND batches.

`graphcrm demo --size small|medium|large --seed N` calls `load_demo`. The same size, seed and day
give the same graph, ids included: every id and value is drawn from streams seeded with `seed`;
dates are placed relative to `today` (activities over the two years before it).
"""
from __future__ import annotations

import datetime as dt
import secrets

from graphcrm.access.users import create_user, user_by_email
from graphcrm.demo.loader import Report, load_world
from graphcrm.demo.world import SIZES, World
from graphcrm.errors import Conflict, Invalid
from graphcrm.store.db import Database, reset

__all__ = ["DEMO_ADMIN_EMAIL", "ensure_demo_admin", "is_empty", "load", "load_demo", "summarize", "wipe"]

DEMO_ADMIN_EMAIL = "admin@demo.graphcrm.ch"
DEMO_ADMIN_NAME = "Demo Admin"
# The order and names of the counts load_demo returns ("Loaded: 12 users, 50 accounts, ...").
COUNT_LABELS = (("users", "User"), ("accounts", "Account"), ("people", "Person"),
                ("opportunities", "Opportunity"), ("campaigns", "Campaign"), ("targets", "Target"),
                ("activities", "Activity"))


def is_empty(db: Database) -> bool:
    """Return True when the database holds no CRM records (users and tokens alone do not count)."""
    return db.read_one("demo/is_empty")["empty"]


def load_demo(db: Database, size: str = "small", seed: int = 7, *, replace: bool = False,
              today: dt.date | None = None) -> dict[str, int]:
    """Load the demo dataset and return counts {"users": n, ..., "relationships": n}.

    Refuses (Conflict) when the database already holds CRM records; with `replace` it first
    deletes everything in the database, as `graphcrm db reset` does. Run `migrate` first.
    """
    report = load(db, size, seed, replace=replace, today=today)
    return summarize(report)


def summarize(report: Report) -> dict[str, int]:
    """Return the counts of a load in the order the CLI prints them."""
    counts = {name: report.labels.get(label, 0) for name, label in COUNT_LABELS}
    counts["relationships"] = sum(report.types.values())
    return counts


def load(db: Database, size: str = "small", seed: int = 7, *, replace: bool = False,
         today: dt.date | None = None) -> Report:
    """Load the demo and return the full report (per label, per type, per phase with timings)."""
    if size not in SIZES:
        raise Invalid(f"unknown demo size {size!r}", {"size": "must be one of " + ", ".join(SIZES)})
    if replace:
        wipe(db)
    elif not is_empty(db):
        raise Conflict("The database already holds CRM records, so the demo was not loaded (it would "
                       "mix with them). Load it into an empty database: `graphcrm db reset --yes` "
                       "deletes everything first.", {"database": "not empty"})
    world = World(size, seed, today or dt.datetime.now(dt.UTC).date())
    taken = db.read("demo/existing_users", emails=[user["props"]["email"] for user in world.users])
    if taken:
        raise Conflict(f"Users with the demo's e-mail addresses exist already ({taken[0]['email']}, ...); "
                       "reset the database first.", {"database": "demo users exist"})
    report = load_world(db, world)
    db.write("demo/link_admin", email=DEMO_ADMIN_EMAIL)
    return report


def wipe(db: Database) -> None:
    """Delete everything in the database (relationships first, in batches, so large graphs fit)."""
    reset(db)


def ensure_demo_admin(db: Database) -> str | None:
    """Create the demo admin (DEMO_ADMIN_EMAIL) and return its new password, or None if it exists.

    The password is random (16 URL-safe characters, printable), not derived from any seed, and is
    returned only once: only its argon2 hash is stored, via users.create_user. The head of sales
    of a loaded demo reports to this admin, so influence paths start from the signed-in admin.
    """
    if user_by_email(db, DEMO_ADMIN_EMAIL) is not None:
        return None
    password = secrets.token_urlsafe(12)
    try:
        create_user(db, email=DEMO_ADMIN_EMAIL, name=DEMO_ADMIN_NAME, role="admin", password=password,
                    title="Geschäftsführer")
    except Conflict:  # created meanwhile by another process
        return None
    db.write("demo/link_admin", email=DEMO_ADMIN_EMAIL)
    return password
