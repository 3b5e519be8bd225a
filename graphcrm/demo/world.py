"""The demo world: sizes, a deterministic plan of users and accounts, and what later phases remember."""
from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from faker import Faker

from graphcrm.demo import places, vocab
from graphcrm.demo.places import City
from graphcrm.model import Label
from graphcrm.model.nodes import sort_key

# Person states the later phases need to know (kept as small ints: large has 100,000 people).
ACTIVE, LEFT, BOUNCED, PLACEHOLDER = range(4)
# Faker locale per (country, language) of a city.
REGIONS = {("CH", "de"): "de_CH", ("CH", "fr"): "fr_CH", ("CH", "it"): "it_IT", ("DE", "de"): "de_DE",
           ("AT", "de"): "de_AT"}
USER_CITIES = ("Zürich", "Basel", "Bern", "Zug", "Lausanne")


@dataclass(frozen=True)
class Size:
    """How much of everything one demo size has."""

    accounts: int
    people: int
    activities: int
    opportunities: int
    campaigns: int
    targets: int
    users: tuple[int, int, int, int]  # admins, managers, reps, viewers


SIZES = {
    "small": Size(50, 500, 5_000, 75, 6, 6, (1, 2, 8, 1)),
    "medium": Size(500, 5_000, 50_000, 750, 12, 15, (1, 4, 30, 3)),
    "large": Size(10_000, 100_000, 1_000_000, 15_000, 30, 40, (2, 12, 150, 10)),
}


@dataclass
class Account:
    """One planned account; `first`..`end` are the indexes of its people once they exist."""

    id: str
    name: str
    domain: str
    city: City
    type: str
    owner: int
    props: dict
    lat: float
    lon: float
    staff: int = 0
    placeholder: bool = False
    email_scheme: int = 0
    first: int = 0
    end: int = 0


@dataclass
class People:
    """What later phases need of every person, as parallel lists indexed by person number."""

    id: list[str] = field(default_factory=list)
    account: list[int] = field(default_factory=list)
    state: list[int] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    title: list[str | None] = field(default_factory=list)
    department: list[str | None] = field(default_factory=list)
    boss: list[int] = field(default_factory=list)
    senior: list[int] = field(default_factory=list)  # 0 CEO, 1 head of a department, 2 staff, 3 none
    until: list[int] = field(default_factory=list)  # date ordinal of leaving or bouncing, else 0
    female: list[bool] = field(default_factory=list)  # for job titles in later phases


