"""Relationship strength between one of our users and a person: the one place that defines it.

The strength is a number in [0, 1) built from the user's touchpoints with the person
(``(:User)-[:LOGGED]->(a:Activity {kind, at})-[:WITH]->(:Person)``) and from ownership:

    touch score  S = sum over past activities of  KIND_WEIGHT[a.kind] * 0.5 ** (age_days / HALF_LIFE_DAYS)
                     (summed in Cypher, cypher/paths/touch_summary.cypher, with these constants)
    touch part   T = 1 - exp(-S / SATURATION)
    strength       = 1 - (1 - T) * (1 - O),  O = OWNER_BONUS if the user owns the person, else 0

so each touchpoint counts by its kind (a meeting weighs more than an e-mail) and loses half of
its weight every HALF_LIFE_DAYS (90); many recent meetings approach 1, a single e-mail a year ago
is close to 0, and owning the contact alone gives OWNER_BONUS. Activities dated in the future
(planned meetings) do not count. Cypher only sums per (user, person) with these constants; the formula
lives here, so the paths ranking (paths.py) and the stale-contact/KPI reports can use the same
one: `summaries(db, users, people)` then `strength(touches)`.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from graphcrm.store.db import table

HALF_LIFE_DAYS = 90.0
SATURATION = 2.0
OWNER_BONUS = 0.3
KIND_WEIGHT = {"meeting": 1.0, "event": 0.6, "call": 0.6, "email": 0.25, "note": 0.1}
DEFAULT_KIND_WEIGHT = 0.25
KINDS = ("meeting", "call", "email", "event", "note")  # the columns of touch_summary


@dataclass
class Touches:
    """What one user did with one person: touchpoints per kind, the decayed score, the last one."""

    counts: dict[str, int] = field(default_factory=dict)
    decayed: dict[str, float] = field(default_factory=dict)  # per kind: sum of 0.5 ** (age / half-life)
    last: dt.datetime | None = None
    owns: bool = False
    weighted: float | None = None  # S as Cypher summed it; else computed from `decayed`

    @property
    def score(self) -> float:
        """S of the module formula."""
        if self.weighted is not None:
            return self.weighted
        return sum(KIND_WEIGHT.get(k, DEFAULT_KIND_WEIGHT) * v for k, v in self.decayed.items())

    @property
    def total(self) -> int:
        """How many touchpoints in all."""
        return sum(self.counts.values())


def score(kinds_and_ages: list[tuple[str, float]]) -> float:
    """Return S for (kind, age in days) pairs; the Cypher in touch_summary computes the same sum."""
    return sum(KIND_WEIGHT.get(kind, DEFAULT_KIND_WEIGHT) * decay(age) for kind, age in kinds_and_ages)


def strength(touches: Touches) -> float:
    """Return the relationship strength in [0, 1) of the module formula."""
    touch_part = 1.0 - math.exp(-touches.score / SATURATION)
    owner_part = OWNER_BONUS if touches.owns else 0.0
    return 1.0 - (1.0 - touch_part) * (1.0 - owner_part)


def decay(age_days: float) -> float:
    """Return the weight left after `age_days` (1 today, 0.5 after one half-life)."""
    return 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)


def to_datetime(value) -> dt.datetime | None:
    """Turn a Neo4j or Python date/datetime (or epoch milliseconds) into an aware Python datetime."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # epoch milliseconds
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)
    if isinstance(value, str):  # ISO text, as toString() of a Neo4j date or datetime gives it
        try:
            value = dt.datetime.fromisoformat(value) if "T" in value \
                else dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


SUMMARY_COLUMNS = ("user", "person", "total", "meeting", "call", "email", "event", "note", "last", "score")


def summaries(db, user_eids: list[str], person_eids: list[str], now: dt.datetime | None = None,
              ) -> dict[tuple[str, str], Touches]:
    """Return {(user element id, person element id): Touches} for touches and ownership between them.

    `db` is a Database or a Tx; element ids keep the lookups exact within one transaction.
    Only pairs with a touchpoint or an OWNS edge appear.
    """
    if not user_eids or not person_eids:
        return {}
    now = now or dt.datetime.now(dt.UTC)
    out: dict[tuple[str, str], Touches] = {}
    for row in table(db, "paths/touch_summary", SUMMARY_COLUMNS, users=user_eids, people=person_eids, now=now,
                     half_life=HALF_LIFE_DAYS, weights=KIND_WEIGHT, default_weight=DEFAULT_KIND_WEIGHT):
        touches = out.setdefault((row["user"], row["person"]), Touches())
        if row["total"] < 0:  # the ownership row
            touches.owns = True
        else:
            touches.counts = {k: row[k] for k in KINDS if row[k]}
            touches.weighted, touches.last = row["score"], to_datetime(row["last"])
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
