"""Relationships through the API: every model type, the model's rules, refusals that write nothing."""
import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.model import API_REL_TYPES, REL_SPECS, Label, RelType

# Properties a type needs to be valid.
REQUIRED_PROPS = {RelType.CONTACT_ROLE: {"role": "Decision Maker"}}
CASES = [(rel, a, b) for rel in API_REL_TYPES for a, b in REL_SPECS[rel].ends]


@pytest.fixture
def make(api, db):
    """Create a record of a label and return its id (users directly, they have no create endpoint)."""
    counter = iter(range(1000))

    def _make(label: Label, name: str | None = None) -> str:
        n = next(counter)
        name = name or f"{label.value} {n}"
        if label is Label.USER:
            return create_user(db, email=f"user{n}@example.ch", name=name, role="rep")["id"]
        collection = {Label.PERSON: "people", Label.ACCOUNT: "accounts", Label.OPPORTUNITY: "opportunities",
                      Label.CAMPAIGN: "campaigns"}[label]
        body = {"last_name": name} if label is Label.PERSON else {"name": name}
        resp = api.post(f"/{collection}", body)
        assert resp.status_code == 201, resp.json
        return resp.json["id"]

    return _make


def rels(db, rel_type: str | None = None) -> list[dict]:
    """Every relationship between records (not users' tokens or history)."""
    return db.run_raw("MATCH (a)-[r]->(b) WHERE NOT type(r) IN ['HAS_TOKEN', 'CHANGED'] "
                      "AND ($type IS NULL OR type(r) = $type) "
                      "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props "
                      "ORDER BY r.since", type=rel_type)


def history(db, record_id: str, field: str) -> list[tuple]:
    rows = db.run_raw("MATCH ({id: $id})-[:CHANGED]->(c:Change {field: $field}) RETURN c.old AS old, c.new AS new "
                      "ORDER BY c.at", id=record_id, field=field)
    return [(r["old"], r["new"]) for r in rows]


def post(api, rel_type, source, target, **props):
    return api.post("/relationships", {"type": rel_type, "from": source, "to": target, "properties": props})


@pytest.mark.parametrize("rel, from_label, to_label", CASES,
                         ids=[f"{r.value}-{a.value}-{b.value}" for r, a, b in CASES])
def test_every_type_of_the_model_links_its_labels(api, db, make, rel, from_label, to_label):
    source, target = make(from_label), make(to_label)
    resp = post(api, rel.value, source, target, **REQUIRED_PROPS.get(rel, {}))
    assert resp.status_code == 201, resp.json
    assert (resp.json["type"], resp.json["source"], resp.json["target"]) == (rel.value, source, target)
    assert [(r["type"], r["source"], r["target"]) for r in rels(db)] == [(rel.value, source, target)]
    deleted = api.delete("/relationships", {"type": rel.value, "from": source, "to": target})
    assert deleted.status_code == 200 and deleted.json == {"deleted": 1}
    assert rels(db) == []


def test_the_properties_are_checked_converted_and_returned(api, db, make):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    resp = post(api, "EMPLOYS", account, person, title=" CFO ", since="2020-04-01", primary=True, roles=["Finance"])
    assert resp.status_code == 201
    assert resp.json["properties"]["title"] == "CFO" and resp.json["properties"]["since"] == "2020-04-01"
    assert str(rels(db)[0]["props"]["since"]) == "2020-04-01"


def test_linking_the_same_pair_again_updates_the_one_relationship(api, db, make):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    post(api, "EMPLOYS", account, person, title="CFO")
    post(api, "EMPLOYS", account, person, title="CEO")
    assert [r["props"]["title"] for r in rels(db)] == ["CEO"]


