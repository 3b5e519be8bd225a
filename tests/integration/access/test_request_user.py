"""What every request reads about its user: the user and their team in one round trip, never stale."""
from __future__ import annotations

import pytest

from graphcrm.access.policy import Access
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from graphcrm.store import db as store_db
from tests.support.apps import make_api, open_session


@pytest.fixture
def statements(monkeypatch):
    """The names of the statements run from now on."""
    seen: list[str] = []
    note = store_db.shapes.note

    def record(name, names, params):
        seen.append(name)
        note(name, names, params)

    monkeypatch.setattr(store_db.shapes, "note", record)
    return seen


def _reports_to(db, member: dict, boss: dict) -> None:
    relationships.link(db, {"type": "REPORTS_TO", "from": member["id"], "to": boss["id"], "properties": {}},
                       access=Access.system())


@pytest.mark.parametrize("via", ["token", "session"])
def test_the_user_and_their_team_come_in_one_round_trip(app, db, statements, via):
    boss = make_api(db, app.test_client(), "manager", email="boss@example.ch")
    rep = make_api(db, app.test_client(), "rep", email="rita@example.ch")
    _reports_to(db, rep.user, boss.user)
    client = app.test_client()
    if via == "session":
        open_session(db, client, boss.user)
        get = client.get
    else:
        def get(path):
            return client.get(path, headers={"Authorization": f"Bearer {boss.token}"})
    statements.clear()
    resp = get("/api/v1/me")
    assert resp.status_code == 200 and resp.get_json()["id"] == boss.user["id"]
    assert "users/team" not in statements
    assert statements[0] in ("users/by_token", "sessions/user")
    assert statements.count(statements[0]) == 1


def test_a_new_report_counts_on_the_managers_next_request(app, db):
    boss = make_api(db, app.test_client(), "manager", email="boss@example.ch")
    rep = make_api(db, app.test_client(), "rep", email="rita@example.ch")
    pid = records.create(db, Label.PERSON, {"first_name": "Anna", "last_name": "Keller", "mobile": "+41 79 123 45 67"},
                         access=Access.system())["id"]
    relationships.link(db, {"type": "OWNS", "from": rep.user["id"], "to": pid, "properties": {}},
                       access=Access.system())
    assert rep.get(f"/people/{pid}").get_json()["mobile"]
    # Not on the team yet: the manager does not see the rep's contact's sensitive field.
    assert "mobile" not in boss.get(f"/people/{pid}").get_json()
    _reports_to(db, rep.user, boss.user)
    assert boss.get(f"/people/{pid}").get_json().get("mobile")
