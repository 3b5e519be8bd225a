"""Bad input through the API: 422 naming each bad field, 400 for what is not a JSON object, never a 500."""
import pytest


def count_records(db) -> int:
    return db.run_raw("MATCH (n) WHERE NOT n:User AND NOT n:ApiToken RETURN count(n) AS c")[0]["c"]


@pytest.mark.parametrize("path, body, field", [
    ("/people", {"last_name": "K", "email": "anna.keller"}, "email"),              # no domain
    ("/people", {"last_name": "K", "email": "anna@keller"}, "email"),              # no top-level domain
    ("/people", {"last_name": "K", "email": "a b@example.ch"}, "email"),           # a space
    ("/people", {"last_name": "K", "email": "a@@example.ch"}, "email"),            # two @
    ("/people", {"last_name": "K", "email": "a..b@example.ch"}, "email"),          # two dots in a row
    ("/people", {"last_name": "K", "birthdate": "2026-02-30"}, "birthdate"),       # not a real day
    ("/people", {"last_name": "K", "birthdate": "03/01/2026"}, "birthdate"),       # not ISO
    ("/people", {"last_name": "K", "birthdate": "1.3.1970"}, "birthdate"),         # Swiss style
    ("/people", {"last_name": "K", "birthdate": 19700301}, "birthdate"),           # a number
    ("/people", {"last_name": "K", "email_bounced_at": "yesterday"}, "email_bounced_at"),  # not a date-time
    ("/people", {"last_name": "K", "email_bounced_at": "0001-01-01T00:00:00+05:00"},
     "email_bounced_at"),  # before year 1 in UTC
    ("/people", {"last_name": "K", "status": "dead"}, "status"),                   # not a status
    ("/people", {"last_name": "K", "inactive_reason": "bored"}, "inactive_reason"),
    ("/people", {"last_name": "K", "language": "xx"}, "language"),                 # not ISO 639-1
    ("/people", {"last_name": "K", "phone": "call me"}, "phone"),                  # not a number
    ("/people", {"last_name": "K", "phone": "123"}, "phone"),                      # too short to be possible
    ("/people", {"last_name": "K", "social_linkedin": "javascript:alert(1)"}, "social_linkedin"),
    ("/people", {"last_name": "K", "placeholder": "yes"}, "placeholder"),          # bool as text
    ("/people", {"last_name": "K", "interests": "golf"}, "interests"),             # list as text
    ("/people", {"last_name": "K", "interests": ["golf", 3]}, "interests"),        # a number in the list
    ("/people", {"last_name": 42}, "last_name"),                                   # a number for text
    ("/people", {"last_name": "K" * 101}, "last_name"),                            # over-long
    ("/people", {"last_name": "K", "description": "x" * 5001}, "description"),    # over-long text
    ("/people", {"last_name": "   "}, "last_name"),                                # blank is missing
    ("/people", {"first_name": "Anna"}, "last_name"),                              # required missing
    ("/people", {"last_name": "K", "shoe_size": 42}, "shoe_size"),                 # unknown field
    ("/people", {"last_name": "K", "id": "mine"}, "id"),                           # the id is the server's
    ("/people", {"last_name": "K", "version": 3}, "version"),                      # no version on create
    ("/accounts", {"name": "A", "type": "friend"}, "type"),                        # not an account type
    ("/accounts", {"name": "A", "employees": -1}, "employees"),                    # below minimum
    ("/accounts", {"name": "A", "employees": 12.5}, "employees"),                  # not whole
    ("/accounts", {"name": "A", "employees": True}, "employees"),                  # a bool is no number
    ("/accounts", {"name": "A", "employees": "12"}, "employees"),                  # a number as text
    ("/accounts", {"name": "A", "website": "www.example.ch"}, "website"),          # no scheme
    ("/accounts", {}, "name"),                                                     # required missing
    ("/opportunities", {"name": "D", "stage": "Won"}, "stage"),                    # not a stage
    ("/opportunities", {"name": "D", "probability": 101}, "probability"),          # above maximum
    ("/opportunities", {"name": "D", "amount": 1e13}, "amount"),                   # above maximum
    ("/opportunities", {"name": "D", "close_date": "2026-13-01"}, "close_date"),   # no 13th month
    ("/campaigns", {"name": "C", "status": "done"}, "status"),                     # not a campaign status
    ("/campaigns", {"name": "C", "start_date": "2026-1-5"}, "start_date"),         # not zero-padded
])
def test_a_bad_field_answers_422_naming_it_and_writes_nothing(api, db, path, body, field):
    resp = api.post(path, body)
    assert resp.status_code == 422, resp.json
    assert resp.json["error"] == "invalid" and field in resp.json["fields"]
    assert count_records(db) == 0


