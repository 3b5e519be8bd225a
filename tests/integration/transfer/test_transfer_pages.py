"""The import page (admins only, zip bombs refused), vCard downloads and CSV downloads of lists."""
from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile

import pytest

from graphcrm.access.policy import Access
from graphcrm.access.users import create_user
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.transfer import jobs
from tests.support.sfexport import FIXTURE

PASSWORD = "correct horse battery"


class Session:
    """A signed-in test client that sends the session's CSRF token with its forms."""

    def __init__(self, client, user):
        self.client, self.user = client, user

    def post(self, path, data):
        html = self.client.get("/admin/import").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
        return self.client.post(path, data={"csrf_token": token, **data}, content_type="multipart/form-data")


def sign_in(db, client, role: str) -> Session:
    user = create_user(db, email=f"{role}@example.ch", name=f"{role.title()} User", role=role, password=PASSWORD)
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/login", data={"email": user["email"], "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    return Session(client, user)


def fixture_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(FIXTURE.iterdir()):
            zf.write(path, f"export/{path.name}")  # a folder inside the zip, as people zip them
    return buffer.getvalue()


def finished(session: Session, resp) -> str:
    """Follow an upload's redirect to its job page until the import has ended; return that page."""
    assert resp.status_code == 303, resp.get_data(as_text=True)
    page = resp.headers["Location"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        html = session.client.get(page).get_data(as_text=True)
        if 'data-state="running"' not in html:
            return html
        assert 'http-equiv="refresh"' in html  # the running page follows itself
        time.sleep(0.1)
    raise AssertionError(f"the import at {page} did not end within 60 s")


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def count(db, label: str) -> int:
    return db.run_raw(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]


def test_an_admin_uploads_an_export_and_sees_the_report(db, client):
    admin = sign_in(db, client, "admin")
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "salesforce.zip")})
    html = finished(admin, resp)
    assert 'data-state="done"' in html and "salesforce.zip" in html
    assert "Every row was imported." in html and "Contact.csv (Contact, Windows-1252/ISO-8859-1)" in html
    assert "Opportunity stages of the org that are added to its list: Discovery" in html
    assert count(db, "Person") == 9 and count(db, "Activity") == 9  # 8 contacts and a lead


def test_a_dry_run_from_the_web_writes_nothing(db, client):
    admin = sign_in(db, client, "admin")
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "x.zip"), "dry_run": "1"})
    assert "Dry run: nothing was written. Every row is valid." in finished(admin, resp)
    assert count(db, "Person") == 0


def test_the_full_report_of_a_web_import_can_be_downloaded(db, client):
    admin = sign_in(db, client, "admin")
    rows = "".join(f"001000000000{i:03d},\r\n" for i in range(250))  # no Name: every row rejected
    upload = zip_of({"Account.csv": "Id,Name\r\n" + rows})
    html = finished(admin, admin.post("/admin/import", {"archive": (io.BytesIO(upload), "bad.zip")}))
    assert 'data-state="done"' in html and "250 rejected" in html and "… and 50 more in the full report." in html
    link = re.search(r'href="(/admin/import/[0-9a-f]{32}/report\.txt)"', html).group(1)
    report = client.get(link)
    text = report.get_data(as_text=True)
    report.close()  # a sent file stays open until the response is closed
    assert report.status_code == 200 and report.mimetype == "text/plain"
    assert "Account.csv line 2:" in text and "Account.csv line 251:" in text
    assert count(db, "Account") == 0


def hold_the_import_slot(db, job_id: str = "cd" * 16):
    """Act as a running import on some app server: hold the one import slot, heartbeat fresh."""
    claim = db.write_one("imports/claim", job=job_id, stale_s=jobs.STALE_S)
    assert not claim["busy"]
    return job_id


def fake_job(db, state: dict, *, alive: bool) -> str:
    """A job as an app server saved it; `alive`: its thread beat a moment ago, else minutes ago."""
    job_id = "ab" * 16
    body = {"id": job_id, "source": "big <export>.zip", "mode": "all or nothing",
            "started_at": "2026-11-28T10:00:00+00:00", "by": "u", **state}
    db.run_raw("CREATE (:ImportJob {id: $id, state: $state, created_at: datetime(), "
               "heartbeat_at: datetime() - duration({seconds: $ago})})",
               id=job_id, state=json.dumps(body), ago=0 if alive else 600)
    return job_id


def test_a_second_import_waits_for_the_running_one(app, db, client):
    admin = sign_in(db, client, "admin")
    hold_the_import_slot(db)
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "x.zip")})
    assert resp.status_code == 409 and "Another import is running" in resp.get_data(as_text=True)
    assert count(db, "Person") == 0
    assert not any(p.is_dir() for p in jobs.work_dir(app.config["GRAPHCRM_HOME"]).iterdir())
    # A slot whose import went silent (its server died) is taken over.
    db.run_raw("MATCH (l:ImportLock) SET l.heartbeat_at = datetime() - duration({minutes: 5})")
    assert finished(admin, admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "x.zip")}))


