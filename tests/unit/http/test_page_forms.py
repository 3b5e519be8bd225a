"""The pure parts of the pages: Swiss formats, and form text turned into record values."""
from __future__ import annotations

import datetime as dt

import pytest
from neo4j import time as neo_time

from graphcrm.http.common.format import is_http_url, local_date, money, phone_number
from graphcrm.http.common.forms import changed_names, record_data, record_values
from graphcrm.model import Label


@pytest.mark.parametrize("value, shown", [
    (neo_time.Date(2024, 3, 1), "01.03.2024"),
    (dt.date(1980, 4, 5), "05.04.1980"),
    # Stored in UTC, shown in Swiss time: winter is UTC+1, so this is already the next day.
    (neo_time.DateTime(2026, 1, 15, 23, 30, tzinfo=dt.UTC), "16.01.2026 00:30"),
    (None, ""),
])
def test_dates_are_shown_the_swiss_way(value, shown):
    assert local_date(value) == shown


def test_amounts_outside_a_request_are_written_the_swiss_german_way():
    assert money(1250000, "CHF") == "CHF\xa01’250’000.00"
    assert money(1250.5, "EUR") == "EUR\xa01’250.50"
    assert money(None) == ""


def test_phone_numbers_are_grouped_for_reading():
    assert phone_number("+41441234567") == "+41 44 123 45 67"
    assert phone_number("call me") == "call me"


@pytest.mark.parametrize("url, linked", [
    ("https://www.linkedin.com/in/anna", True),
    ("HTTP://example.ch", True),
    ("javascript:alert(1)", False),  # never a link, whatever an import brought
    ("www.example.ch", False),
    (None, False),
])
def test_only_web_addresses_become_links(url, linked):
    assert is_http_url(url) is linked


@pytest.mark.parametrize("text, value", [
    ("1'250", 1250),            # Swiss thousands separator
    ("1’250.50", 1250.5),       # typographic apostrophe
    ("12,5", 12.5),             # comma as decimal mark
    ("many", "many"),           # left as text so validation names the field
    ("inf", "inf"),             # not a finite number
    ("", None),                 # empty clears the field
])
def test_number_inputs_accept_how_swiss_users_write_numbers(text, value):
    assert record_data(Label.OPPORTUNITY, {"amount": text})["amount"] == value


def test_interests_are_a_comma_separated_list():
    assert record_data(Label.PERSON, {"interests": "Golf, , Wine "})["interests"] == ["Golf", "Wine"]


def test_a_record_shows_in_its_form_as_text_and_only_edited_inputs_count_as_changed():
    record = {"last_name": "Keller", "birthdate": neo_time.Date(1980, 4, 5), "interests": ["Golf", "Jazz"]}
    before = record_values(Label.PERSON, record)
    assert (before["birthdate"], before["interests"], before["email"]) == ("1980-04-05", "Golf, Jazz", "")
    after = {**before, "title": "CFO"}
    assert changed_names(Label.PERSON, before, after) == ["title"]
