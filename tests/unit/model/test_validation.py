"""validation.convert and clean: each field type with its edge cases, no database."""
import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.errors import BadRequest, Invalid
from graphcrm.model import NODE_FIELDS, REL_SPECS, Field, Label
from graphcrm.model.schema import clean
from graphcrm.model.validation import convert, int_arg, normalize_phone, parse_date, parse_datetime

TEXT = Field(max_len=10)


@pytest.mark.parametrize("value, expected", [
    ("Anna", "Anna"),           # plain
    ("  Anna  ", "Anna"),       # trimmed
    ("x" * 10, "x" * 10),       # exactly the maximum
    ("   ", None),              # blank clears
    ("Zoë 🙂", "Zoë 🙂"),        # any Unicode
])
def test_text_is_trimmed_and_blank_clears(value, expected):
    assert convert(TEXT, value) == expected


@pytest.mark.parametrize("value, message", [
    ("x" * 11, "at most 10"),   # one over the maximum
    (42, "string"),             # a number
    (["a"], "string"),          # a list
    (True, "string"),           # a bool
    ({"a": 1}, "string"),       # an object
])
def test_text_refuses_other_types_and_over_long_values(value, message):
    with pytest.raises(ValueError, match=message):
        convert(TEXT, value)


@pytest.mark.parametrize("value, expected", [
    ("anna@example.ch", "anna@example.ch"),                    # plain
    ("Anna.Keller@Example.CH", "anna.keller@example.ch"),      # lower-cased
    ("o'neill+crm@sub.example.co.uk", "o'neill+crm@sub.example.co.uk"),  # apostrophe, plus, subdomains
    ("jörg@müller.ch", "jörg@müller.ch"),                      # internationalized
    ("a@xn--mller-kva.ch", "a@xn--mller-kva.ch"),              # punycode domain
    ("a@example.xn--p1ai", "a@example.xn--p1ai"),              # punycode top-level domain
])
def test_valid_emails_are_accepted(value, expected):
    assert convert(Field("email"), value) == expected


@pytest.mark.parametrize("value", [
    "anna",                 # no @
    "anna@",                # no domain
    "@example.ch",          # no local part
    "anna@example",         # no top-level domain
    "anna@example.c",       # one-letter top-level domain
    "anna@@example.ch",     # two @
    "an na@example.ch",     # a space
    "anna.@example.ch",     # local part ends with a dot
    ".anna@example.ch",     # local part starts with a dot
    "a..b@example.ch",      # two dots in a row
    "anna@example..ch",     # empty domain label
    "anna@-example.ch",     # label starts with a hyphen
    "anna@exa_mple.ch",     # underscore in the domain
    "<a@example.ch>",       # angle brackets
    "a,b@example.ch",       # a comma (a list, not an address)
    'a"b@example.ch',       # a quote
    "anna@example.123",     # numeric top-level domain
])
def test_invalid_emails_are_refused(value):
    with pytest.raises(ValueError, match="e-mail"):
        convert(Field("email"), value)


@pytest.mark.parametrize("value, expected", [
    ("044 123 45 67", "+41441234567"),          # Swiss national
    ("+41 44 123 45 67", "+41441234567"),       # international
    ("0041441234567", "+41441234567"),          # 00 prefix
    ("+41 (0)44 123 45 67", "+41441234567"),    # trunk zero in brackets
    ("079/123.45.67", "+41791234567"),          # slashes and dots
    ("+49 30 1234567", "+49301234567"),         # German
    ("+1 (555) 010-9999", "+15550109999"),      # North American, possible though fictional
])
def test_phone_numbers_become_e164(value, expected):
    assert convert(Field("phone"), value) == expected


@pytest.mark.parametrize("value", [
    "call me",          # words
    "123",              # too short
    "+41 44",           # too short for Switzerland
    "044 123 45 67 ext 5",  # letters
    "+" + "1" * 30,     # too long
])
def test_non_numbers_are_not_phone_numbers(value):
    with pytest.raises(ValueError, match="phone"):
        normalize_phone(value)


@pytest.mark.parametrize("value, expected", [
    ("2026-03-01", dt.date(2026, 3, 1)),        # ISO
    (" 2026-03-01 ", dt.date(2026, 3, 1)),      # with spaces
    ("2024-02-29", dt.date(2024, 2, 29)),       # leap day
    ("0001-01-01", dt.date(1, 1, 1)),           # the first day
])
def test_dates_are_iso(value, expected):
    assert convert(Field("date"), value) == expected


