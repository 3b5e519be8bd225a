"""Relationship strength between one of our users and a person: the one place that defines it.

The strength is a number in [0, 1) built from the user's touchpoints with the person
(``(:User)-[:LOGGED]->(a:Activity {kind, at})-[:WITH]->(:Person)``) and from ownership:

    touch score  S = sum over past activities of  KIND_WEIGHT[a.kind] * 0.5 ** (age_days / HALF_LIFE_DAYS)
    touch part   T = 1 - exp(-S / SATURATION)
    strength       = 1 - (1 - T) * (1 - OWNER_BONUS if the user owns the person else 1)

so each touchpoint counts by its kind (a meeting weighs more than an e-mail) and loses half of
its weight every HALF_LIFE_DAYS (90); many recent meetings approach 1, a single e-mail a year ago
is close to 0, and owning the contact alone gives OWNER_BONUS. Activities dated in the future
(planned meetings) do not count. Cypher only aggregates per (user, person, kind); the formula
lives here, so the paths ranking (paths.py) and the stale-contact/KPI reports use the same one.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

HALF_LIFE_DAYS = 90.0
SATURATION = 2.0
OWNER_BONUS = 0.3
KIND_WEIGHT = {"meeting": 1.0, "event": 0.6, "call": 0.6, "email": 0.25, "note": 0.1}
DEFAULT_KIND_WEIGHT = 0.25


@dataclass
class Touches:
    """What one user did with one person: counts per kind, the decayed weight, the last date."""

    counts: dict[str, int] = field(default_factory=dict)
    decayed: dict[str, float] = field(default_factory=dict)
    last: dt.datetime | None = None
    owns: bool = False

    @property
    def total(self) -> int:
        """How many touchpoints in all."""
        return sum(self.counts.values())

    def add(self, kind: str, count: int, decayed: float, last) -> None:
        """Fold one per-kind aggregate row into the summary."""
        kind = kind or "note"
        self.counts[kind] = self.counts.get(kind, 0) + int(count)
        self.decayed[kind] = self.decayed.get(kind, 0.0) + float(decayed)
        last = to_datetime(last)
        if last is not None and (self.last is None or last > self.last):
            self.last = last


def score(touches: Touches) -> float:
    """Return S, the kind-weighted, age-decayed touch score."""
    return sum(KIND_WEIGHT.get(kind, DEFAULT_KIND_WEIGHT) * value for kind, value in touches.decayed.items())


def strength(touches: Touches) -> float:
    """Return the relationship strength in [0, 1) of the module formula."""
    touch_part = 1.0 - math.exp(-score(touches) / SATURATION)
    owner_part = OWNER_BONUS if touches.owns else 0.0
    return 1.0 - (1.0 - touch_part) * (1.0 - owner_part)


def decay(age_days: float) -> float:
    """Return the weight left after `age_days` (1 today, 0.5 after one half-life)."""
    return 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)


def to_datetime(value) -> dt.datetime | None:
    """Turn a Neo4j or Python date/datetime into an aware Python datetime."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return None


def summaries(db, user_eids: list[str], person_eids: list[str], now: dt.datetime | None = None,
              ) -> dict[tuple[str, str], Touches]:
    """Return {(user element id, person element id): Touches} for touches and ownership between them.

    `db` is a Database or a Tx; element ids keep the lookups index-free and exact within one
    transaction. Only pairs with a touchpoint or an OWNS edge appear.
    """
    if not user_eids or not person_eids:
        return {}
    now = now or dt.datetime.now(dt.timezone.utc)
    out: dict[tuple[str, str], Touches] = {}
    for row in db.run("paths/touch_summary", users=user_eids, people=person_eids, now=now,
                      half_life=HALF_LIFE_DAYS):
        key = (row["user"], row["person"])
        touches = out.setdefault(key, Touches())
        if row["kind"] is None:  # the ownership row
            touches.owns = True
        else:
            touches.add(row["kind"], row["count"], row["decayed"], row["last"])
    return out


def describe(touches: Touches, subject: str, person: str) -> str:
    """Say in words what the touches are: "You met Peter Frei 6 times, last on 2 Oct 2026"."""
    total = touches.total
    when = f", last on {format_day(touches.last)}" if touches.last else ""
    if total and touches.counts.get("meeting", 0) == total:
        text = f"{subject} met {person} {_times(total)}{when}"
    elif total:
        kinds = ", ".join(f"{n} {_plural(k, n)}" for k, n in sorted(touches.counts.items(), key=lambda kv: -kv[1]))
        text = f"{subject} had {total} touchpoint{'s' if total != 1 else ''} with {person} ({kinds}){when}"
    else:
        text = ""
    if touches.owns:
        verb = "own" if subject == "You" else "owns"
        if text:
            return f"{text}; {'you' if subject == 'You' else subject} {verb} the contact"
        return f"{subject} {verb} the contact {person}"
    return text


def format_day(value) -> str:
    """Format a date as "2 Oct 2026"."""
    value = to_datetime(value)
    return f"{value.day} {value.strftime('%b %Y')}" if value else ""


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _plural(kind: str, n: int) -> str:
    word = {"email": "e-mail"}.get(kind, kind)
    return word if n == 1 else word + "s"
