"""Reads that may be seconds old: what many pages show and few change (the owner picker)."""
from __future__ import annotations

from graphcrm.contacts.people import owner_choices
from graphcrm.store.db import Database


def _user(db, name: str, **extra) -> None:
    db.run_raw("CREATE (:User {id: $id, name: $name, email: $id + '@example.ch', role: 'rep', active: true})",
               id=name.lower(), name=name, **extra)


def test_a_recent_read_is_kept_for_its_seconds_and_forgotten_on_a_write(db):
    _user(db, "Anna")
    first = db.read_recent("people/owner_choices", 60, cap=10)
    assert [r["user"]["name"] for r in first] == ["Anna"]
    first[0]["user"]["name"] = "changed by a caller"  # a caller's copy: the kept rows stay as read
    # Another app process adds a user: this one sees it only after the seconds are up.
    other = Database(db.uri, None)
    try:
        other.run_raw("CREATE (:User {id: 'ben', name: 'Ben', email: 'ben@example.ch', role: 'rep'})")
    finally:
        other.close()
    assert [r["user"]["name"] for r in db.read_recent("people/owner_choices", 60, cap=10)] == ["Anna"]
    assert len(db.read_recent("people/owner_choices", 0, cap=10)) == 2
    # A write through this process's handle forgets what it kept: its own changes show at once.
    db.read_recent("people/owner_choices", 60, cap=10)
    db.run_raw("MATCH (u:User {id: 'ben'}) SET u.active = false")
    assert [r["user"]["name"] for r in db.read_recent("people/owner_choices", 60, cap=10)] == ["Anna"]


def test_owner_choices_count_people_and_accounts_apart(db):
    _user(db, "Anna")
    db.run_raw("MATCH (u:User {id: 'anna'}) "
               "CREATE (u)-[:OWNS]->(:Person {id: 'p1'}), (u)-[:OWNS]->(:Person {id: 'p2'}), "
               "(u)-[:OWNS]->(:Account {id: 'a1'})")
    [anna] = owner_choices(db)
    assert (anna["people"], anna["accounts"]) == (2, 1)