@pytest.mark.parametrize("value, message", [
    ("2026-02-30", "real date"),    # no such day
    ("2025-02-29", "real date"),    # not a leap year
    ("2026-13-01", "real date"),    # no such month
    ("0000-01-01", "real date"),    # no year 0
    ("03/01/2026", "YYYY-MM-DD"),   # US style
    ("1.3.2026", "YYYY-MM-DD"),     # Swiss style
    ("2026-3-1", "YYYY-MM-DD"),     # not zero-padded
    ("20260301", "YYYY-MM-DD"),     # basic format
    ("٢٠٢٦-٠٣-٠١", "YYYY-MM-DD"),   # Arabic-Indic digits
    ("2026-03-01T10:00", "YYYY-MM-DD"),  # a date-time
    (20260301, "YYYY-MM-DD"),       # a number
])
def test_bad_dates_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        parse_date(value)


@pytest.mark.parametrize("value, expected", [
    ("2026-03-01T09:30:00Z", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),        # Zulu
    ("2026-03-01T09:30:00.000Z", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),    # Salesforce style
    ("2026-03-01T10:30:00+01:00", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),   # offset to UTC
    ("2026-03-01T09:30:00", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),         # no zone: UTC
])
def test_datetimes_become_utc(value, expected):
    parsed = parse_datetime(value)
    assert parsed == expected and parsed.tzinfo == dt.UTC


@pytest.mark.parametrize("value, message", [
    ("yesterday", "ISO 8601"),                      # words
    ("2026-02-30T10:00:00Z", "ISO 8601"),           # no such day
    (1767225600, "ISO 8601"),                       # a Unix time
    ("0001-01-01T00:00:00+05:00", "out of range"),  # before year 1 once in UTC
    ("9999-12-31T23:00:00-05:00", "out of range"),  # after year 9999 once in UTC
])
def test_bad_datetimes_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        parse_datetime(value)


