"""The pure parts of records: cursors, sort keys and list filters, no database."""
import base64
import json

import pytest

from graphcrm.errors import Invalid
from graphcrm.model import Label
from graphcrm.records import decode_cursor, encode_cursor, filter_params, public, sort_key


@pytest.mark.parametrize("key, record_id", [
    ("keller anna", "6f1c0e0e-1111-4a4a-9b9b-000000000001"),  # a typical position
    ("", "x"),                                                # an empty key
    ("müller ß 🙂", "id"),                                    # Unicode
    ('quote " and \\ backslash', "id"),                       # JSON-escaped characters
])
def test_a_cursor_decodes_to_what_was_encoded(key, record_id):
    cursor = encode_cursor(key, record_id)
    assert decode_cursor(cursor) == (key, record_id)
    assert "=" not in cursor and "/" not in cursor and "+" not in cursor  # safe in a URL as is


@pytest.mark.parametrize("cursor", [None, ""])
def test_no_cursor_means_the_first_page(cursor):
    assert decode_cursor(cursor) == (None, None)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "garbage!",                             # not base64
    "a",                                    # impossible base64 length
    _b64(b"not json"),                      # base64, not JSON
    _b64(b"\xff\xfe"),                      # not UTF-8
    _b64(json.dumps([1, 2]).encode()),      # numbers
    _b64(json.dumps(["a"]).encode()),       # one element
    _b64(json.dumps(["a", "b", "c"]).encode()),  # three elements
    _b64(json.dumps({"a": "b"}).encode()),  # an object
    _b64(json.dumps("ab").encode()),        # a string that unpacks into two characters
    _b64(b"[" * 700),                       # deep nesting
    "A" * 1001,                             # too long to be ours
])
def test_a_garbage_cursor_raises_invalid_naming_cursor(cursor):
    with pytest.raises(Invalid) as err:
        decode_cursor(cursor)
    assert set(err.value.fields) == {"cursor"}


@pytest.mark.parametrize("label, props, key", [
    (Label.PERSON, {"first_name": "Anna", "last_name": "Keller"}, "keller anna"),   # last name first
    (Label.PERSON, {"last_name": "Keller"}, "keller"),                              # no first name
    (Label.PERSON, {"first_name": None, "last_name": "Keller"}, "keller"),          # a cleared first name
    (Label.PERSON, {"first_name": "Ämil", "last_name": "ÖZ"}, "öz ämil"),           # Unicode lower case
    (Label.ACCOUNT, {"name": "  ACME AG "}, "acme ag"),                             # trimmed
    (Label.USER, {"name": "Erika Muster"}, "erika muster"),                         # users by name
    (Label.CAMPAIGN, {}, ""),                                                       # nothing to sort by
])
def test_sort_key(label, props, key):
    assert sort_key(label, props) == key


def test_public_drops_internal_properties():
    assert public({"id": "1", "sort_key": "k", "password_hash": "h", "_lock": True}) == {"id": "1"}
    assert public(None) is None


def test_filter_params_fill_every_parameter_and_split_q_into_words():
    params = filter_params(Label.PERSON, {"q": " Anna  KELLER ", "status": "active"})
    assert params == {"sf_id": None, "account": None, "owner": None, "status": "active", "type": None,
                      "stage": None, "role": None, "words": ["anna", "keller"]}


@pytest.mark.parametrize("label, filters, field", [
    (Label.PERSON, {"status": "dead"}, "status"),           # not a status
    (Label.ACCOUNT, {"status": "active"}, "status"),        # accounts have none
    (Label.CAMPAIGN, {"owner": "u1"}, "owner"),             # campaigns have no owner
    (Label.OPPORTUNITY, {"stage": "won"}, "stage"),         # stages are spelled exactly
    (Label.PERSON, {"q": "x" * 201}, "q"),                  # too long
])
def test_filter_params_refuse_filters_that_do_not_fit(label, filters, field):
    with pytest.raises(Invalid) as err:
        filter_params(label, filters)
    assert field in err.value.fields