@pytest.mark.parametrize("rel_type", [
    "FOO",                                      # not a type at all
    "EMPLOYS`]->() DETACH DELETE n //",         # an injection attempt
    "EMPLOYS`) DETACH DELETE",                  # another
    "employs",                                  # types are spelled exactly
    "CHANGED",                                  # a type of the model the API may not write
    "HAS_TOKEN",                                # nor this one
    None,                                       # missing
    42,                                         # not text
])
def test_a_type_not_in_the_model_answers_422_and_writes_nothing(api, db, make, rel_type):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    before = db.run_raw("MATCH (n) RETURN count(n) AS c")[0]["c"]
    resp = api.post("/relationships", {"type": rel_type, "from": account, "to": person})
    assert resp.status_code == 422 and "type" in resp.json["fields"]
    assert rels(db) == [] and db.run_raw("MATCH (n) RETURN count(n) AS c")[0]["c"] == before
    assert api.delete("/relationships", {"type": rel_type, "from": account, "to": person}).status_code == 422


@pytest.mark.parametrize("rel_type, from_label, to_label", [
    ("EMPLOYS", Label.PERSON, Label.ACCOUNT),            # backwards
    ("OWNS", Label.PERSON, Label.PERSON),                # only users own
    ("OWNS", Label.USER, Label.OPPORTUNITY),             # users own people and accounts only
    ("CONTACT_ROLE", Label.PERSON, Label.ACCOUNT),       # roles are on deals
    ("HAS_OPPORTUNITY", Label.ACCOUNT, Label.PERSON),
    ("REPORTS_TO", Label.PERSON, Label.USER),            # people report to people, users to users
    ("MEMBER_OF", Label.ACCOUNT, Label.CAMPAIGN),
])
def test_wrong_endpoint_labels_answer_422_and_write_nothing(api, db, make, rel_type, from_label, to_label):
    source, target = make(from_label), make(to_label)
    resp = post(api, rel_type, source, target, **({"role": "Evaluator"} if rel_type == "CONTACT_ROLE" else {}))
    assert resp.status_code == 422 and "type" in resp.json["fields"]
    assert rels(db) == []


@pytest.mark.parametrize("missing", [{"from"}, {"to"}, {"from", "to"}])
def test_unknown_ids_answer_404_naming_from_and_to(api, db, make, missing):
    ids = {"from": make(Label.ACCOUNT), "to": make(Label.PERSON)}
    ids.update({key: f"no-such-{key}" for key in missing})
    resp = api.post("/relationships", {"type": "EMPLOYS", **ids})
    assert resp.status_code == 404 and set(resp.json["fields"]) == missing
    assert all(ids[key] in resp.json["message"] for key in missing)
    assert api.delete("/relationships", {"type": "EMPLOYS", **ids}).status_code == 404
    assert rels(db) == []


@pytest.mark.parametrize("body, fields", [
    ({"type": "KNOWS"}, {"from", "to"}),                                   # no ends
    ({"type": "KNOWS", "from": 1, "to": ["x"]}, {"from", "to"}),            # ends that are not ids
    ({"type": "KNOWS", "from": "", "to": "a"}, {"from"}),                  # empty id
    ({"type": "FOO", "from": 1, "to": "a", "extra": 1}, {"type", "from", "extra"}),  # all at once
])
def test_a_malformed_body_answers_422_naming_each_field(api, body, fields):
    resp = api.post("/relationships", body)
    assert resp.status_code == 422 and set(resp.json["fields"]) == fields


@pytest.mark.parametrize("rel_type, label", [
    ("KNOWS", Label.PERSON), ("REPORTS_TO", Label.PERSON), ("REPORTS_TO", Label.USER), ("PARTNER_OF", Label.ACCOUNT)])
def test_a_record_cannot_be_linked_to_itself(api, db, make, rel_type, label):
    record = make(label)
    resp = post(api, rel_type, record, record)
    assert resp.status_code == 422 and "to" in resp.json["fields"]
    assert rels(db) == []


@pytest.mark.parametrize("props, field", [
    ({"since": "2026-02-30"}, "properties.since"),      # not a real date
    ({"primary": "yes"}, "properties.primary"),         # not a bool
    ({"salary": 1}, "properties.salary"),               # not a property of EMPLOYS
    ({"title": "x" * 201}, "properties.title"),         # over-long
])
def test_a_relationship_with_a_bad_property_answers_422_and_writes_nothing(api, db, make, props, field):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    resp = post(api, "EMPLOYS", account, person, **{"department": "Finance", **props})
    assert resp.status_code == 422 and field in resp.json["fields"]
    assert rels(db) == []