@pytest.mark.parametrize("field, value, expected", [
    (Field("int", minimum=0, maximum=100), 0, 0),        # the minimum
    (Field("int", minimum=0, maximum=100), 100, 100),    # the maximum
    (Field("int"), 5.0, 5),                              # a whole float
    (Field("int"), 2**63 - 1, 2**63 - 1),                # the largest Neo4j integer
    (Field("float", minimum=0), 0, 0.0),                 # an int for a float
    (Field("float"), 12.5, 12.5),                        # a float
])
def test_numbers_in_range_are_accepted(field, value, expected):
    result = convert(field, value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("field, value, message", [
    (Field("int", minimum=0), -1, "at least 0"),         # below the minimum
    (Field("int", maximum=100), 101, "at most 100"),     # above the maximum
    (Field("int"), 1.5, "whole"),                        # a fraction
    (Field("int"), 2**63, "too large"),                  # beyond Neo4j's integers
    (Field("int"), True, "number"),                      # a bool
    (Field("int"), "5", "number"),                       # text
    (Field("float"), math.nan, "number"),                # not a number
    (Field("float"), math.inf, "number"),                # infinity
    (Field("float"), None, "number"),                    # null reaches convert only by mistake
])
def test_bad_numbers_are_refused(field, value, message):
    with pytest.raises(ValueError, match=message):
        convert(field, value)


@pytest.mark.parametrize("value, ok", [
    (True, True), (False, True),    # booleans
    ("true", False),                # text
    (1, False),                     # a number
    (None, False),                  # null
])
def test_bools_are_json_booleans(value, ok):
    if ok:
        assert convert(Field("bool"), value) is value
    else:
        with pytest.raises(ValueError, match="true or false"):
            convert(Field("bool"), value)


@pytest.mark.parametrize("value, expected", [
    (["golf", "jazz"], ["golf", "jazz"]),       # plain
    ([" golf ", "", "  "], ["golf"]),           # trimmed, blanks dropped
    (["", " "], None),                          # nothing left clears
])
def test_string_lists_are_trimmed(value, expected):
    assert convert(Field("strlist"), value) == expected


@pytest.mark.parametrize("value", [
    "golf",             # a string, not a list
    ["golf", 1],        # a number inside
    ["x"] * 51,         # too many entries
    ["x" * 201],        # an entry too long
])
def test_bad_string_lists_are_refused(value):
    with pytest.raises(ValueError):
        convert(Field("strlist"), value)


@pytest.mark.parametrize("field, value, expected", [
    (Field("enum", choices=("a", "b")), "a", "a"),      # a choice
    (Field("enum", choices=("a", "b")), " b ", "b"),    # trimmed
    (Field("lang"), "DE", "de"),                        # language codes are lower-cased
    (Field("url"), "https://example.ch/x?y=1", "https://example.ch/x?y=1"),
    (Field("url"), "HTTP://EXAMPLE.CH", "HTTP://EXAMPLE.CH"),
])
def test_enums_languages_and_urls(field, value, expected):
    assert convert(field, value) == expected


@pytest.mark.parametrize("field, value", [
    (Field("enum", choices=("a", "b")), "A"),   # choices are exact
    (Field("enum", choices=("a", "b")), "c"),   # not a choice
    (Field("lang"), "xx"),                      # not ISO 639-1
    (Field("lang"), "deu"),                     # three letters
    (Field("url"), "example.ch"),               # no scheme
    (Field("url"), "javascript:alert(1)"),      # not http(s)
    (Field("url"), "ftp://example.ch"),         # not http(s)
    (Field("url"), "https://exa mple.ch"),      # a space
])
def test_bad_enums_languages_and_urls_are_refused(field, value):
    with pytest.raises(ValueError):
        convert(field, value)


def test_every_field_type_of_the_model_has_a_converter():
    # An unknown type is a programming error (AssertionError); a known one refuses junk (ValueError).
    fields = [f for spec in (*NODE_FIELDS.values(), *(r.fields for r in REL_SPECS.values())) for f in spec.values()]
    for field in fields:
        with pytest.raises(ValueError):
            convert(field, object())
    with pytest.raises(AssertionError):
        convert(Field("colour"), "red")


def test_clean_names_every_bad_field_and_missing_required_one():
    with pytest.raises(Invalid) as err:
        clean(NODE_FIELDS[Label.PERSON], {"email": "x", "status": "dead", "shoe": 42, "first_name": "A"})
    assert err.value.fields == {"email": "is not a valid e-mail address",
                                "status": "must be one of: active, inactive, lead",
                                "shoe": "unknown field", "last_name": "is required"}


def test_clean_with_partial_allows_missing_required_fields_but_not_clearing_them():
    assert clean(NODE_FIELDS[Label.PERSON], {"title": "CFO"}, partial=True) == {"title": "CFO"}
    with pytest.raises(Invalid) as err:
        clean(NODE_FIELDS[Label.PERSON], {"last_name": ""}, partial=True)
    assert err.value.fields == {"last_name": "is required"}


@pytest.mark.parametrize("value", [None, "", [], "   "])
def test_clean_turns_blank_values_into_none(value):
    field = "interests" if isinstance(value, list) else "title"
    assert clean(NODE_FIELDS[Label.PERSON], {field: value}, partial=True) == {field: None}


def test_clean_prefixes_field_names_with_where():
    with pytest.raises(Invalid) as err:
        clean({"since": Field("date")}, {"since": "soon"}, where="properties")
    assert set(err.value.fields) == {"properties.since"}


@pytest.mark.parametrize("data", [[], "x", 1, None])
def test_clean_refuses_what_is_not_an_object(data):
    with pytest.raises(BadRequest):
        clean({}, data)


@pytest.mark.parametrize("raw, expected", [
    (None, 50),         # missing: the default
    ("", 50),           # empty: the default
    ("1", 1),           # the minimum
    ("500", 500),       # the maximum
    (" 7 ", 7),         # spaces
])
def test_int_arg_reads_integers_in_range(raw, expected):
    assert int_arg({"limit": raw} if raw is not None else {}, "limit", 50, 1, 500) == expected


@pytest.mark.parametrize("raw", [
    "0", "501", "-1",   # out of range
    "1.0", "ten",       # not whole numbers
    "1_0",              # Python's digit separator
    "٣",                # a non-ASCII digit
    "9" * 5000,         # more digits than int() takes
])
def test_int_arg_refuses_the_rest_naming_the_parameter(raw):
    with pytest.raises(Invalid) as err:
        int_arg({"limit": raw}, "limit", 50, 1, 500)
    assert set(err.value.fields) == {"limit"}


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5),
                    max_leaves=10)


@pytest.mark.parametrize("label", list(NODE_FIELDS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_clean_answers_any_json_with_values_or_invalid_and_nothing_else(label, data):
    keys = st.sampled_from([*NODE_FIELDS[label], "unknown"])
    body = data.draw(st.dictionaries(keys, JSON, max_size=6))
    try:
        clean(NODE_FIELDS[label], body, partial=data.draw(st.booleans()))
    except Invalid as exc:
        assert exc.fields and set(exc.fields) <= {*body, *NODE_FIELDS[label]}
