"""Lists through the API: every filter of the contract, cursor paging, bad paging parameters."""
import base64

import pytest


def ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.json
    return [item["id"] for item in resp.json["items"]]


def link(api, rel_type, source, target, **props):
    resp = api.post("/relationships", {"type": rel_type, "from": source, "to": target, "properties": props})
    assert resp.status_code == 201, resp.json


@pytest.fixture
def acme(api):
    """An account with a current employee, a board member and a former employee, and a stranger elsewhere."""
    account = api.post("/accounts", {"name": "ACME AG"}).json["id"]
    other = api.post("/accounts", {"name": "Other GmbH"}).json["id"]
    people = {name: api.post("/people", {"first_name": first, "last_name": name}).json["id"]
              for first, name in (("Anna", "Keller"), ("Beat", "Brunner"), ("Carla", "Frei"), ("Dora", "Gerber"))}
    link(api, "EMPLOYS", account, people["Keller"], primary=True)
    link(api, "BOARD_MEMBER", people["Brunner"], account, role="chair")
    link(api, "WORKED_AT", people["Frei"], account, until="2024-12-31")
    link(api, "EMPLOYS", other, people["Gerber"])
    return {"account": account, "other": other, **people}


def test_a_list_answers_items_and_a_null_next_when_everything_fits(api):
    api.post("/people", {"last_name": "Keller"})
    body = api.get("/people").json
    assert set(body) == {"items", "next"} and body["next"] is None and len(body["items"]) == 1


def test_the_people_list_is_in_last_name_then_first_name_order(api):
    for first, last in (("Zoe", "Ammann"), ("Anna", "Meier"), ("Beat", "Ammann"), ("Carl", "brunner")):
        api.post("/people", {"first_name": first, "last_name": last})
    names = [(p["last_name"], p["first_name"]) for p in api.get("/people").json["items"]]
    assert names == [("Ammann", "Beat"), ("Ammann", "Zoe"), ("brunner", "Carl"), ("Meier", "Anna")]


