"""Relationship rows of the demo: ownership, jobs, boards, org charts, deals, partners, ties, campaigns."""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from graphcrm.demo import vocab
from graphcrm.demo.world import ACTIVE, BOUNCED, LEFT, PLACEHOLDER, World
from graphcrm.model import DEFAULT_CONTACT_ROLES, REL_SPECS, Label, RelType

Key = tuple[RelType, Label, Label]
Link = tuple[Key, dict]
EMPLOYS = (RelType.EMPLOYS, Label.ACCOUNT, Label.PERSON)
WORKED_AT = (RelType.WORKED_AT, Label.PERSON, Label.ACCOUNT)
ACR_ROLES = ("Decision Maker", "Technical Buyer", "Business User", "Influencer")
# The relationship properties cypher/demo/link.cypher stores: every field of the model's REL_SPECS.
LINK_PROPERTIES = frozenset(name for spec in REL_SPECS.values() for name in spec.fields)


def link_rows(world: World) -> Iterator[Link]:
    """Yield (key, row) for every relationship between the demo's nodes (activities come later)."""
    for part in (_user_lines, _ownership, _employment, _org_charts, _boards, _deals, _partners, _knows,
                 _campaign_members, _targets):
        yield from part(world)


def _row(a: str, b: str, props: dict | None = None) -> dict:
    # Flat: cypher/demo/link.cypher names each property (see LINK_PROPERTIES).
    return {"a": a, "b": b, **props} if props else {"a": a, "b": b}


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _user_lines(world: World) -> Iterator[Link]:
    """Our own line management: managers and staff report to the head of sales, reps to a manager."""
    key = (RelType.REPORTS_TO, Label.USER, Label.USER)
    ids, roles = [u["props"]["id"] for u in world.users], world.user_roles
    managers = [i for i, role in enumerate(roles) if role == "manager"]
    if not managers:
        return
    head = managers[0]
    for i, role in enumerate(roles):
        if i == head:
            continue
        boss = managers[i % len(managers)] if role == "rep" else head
        yield key, _row(ids[i], ids[boss])


def _ownership(world: World) -> Iterator[Link]:
    """Every account and every person has exactly one owner, who says du or Sie."""
    rng = world.rng("ownership")
    ids = [u["props"]["id"] for u in world.users]
    for acc in world.accounts:
        yield (RelType.OWNS, Label.USER, Label.ACCOUNT), _row(
            ids[acc.owner], acc.id, {"address": "du" if rng.random() < 0.15 else "sie"})
    people = world.people
    for p, person_id in enumerate(people.id):
        du = people.state[p] != PLACEHOLDER and rng.random() < 0.25
        yield (RelType.OWNS, Label.USER, Label.PERSON), _row(ids[people.owner[p]], person_id,
                                                             {"address": "du" if du else "sie"})


def _employment(world: World) -> Iterator[Link]:
    """Current jobs (one primary each, some second jobs) and former employers with dates."""
    rng = world.rng("employment")
    people, accounts = world.people, world.accounts
    staffed = [a for a, acc in enumerate(accounts) if acc.staff and not acc.placeholder]
    for p, person_id in enumerate(people.id):
        a, state = people.account[p], people.state[p]
        acc = accounts[a]
        if state == PLACEHOLDER:
            yield EMPLOYS, _row(acc.id, person_id, {"primary": True})
            continue
        job = {"title": people.title[p], "department": people.department[p]}
        if state == LEFT:
            until = dt.date.fromordinal(people.until[p])
            since = until - _days(rng.randint(200, 3650))
            yield WORKED_AT, _row(person_id, acc.id, {**job, "since": since, "until": until})
        else:
            since = world.days_ago(rng, 60, 365 * 14)
            props = {**job, "since": since, "primary": True}
            if rng.random() < 0.1:
                props["roles"] = rng.sample(ACR_ROLES, rng.randint(1, 2))
            yield EMPLOYS, _row(acc.id, person_id, props)
        roll, end = rng.random(), since
        for _ in range(2 if roll < 0.1 else 1 if roll < 0.4 else 0):
            other = rng.choice(staffed)
            if other == a:
                continue
            until = end - _days(rng.randint(0, 180))
            start = until - _days(rng.randint(365, 365 * 8))
            dept = rng.choice(vocab.DEPARTMENT_NAMES)
            title = vocab.gendered(rng.choice(vocab.DEPARTMENTS[dept][1]), people.female[p])
            yield WORKED_AT, _row(person_id, accounts[other].id, {
                "title": title, "department": dept, "since": start, "until": until})
            end = start
        if state == ACTIVE and rng.random() < 0.07:
            other = rng.choice(staffed)
            if other != a:
                yield EMPLOYS, _row(accounts[other].id, person_id, {
                    "title": vocab.gendered(rng.choice(vocab.SECOND_JOB_TITLES), people.female[p]),
                    "since": world.days_ago(rng, 30, 2000), "primary": False})


