"""The import's parts that need no database: ids, encodings, CSV lines, values, vCards, zip guard."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from graphcrm.errors import Invalid
from graphcrm.transfer.salesforce import values
from graphcrm.transfer.salesforce.csvfiles import CsvFile, FileProblem
from graphcrm.transfer.salesforce.sfids import object_of, to18
from graphcrm.transfer.upload import extract_csvs
from graphcrm.transfer.vcard import person_vcard


def test_a_15_character_id_gets_salesforces_checksum():
    # Salesforce's own example: the case of the 15 characters is encoded in the last three.
    assert to18("0015000000Gv7qJ") == "0015000000Gv7qJAAR"
    assert to18("0015000000Gv7qJAAR") == to18("0015000000Gv7qJ")
    assert to18("0015000000Gv7qjAAR".replace("qjAAR", "qJaar")) == "0015000000Gv7qJAAR"  # suffix case-blind
    assert to18("0015000000gv7qJ") != to18("0015000000Gv7qJ")  # the 15 characters are case-sensitive


@pytest.mark.parametrize("bad", ["", "001", "0015000000Gv7qJAA", "0015000000Gv7qJAAX", "001-000000Gv7qJ",
                                 "0015000000Gv7qJ\n"])
def test_anything_else_is_not_an_id(bad):
    with pytest.raises(ValueError):
        to18(bad)


def test_key_prefixes_name_the_polymorphic_objects():
    assert [object_of(x) for x in ("003xx", "00Qxx", "001xx", "006xx", "500xx")] == \
        ["Contact", "Lead", "Account", "Opportunity", None]


@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("cp1252", "Windows-1252/ISO-8859-1"),
    ("latin-1", "Windows-1252/ISO-8859-1"),
])
def test_the_encoding_is_detected_and_headers_are_case_blind(tmp_path, encoding, name):
    path = tmp_path / "Contact.csv"
    path.write_bytes("ID,LastName,Description\r\n003,Müller,\"Café, 2 lines\nç\"\r\n".encode(encoding))
    csv = CsvFile(path)
    assert csv.encoding_name == name and csv.headers == ["id", "lastname", "description"]
    assert list(csv.rows(("id", "lastname", "missing"))) == [(2, {"id": "003", "lastname": "Müller"})]


def test_the_euro_sign_tells_windows_1252_from_latin_1(tmp_path):
    path = tmp_path / "Task.csv"
    path.write_bytes("Id,Description\n00T,15'000 €\n".encode("cp1252"))
    assert [row["description"] for _line, row in CsvFile(path).rows()] == ["15'000 €"]


def test_rows_carry_the_line_they_start_on_even_after_multiline_fields(tmp_path):
    path = tmp_path / "Account.csv"
    path.write_text('Id,Name\n001a,"two\nlines"\n\n001b,next\n', encoding="utf-8")
    assert [line for line, _row in CsvFile(path).rows()] == [2, 5]


def test_a_quote_left_open_names_the_line_it_was_opened_on(tmp_path):
    path = tmp_path / "Account.csv"
    path.write_text('Id,Name\n001a,fine\n001b,"open\n001c,more\n', encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        list(CsvFile(path).rows())
    assert caught.value.line == 3 and str(caught.value).startswith("Account.csv line 3: broken CSV quoting")


@pytest.mark.parametrize("text, expected", [
    ("2026-03-01T09:30:00.000Z", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),
    ("2026-03-01T10:30:00+01:00", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),
    ("2026-03-01 09:30:00", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),  # no zone: UTC
])
def test_datetimes_are_iso_8601_and_end_up_in_utc(text, expected):
    assert values.datetime({"d": text}, "d") == expected


@pytest.mark.parametrize("text", ["01.03.2026", "2026-3-1", "2026-02-30", "tomorrow"])
def test_dates_are_yyyy_mm_dd_only(text):
    with pytest.raises(values.RowError, match="^d: bad date"):
        values.date({"d": text}, "d")


def test_values_the_model_cannot_normalize_are_kept_as_typed_with_a_warning():
    warnings = []
    assert values.soft(values.Field("url"), "www.acme.ch", "Website", warnings) == "https://www.acme.ch"
    assert values.phone({"Phone": "call me"}, "Phone", "CH", warnings) == "call me"
    assert values.phone({"Phone": "(356) 385-7489"}, "Phone", None, warnings) == "(356) 385-7489"
    assert values.phone({"Phone": "(356) 385-7489"}, "Phone", "US", warnings) == "+13563857489"
    assert values.phone({"Phone": "044 123 45 67"}, "Phone", "CH", warnings) == "+41441234567"
    assert values.country({"c": "Atlantis"}, "cc", "c", warnings) == (None, "Atlantis")
    assert values.country({"c": "Schweiz"}, "cc", "c", warnings) == ("CH", None)
    assert values.country({"c": "Allemagne"}, "cc", "c", warnings) == ("DE", None)
    assert [w.split(":")[0] for w in warnings] == ["Phone", "Phone", "c"]
    assert "no country is known" in warnings[1]


def test_custom_field_values_are_typed_by_their_text():
    assert values.inferred("true") is True and values.inferred("42") == 42 and values.inferred("87.5") == 87.5
    assert values.inferred("1.25E7") == 12_500_000.0 and values.inferred("2024-03-01").isoformat() == "2024-03-01"
    assert values.inferred("0041 61 234 56 78") == "0041 61 234 56 78" and values.inferred("08001") == "08001"
    assert values.inferred("Female") == "Female"


def test_vcard_lines_fold_at_75_octets_without_splitting_characters():
    card = person_vcard({"id": "x", "last_name": "Müller", "title": "Leiter " + "Qualitätsmanagement " * 8})
    lines = card.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = card.replace("\r\n ", "")
    assert "TITLE:Leiter " + "Qualitätsmanagement " * 7 + "Qualitätsmanagement" in unfolded


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    buffer.seek(0)
    return buffer


def test_a_zip_is_extracted_flat_keeping_only_csv_files(tmp_path):
    archive = _zip({"export/Account.csv": b"Id,Name\n", "__MACOSX/._Account.csv": b"x", "readme.txt": b"hi"})
    assert extract_csvs(archive, tmp_path) == ["Account.csv"]
    assert (tmp_path / "Account.csv").read_bytes() == b"Id,Name\n"


@pytest.mark.parametrize("members, limit, message", [
    ({"Account.csv": b"0" * 5_000_000}, 10**9, "zip bomb"),  # compresses about a thousand times
    ({"Account.csv": b"Id,Name\n" * 1000}, 100, "at most 100 are accepted"),  # over the size budget
    ({"a/Account.csv": b"Id\n", "b/Account.csv": b"Id\n"}, 10**9, "two files named Account.csv"),
    ({"notes.txt": b"hello"}, 10**9, "no CSV file"),
])
def test_a_dangerous_or_useless_zip_is_refused_before_extraction(tmp_path, members, limit, message):
    with pytest.raises(Invalid, match=message):
        extract_csvs(_zip(members), tmp_path, max_total=limit)
    assert list(tmp_path.iterdir()) == []


def test_something_that_is_not_a_zip_is_refused(tmp_path):
    with pytest.raises(Invalid, match="not a zip file"):
        extract_csvs(io.BytesIO(b"Id,Name\n"), tmp_path)


def test_a_quote_never_closed_in_a_big_file_stops_at_the_field_limit_not_at_the_end(tmp_path):
    path = tmp_path / "Contact.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write('Id,Description\n003a,"never closed\n')
        out.write(("x" * 1000 + "\n") * 5000)  # 5 MB that the open quote would swallow
    with pytest.raises(FileProblem) as caught:
        list(CsvFile(path).rows())
    assert caught.value.line == 2 and "field larger than field limit" in str(caught.value)
