"""Cursors: what was encoded comes back for the same viewer; anything else is a 400 naming cursor."""
import base64
import json

import pytest

from graphcrm.access.policy import Access
from graphcrm.errors import BadRequest
from graphcrm.records import paging

ANNA = Access(user_id="u-anna", role="rep", key=b"k" * 32)
BEAT = Access(user_id="u-beat", role="rep", key=b"k" * 32)


@pytest.mark.parametrize("values, types", [
    (("keller anna", "6f1c0e0e-1111-4a4a-9b9b-000000000001"), (str, str)),  # a typical position
    (("", "x"), (str, str)),                                               # an empty key
    (("müller ß 🙂", "id"), (str, str)),                                   # Unicode
    (('quote " and \\ backslash', "id"), (str, str)),                      # JSON-escaped characters
    ((1234.5, "id"), (float, str)),                                        # a distance
    (([3, -1], "id"), (list, str)),                                        # a composite sort key
])
def test_a_cursor_decodes_to_what_was_encoded(values, types):
    cursor = paging.encode(ANNA, *values)
    assert paging.decode(ANNA, cursor, *types) == values
    assert "=" not in cursor and "/" not in cursor and "+" not in cursor  # safe in a URL as is


@pytest.mark.parametrize("cursor", [None, ""])
def test_no_cursor_means_the_first_page(cursor):
    assert paging.decode(ANNA, cursor, str, str) is None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _forged(values) -> str:
    body = _b64(json.dumps(values).encode())
    return f"{body}.{paging.encode(ANNA, 'x', 'y').split('.')[1]}"  # a real MAC of other values


@pytest.mark.parametrize("cursor", [
    "garbage!",                                   # not base64, no MAC
    "a.b",                                        # impossible base64
    _b64(json.dumps(["a", "b"]).encode()),        # an unsigned cursor of the old kind
    _forged(["a", "b"]),                          # values changed under a MAC
    _forged([1, "b"]),                            # a value of the wrong type
    paging.encode(ANNA, "a", "b")[:-2],           # a cut MAC
    paging.encode(ANNA, "a", "b") + "A",          # a longer MAC
    "A" * 1001 + ".x",                            # too long to be ours
    "é.é",                                        # not ASCII
])
def test_a_cursor_no_one_gave_out_is_a_bad_request_naming_cursor(cursor):
    with pytest.raises(BadRequest) as err:
        paging.decode(ANNA, cursor, str, str)
    assert set(err.value.fields) == {"cursor"}


def test_a_cursor_given_to_one_viewer_does_not_work_for_another():
    cursor = paging.encode(ANNA, "keller anna", "id")
    with pytest.raises(BadRequest):
        paging.decode(BEAT, cursor, str, str)


def test_a_signed_cursor_with_values_of_other_types_is_refused():
    cursor = paging.encode(ANNA, 1, "id")
    with pytest.raises(BadRequest):
        paging.decode(ANNA, cursor, str, str)  # a number where the list pages by text
    with pytest.raises(BadRequest):
        paging.decode(ANNA, paging.encode(ANNA, True, "id"), float, str)  # a bool is not a number here
