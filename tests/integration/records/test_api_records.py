"""Records through the API: create, read, PATCH with optimistic locking, DELETE, all-or-nothing writes."""
import pytest

from graphcrm.access.policy import Access

# A minimal valid body per collection, and a field a PATCH may change.
BODIES = {
    "people": ({"first_name": "Anna", "last_name": "Keller"}, {"title": "CFO"}),
    "accounts": ({"name": "Helvetia Maschinen AG", "type": "customer"}, {"industry": "Machinery"}),
    "opportunities": ({"name": "Fräsen 2026", "stage": "Prospecting", "amount": 120000}, {"probability": 40}),
    "campaigns": ({"name": "Swissmem Messe", "status": "planned"}, {"type": "Event"}),
}
COLLECTIONS = list(BODIES)


def count(db, label: str) -> int:
    return db.run_raw(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_creating_a_record_answers_201_with_the_record(api, collection):
    body, _ = BODIES[collection]
    resp = api.post(f"/{collection}", body)
    assert resp.status_code == 201, resp.json
    record = resp.json
    assert record["version"] == 1 and record["id"] and record["created_at"]
    assert {k: record[k] for k in body} == body
    assert "sort_key" not in record


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_reading_a_record_returns_what_was_created(api, collection):
    created = api.post(f"/{collection}", BODIES[collection][0]).json
    resp = api.get(f"/{collection}/{created['id']}")
    assert resp.status_code == 200
    assert resp.json == created


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_reading_an_unknown_id_answers_404_in_the_error_format(api, collection):
    resp = api.get(f"/{collection}/no-such-id")
    assert resp.status_code == 404
    assert resp.json["error"] == "not_found" and "no-such-id" in resp.json["message"]


def test_a_person_id_is_not_found_among_accounts(api):
    person = api.post("/people", {"last_name": "Keller"}).json
    assert api.get(f"/accounts/{person['id']}").status_code == 404


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_patch_changes_only_the_fields_sent_and_raises_the_version(api, collection):
    body, change = BODIES[collection]
    created = api.post(f"/{collection}", body).json
    resp = api.patch(f"/{collection}/{created['id']}", change)
    assert resp.status_code == 200, resp.json
    assert resp.json["version"] == 2
    assert {k: resp.json[k] for k in body} == body
    assert {k: resp.json[k] for k in change} == change
    assert api.get(f"/{collection}/{created['id']}").json == resp.json


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_patch_with_the_current_version_succeeds_and_a_stale_one_answers_409(api, collection):
    body, change = BODIES[collection]
    record_id = api.post(f"/{collection}", body).json["id"]
    first = api.patch(f"/{collection}/{record_id}", {**change, "version": 1})
    assert first.status_code == 200 and first.json["version"] == 2
    stale = api.patch(f"/{collection}/{record_id}", {"description": "late edit", "version": 1})
    assert stale.status_code == 409
    assert stale.json["error"] == "conflict" and "version" in stale.json["fields"]
    assert "description" not in api.get(f"/{collection}/{record_id}").json


@pytest.mark.parametrize("version", [
    "2",    # a string, even of the right number
    2.0,    # a float
    True,   # a bool is not a number here
    [2],    # a list
])
def test_a_version_of_the_wrong_type_answers_422(api, version):
    record_id = api.post("/people", {"last_name": "Keller"}).json["id"]
    resp = api.patch(f"/people/{record_id}", {"title": "CEO", "version": version})
    assert resp.status_code == 422
    assert resp.json["fields"] == {"version": "must be a whole number"}
    assert "title" not in api.get(f"/people/{record_id}").json


def test_a_patch_reports_a_bad_version_and_bad_fields_together(api):
    record_id = api.post("/people", {"last_name": "Keller"}).json["id"]
    resp = api.patch(f"/people/{record_id}", {"email": "nope", "version": "x"})
    assert resp.status_code == 422
    assert set(resp.json["fields"]) == {"email", "version"}


def test_a_patch_with_one_bad_field_changes_no_field(api):
    person = api.post("/people", {"last_name": "Keller", "title": "CFO"}).json
    resp = api.patch(f"/people/{person['id']}", {"title": "CEO", "first_name": "Anna", "email": "not-an-email"})
    assert resp.status_code == 422 and set(resp.json["fields"]) == {"email"}
    assert api.get(f"/people/{person['id']}").json == person


def test_a_patch_to_null_clears_a_field_but_not_a_required_one(api):
    person = api.post("/people", {"last_name": "Keller", "title": "CFO"}).json
    cleared = api.patch(f"/people/{person['id']}", {"title": None})
    assert cleared.status_code == 200 and "title" not in cleared.json
    refused = api.patch(f"/people/{person['id']}", {"last_name": None})
    assert refused.status_code == 422 and refused.json["fields"] == {"last_name": "is required"}


def test_a_patch_of_an_unknown_id_answers_404(api):
    assert api.patch("/people/nobody", {"title": "CEO"}).status_code == 404


def test_a_patch_of_tracked_fields_keeps_their_history_in_order(api, db):
    person_id = api.post("/people", {"last_name": "Keller", "title": "CFO"}).json["id"]
    for title in ("CEO", "Chair", "Retired"):
        assert api.patch(f"/people/{person_id}", {"title": title}).status_code == 200
    rows = db.run_raw("MATCH (:Person {id: $id})-[:CHANGED]->(c:Change) RETURN c.old AS old, c.new AS new, "
                      "c.by AS by ORDER BY c.at DESC, c.id DESC", id=person_id)
    assert [(r["old"], r["new"]) for r in rows] == [("Chair", "Retired"), ("CEO", "Chair"), ("CFO", "CEO")]
    assert {r["by"] for r in rows} == {api.user["id"]}


def test_a_patch_of_the_name_moves_the_record_in_the_list(api):
    anna = api.post("/people", {"last_name": "Ammann"}).json
    api.post("/people", {"last_name": "Meier"})
    api.patch(f"/people/{anna['id']}", {"last_name": "Zurbriggen"})
    assert [p["last_name"] for p in api.get("/people").json["items"]] == ["Meier", "Zurbriggen"]


def test_deleting_a_person_removes_their_relationships_and_answers_204(api, db):
    person = api.post("/people", {"last_name": "Keller"}).json
    account = api.post("/accounts", {"name": "ACME"}).json
    assert api.post("/relationships", {"type": "EMPLOYS", "from": account["id"], "to": person["id"]}).status_code == 201
    api.patch(f"/people/{person['id']}", {"title": "CEO"})  # leaves a Change node
    resp = api.delete(f"/people/{person['id']}")
    assert resp.status_code == 204 and resp.data == b""
    assert api.get(f"/people/{person['id']}").status_code == 404
    assert db.run_raw("MATCH ()-[r:EMPLOYS]->() RETURN count(r) AS c")[0]["c"] == 0
    assert count(db, "Change") == 0
    assert api.get(f"/accounts/{account['id']}").status_code == 200


@pytest.mark.parametrize("rel_type", ["EMPLOYS", "WORKED_AT", "BOARD_MEMBER"])
def test_deleting_an_account_that_still_has_people_answers_409(api, db, rel_type):
    person = api.post("/people", {"last_name": "Keller"}).json
    account = api.post("/accounts", {"name": "ACME"}).json
    ends = (account, person) if rel_type == "EMPLOYS" else (person, account)
    api.post("/relationships", {"type": rel_type, "from": ends[0]["id"], "to": ends[1]["id"]})
    resp = api.delete(f"/accounts/{account['id']}")
    assert resp.status_code == 409 and resp.json["error"] == "conflict"
    assert count(db, "Account") == 1


def test_deleting_an_account_without_people_answers_204(api, db):
    account = api.post("/accounts", {"name": "ACME"}).json
    assert api.delete(f"/accounts/{account['id']}").status_code == 204
    assert count(db, "Account") == 0


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_deleting_an_unknown_id_answers_404(api, collection):
    resp = api.delete(f"/{collection}/no-such-id")
    assert resp.status_code == 404 and resp.json["error"] == "not_found"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_create_that_fails_validation_writes_nothing(api, db, collection):
    body, _ = BODIES[collection]
    resp = api.post(f"/{collection}", {**body, "no_such_field": 1})
    assert resp.status_code == 422
    assert db.run_raw("MATCH (n) WHERE NOT n:User AND NOT n:ApiToken RETURN count(n) AS c")[0]["c"] == 0


def test_changes_written_in_one_transaction_get_distinct_rising_times(db):
    # datetime() is the statement clock (milliseconds): changes written together would tie, and
    # history newest-first would come out in random order.
    from graphcrm.model import Label
    from graphcrm.records import crud as records

    person = records.create(db, Label.PERSON, {"last_name": "Keller"}, access=Access.system())
    changes = [{"id": f"c{i}", "field": "title", "old": str(i), "new": str(i + 1)} for i in range(5)]
    db.write_tx(lambda tx: tx.run("records/record_changes", {"label": Label.PERSON}, id=person["id"],
                                  changes=changes, by=None))
    rows = db.run_raw("MATCH (:Person {id: $id})-[:CHANGED]->(c:Change) RETURN c.id AS id ORDER BY c.at",
                      id=person["id"])
    assert [r["id"] for r in rows] == ["c0", "c1", "c2", "c3", "c4"]
    assert len({r["at"] for r in db.run_raw("MATCH (c:Change) RETURN c.at AS at")}) == 5