class World:
    """Everything generated for one (size, seed, today); the same inputs give the same world."""

    def __init__(self, size: str, seed: int, today: dt.date):
        self.size = SIZES[size]
        self.seed = seed
        self.today = today
        self.fakers: dict[str, Faker] = {}
        for locale in sorted(set(REGIONS.values())):
            faker = Faker(locale)
            faker.seed_instance(seed)
            self.fakers[locale] = faker
        self._id_rngs: dict[str, random.Random] = {}
        self.users: list[dict] = []
        self.user_roles: list[str] = []
        self.accounts: list[Account] = []
        self.people = People()
        self.opportunities: list[tuple[str, int, str]] = []  # id, account index, stage
        self.campaigns: list[tuple[str, str]] = []  # id, status
        self.targets: list[tuple[str, Label, str]] = []  # id, owner label, owner id
        self.person_opportunities: dict[int, list[int]] = {}  # person -> opportunities they have a role on
        self.emails: set[str] = set()
        self._plan_users()
        self._plan_accounts()
        self._plan_staffing()

    # -- helpers --------------------------------------------------------------------------
    def rng(self, phase: str) -> random.Random:
        """Return a fresh random stream for one phase, so phases do not shift each other."""
        return random.Random(f"{self.seed}:{phase}")

    def new_id(self, kind: str) -> str:
        """Return the next id of a kind, drawn from the seeded stream of that kind."""
        rng = self._id_rngs.get(kind)
        if rng is None:
            rng = self._id_rngs[kind] = random.Random(f"{self.seed}:id:{kind}")
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def days_ago(self, rng: random.Random, lo: int, hi: int) -> dt.date:
        """Return a date between `hi` and `lo` days before today."""
        return self.today - dt.timedelta(days=rng.randint(lo, hi))

    @staticmethod
    def epoch(day: dt.date, rng: random.Random) -> int:
        """Return epoch seconds of a working-hours moment (UTC) on `day`."""
        start = dt.datetime(day.year, day.month, day.day, 6, tzinfo=dt.UTC)
        return int(start.timestamp()) + rng.randint(0, 11 * 3600)

    def unique_email(self, local: str, domain: str) -> str:
        """Return local@domain, numbered when taken."""
        email, n = f"{local}@{domain}", 1
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self.emails.add(email)
        return email

    @staticmethod
    def region(city: City) -> str:
        """Return the Faker locale of a city."""
        return REGIONS[(city.country, city.lang)]

    def sellers(self) -> list[int]:
        """Return the indexes of users who own records: reps and managers."""
        return [i for i, role in enumerate(self.user_roles) if role in ("rep", "manager")]

    # -- plans ----------------------------------------------------------------------------
    def _plan_users(self) -> None:
        rng, faker = self.rng("users"), self.fakers["de_CH"]
        admins, managers, reps, viewers = self.size.users
        roles = ["admin"] * admins + ["manager"] * managers + ["rep"] * reps + ["viewer"] * viewers
        for i, role in enumerate(roles):
            female = rng.random() < 0.45
            first = faker.first_name_female() if female else faker.first_name_male()
            last = faker.last_name()
            title = vocab.gendered("Leiter Verkauf" if role == "manager" and i == admins
                                   else vocab.USER_TITLES[role], female)
            start = self.days_ago(rng, 60, 365 * 12)
            props = {
                "id": self.new_id("user"), "name": f"{first} {last}", "role": role, "title": title,
                "email": self.unique_email(f"{vocab.ascii_slug(first)}.{vocab.ascii_slug(last)}",
                                           vocab.DEMO_DOMAIN),
                "phone": places.mobile(rng, "CH"), "start_date": start, "city": rng.choice(USER_CITIES),
                "birthdate": dt.date(rng.randint(1962, 1999), rng.randint(1, 12), rng.randint(1, 28)),
                "active": True, "version": 1,
            }
            props["sort_key"] = sort_key(Label.USER, props)
            self.users.append({"props": props, "created": self.epoch(min(start, self.today), rng)})
            self.user_roles.append(role)

    def _plan_accounts(self) -> None:
        rng = self.rng("accounts")
        sellers = self.sellers()
        reps = [i for i in sellers if self.user_roles[i] == "rep"] or sellers
        types, type_weights = zip(*vocab.ACCOUNT_TYPES)
        names: set[str] = set()
        domains: set[str] = set()
        for _ in range(self.size.accounts):
            city = places.pick_city(rng)
            locale = self.region(city)
            industry = rng.choice(vocab.INDUSTRIES)
            name = self._company_name(rng, locale, industry, city, names)
            domain = self._domain(name, city.country, domains)
            lat, lon = places.jitter(rng, city)
            phone = places.landline(rng, city)
            props = {
                "name": name, "type": rng.choices(types, type_weights)[0], "industry": industry,
                "website": f"https://www.{domain}", "phone": phone, "email": f"info@{domain}",
                "employees": max(3, min(250_000, int(rng.lognormvariate(4.2, 1.6)))),
                "street": f"{self.fakers[locale].street_name()} {rng.randint(1, 140)}",
                "postal_code": rng.choice(city.postal_codes), "city": city.name, "country": city.country,
                "version": 1,
            }
            props["id"] = self.new_id("account")
            props["sort_key"] = sort_key(Label.ACCOUNT, props)
            owner = rng.choice(reps) if rng.random() < 0.9 else rng.choice(sellers)
            self.accounts.append(Account(props["id"], name, domain, city, props["type"], owner, props, lat, lon,
                                         email_scheme=rng.randrange(3)))

    def _company_name(self, rng: random.Random, locale: str, industry: str, city: City, taken: set) -> str:
        faker = self.fakers[locale]
        for attempt in range(20):
            form = rng.choice(vocab.LEGAL_FORMS[locale])
            pattern = rng.random()
            if pattern < 0.3:
                name = f"{faker.last_name()} {form}"
            elif pattern < 0.55:
                name = f"{faker.last_name()} {faker.last_name()} {form}"
            elif pattern < 0.8:
                name = f"{faker.last_name()} {vocab.INDUSTRY_WORDS[industry]} {form}"
            elif pattern < 0.9:
                name = f"{faker.last_name()} & {faker.last_name()} {form}"
            else:
                name = f"{vocab.INDUSTRY_WORDS[industry]} {city.name} {form}"
            if attempt > 10:
                name = f"{name} ({city.name})"
            if name not in taken:
                taken.add(name)
                return name
        name = f"{name} {len(taken)}"
        taken.add(name)
        return name

    @staticmethod
    def _domain(name: str, country: str, taken: set) -> str:
        words = [w for w in vocab.ascii_slug(name, " ").split() if w not in vocab.LEGAL_TOKENS]
        base = "-".join(words[:3]) or "firma"
        domain, n = f"{base}.{places.TLDS[country]}", 1
        while domain in taken:
            n += 1
            domain = f"{base}{n}.{places.TLDS[country]}"
        taken.add(domain)
        return domain

    def _plan_staffing(self) -> None:
        """Decide how many people each account has; some have none known and get an Info Kontakt."""
        rng = self.rng("staffing")
        count = len(self.accounts)
        unknown = set(rng.sample(range(count), k=round(count * 0.08)))
        for a in sorted(unknown):
            if rng.random() < 0.85:
                self.accounts[a].placeholder = True
                self.accounts[a].staff = 1
        known = [a for a in range(count) if a not in unknown]
        placeholders = sum(acc.placeholder for acc in self.accounts)
        remaining = self.size.people - placeholders - len(known)
        weights = [min(rng.paretovariate(1.4), 40.0) for _ in known]
        for a in known:
            self.accounts[a].staff = 1
        for k in rng.choices(range(len(known)), weights, k=max(0, remaining)):
            self.accounts[known[k]].staff += 1
