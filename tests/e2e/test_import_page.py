"""An admin imports a Salesforce export zip in a real Chromium: the page follows the background import."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graphcrm.access.users import create_user

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.e2e
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "salesforce"


def test_an_admin_uploads_an_export_and_the_page_follows_it_to_the_report(db, browser_page, tmp_path):
    admin = create_user(db, email="admin@example.ch", name="Ada Admin", role="admin", password=PASSWORD)
    archive = tmp_path / "salesforce export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(FIXTURE.iterdir()):
            zf.write(path, path.name)
    page = browser_page
    sign_in(page, page.base_url, admin["email"])

    page.goto(f"{page.base_url}/admin/import")
    page.set_input_files("#import-archive", str(archive))
    page.click("button:has-text('Check and import')")
    page.wait_for_url(f"{page.base_url}/admin/import/*")
    # The running page reloads itself every two seconds until the import has ended.
    page.wait_for_selector('section.import-job[data-state="done"]', timeout=60_000)
    assert "Every row was imported." in page.inner_text(".report-summary")
    assert page.inner_text("#job-title").startswith("salesforce export.zip")

    with page.expect_download() as download:
        page.click("text=Download the full report")
    assert download.value.suggested_filename == "import-report.txt"
    assert "Contact.csv" in download.value.path().read_text(encoding="utf-8")
    assert db.run_raw("MATCH (p:Person) RETURN count(p) AS n")[0]["n"] == 9  # 8 contacts and a lead