def test_properties_that_are_not_an_object_answer_422(api, db, make):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    resp = api.post("/relationships", {"type": "EMPLOYS", "from": account, "to": person, "properties": ["CFO"]})
    assert resp.status_code == 422 and "properties" in resp.json["fields"]
    assert rels(db) == []


def test_a_contact_role_outside_the_configured_list_answers_422(api, db, make):
    person, deal = make(Label.PERSON), make(Label.OPPORTUNITY)
    resp = post(api, "CONTACT_ROLE", person, deal, role="Golf Partner")
    assert resp.status_code == 422 and "properties.role" in resp.json["fields"]
    assert post(api, "CONTACT_ROLE", person, deal).status_code == 422  # the role is required
    assert rels(db) == []


def test_a_contact_role_the_org_brought_along_is_accepted(api, db, make):
    db.run_raw("CREATE (:Setting {key: 'contact_roles', values: ['Golf Partner']})")
    person, deal = make(Label.PERSON), make(Label.OPPORTUNITY)
    assert post(api, "CONTACT_ROLE", person, deal, role="Golf Partner").status_code == 201


def test_a_second_primary_contact_on_one_deal_answers_409(api, db, make):
    deal, first, second = make(Label.OPPORTUNITY), make(Label.PERSON), make(Label.PERSON)
    assert post(api, "CONTACT_ROLE", first, deal, role="Decision Maker", primary=True).status_code == 201
    resp = post(api, "CONTACT_ROLE", second, deal, role="Evaluator", primary=True)
    assert resp.status_code == 409 and "properties.primary" in resp.json["fields"]
    assert [r["source"] for r in rels(db)] == [first]
    # The primary contact may be linked again, and others may join without being primary.
    assert post(api, "CONTACT_ROLE", first, deal, role="Economic Buyer", primary=True).status_code == 201
    assert post(api, "CONTACT_ROLE", second, deal, role="Evaluator").status_code == 201


def test_a_new_primary_employer_demotes_the_old_one_and_is_kept_in_history(api, db, make):
    person = make(Label.PERSON)
    old, new = make(Label.ACCOUNT, "Alt AG"), make(Label.ACCOUNT, "Neu AG")
    post(api, "EMPLOYS", old, person, primary=True)
    post(api, "EMPLOYS", new, person, primary=True)
    primary = {r["source"]: r["props"]["primary"] for r in rels(db, "EMPLOYS")}
    assert primary == {old: False, new: True}
    assert history(db, person, "primary_account") == [(None, "Alt AG"), ("Alt AG", "Neu AG")]
    by = db.run_raw("MATCH (:Person {id: $id})-[:CHANGED]->(c:Change) RETURN collect(DISTINCT c.by) AS by", id=person)
    assert by[0]["by"] == [api.user["id"]]


def test_a_secondary_employer_leaves_the_primary_and_the_history_alone(api, db, make):
    person, main, side = make(Label.PERSON), make(Label.ACCOUNT, "Main AG"), make(Label.ACCOUNT, "Side AG")
    post(api, "EMPLOYS", main, person, primary=True)
    post(api, "EMPLOYS", side, person, primary=False)
    assert {r["source"]: r["props"]["primary"] for r in rels(db, "EMPLOYS")} == {main: True, side: False}
    assert history(db, person, "primary_account") == [(None, "Main AG")]


def test_unlinking_the_primary_employer_is_kept_in_history(api, db, make):
    person, account = make(Label.PERSON), make(Label.ACCOUNT, "Alt AG")
    post(api, "EMPLOYS", account, person, primary=True)
    api.delete("/relationships", {"type": "EMPLOYS", "from": account, "to": person})
    assert history(db, person, "primary_account") == [(None, "Alt AG"), ("Alt AG", None)]