def test_every_bad_field_is_named_at_once(api):
    resp = api.post("/people", {"email": "x", "birthdate": "2026-02-30", "status": "dead", "foo": 1})
    assert resp.status_code == 422
    assert set(resp.json["fields"]) == {"email", "birthdate", "status", "foo", "last_name"}


@pytest.mark.parametrize("raw", [
    "NaN",            # json accepts NaN, a number field must not
    "Infinity",       # nor infinity
    "-Infinity",
])
def test_numbers_that_are_not_finite_answer_422(api, raw):
    resp = api.post("/opportunities", data=f'{{"name": "D", "amount": {raw}}}',
                    headers={"Content-Type": "application/json"})
    assert resp.status_code == 422 and "amount" in resp.json["fields"]


@pytest.mark.parametrize("given, stored", [
    ("044 123 45 67", "+41441234567"),        # Swiss national number
    ("+41 (0)44 123 45 67", "+41441234567"),  # with the trunk zero in brackets
    ("0041 79 123 45 67", "+41791234567"),    # international prefix 00
    ("+49 30 1234567", "+49301234567"),       # a German number stays German
])
def test_phone_numbers_are_stored_in_e164(api, given, stored):
    resp = api.post("/people", {"last_name": "K", "phone": given})
    assert resp.status_code == 201, resp.json
    assert resp.json["phone"] == stored


def test_values_are_normalized_on_the_way_in(api):
    resp = api.post("/people", {"last_name": "  Keller ", "email": "Anna.Keller@Example.CH", "language": "DE",
                                "interests": ["golf", " ", "jazz "], "birthdate": "1970-03-01"})
    assert resp.status_code == 201
    body = resp.json
    assert (body["last_name"], body["email"], body["language"]) == ("Keller", "anna.keller@example.ch", "de")
    assert body["interests"] == ["golf", "jazz"] and body["birthdate"] == "1970-03-01"


@pytest.mark.parametrize("data, content_type", [
    ('{"last_name": "Keller"', "application/json"),   # cut off
    ("{'last_name': 'Keller'}", "application/json"),  # Python, not JSON
    ("", "application/json"),                         # empty
    ("null", "application/json"),                     # JSON, but null
    ('{"last_name": "Keller"}', "text/plain"),        # not declared as JSON
    ("last_name=Keller", "application/x-www-form-urlencoded"),  # a form
])
def test_a_body_that_is_not_json_answers_400(api, db, data, content_type):
    resp = api.post("/people", data=data, headers={"Content-Type": content_type})
    assert resp.status_code == 400 and resp.json["error"] == "bad_request"
    assert count_records(db) == 0


@pytest.mark.parametrize("body", [
    [{"last_name": "Keller"}],   # a list
    "Keller",                    # a string
    42,                          # a number
])
@pytest.mark.parametrize("method, path", [
    ("post", "/people"), ("patch", "/people/{id}"), ("post", "/relationships"), ("delete", "/relationships")])
def test_a_json_body_that_is_not_an_object_answers_400(api, db, body, method, path):
    person = api.post("/people", {"last_name": "Original"}).json
    resp = getattr(api, method)(path.format(id=person["id"]), body)
    assert resp.status_code == 400 and resp.json["error"] == "bad_request"
    assert api.get(f"/people/{person['id']}").json == person
