"""The demo dataset: the CLI loads it, the same seed gives the same graph, and it keeps the model's rules.

Most tests read one small demo loaded once for this module (`demo`); the tests that load or wipe
themselves use the `db` fixture and come last, after the shared demo is no longer read.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphcrm.access.users import authenticate
from graphcrm.cli import main
from graphcrm.demo import DEMO_ADMIN_EMAIL, ensure_demo_admin, is_empty, load_demo
from graphcrm.demo.links import LINK_PROPERTIES, link_rows
from graphcrm.demo.world import World
from graphcrm.errors import Conflict
from graphcrm.model import ACTIVITY_KINDS, DEFAULT_CONTACT_ROLES, NODE_FIELDS, Label
from graphcrm.model.validation import convert
from graphcrm.records.crud import sort_key
from graphcrm.store.db import Database

TODAY = dt.date(2026, 5, 1)
CYPHER = Path(__file__).resolve().parents[3] / "graphcrm" / "store" / "cypher"


@pytest.fixture(scope="module")
def demo(neo4j_uri, _schema):
    """A database holding the small demo (seed 7), loaded once for the read-only tests."""
    handle = Database(neo4j_uri, None)
    handle.run_raw("MATCH (n) DETACH DELETE n")
    counts = load_demo(handle, "small", seed=7, today=TODAY)
    yield handle, counts
    handle.close()


def count(db, query: str, **params) -> int:
    return db.run_raw(query, **params)[0]["n"]


def test_the_demo_has_the_sizes_of_small(demo):
    db, counts = demo
    assert counts["accounts"] == 50 and counts["people"] == 500 and counts["activities"] == 5000
    assert count(db, "MATCH (n:Account) RETURN count(n) AS n") == 50
    assert count(db, "MATCH (n:Person) RETURN count(n) AS n") == 500
    assert count(db, "MATCH (n:Activity) RETURN count(n) AS n") == 5000


def test_every_active_person_who_is_no_placeholder_has_exactly_one_primary_employer(demo):
    db, _ = demo
    bad = count(db, "MATCH (p:Person {status: 'active', placeholder: false}) "
                    "WHERE COUNT { (p)<-[:EMPLOYS {primary: true}]-(:Account) } <> 1 RETURN count(p) AS n")
    assert bad == 0
    assert count(db, "MATCH (p:Person) WHERE COUNT { (p)<-[:EMPLOYS {primary: true}]-() } > 1 "
                     "RETURN count(p) AS n") == 0
    assert count(db, "MATCH ()-[e:EMPLOYS {primary: false}]->() RETURN count(e) AS n") > 0


def test_every_person_and_account_has_exactly_one_owner_who_says_du_or_sie(demo):
    db, _ = demo
    assert count(db, "MATCH (n) WHERE (n:Person OR n:Account) AND COUNT { (n)<-[:OWNS]-(:User) } <> 1 "
                     "RETURN count(n) AS n") == 0
    forms = db.run_raw("MATCH ()-[o:OWNS]->() RETURN o.address AS address, count(*) AS n")
    assert {row["address"] for row in forms} == {"du", "sie"}


def test_no_opportunity_has_two_primary_contacts_and_committees_are_full_and_partial(demo):
    db, _ = demo
    assert count(db, "MATCH (o:Opportunity) WHERE COUNT { (o)<-[:CONTACT_ROLE {primary: true}]-() } > 1 "
                     "RETURN count(o) AS n") == 0
    sizes = [r["n"] for r in db.run_raw("MATCH (o:Opportunity) RETURN COUNT { (o)<-[:CONTACT_ROLE]-() } AS n")]
    assert max(sizes) >= 5 and any(1 <= s <= 3 for s in sizes) and 0 in sizes
    roles = {r["role"] for r in db.run_raw("MATCH ()-[c:CONTACT_ROLE]->() RETURN DISTINCT c.role AS role")}
    assert roles <= set(DEFAULT_CONTACT_ROLES) and "Decision Maker" in roles
    assert count(db, "MATCH (o:Opportunity) WHERE NOT (o)<-[:HAS_OPPORTUNITY]-(:Account) "
                     "RETURN count(o) AS n") == 0


def test_some_people_sit_on_several_boards(demo):
    db, _ = demo
    interlocked = count(db, "MATCH (p:Person)-[:BOARD_MEMBER]->(a:Account) WITH p, count(DISTINCT a) AS boards "
                            "WHERE boards >= 2 RETURN count(p) AS n")
    assert interlocked >= 2
    roles = {r["role"] for r in db.run_raw("MATCH ()-[b:BOARD_MEMBER]->() RETURN DISTINCT b.role AS role")}
    assert {"member", "chair"} <= roles
    assert count(db, "MATCH ()-[b:BOARD_MEMBER]->() WHERE b.until IS NOT NULL AND b.until > b.since "
                     "RETURN count(b) AS n") > 0


def test_placeholders_are_info_kontakte_at_accounts_without_known_people(demo):
    db, _ = demo
    rows = db.run_raw("MATCH (p:Person {placeholder: true})<-[:EMPLOYS]-(a:Account) "
                      "RETURN p {.*} AS p, a.website AS web, COUNT { (a)-[:EMPLOYS]->() } AS people")
    assert rows
    for row in rows:
        person = row["p"]
        assert person["last_name"] == "Info Kontakt" and person["status"] == "active"
        assert person["email"] == "info@" + row["web"].removeprefix("https://www.")
        assert row["people"] == 1
    assert count(db, "MATCH (p:Person) WHERE p.placeholder IS NULL RETURN count(p) AS n") == 0


def test_inactive_contacts_left_or_bounced_and_former_employers_have_dates(demo):
    db, _ = demo
    reasons = {r["reason"]: r["n"] for r in db.run_raw(
        "MATCH (p:Person {status: 'inactive'}) RETURN p.inactive_reason AS reason, count(*) AS n")}
    assert set(reasons) == {"left_company", "email_bounced"}
    assert count(db, "MATCH (p:Person {status: 'inactive'}) WHERE p.inactive_since IS NULL RETURN count(p) AS n") == 0
    assert count(db, "MATCH (p:Person {inactive_reason: 'email_bounced'}) WHERE p.email_bounced_at IS NULL "
                     "RETURN count(p) AS n") == 0
    assert count(db, "MATCH (p:Person {inactive_reason: 'left_company'}) WHERE NOT (p)-[:WORKED_AT]->() "
                     "RETURN count(p) AS n") == 0
    assert count(db, "MATCH ()-[w:WORKED_AT]->() WHERE NOT w.since < w.until RETURN count(w) AS n") == 0
    assert count(db, "MATCH (p:Person {status: 'active'})-[:WORKED_AT]->() RETURN count(DISTINCT p) AS n") > 50


def test_the_rest_of_the_model_is_there(demo):
    db, _ = demo
    types = {r["t"]: r["n"] for r in db.run_raw("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")}
    for rel in ("PARTNER_OF", "KNOWS", "REPORTS_TO", "MEMBER_OF", "HAS_TARGET", "LOGGED", "WITH", "ABOUT",
                "WORKED_AT", "HAS_OPPORTUNITY"):
        assert types.get(rel, 0) > 0, rel
    assert count(db, "MATCH (:User)-[:REPORTS_TO]->(:User) RETURN count(*) AS n") > 0
    assert count(db, "MATCH (a:Person)-[:REPORTS_TO]->(b:Person) MATCH (a)<-[:EMPLOYS]-(x)-[:EMPLOYS]->(b) "
                     "RETURN count(*) AS n") > 0
    roles = {r["role"] for r in db.run_raw("MATCH (u:User) RETURN DISTINCT u.role AS role")}
    assert roles == {"admin", "manager", "rep", "viewer"}
    assert count(db, "MATCH ()-[m:MEMBER_OF]->() WHERE m.responded <> (m.status = 'responded') "
                     "RETURN count(m) AS n") == 0
    targets = db.run_raw("MATCH (t:Target)<-[:HAS_TARGET]-(o) RETURN t {.*} AS t, labels(o)[0] AS owner")
    assert {r["owner"] for r in targets} == {"User", "Account", "Person"}
    assert all(r["t"]["period"] in ("month", "quarter", "year") and r["t"]["min_touchpoints"] >= 1 for r in targets)


def test_activities_are_linked_and_spread_over_the_last_two_years(demo):
    db, _ = demo
    assert count(db, "MATCH (a:Activity) WHERE NOT ((:User)-[:LOGGED]->(a) AND (a)-[:WITH]->(:Person) "
                     "AND (a)-[:ABOUT]->(:Account)) RETURN count(a) AS n") == 0
    assert count(db, "MATCH (a:Activity)-[:ABOUT]->(:Opportunity) RETURN count(a) AS n") > 0
    span = db.run_raw("MATCH (a:Activity) RETURN min(a.at) AS first, max(a.at) AS last, "
                      "collect(DISTINCT a.kind) AS kinds")[0]
    start = dt.datetime.combine(TODAY - dt.timedelta(days=733), dt.time(), dt.UTC)
    end = dt.datetime.combine(TODAY, dt.time(), dt.UTC)
    assert start <= span["first"].to_native() < start + dt.timedelta(days=30)
    assert end - dt.timedelta(days=30) < span["last"].to_native() <= end
    assert set(span["kinds"]) == set(ACTIVITY_KINDS)
    # The people's last-touch fields agree with their activities, as graphcrm.activities keeps them.
    assert count(db, "MATCH (p:Person) WHERE p.last_call_at <> "
                     "COLLECT { MATCH (p)<-[:WITH]-(a:Activity {kind: 'call'}) RETURN max(a.at) }[0] "
                     "RETURN count(p) AS n") == 0
    assert count(db, "MATCH (p:Person) WHERE p.last_touch_at IS NOT NULL RETURN count(p) AS n") > 300


def test_every_node_carries_id_times_version_and_the_records_sort_key(demo):
    db, _ = demo
    rows = db.run_raw("MATCH (n) RETURN labels(n)[0] AS label, n {.*} AS props")
    for row in rows:
        props = row["props"]
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", props["id"])
        assert props["version"] == 1 and props["created_at"] is not None and props["updated_at"] is not None
        assert props["sort_key"] == sort_key(Label(row["label"]), props), props
    assert len({row["props"]["id"] for row in rows}) == len(rows)


def test_fields_pass_the_model_validation(demo):
    db, _ = demo
    for label in (Label.PERSON, Label.ACCOUNT, Label.USER, Label.OPPORTUNITY, Label.CAMPAIGN):
        spec = NODE_FIELDS[label]
        for row in db.run_raw(f"MATCH (n:{label.value}) RETURN n {{.*}} AS n"):
            for key, value in row["n"].items():
                if key not in spec or spec[key].type in ("date", "datetime"):
                    continue
                assert convert(spec[key], value) == value, (label, key, value)
    places = db.run_raw("MATCH (n) WHERE n:Person OR n:Account RETURN n.location AS at, n.country AS country, "
                        "n.postal_code AS zip, n.city AS city, n.street AS street, n.language AS lang")
    for place in places:
        assert 45.8 < place["at"].latitude < 54.0 and 5.9 < place["at"].longitude < 17.2
        assert place["country"] in ("CH", "DE", "AT") and place["zip"] and place["city"] and place["street"]
    langs = [p["lang"] for p in places if p["lang"]]
    assert langs.count("de") > len(langs) / 2 and set(langs) <= {"de", "fr", "it", "en"}


def test_ensure_demo_admin_creates_a_signable_admin_once_and_heads_the_line(demo):
    db, _ = demo
    password = ensure_demo_admin(db)
    assert password and password.isprintable() and len(password) >= 12
    admin = authenticate(db, DEMO_ADMIN_EMAIL, password)
    assert admin["role"] == "admin"
    assert count(db, "MATCH (:User {role: 'manager'})-[:REPORTS_TO]->(:User {email: $e}) RETURN count(*) AS n",
                 e=DEMO_ADMIN_EMAIL) == 1
    assert ensure_demo_admin(db) is None


def test_every_relationship_property_the_generator_makes_is_stored_by_the_link_statement():
    statement = (CYPHER / "demo" / "link.cypher").read_text()
    assert all(f"row.{name}" in statement for name in LINK_PROPERTIES)
    made = {key for _, row in link_rows(World("small", 7, TODAY)) for key in row} - {"a", "b"}
    assert made <= LINK_PROPERTIES


def test_another_seed_gives_other_ids_and_names():
    first, other = World("small", 7, TODAY), World("small", 8, TODAY)
    assert {a.id for a in first.accounts}.isdisjoint(a.id for a in other.accounts)
    assert [a.name for a in first.accounts] != [a.name for a in other.accounts]


# -- tests that load themselves (function-scoped `db`, wiped first) --------------------------

def test_the_cli_loads_the_small_demo_and_prints_the_counts_in_the_graph(db, neo4j_uri):
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--size", "small", "--seed", "3"], env={"NEO4J_URI": neo4j_uri})
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if ln.startswith("Loaded: "))
    printed = {name: int(n) for n, name in re.findall(r"(\d+) (\w+)", line)}
    labels = {"users": "User", "accounts": "Account", "people": "Person", "opportunities": "Opportunity",
              "campaigns": "Campaign", "targets": "Target", "activities": "Activity"}
    for name, label in labels.items():
        assert printed[name] == count(db, f"MATCH (n:{label}) RETURN count(n) AS n"), name
    assert printed["people"] == 500 and printed["accounts"] == 50
    assert printed["relationships"] == count(db, "MATCH ()-[r]->() RETURN count(r) AS n")

    again = runner.invoke(main, ["demo", "--size", "small"], env={"NEO4J_URI": neo4j_uri})
    assert again.exit_code == 1 and "already holds CRM records" in again.output
    assert count(db, "MATCH (n:Person) RETURN count(n) AS n") == 500


def test_the_same_seed_gives_the_same_graph_ids_included(db):
    def snapshot() -> dict:
        return {
            "people": db.run_raw("MATCH (p:Person) RETURN p.id AS id, p.first_name AS first, p.last_name AS last, "
                                 "p.email AS email, p.location AS at ORDER BY id"),
            "accounts": db.run_raw("MATCH (a:Account) RETURN a.id AS id, a.name AS name ORDER BY id"),
            "jobs": db.run_raw("MATCH (a)-[e:EMPLOYS]->(p) RETURN a.id AS a, p.id AS p, e.since AS since, "
                               "e.primary AS primary ORDER BY a, p"),
            "activities": db.run_raw("MATCH (u)-[:LOGGED]->(x:Activity)-[:WITH]->(p) "
                                     "RETURN x.id AS id, x.at AS at, u.id AS u, p.id AS p ORDER BY id"),
        }

    load_demo(db, "small", seed=11, today=TODAY)
    first = snapshot()
    with pytest.raises(Conflict):
        load_demo(db, "small", seed=11, today=TODAY)
    db.run_raw("MATCH (n) DETACH DELETE n")
    assert is_empty(db)
    load_demo(db, "small", seed=11, today=TODAY)
    assert snapshot() == first
    assert len(first["people"]) == 500 and len(first["activities"]) == 5000


def test_replace_loads_over_existing_records(db):
    db.run_raw("CREATE (:Person {id: 'x', last_name: 'Alt'})")
    assert not is_empty(db)
    counts = load_demo(db, "small", seed=5, replace=True, today=TODAY)
    assert counts["people"] == count(db, "MATCH (n:Person) RETURN count(n) AS n") == 500