def _org_charts(world: World) -> Iterator[Link]:
    """Who reports to whom inside each account."""
    key = (RelType.REPORTS_TO, Label.PERSON, Label.PERSON)
    ids = world.people.id
    for p, boss in enumerate(world.people.boss):
        if boss >= 0:
            yield key, _row(ids[p], ids[boss])


def _boards(world: World) -> Iterator[Link]:
    """Boards at about a third of the accounts; a few professional directors sit on several."""
    rng = world.rng("boards")
    people, accounts = world.people, world.accounts
    pool = [p for p in range(len(people.id)) if people.senior[p] <= 1 and people.state[p] == ACTIVE]
    if len(pool) < 4:
        return
    boards = [a for a, acc in enumerate(accounts) if acc.type != "competitor" and rng.random() < 0.35]
    pros = set(rng.sample(pool, k=max(2, min(len(pool) // 3, len(boards) // 3))))
    cum = list(itertools.accumulate(12.0 if p in pros else 1.0 for p in pool))
    key = (RelType.BOARD_MEMBER, Label.PERSON, Label.ACCOUNT)
    for a in boards:
        acc = accounts[a]
        size = rng.randint(3, 7)
        members: list[int] = []
        own_ceo = acc.end - acc.first > 1 and people.senior[acc.first] == 0 and people.state[acc.first] == ACTIVE
        if own_ceo and rng.random() < 0.4:
            members.append(acc.first)
        for _ in range(size * 5):
            if len(members) >= size:
                break
            p = rng.choices(pool, cum_weights=cum)[0]
            if p not in members and people.account[p] != a:
                members.append(p)
        chair_given = False
        for p in members:
            if people.account[p] == a:
                role = "delegate"
            elif not chair_given:
                role, chair_given = "chair", True
            else:
                role = "vice_chair" if rng.random() < 0.1 else "member"
            since = world.days_ago(rng, 200, 365 * 15)
            props = {"role": role, "since": since}
            served = (world.today - since).days
            if role == "member" and served > 400 and rng.random() < 0.12:
                props["until"] = since + _days(rng.randint(365, served - 30))
            yield key, _row(people.id[p], acc.id, props)


def _deals(world: World) -> Iterator[Link]:
    """Each opportunity at its account, with a full or partial buying committee (one primary at most)."""
    rng = world.rng("deals")
    people, accounts = world.people, world.accounts
    staffed = [a for a, acc in enumerate(accounts) if acc.staff and not acc.placeholder]
    world.person_opportunities.clear()
    for o, (opp_id, a, _stage) in enumerate(world.opportunities):
        acc = accounts[a]
        yield (RelType.HAS_OPPORTUNITY, Label.ACCOUNT, Label.OPPORTUNITY), _row(acc.id, opp_id)
        eligible = [p for p in range(acc.first, acc.end) if people.state[p] == ACTIVE]
        if not eligible:
            continue
        if rng.random() < 0.3:
            roles = list(vocab.FULL_COMMITTEE[:rng.randint(5, 7)])
        else:
            roles = rng.sample(DEFAULT_CONTACT_ROLES, rng.randint(1, 3))
        chosen = sorted(rng.sample(eligible, min(len(eligible), len(roles))), key=lambda q: people.senior[q])
        cast = list(zip(chosen, roles))
        if rng.random() < 0.1:  # an outside consultant influences the deal
            q = _someone_elsewhere(rng, world, staffed, a)
            if q is not None and q not in chosen:
                cast.append((q, rng.choice(("Influencer", "Evaluator"))))
        primary = 0 if rng.random() < 0.85 else -1
        for k, (p, role) in enumerate(cast):
            world.person_opportunities.setdefault(p, []).append(o)
            yield (RelType.CONTACT_ROLE, Label.PERSON, Label.OPPORTUNITY), _row(
                people.id[p], opp_id, {"role": role, "primary": k == primary})


def _someone_elsewhere(rng, world: World, staffed: list[int], not_at: int) -> int | None:
    acc = world.accounts[rng.choice(staffed)]
    p = rng.randrange(acc.first, acc.end)
    if world.people.account[p] == not_at or world.people.state[p] != ACTIVE:
        return None
    return p


def _partners(world: World) -> Iterator[Link]:
    """Partner and supplier ties between accounts."""
    rng = world.rng("partners")
    accounts = world.accounts
    cum = list(itertools.accumulate(5.0 if acc.type in ("partner", "supplier") else 0.5 for acc in accounts))
    seen: set[tuple[int, int]] = set()
    for _ in range(round(len(accounts) * 0.4)):
        a = rng.choices(range(len(accounts)), cum_weights=cum)[0]
        b = rng.randrange(len(accounts))
        if a == b or (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        role = "supplier" if accounts[a].type == "supplier" else rng.choice(
            ("reseller", "consultant", "integrator", "distributor"))
        yield (RelType.PARTNER_OF, Label.ACCOUNT, Label.ACCOUNT), _row(
            accounts[a].id, accounts[b].id, {"role": role, "since": world.days_ago(rng, 100, 365 * 12)})


def _knows(world: World) -> Iterator[Link]:
    """Personal ties: mostly between colleagues, some across companies."""
    rng = world.rng("knows")
    people, accounts = world.people, world.accounts
    regular = [p for p, state in enumerate(people.state) if state != PLACEHOLDER]
    seen: set[tuple[int, int]] = set()
    for _ in range(round(len(regular) * 0.8)):
        p = rng.choice(regular)
        acc = accounts[people.account[p]]
        q = rng.randrange(acc.first, acc.end) if rng.random() < 0.6 and acc.end - acc.first > 1 \
            else rng.choice(regular)
        pair = (min(p, q), max(p, q))
        if p == q or people.state[q] == PLACEHOLDER or pair in seen:
            continue
        seen.add(pair)
        props = {"since": world.days_ago(rng, 30, 365 * 20), "source": rng.choice(vocab.KNOWS_SOURCES)}
        if rng.random() < 0.1:
            props["note"] = rng.choice(vocab.KNOWS_NOTES)
        yield (RelType.KNOWS, Label.PERSON, Label.PERSON), _row(people.id[p], people.id[q], props)


def _campaign_members(world: World) -> Iterator[Link]:
    """Campaign members with their status; bounced contacts bounce."""
    rng = world.rng("campaign-members")
    people = world.people
    count = len(people.id)
    per = max(1, round(count * 1.2 / max(1, len(world.campaigns))))
    for campaign_id, status in world.campaigns:
        for p in sorted(rng.sample(range(count), min(count, per))):
            state = people.state[p]
            if state in (PLACEHOLDER, LEFT):
                continue
            if status == "planned":
                member = "planned"
            elif state == BOUNCED:
                member = "bounced"
            else:
                member = rng.choices(("sent", "opened", "responded", "unsubscribed"), (40, 30, 25, 5))[0]
            yield (RelType.MEMBER_OF, Label.PERSON, Label.CAMPAIGN), _row(
                people.id[p], campaign_id, {"status": member, "responded": member == "responded"})


def _targets(world: World) -> Iterator[Link]:
    """Each KPI target hangs off the user, account or person it is for."""
    for target_id, label, owner in world.targets:
        yield (RelType.HAS_TARGET, label, Label.TARGET), _row(owner, target_id)