def test_a_running_import_shows_its_progress_escaped(app, db, client):
    sign_in(db, client, "admin")
    job_id = fake_job(db, {"state": "running", "files": {
        "Task.csv": {"phase": "write", "done": 250, "total": 1000}}}, alive=True)
    html = client.get(f"/admin/import/{job_id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' in html and "big &lt;export&gt;.zip" in html
    assert 'progress max="1000" value="250"' in html and "25 %" in html and "writing" in html
    assert 'name="archive"' not in html  # no second upload while one runs


def test_an_import_whose_process_died_is_shown_interrupted(app, db, client):
    sign_in(db, client, "admin")
    job_id = fake_job(db, {"state": "running", "files": {}}, alive=False)  # its thread fell silent
    html = client.get(f"/admin/import/{job_id}").get_data(as_text=True)
    assert 'data-state="interrupted"' in html and "importing the same export again finishes the job" in html
    assert 'http-equiv="refresh"' not in html


@pytest.mark.parametrize("path", ["/admin/import/" + "0" * 32, "/admin/import/../../etc",
                                  "/admin/import/" + "0" * 32 + "/report.txt"])
def test_an_unknown_import_is_a_404(db, client, path):
    sign_in(db, client, "admin")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("role", ["rep", "manager", "viewer"])
def test_only_admins_may_import(db, client, role):
    someone = sign_in(db, client, role)
    assert client.get("/admin/import").status_code == 403
    resp = someone.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "x.zip")})
    assert resp.status_code == 403 and count(db, "Person") == 0
    assert client.get("/admin/import/" + "0" * 32).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    resp = client.get("/admin/import")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_a_zip_bomb_is_refused_before_anything_is_extracted(db, client):
    admin = sign_in(db, client, "admin")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("Account.csv", b"Id,Name\n" + b"0" * (64 * 1024 ** 2))
    assert len(buffer.getvalue()) < 200_000  # 64 MB that travel as a few dozen kilobytes
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(buffer.getvalue()), "bomb.zip")})
    assert resp.status_code == 422 and "zip bomb" in resp.get_data(as_text=True)
    assert count(db, "Account") == 0


def test_an_upload_that_is_not_a_zip_is_refused(db, client):
    admin = sign_in(db, client, "admin")
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(b"Id,Name\n"), "Account.csv")})
    assert resp.status_code == 422 and "not a zip file" in resp.get_data(as_text=True)


def test_a_vcard_escapes_text_and_hides_sensitive_fields_from_reps(db, client):
    person = records.create(db, Label.PERSON, {
        "first_name": "Renée", "last_name": "O'Neil", "title": "Head of IT, Infrastructure; Security",
        "email": "renee@example.ch", "phone": "+41 44 123 45 67", "mobile": "+41 79 555 12 34",
        "birthdate": "1980-04-12", "street": "Seestrasse 1\nPostfach", "city": "Zürich",
        "country": "CH"}, access=Access.system())
    sign_in(db, client, "rep")
    resp = client.get(f"/people/{person['id']}.vcf")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/vcard"
    assert body.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and body.endswith("END:VCARD\r\n")
    assert "FN:Renée O'Neil\r\n" in body and "N:O'Neil;Renée;;;\r\n" in body
    assert "TITLE:Head of IT\\, Infrastructure\\; Security\r\n" in body
    assert "ADR;TYPE=work:;;Seestrasse 1\\nPostfach;Zürich;;;CH\r\n" in body
    assert 'TEL;VALUE=uri;TYPE="work,voice":tel:+41441234567' in body
    assert "cell" not in body and "BDAY" not in body  # sensitive: not for a rep
    assert f"UID:urn:uuid:{person['id']}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_an_admin_gets_the_sensitive_fields_in_the_vcard(db, client):
    person = records.create(db, Label.PERSON, {"last_name": "Keller", "mobile": "+41 79 555 12 34",
                                               "birthdate": "1980-04-12"}, access=Access.system())
    sign_in(db, client, "admin")
    body = client.get(f"/people/{person['id']}.vcf").get_data(as_text=True)
    assert 'TYPE="cell,voice":tel:+41795551234' in body and "BDAY:19800412" in body


def test_a_list_downloads_as_csv_page_by_page_with_formulas_defused(db, client, monkeypatch):
    monkeypatch.setattr(records, "EXPORT_PAGE", 2)  # several pages from five people
    for name in ("Amsler", "Brunner", "Candrian", "=HYPERLINK(\"http://evil\")", "-Dach"):
        records.create(db, Label.PERSON, {"last_name": name, "birthdate": "1980-01-01"}, access=Access.system())
    sign_in(db, client, "rep")
    resp = client.get("/export/people.csv?header=keys")  # as a script reads it; people get labels
    text = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/csv" and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert sorted(r["last_name"] for r in rows) == ["'-Dach", "'=HYPERLINK(\"http://evil\")", "Amsler",
                                                    "Brunner", "Candrian"]
    # Sensitive: a rep sees it for people of their own only, and nobody owns these.
    assert all(r["birthdate"] == "" for r in rows) and "1980" not in text
    assert client.get("/export/nothing.csv").status_code == 422


def test_the_web_import_takes_a_mapping_file_and_the_orgs_country(db, client):
    admin = sign_in(db, client, "admin")
    mapping = b'[Contact]\nAssistantPhone = "mobile"\n'
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "salesforce.zip"),
                                        "mapping": (io.BytesIO(mapping), "mapping.toml"), "country": "Schweiz"})
    html = finished(admin, resp)
    assert 'data-state="done"' in html and "Every row was imported." in html


@pytest.mark.parametrize("fields, says", [
    ({"mapping": (io.BytesIO(b'[Contact]\nFoo__c = "shoe_size"\n'), "mapping.toml")}, "mapping.toml"),
    ({"country": "Atlantis"}, "is not a country"),
])
def test_a_web_import_with_a_bad_mapping_or_country_is_refused_and_starts_nothing(db, client, fields, says):
    admin = sign_in(db, client, "admin")
    resp = admin.post("/admin/import", {"archive": (io.BytesIO(fixture_zip()), "salesforce.zip"), **fields})
    assert resp.status_code == 422 and says in resp.get_data(as_text=True)
    assert count(db, "Person") == 0
