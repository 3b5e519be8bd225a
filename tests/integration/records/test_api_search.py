"""Full-text search through the API: people, accounts and deals by name; hostile input never fails."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture
def world(api):
    """A few records of each kind."""
    made = {
        "anna": api.post("/people", {"first_name": "Anna", "last_name": "Keller", "title": "CFO"}).json,
        "beat": api.post("/people", {"first_name": "Beat", "last_name": "Kellerhals"}).json,
        "carla": api.post("/people", {"first_name": "Carla", "last_name": "O'Neill"}).json,
        "acme": api.post("/accounts", {"name": "ACME Maschinenbau AG", "city": "Basel"}).json,
        "deal": api.post("/opportunities", {"name": "Fräsmaschinen Ersatz 2026"}).json,
    }
    return {key: record["id"] for key, record in made.items()}


def hits(api, q, **args) -> list[str]:
    resp = api.get("/search", query_string={"q": q, **args})
    assert resp.status_code == 200, resp.json
    return [hit["id"] for hit in resp.json["items"]]


@pytest.mark.parametrize("q, expected", [
    ("Anna", {"anna"}),                 # a first name
    ("ann", {"anna"}),                  # a first-name prefix
    ("keller", {"anna", "beat"}),       # a last name, and another that starts with it
    ("Kellerh", {"beat"}),              # a last-name prefix
    ("anna kel", {"anna"}),             # every word must match, the last as a prefix
    ("o'neill", {"carla"}),             # an apostrophe in a name
    ("acme", {"acme"}),                 # an account by name
    ("maschinen", {"acme"}),            # by a prefix of a word of it
    ("basel", {"acme"}),                # by city
    ("fräsmaschinen", {"deal"}),        # a deal by name, with an umlaut
    ("ersatz 2026", {"deal"}),          # a deal by two words
    ("cfo", {"anna"}),                  # a title
    ("zürich", set()),                  # nothing
])
def test_search_finds_records_by_name_prefix(api, world, q, expected):
    assert set(hits(api, q)) == {world[key] for key in expected}


@pytest.mark.parametrize("q, key, kind, label", [
    ("anna", "anna", "person", "Anna Keller"),
    ("acme", "acme", "account", "ACME Maschinenbau AG"),
    ("ersatz", "deal", "opportunity", "Fräsmaschinen Ersatz 2026"),
])
def test_hits_say_their_kind_and_carry_a_label(api, world, q, key, kind, label):
    [hit] = api.get("/search", query_string={"q": q}).json["items"]
    assert (hit["id"], hit["kind"], hit["label"]) == (world[key], kind, label)


def test_a_search_with_more_hits_than_the_limit_is_cut_and_says_so(api, world):
    body = api.get("/search", query_string={"q": "keller", "limit": 1}).json
    assert len(body["items"]) == 1 and body["truncated"] is True
    assert api.get("/search", query_string={"q": "keller"}).json["truncated"] is False


@pytest.mark.parametrize("q", [
    '"',                        # an unbalanced quote
    "'",                        # a single quote
    "\\",                       # a backslash
    "anna\\",                   # a trailing backslash
    "name:foo~ AND (",          # Lucene syntax: a field, fuzziness, an operator, an open group
    "*",                        # a bare wildcard
    "?",                        # a single-character wildcard
    "*anna",                    # a leading wildcard
    "AND",                      # an operator alone
    "OR NOT TO",                # only operators
    "anna && keller || !x",     # boolean operators as symbols
    "[a TO z]",                 # a range
    "{* TO *}",                 # an open range
    "keller^10",                # a boost
    "/ke.*r/",                  # a regular expression
    "+anna -keller",            # required and prohibited
    "a" * 200,                  # the longest allowed
    "\u0000",                   # a NUL character
    "🙂 Anna",                  # an emoji
    "-",                        # only a character the analyzer drops
])
def test_hostile_search_text_never_fails(api, world, q):
    resp = api.get("/search", query_string={"q": q})
    assert resp.status_code == 200, resp.json
    assert isinstance(resp.json["items"], list)


@pytest.mark.parametrize("args, field", [
    ({"q": "a" * 201}, "q"),        # too long
    ({"q": ""}, "q"),               # empty
    ({"q": "   "}, "q"),            # blank
    ({}, "q"),                      # missing
    ({"q": "a", "limit": "0"}, "limit"),
    ({"q": "a", "limit": "101"}, "limit"),
    ({"q": "a", "kind": "person"}, "kind"),  # not a parameter of search
])
def test_bad_search_parameters_answer_422(api, args, field):
    resp = api.get("/search", query_string=args)
    assert resp.status_code == 422 and field in resp.json["fields"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(min_size=1, max_size=60))
def test_any_search_text_answers_200_or_422(api, q):
    resp = api.get("/search", query_string={"q": q})
    assert resp.status_code in (200, 422), (q, resp.json)