def test_walking_every_page_returns_each_record_once_in_a_stable_order(api, db):
    # 120 people, 40 of them with the same name, so ties must be broken by id across page borders.
    db.run_raw("UNWIND range(1, 120) AS i CREATE (:Person {id: 'p' + toString(1000 + i), version: 1, "
               "last_name: CASE WHEN i <= 40 THEN 'Meier' ELSE 'Person ' + toString(1000 + i) END, "
               "sort_key: CASE WHEN i <= 40 THEN 'meier' ELSE 'person ' + toString(1000 + i) END})")
    seen, cursor, pages = [], None, 0
    while True:
        resp = api.get("/people", query_string={"limit": 50, **({"cursor": cursor} if cursor else {})})
        seen += ids(resp)
        pages += 1
        cursor = resp.json["next"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == 120 and len(set(seen)) == 120
    everything = ids(api.get("/people", query_string={"limit": 500}))
    assert seen == everything


def test_a_page_that_ends_exactly_at_the_last_record_has_no_next(api):
    for name in ("A", "B", "C", "D"):
        api.post("/accounts", {"name": name})
    first = api.get("/accounts", query_string={"limit": 2}).json
    second = api.get("/accounts", query_string={"limit": 2, "cursor": first["next"]}).json
    assert [a["name"] for a in second["items"]] == ["C", "D"] and second["next"] is None


def test_a_cursor_survives_the_deletion_of_the_record_it_points_after(api):
    made = [api.post("/accounts", {"name": name}).json["id"] for name in ("A", "B", "C")]
    page = api.get("/accounts", query_string={"limit": 1}).json
    api.delete(f"/accounts/{made[0]}")
    assert ids(api.get("/accounts", query_string={"limit": 5, "cursor": page["next"]})) == made[1:]


@pytest.mark.parametrize("cursor", [
    "garbage",                  # not base64 of JSON
    "!!!",                      # not base64 at all
    "WzEsMl0",                  # base64 of [1,2]: numbers, not strings
    "eyJhIjoxLCJiIjoyfQ",       # base64 of {"a":1,"b":2}: an object
    "W10",                      # base64 of []
    "x" * 2000,                 # far too long
    base64.urlsafe_b64encode(b"[" * 700).decode(),  # a deep nesting
])
def test_a_cursor_this_api_did_not_give_out_answers_400(api, cursor):
    resp = api.get("/people", query_string={"cursor": cursor})
    assert resp.status_code == 400 and "cursor" in resp.json["fields"]


@pytest.mark.parametrize("limit", [
    "0",        # below the minimum
    "501",      # above the maximum
    "-1",       # negative
    "ten",      # not a number
    "1.5",      # not whole
    "1_0",      # Python would read it as 10
])
def test_a_limit_out_of_range_or_not_a_number_answers_422(api, limit):
    resp = api.get("/people", query_string={"limit": limit})
    assert resp.status_code == 422 and "limit" in resp.json["fields"]


@pytest.mark.parametrize("limit", ["1", "500"])
def test_the_limits_at_the_edges_of_the_range_are_accepted(api, limit):
    assert api.get("/people", query_string={"limit": limit}).status_code == 200


def test_the_people_of_an_account_are_its_employees_board_and_former_employees(api, acme):
    found = set(ids(api.get("/people", query_string={"account": acme["account"]})))
    assert found == {acme["Keller"], acme["Brunner"], acme["Frei"]}
    assert ids(api.get("/people", query_string={"account": acme["other"]})) == [acme["Gerber"]]


def test_the_account_filter_pages_in_name_order(api, acme):
    first = api.get("/people", query_string={"account": acme["account"], "limit": 2}).json
    rest = api.get("/people", query_string={"account": acme["account"], "limit": 2, "cursor": first["next"]}).json
    assert [p["last_name"] for p in first["items"] + rest["items"]] == ["Brunner", "Frei", "Keller"]
    assert rest["next"] is None


def test_an_unknown_account_filter_finds_nobody(api, acme):
    assert ids(api.get("/people", query_string={"account": "nope"})) == []


def test_the_opportunities_of_an_account_are_listed(api, acme):
    deal = api.post("/opportunities", {"name": "Deal"}).json["id"]
    api.post("/opportunities", {"name": "Elsewhere"})
    link(api, "HAS_OPPORTUNITY", acme["account"], deal)
    assert ids(api.get("/opportunities", query_string={"account": acme["account"]})) == [deal]


def test_the_owner_filter_lists_what_a_user_owns(api, acme):
    link(api, "OWNS", api.user["id"], acme["Keller"], address="du")
    link(api, "OWNS", api.user["id"], acme["account"])
    assert ids(api.get("/people", query_string={"owner": api.user["id"]})) == [acme["Keller"]]
    assert ids(api.get("/accounts", query_string={"owner": api.user["id"]})) == [acme["account"]]


def test_filters_combine(api, acme):
    link(api, "OWNS", api.user["id"], acme["Keller"])
    link(api, "OWNS", api.user["id"], acme["Gerber"])
    found = ids(api.get("/people", query_string={"owner": api.user["id"], "account": acme["account"]}))
    assert found == [acme["Keller"]]


def test_the_status_filter_separates_active_and_inactive_people(api):
    active = api.post("/people", {"last_name": "Aktiv"}).json["id"]
    inactive = api.post("/people", {"last_name": "Inaktiv", "status": "inactive",
                                    "inactive_reason": "retired"}).json["id"]
    assert ids(api.get("/people", query_string={"status": "active"})) == [active]
    assert ids(api.get("/people", query_string={"status": "inactive"})) == [inactive]


def test_the_sf_id_filter_finds_the_imported_record(api, db):
    db.run_raw("CREATE (:Person {id: 'p1', sf_id: '003000000000001AAA', last_name: 'Import', sort_key: 'import'}),"
               "(:Person {id: 'p2', sf_id: '003000000000002AAA', last_name: 'Other', sort_key: 'other'})")
    assert ids(api.get("/people", query_string={"sf_id": "003000000000001AAA"})) == ["p1"]
    assert ids(api.get("/people", query_string={"sf_id": "003000000000009AAA"})) == []


@pytest.mark.parametrize("q, expected", [
    ("keller", {"Keller"}),             # last name
    ("ANNA", {"Keller"}),               # first name, any case
    ("anna keller", {"Keller"}),        # both words, in the other order than the sort key
    ("kel", {"Keller"}),                # part of a word
    ("example.ch", {"Keller"}),         # the e-mail
    ("anna brunner", set()),            # every word must match
    ("zzz", set()),                     # nothing
])
def test_the_q_filter_matches_every_word_in_name_or_email(api, q, expected):
    api.post("/people", {"first_name": "Anna", "last_name": "Keller", "email": "a.keller@example.ch"})
    api.post("/people", {"first_name": "Beat", "last_name": "Brunner"})
    found = {p["last_name"] for p in api.get("/people", query_string={"q": q}).json["items"]}
    assert found == expected


def test_the_q_filter_works_on_accounts_and_combines_with_the_account_filter(api, acme):
    assert [a["name"] for a in api.get("/accounts", query_string={"q": "acme"}).json["items"]] == ["ACME AG"]
    assert ids(api.get("/people", query_string={"q": "carla", "account": acme["account"]})) == [acme["Frei"]]


@pytest.mark.parametrize("collection, name, value", [
    ("accounts", "type", "customer"),
    ("opportunities", "stage", "Closed Won"),
    ("campaigns", "status", "completed"),
])
def test_enum_filters_of_other_collections(api, collection, name, value):
    wanted = api.post(f"/{collection}", {"name": "Wanted", name: value}).json["id"]
    api.post(f"/{collection}", {"name": "Other"})
    assert ids(api.get(f"/{collection}", query_string={name: value})) == [wanted]


@pytest.mark.parametrize("path, args, field", [
    ("/people", {"status": "dead"}, "status"),            # not a status of the model
    ("/accounts", {"type": "friend"}, "type"),            # not an account type
    ("/opportunities", {"stage": "won"}, "stage"),        # stages are Salesforce's, spelled exactly
    ("/accounts", {"status": "active"}, "status"),        # accounts have no status
    ("/campaigns", {"account": "x"}, "account"),          # campaigns are not linked to accounts
    ("/people", {"acount": "x"}, "acount"),               # a misspelt filter must not list everyone
    ("/people", {"q": "x" * 201}, "q"),                   # over-long text
])
def test_a_filter_that_does_not_fit_answers_422_naming_it(api, path, args, field):
    resp = api.get(path, query_string=args)
    assert resp.status_code == 422 and field in resp.json["fields"]
