"""Node rows of the demo: accounts and the people at them, with org charts and inactive contacts."""
from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator

from graphcrm.demo import places, vocab
from graphcrm.demo.world import ACTIVE, BOUNCED, LEFT, PLACEHOLDER, Account, World
from graphcrm.model import Label
from graphcrm.model.nodes import sort_key

LANGUAGES = {"de_CH": "de", "de_DE": "de", "de_AT": "de", "fr_CH": "fr", "it_IT": "it"}
HEADS = vocab.DEPARTMENT_NAMES[1:]


def account_rows(world: World) -> Iterator[dict]:
    """Yield one node row per account."""
    rng = world.rng("account-rows")
    for acc in world.accounts:
        yield {"props": acc.props, "created": world.epoch(world.days_ago(rng, 2200, 3000), rng),
               "lat": acc.lat, "lon": acc.lon}


def person_rows(world: World) -> Iterator[dict]:
    """Yield one node row per person, account by account, remembering what later phases need."""
    rng = world.rng("people")
    sellers = world.sellers()
    for a, acc in enumerate(world.accounts):
        acc.first = len(world.people.id)
        if acc.placeholder:
            yield _placeholder(world, rng, a, acc)
        else:
            yield from _staff(world, rng, a, acc, sellers)
        acc.end = len(world.people.id)


def _remember(world: World, a: int, state: int, owner: int, title, dept, boss: int, senior: int,
              until: int = 0, female: bool = False) -> str:
    people = world.people
    person_id = world.new_id("person")
    people.id.append(person_id)
    people.account.append(a)
    people.state.append(state)
    people.owner.append(owner)
    people.title.append(title)
    people.department.append(dept)
    people.boss.append(boss)
    people.senior.append(senior)
    people.until.append(until)
    people.female.append(female)
    return person_id


def _placeholder(world: World, rng: random.Random, a: int, acc: Account) -> dict:
    person_id = _remember(world, a, PLACEHOLDER, acc.owner, None, None, -1, 3)
    props = {
        "id": person_id, "last_name": "Info Kontakt", "email": f"info@{acc.domain}", "phone": acc.props["phone"],
        "language": LANGUAGES[world.region(acc.city)], "street": acc.props["street"],
        "postal_code": acc.props["postal_code"], "city": acc.city.name, "country": acc.city.country,
        "status": "active", "placeholder": True, "version": 1,
    }
    props["sort_key"] = sort_key(Label.PERSON, props)
    return {"props": props, "created": world.epoch(world.days_ago(rng, 30, 900), rng),
            "lat": acc.lat, "lon": acc.lon}


def _staff(world: World, rng: random.Random, a: int, acc: Account, sellers: list[int]) -> Iterator[dict]:
    """Yield the people of one account: a CEO, heads of departments, and staff reporting to them."""
    n = acc.staff
    base = len(world.people.id)
    heads: dict[str, int] = {}
    if n == 0:
        return
    if n == 1:
        plan = [(rng.choice(HEADS), 1 if rng.random() < 0.5 else 2, -1)]
    else:
        head_count = min(n - 1, len(HEADS), max(1, round(math.sqrt(n))))
        plan = [("Geschäftsleitung", 0, -1)]
        for k, dept in enumerate(rng.sample(HEADS, head_count)):
            heads[dept] = base + 1 + k
            plan.append((dept, 1, base))
        for _ in range(n - 1 - head_count):
            dept = rng.choice(tuple(heads))
            plan.append((dept, 2, heads[dept] if rng.random() < 0.75 else -1))
    for dept, senior, boss in plan:
        yield _person(world, rng, a, acc, dept, senior, boss, sellers)


def _person(world: World, rng: random.Random, a: int, acc: Account, dept: str, senior: int, boss: int,
            sellers: list[int]) -> dict:
    head_title, staff_titles = vocab.DEPARTMENTS[dept]
    female = rng.random() < 0.45
    title = vocab.gendered(head_title if senior < 2 else rng.choice(staff_titles), female)
    roll = rng.random()
    state = ACTIVE
    if senior == 2 and roll < 0.08:
        state = LEFT
    elif roll < (0.11 if senior == 2 else 0.03):
        state = BOUNCED
    until = world.days_ago(rng, 5, 680) if state != ACTIVE else None
    owner = acc.owner if rng.random() < 0.85 else rng.choice(sellers)
    person_id = _remember(world, a, state, owner, title, dept, -1 if state == LEFT else boss, senior,
                          until.toordinal() if until else 0, female)
    at_office = rng.random() < 0.8
    city = acc.city if at_office else places.pick_city(rng)
    locale = world.region(city)
    faker = world.fakers[locale]
    first = faker.first_name_female() if female else faker.first_name_male()
    last = faker.last_name()
    language = "en" if rng.random() < 0.04 else LANGUAGES[locale]
    props = {
        "id": person_id, "first_name": first, "last_name": last,
        "salutation": vocab.SALUTATIONS[language][1 if female else 0],
        "title": title, "department": dept, "language": language,
        "phone": places.landline(rng, city), "status": "active" if state == ACTIVE else "inactive",
        "placeholder": False, "city": city.name, "country": city.country, "version": 1,
    }
    if at_office:
        props["street"], props["postal_code"] = acc.props["street"], acc.props["postal_code"]
        lat, lon = places.jitter(rng, city, 0.3) if rng.random() < 0.3 else (acc.lat, acc.lon)
    else:
        props["street"] = f"{faker.street_name()} {rng.randint(1, 140)}"
        props["postal_code"] = rng.choice(city.postal_codes)
        lat, lon = places.jitter(rng, city)
    if rng.random() < 0.95:
        props["email"] = world.unique_email(_local_part(first, last, acc.email_scheme), acc.domain)
    if rng.random() < 0.6:
        props["mobile"] = places.mobile(rng, city.country)
    if rng.random() < 0.25:
        props["team"] = rng.choice(vocab.TEAMS)
    if rng.random() < 0.4:
        props["birthdate"] = dt.date(rng.randint(1958, 2001), rng.randint(1, 12), rng.randint(1, 28))
    if rng.random() < 0.3:
        props["interests"] = rng.sample(vocab.INTERESTS, rng.randint(1, 3))
    slug_first, slug_last = vocab.ascii_slug(first, "-"), vocab.ascii_slug(last, "-")
    if rng.random() < 0.5:
        props["social_linkedin"] = f"https://www.linkedin.com/in/{slug_first}-{slug_last}-{rng.getrandbits(24):06x}"
    if rng.random() < 0.15 and language == "de":
        props["social_xing"] = f"https://www.xing.com/profile/{slug_first.title()}_{slug_last.title()}"
    if state == LEFT:
        props["inactive_reason"], props["inactive_since"] = "left_company", until
    elif state == BOUNCED:
        props["inactive_reason"], props["inactive_since"] = "email_bounced", until
        props["email_bounced_at"] = dt.datetime(until.year, until.month, until.day, 7, rng.randint(0, 59),
                                                tzinfo=dt.UTC)
        props.setdefault("email", world.unique_email(_local_part(first, last, 0), acc.domain))
    props["sort_key"] = sort_key(Label.PERSON, props)
    return {"props": props, "created": world.epoch(world.days_ago(rng, 730, 2200), rng), "lat": lat, "lon": lon}


def _local_part(first: str, last: str, scheme: int) -> str:
    f, surname = vocab.ascii_slug(first), vocab.ascii_slug(last) or "kontakt"
    f = f or "x"
    return (f"{f}.{surname}", f"{f[0]}.{surname}", f"{f[0]}{surname}")[scheme]
