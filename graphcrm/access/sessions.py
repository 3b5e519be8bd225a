"""Sign-in sessions kept in Neo4j, so that they end when they should, on every app server at once.

The browser's cookie holds a random token (256 bits); the database holds only its SHA-256, with
the user, when it was made and when it was last used. A session ends at sign-out, after IDLE of
disuse, at MAX_AGE after sign-in, and for all of a user's browsers when their password or role
changes or someone signs them out everywhere. A replayed cookie of an ended session opens nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from graphcrm.store.db import Database

# The last-seen time is written at most this often: a write per request would double the work.
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetime:
    """How long a session lives: `idle` without use, `max_age` at most."""

    idle: dt.timedelta = dt.timedelta(hours=2)
    max_age: dt.timedelta = dt.timedelta(hours=12)


def lifetime_of(cfg) -> Lifetime:
    """How long a sign-in lasts, from the app's settings (idle minutes, absolute hours)."""
    return Lifetime(idle=dt.timedelta(minutes=int(cfg.get("SESSION_IDLE_MINUTES", 120))),
                    max_age=dt.timedelta(hours=int(cfg.get("SESSION_MAX_HOURS", 12))))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(db: Database, user_id: str, lifetime: Lifetime) -> str:
    """Start a session for the user and return its token (for the cookie); a fresh one at every sign-in."""
    token = secrets.token_urlsafe(32)
    now = _now()
    db.write("sessions/start", id=_hash(token), user_id=user_id, expires_at=now + lifetime.max_age,
             idle_since=now - lifetime.idle)
    return token


def signed_in(db: Database, token: str | None, lifetime: Lifetime) -> tuple[dict, list[str]] | None:
    """Return the user node of a live session and their team, or None; refresh its idle clock now and then."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    now = _now()
    row = db.read_one("sessions/user", id=_hash(token), idle_since=now - lifetime.idle,
                      touch_before=now - TOUCH_EVERY)
    if row is None:
        return None
    if row["stale"]:
        db.write("sessions/touch", id=_hash(token))
    return row["user"], row["team"]


def end(db: Database, token: str | None) -> None:
    """End one session (sign-out)."""
    if isinstance(token, str) and token:
        db.write("sessions/end", id=_hash(token))


def end_all(db: Database, user_id: str, *, keep: str | None = None) -> int:
    """End every session of a user, but the one whose token is `keep`; return how many ended."""
    row = db.write_one("sessions/end_all", user_id=user_id, keep=_hash(keep) if keep else None)
    return row["ended"] if row else 0


def count(db: Database, user_id: str, lifetime: Lifetime) -> int:
    """How many live sessions the user has."""
    return db.read_one("sessions/count", user_id=user_id, idle_since=_now() - lifetime.idle)["sessions"]