@pytest.mark.parametrize("label", [Label.PERSON, Label.ACCOUNT])
def test_a_new_owner_replaces_the_old_one_and_is_kept_in_history(api, db, make, label):
    record = make(label)
    first, second = make(Label.USER, "Erika Muster"), make(Label.USER, "Hans Beispiel")
    assert post(api, "OWNS", first, record, address="sie").status_code == 201
    assert post(api, "OWNS", second, record, address="du").status_code == 201
    owners = rels(db, "OWNS")
    assert [(r["source"], r["props"]["address"]) for r in owners] == [(second, "du")]
    assert history(db, record, "owner") == [(None, "Erika Muster"), ("Erika Muster", "Hans Beispiel")]


def test_changing_only_the_address_form_keeps_the_owner_and_the_history(api, db, make):
    person, owner = make(Label.PERSON), make(Label.USER, "Erika Muster")
    post(api, "OWNS", owner, person, address="sie")
    post(api, "OWNS", owner, person, address="du")
    assert [r["props"]["address"] for r in rels(db, "OWNS")] == ["du"]
    assert history(db, person, "owner") == [(None, "Erika Muster")]


def test_former_employment_repeats_once_per_period(api, db, make):
    person, account = make(Label.PERSON), make(Label.ACCOUNT)
    post(api, "WORKED_AT", person, account, since="2010-01-01", until="2014-12-31", title="Trainee")
    post(api, "WORKED_AT", person, account, since="2018-01-01", until="2021-06-30", title="CFO")
    post(api, "WORKED_AT", person, account, since="2018-01-01", until="2021-06-30", title="CFO a.i.")
    periods = [(str(r["props"]["since"]), r["props"]["title"]) for r in rels(db, "WORKED_AT")]
    assert periods == [("2010-01-01", "Trainee"), ("2018-01-01", "CFO a.i.")]
    resp = api.delete("/relationships", {"type": "WORKED_AT", "from": person, "to": account})
    assert resp.json == {"deleted": 2}


def test_board_seats_without_dates_are_one_seat(api, db, make):
    person, account = make(Label.PERSON), make(Label.ACCOUNT)
    post(api, "BOARD_MEMBER", person, account, role="member")
    post(api, "BOARD_MEMBER", person, account, role="chair")
    assert [r["props"]["role"] for r in rels(db, "BOARD_MEMBER")] == ["chair"]


def test_deleting_a_relationship_that_does_not_exist_answers_404(api, make):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    resp = api.delete("/relationships", {"type": "EMPLOYS", "from": account, "to": person})
    assert resp.status_code == 404 and resp.json["error"] == "not_found"


def test_deleting_takes_no_properties(api, db, make):
    account, person = make(Label.ACCOUNT), make(Label.PERSON)
    post(api, "EMPLOYS", account, person)
    resp = api.delete("/relationships", {"type": "EMPLOYS", "from": account, "to": person,
                                         "properties": {"title": "CFO"}})
    assert resp.status_code == 422 and "properties" in resp.json["fields"]
    assert len(rels(db)) == 1


def test_concurrent_owners_leave_exactly_one(db, make):
    from concurrent.futures import ThreadPoolExecutor

    from graphcrm.records import relationships

    person = make(Label.PERSON)
    users = [make(Label.USER) for _ in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda u: relationships.link(db, {"type": "OWNS", "from": u, "to": person},
                                                   access=Access.system()), users))
    assert len(rels(db, "OWNS")) == 1
    assert len(history(db, person, "owner")) == 6  # each new owner replaced the one before


def test_concurrent_primary_contacts_leave_exactly_one(db, make):
    from concurrent.futures import ThreadPoolExecutor

    from graphcrm.errors import Conflict
    from graphcrm.records import relationships

    deal = make(Label.OPPORTUNITY)
    people = [make(Label.PERSON) for _ in range(6)]

    def try_primary(person):
        try:
            relationships.link(db, {"type": "CONTACT_ROLE", "from": person, "to": deal,
                                    "properties": {"role": "Decision Maker", "primary": True}}, access=Access.system())
            return True
        except Conflict:
            return False

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert sorted(pool.map(try_primary, people)) == [False] * 5 + [True]
    assert len(rels(db, "CONTACT_ROLE")) == 1
