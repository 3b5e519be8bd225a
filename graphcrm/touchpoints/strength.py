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

from graphcrm.i18n import _, ngettext
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


def describe(touches: Touches, subject: str, person: str | None = None, *, you: bool = False) -> str:
    """Say in words what the touches are: "You met Peter Frei 6 times, last on 2 Oct 2026".

    `you`: the subject is the viewer ("You met ..."), else it is called `subject`; without `person`
    the person is "them" (their own page says whom).
    """
    total = touches.total
    if total and touches.counts.get("meeting", 0) == total:
        text = _met(subject, person, you, _times(total))
    elif total:
        kinds = ", ".join(_kind_count(k, n) for k, n in sorted(touches.counts.items(), key=lambda kv: -kv[1]))
        text = _had(subject, person, you, total, kinds)
    else:
        text = ""
    if text and touches.last:
        text = _("%(text)s, last on %(date)s", text=text, date=format_day(touches.last))
    if touches.owns:
        if text:
            return owns_too(text, subject, you)
        if you:
            return _("You own the contact %(person)s", person=person) if person else _("You own the contact")
        return (_("%(subject)s owns the contact %(person)s", subject=subject, person=person) if person
                else _("%(subject)s owns the contact", subject=subject))
    return text


def owns_too(text: str, subject: str, you: bool) -> str:
    """Add to a sentence about touches that the subject owns the contact too."""
    if you:
        return _("%(text)s; you own the contact", text=text)
    return _("%(text)s; %(subject)s owns the contact", text=text, subject=subject)


def _met(subject: str, person: str | None, you: bool, times: str) -> str:
    if you:
        return (_("You met %(person)s %(times)s", person=person, times=times) if person
                else _("You met them %(times)s", times=times))
    return (_("%(subject)s met %(person)s %(times)s", subject=subject, person=person, times=times) if person
            else _("%(subject)s met them %(times)s", subject=subject, times=times))


def _had(subject: str, person: str | None, you: bool, total: int, kinds: str) -> str:
    if you and person:
        return ngettext("You had %(num)d touchpoint with %(person)s (%(kinds)s)",
                        "You had %(num)d touchpoints with %(person)s (%(kinds)s)", total, person=person, kinds=kinds)
    if you:
        return ngettext("You had %(num)d touchpoint with them (%(kinds)s)",
                        "You had %(num)d touchpoints with them (%(kinds)s)", total, kinds=kinds)
    if person:
        return ngettext("%(subject)s had %(num)d touchpoint with %(person)s (%(kinds)s)",
                        "%(subject)s had %(num)d touchpoints with %(person)s (%(kinds)s)", total,
                        subject=subject, person=person, kinds=kinds)
    return ngettext("%(subject)s had %(num)d touchpoint with them (%(kinds)s)",
                    "%(subject)s had %(num)d touchpoints with them (%(kinds)s)", total, subject=subject, kinds=kinds)


def format_day(value) -> str:
    """Format a date as "2 Oct 2026" (in the reader's language)."""
    value = to_datetime(value)
    if not value:
        return ""
    return _MONTHS[value.month - 1](value.day, value.year)


# One sentence per month, so a translator writes the day and month in the language's own order.
_MONTHS = (
    lambda d, y: _("%(day)s Jan %(year)s", day=d, year=y), lambda d, y: _("%(day)s Feb %(year)s", day=d, year=y),
    lambda d, y: _("%(day)s Mar %(year)s", day=d, year=y), lambda d, y: _("%(day)s Apr %(year)s", day=d, year=y),
    lambda d, y: _("%(day)s May %(year)s", day=d, year=y), lambda d, y: _("%(day)s Jun %(year)s", day=d, year=y),
    lambda d, y: _("%(day)s Jul %(year)s", day=d, year=y), lambda d, y: _("%(day)s Aug %(year)s", day=d, year=y),
    lambda d, y: _("%(day)s Sep %(year)s", day=d, year=y), lambda d, y: _("%(day)s Oct %(year)s", day=d, year=y),
    lambda d, y: _("%(day)s Nov %(year)s", day=d, year=y), lambda d, y: _("%(day)s Dec %(year)s", day=d, year=y),
)


def _times(n: int) -> str:
    if n == 1:
        return _("once")
    if n == 2:
        return _("twice")
    return ngettext("%(num)d time", "%(num)d times", n)


def _kind_count(kind: str, n: int) -> str:
    """ "3 meetings", "1 e-mail": a count of touchpoints of one kind."""
    if kind == "meeting":
        return ngettext("%(num)d meeting", "%(num)d meetings", n)
    if kind == "call":
        return ngettext("%(num)d call", "%(num)d calls", n)
    if kind == "email":
        return ngettext("%(num)d e-mail", "%(num)d e-mails", n)
    if kind == "event":
        return ngettext("%(num)d event", "%(num)d events", n)
    if kind == "note":
        return ngettext("%(num)d note", "%(num)d notes", n)
    return f"{n} {kind if n == 1 else kind + 's'}"  # a kind of an org's own: its name as it is
