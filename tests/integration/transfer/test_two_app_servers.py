"""Two app servers on one Neo4j behave as one: an import started on one is followed on the other, and
failed sign-ins spread over both still throttle. Each app has a home of its own (no shared disk)."""
from __future__ import annotations

import io
import re
import time

import pytest

from graphcrm.access.users import create_user
from tests.integration.transfer.test_transfer_pages import fixture_zip, zip_of
from tests.support.apps import build_app
from tests.support.pages import login_token

PASSWORD = "correct horse battery"


@pytest.fixture
def two_apps(db, tmp_path):
    first = build_app(db, tmp_path / "a")
    second = build_app(db, tmp_path / "b")
    yield next(first), next(second)
    for gen in (first, second):
        next(gen, None)


def _signed_in(client, email):
    form = {"email": email, "password": PASSWORD, "csrf_token": login_token(client)}
    assert client.post("/login", data=form).status_code == 302
    return client


def _csrf(client) -> str:
    html = client.get("/admin/import").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_an_import_started_on_one_server_is_followed_on_the_other(db, two_apps):
    one, other = two_apps
    create_user(db, email="ada@example.ch", name="Ada Admin", role="admin", password=PASSWORD)
    here, there = _signed_in(one.test_client(), "ada@example.ch"), _signed_in(other.test_client(), "ada@example.ch")
    rows = "".join(f"001000000000{i:03d},\r\n" for i in range(30))  # no Name: every row rejected
    started = here.post("/admin/import", data={"csrf_token": _csrf(here), "archive": (
        io.BytesIO(zip_of({"Account.csv": "Id,Name\r\n" + rows})), "bad.zip")}, content_type="multipart/form-data")
    assert started.status_code == 303
    page = started.headers["Location"]
    deadline = time.monotonic() + 60
    html = there.get(page).get_data(as_text=True)
    while 'data-state="running"' in html and time.monotonic() < deadline:
        time.sleep(0.1)
        html = there.get(page).get_data(as_text=True)
    assert 'data-state="done"' in html and "30 rejected" in html
    report = there.get(page + "/report.txt")
    assert report.status_code == 200 and "Account.csv line 31:" in report.get_data(as_text=True)
    # While the slot is held on one server, the other refuses a second import.
    db.write_one("imports/claim", job="ef" * 16, stale_s=30)
    busy = there.post("/admin/import", data={"csrf_token": _csrf(there), "archive": (
        io.BytesIO(fixture_zip()), "x.zip")}, content_type="multipart/form-data")
    assert busy.status_code == 409


def test_failed_sign_ins_spread_over_both_servers_still_throttle(db, two_apps):
    one, other = two_apps
    create_user(db, email="rita@example.ch", name="Rita Rep", role="rep", password=PASSWORD)
    clients = [one.test_client(), other.test_client()]
    for attempt in range(5):
        client = clients[attempt % 2]
        form = {"email": "rita@example.ch", "password": "wrong", "csrf_token": login_token(client)}
        assert client.post("/login", data=form).status_code == 401
    for client in clients:  # even the right password waits now, on either server
        form = {"email": "rita@example.ch", "password": PASSWORD, "csrf_token": login_token(client)}
        assert client.post("/login", data=form).status_code == 429
