"""Activity rows of the demo: touchpoints over the last two years, grouped by the person they were with."""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from graphcrm.demo import vocab
from graphcrm.demo.world import ACTIVE, PLACEHOLDER, World
from graphcrm.touchpoints.activities import TOUCH_KINDS

EPOCH = dt.date(1970, 1, 1).toordinal()
KINDS, _KIND_WEIGHTS = zip(*vocab.ACTIVITY_KINDS)
KIND_CUM = tuple(itertools.accumulate(_KIND_WEIGHTS))
NOTES = ("Gesprächsnotiz: Interesse an Ausbau bestätigt.", "Budget erst im nächsten Quartal.",
         "Entscheid liegt beim Verwaltungsrat.", "Wünscht Referenzbesuch.")


def activity_counts(world: World) -> list[int]:
    """Return how many activities each person gets; they add up to the size's total exactly."""
    rng = world.rng("activity-counts")
    people = world.people
    weights = []
    for p, state in enumerate(people.state):
        if state == PLACEHOLDER:
            weights.append(0.15)
        elif state != ACTIVE:
            weights.append(0.5 * rng.expovariate(1.0))
        elif rng.random() < 0.08:  # never contacted: the stale report has something to show
            weights.append(0.0)
        else:
            weights.append(rng.expovariate(1.0) * (2.0, 1.5, 1.0, 1.0)[people.senior[p]])
    total, whole = world.size.activities, sum(weights) or 1.0
    counts = [int(total * w / whole) for w in weights]
    for p in rng.choices(range(len(weights)), weights, k=total - sum(counts)):
        counts[p] += 1
    return counts


def activity_rows(world: World, counts: list[int]) -> Iterator[dict]:
    """Yield one row per person with touchpoints: {person, account, acts: [...]}."""
    rng = world.rng("activities")
    people, accounts = world.people, world.accounts
    user_ids = [u["props"]["id"] for u in world.users]
    sellers = world.sellers()
    today = world.today.toordinal()
    first_day = today - 730
    for p, count in enumerate(counts):
        if not count:
            continue
        last_day = max(first_day + 1, (people.until[p] or today) - 1)
        owner = people.owner[p]
        # Only deals of the person's own account: an activity is about one account and its deals.
        opportunities = [o for o in world.person_opportunities.get(p, ())
                         if world.opportunities[o][1] == people.account[p]]
        acts = []
        last: dict[str, int] = {}
        for _ in range(count):
            kind = rng.choices(KINDS, cum_weights=KIND_CUM)[0]
            day = rng.randint(first_day, last_day)
            weekday = dt.date.fromordinal(day).weekday()
            if weekday >= 5:  # touchpoints happen on working days
                day -= weekday - 4
            act = {
                "id": world.new_id("activity"), "kind": kind,
                "at": (day - EPOCH) * 86400 + 6 * 3600 + rng.randint(0, 11 * 3600),
                "subject": _subject(rng, kind),
                "user": user_ids[owner if rng.random() < 0.75 else rng.choice(sellers)],
            }
            if kind in vocab.DURATIONS:
                low, high = vocab.DURATIONS[kind]
                act["duration"] = rng.randint(low // 5, high // 5) * 5
            if opportunities and rng.random() < 0.35:
                act["opportunity"] = world.opportunities[rng.choice(opportunities)][0]
            if kind in ("meeting", "note") and rng.random() < 0.2:
                act["notes"] = rng.choice(NOTES)
            acts.append(act)
            if act["at"] > last.get(kind, 0):
                last[kind] = act["at"]
        yield {"person": people.id[p], "account": accounts[people.account[p]].id, "acts": acts,
               **_touch_fields(last)}


def _touch_fields(last: dict[str, int]) -> dict:
    """Return the person's last-touch fields as graphcrm.activities keeps them (newest per kind)."""
    fields = {f"last_{kind}": _utc(at) for kind, at in last.items()}
    touches = [at for kind, at in last.items() if kind in TOUCH_KINDS]
    fields["last_touch"] = _utc(max(touches)) if touches else None
    return fields


def _utc(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


def _subject(rng, kind: str) -> str:
    text = rng.choice(vocab.SUBJECTS[kind])
    if "{" in text:
        text = text.replace("{product}", rng.choice(vocab.PRODUCTS))
        text = text.replace("{event}", rng.choice(("Kundenanlass", "Swiss CRM Forum", "Roadshow", "Webinar")))
    return text
