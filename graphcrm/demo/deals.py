"""Node rows of the demo: opportunities, campaigns and KPI targets."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from graphcrm.demo import places, vocab
from graphcrm.demo.world import ACTIVE, World
from graphcrm.model import Label
from graphcrm.model.nodes import sort_key

TYPE_WEIGHTS = {"customer": 3.0, "prospect": 2.0, "partner": 1.0, "supplier": 0.3, "competitor": 0.05,
                "other": 0.3}


def opportunity_rows(world: World) -> Iterator[dict]:
    """Yield one node row per opportunity, mostly at customers and prospects with many contacts."""
    rng = world.rng("opportunities")
    weights = [TYPE_WEIGHTS[acc.type] * (1 + min(acc.staff, 40) / 8) for acc in world.accounts]
    stages, stage_probability = dict(vocab.OPEN_STAGES), dict(vocab.CLOSED_STAGES)
    stage_probability.update(stages)
    for a in rng.choices(range(len(world.accounts)), weights, k=world.size.opportunities):
        acc = world.accounts[a]
        if rng.random() < 0.3:
            stage = "Closed Won" if rng.random() < 0.55 else "Closed Lost"
            close = world.days_ago(rng, 10, 700)
        else:
            stage = rng.choice(tuple(stages))
            close = world.today + dt.timedelta(days=rng.randint(7, 365))
        product = rng.choice(vocab.PRODUCTS)
        props = {
            "id": world.new_id("opportunity"), "name": f"{acc.name} – {product} {close.year}", "stage": stage,
            "amount": float(max(5000, round(rng.lognormvariate(11.2, 0.9), -3))),
            "currency": places.CURRENCIES[acc.city.country], "close_date": close,
            "probability": stage_probability[stage], "version": 1,
        }
        props["sort_key"] = sort_key(Label.OPPORTUNITY, props)
        created = min(world.today, close - dt.timedelta(days=rng.randint(30, 300)))
        world.opportunities.append((props["id"], a, stage))
        yield {"props": props, "created": world.epoch(created, rng)}


def campaign_rows(world: World) -> Iterator[dict]:
    """Yield one node row per campaign, spread over the last two years and the next quarter."""
    rng = world.rng("campaigns")
    names: set[str] = set()
    for _ in range(world.size.campaigns):
        kind, pattern = rng.choice(vocab.CAMPAIGN_KINDS)
        start = world.today - dt.timedelta(days=rng.randint(-90, 700))
        end = start + dt.timedelta(days=rng.randint(1, 60))
        quarter = f"Q{(start.month - 1) // 3 + 1} {start.year}"
        name = pattern.replace("{city}", rng.choice(("Zürich", "Basel", "Bern", "Luzern", "St. Gallen", "Zug")))
        name = name.replace("{quarter}", quarter)
        if quarter not in name:
            name = f"{name} {start.year}"
        while name in names:
            name += " II"
        names.add(name)
        if start > world.today:
            status = "planned"
        elif end >= world.today:
            status = "in_progress"
        else:
            status = "aborted" if rng.random() < 0.05 else "completed"
        props = {"id": world.new_id("campaign"), "name": name, "type": kind, "status": status,
                 "start_date": start, "end_date": end, "version": 1}
        props["sort_key"] = sort_key(Label.CAMPAIGN, props)
        world.campaigns.append((props["id"], status))
        yield {"props": props, "created": world.epoch(min(world.today, start - dt.timedelta(days=30)), rng)}


def target_rows(world: World) -> Iterator[dict]:
    """Yield KPI targets, a third each on reps, key accounts and key people."""
    rng = world.rng("targets")
    reps = [i for i, role in enumerate(world.user_roles) if role == "rep"]
    key_accounts = sorted(range(len(world.accounts)), key=lambda a: -world.accounts[a].staff)
    people = world.people
    ceos = [p for p in range(len(people.id)) if people.senior[p] == 0 and people.state[p] == ACTIVE]
    for k in range(world.size.targets):
        kind = (Label.USER, Label.ACCOUNT, Label.PERSON)[k % 3]
        if kind is Label.USER and reps:
            user = world.users[reps[(k // 3) % len(reps)]]["props"]
            owner, name = user["id"], user["name"]
            period, minimum, kinds = rng.choice((("month", 20, ["call", "meeting"]),
                                                 ("quarter", 50, ["call", "meeting", "email"])))
        elif kind is Label.ACCOUNT or not ceos:
            kind, acc = Label.ACCOUNT, world.accounts[key_accounts[(k // 3) % len(key_accounts)]]
            owner, name = acc.id, acc.name
            period, minimum, kinds = rng.choice((("quarter", 6, ["meeting", "call"]),
                                                 ("year", 20, ["meeting", "call", "event"])))
        else:
            p = ceos[rng.randrange(len(ceos))]
            owner, name = people.id[p], f"{people.title[p]} {world.accounts[people.account[p]].name}"
            period, minimum, kinds = rng.choice((("month", 1, ["call", "meeting"]),
                                                 ("quarter", 3, ["meeting", "call", "email"])))
        props = {"id": world.new_id("target"), "name": vocab.TARGET_NAMES[kind.value].format(name=name),
                 "period": period, "min_touchpoints": minimum, "kinds": kinds, "version": 1}
        props["sort_key"] = sort_key(Label.TARGET, props)
        world.targets.append((props["id"], kind, owner))
        yield {"props": props, "created": world.epoch(world.days_ago(rng, 30, 400), rng)}
