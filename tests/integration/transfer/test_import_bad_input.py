"""Bad Salesforce exports: each problem is named with file and line, and nothing is written."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphcrm.cli import main
from graphcrm.transfer.salesforce.importer import import_salesforce
from graphcrm.transfer.salesforce.sfids import to18

USER, ACME, ANNA, OTHER = to18("0055g000000Xu01"), to18("0015g000000Kb01"), to18("0035g000000Mh01"), \
    to18("0015g000000Kb99")
GOOD = {
    "User.csv": f'Id,Name,Email\n{USER},Sandra Meier,sandra@example.ch\n',
    "Account.csv": f'Id,Name,OwnerId\n{ACME},ACME AG,{USER}\n',
    "Contact.csv": f'Id,LastName,AccountId,OwnerId,Birthdate\n{ANNA},Keller,{ACME},{USER},1980-04-12\n',
    "Task.csv": f'Id,WhoId,Subject,ActivityDate,OwnerId\n{to18("00T5g000000Tk01")},{ANNA},Call,2026-02-10,{USER}\n',
}


def folder(tmp_path, **files):
    """Write the good export with some files replaced (str or bytes; None drops a file)."""
    target = tmp_path / "export"
    target.mkdir()
    for name, body in {**GOOD, **files}.items():
        if body is not None:
            (target / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return target


def nodes(db) -> int:
    return db.run_raw("MATCH (n) RETURN count(n) AS n")[0]["n"]


CASES = [
    # a file that is not CSV at all
    ({"Account.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
     "Account.csv: is not a CSV file"),
    # a quote opened in the row of line 3 and never closed
    ({"Contact.csv": GOOD["Contact.csv"] + f'{to18("0035g000000Mh02")},"Brunner,{ACME},{USER},\n'},
     "Contact.csv line 3: broken CSV quoting"),
    # an empty file
    ({"Account.csv": b""}, "Account.csv: the file is empty"),
    # a header that is no Salesforce export
    ({"Account.csv": "name;city\nACME;Basel\n"}, "Account.csv line 1: has no Id column"),
]
REJECTIONS = [
    # the same record twice: once by its 15-, once by its 18-character id
    ({"Account.csv": GOOD["Account.csv"] + f"{ACME[:15]},ACME again,{USER}\n"},
     "Account.csv line 3: rejected: Id: duplicate " + ACME + " (first at line 2)"),
    # a task id twice (objects nobody refers to are checked by hashing)
    ({"Task.csv": GOOD["Task.csv"] + GOOD["Task.csv"].splitlines()[1] + "\n"},
     f"Task.csv line 3: rejected: Id: duplicate {to18('00T5g000000Tk01')} (first at line 2)"),
    # a reference to an account that is in no file and not in the database
    ({"Contact.csv": GOOD["Contact.csv"].replace(ACME, OTHER)},
     (f"Contact.csv line 2: rejected: AccountId: {OTHER} is an Account in no file of this export and not in "
     "the database")),
    # a date in another format, and a day that does not exist
    ({"Contact.csv": GOOD["Contact.csv"].replace("1980-04-12", "12.04.1980")},
     "Contact.csv line 2: rejected: Birthdate: bad date '12.04.1980' (must be YYYY-MM-DD)"),
    ({"Contact.csv": GOOD["Contact.csv"].replace("1980-04-12", "1980-13-45")},
     "Contact.csv line 2: rejected: Birthdate: bad date '1980-13-45' (no such day)"),
    # a datetime that is no ISO 8601
    ({"Task.csv": GOOD["Task.csv"].replace("ActivityDate,", "CompletedDateTime,")
                                  .replace("2026-02-10", "10/02/2026 14:30")},
     "Task.csv line 2: rejected: CompletedDateTime: bad date-time '10/02/2026 14:30'"),
    # a row without Id
    ({"Contact.csv": GOOD["Contact.csv"].replace(ANNA, "")}, "Contact.csv line 2: rejected: Id: missing"),
    # an id that is no Salesforce id, and a bad checksum
    ({"Contact.csv": GOOD["Contact.csv"].replace(ANNA, "003-not-an-id")},
     "Contact.csv line 2: rejected: Id: '003-not-an-id' is not a Salesforce id"),
    ({"Contact.csv": GOOD["Contact.csv"].replace(ANNA, ANNA[:15] + "ZZZ")}, "do not match"),
    # a contact rejected above makes the task about it rejected too
    ({"Contact.csv": GOOD["Contact.csv"].replace("Keller", "")},
     f"Task.csv line 2: rejected: WhoId: {ANNA} names a Contact rejected at line 2 of its file"),
]


@pytest.mark.parametrize("files, message", CASES)
def test_an_unreadable_file_stops_the_import_with_its_name_and_line(db, tmp_path, files, message):
    report = import_salesforce(db, folder(tmp_path, **files))
    assert not report.ok and report.fatal is not None and message in report.fatal, report.fatal
    assert message in report.summary()
    assert nodes(db) == 0


@pytest.mark.parametrize("files, message", REJECTIONS)
def test_a_bad_row_is_rejected_with_file_line_and_reason_and_nothing_is_written(db, tmp_path, files, message):
    target = folder(tmp_path, **files)
    report = import_salesforce(db, target)
    assert report.rejected >= 1 and any(message in line for line in report.shown), report.shown
    assert nodes(db) == 0
    assert message in (target / "import-report.txt").read_text(encoding="utf-8")
    assert "Nothing was written" in report.outcome()


def test_a_missing_folder_is_named_and_nothing_is_written(db, tmp_path):
    report = import_salesforce(db, tmp_path / "nowhere")
    assert report.fatal == f"{tmp_path / 'nowhere'}: no such folder"
    assert nodes(db) == 0


def test_a_folder_without_export_files_says_which_files_it_expects(db, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    report = import_salesforce(db, tmp_path)
    assert "holds no Salesforce export CSV (expected any of Account.csv" in report.fatal.replace("User.csv, ", "")


def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(db, tmp_path):
    brunner = to18("0035g000000Mh02")
    contacts = GOOD["Contact.csv"] + f"{brunner},Brunner,{OTHER},{USER},\n"
    report = import_salesforce(db, folder(tmp_path, **{"Contact.csv": contacts}), skip_invalid=True)
    assert report.rejected == 1 and not report.ok and report.written
    assert [r["n"] for r in db.run_raw("MATCH (p:Person) RETURN p.last_name AS n")] == ["Keller"]
    assert "The valid rows were written; 1 rejected row(s) were left out." in report.summary()


def test_a_dry_run_checks_everything_and_writes_nothing(db, tmp_path):
    report = import_salesforce(db, folder(tmp_path), dry_run=True)
    assert report.ok and not report.written and nodes(db) == 0
    assert "Dry run: nothing was written. Every row is valid." in report.summary()


def test_references_to_records_imported_before_are_accepted(db, tmp_path):
    first = folder(tmp_path, **{"Contact.csv": None, "Task.csv": None})
    assert import_salesforce(db, first).ok
    later = tmp_path / "later"
    later.mkdir()
    (later / "Contact.csv").write_text(GOOD["Contact.csv"], encoding="utf-8")
    report = import_salesforce(db, later)
    assert report.ok, report.shown
    assert db.run_raw("MATCH (:Account)-[e:EMPLOYS]->(p:Person) RETURN e.primary AS primary")[0]["primary"] is True


def test_the_cli_exits_0_on_success_and_1_when_rows_are_rejected(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", db.uri)
    runner = CliRunner()
    good = runner.invoke(main, ["import", "salesforce", str(folder(tmp_path))])
    assert good.exit_code == 0, good.output
    assert "Every row was imported." in good.output and "Report: " in good.output
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "Contact.csv").write_text(GOOD["Contact.csv"].replace(ACME, OTHER), encoding="utf-8")
    bad = runner.invoke(main, ["import", "salesforce", str(bad_dir)])
    assert bad.exit_code == 1 and "Contact.csv line 2: rejected: AccountId" in bad.output
    assert (bad_dir / "import-report.txt").exists()
    dry = runner.invoke(main, ["import", "salesforce", "--dry-run", str(bad_dir)])
    assert dry.exit_code == 1 and "Dry run" in dry.output
    skipped = runner.invoke(main, ["import", "salesforce", "--skip-invalid", str(bad_dir)])
    assert skipped.exit_code == 1
    missing = runner.invoke(main, ["import", "salesforce", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no such folder" in missing.output
