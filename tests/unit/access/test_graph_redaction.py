"""Redaction of graph results: hop texts with marks, opaque ids of hidden people, hover cards."""
from __future__ import annotations

from graphcrm.access import redaction
from graphcrm.access.policy import Access
from graphcrm.graph.explain import MARK, said

ANNA, PETER = "4:db:1", "4:db:2"


def mark(eid: str) -> str:
    return f"{MARK}{eid}{MARK}"


def test_a_text_about_a_hidden_person_uses_its_discreet_variant_and_their_anonymous_label():
    text = said(f"{mark(ANNA)} works at ACME as CEO since 2019", f"{mark(ANNA)} works at ACME since 2019")
    names = {ANNA: "someone at ACME"}
    assert redaction.finish_text(text, names, {ANNA}) == "someone at ACME works at ACME since 2019"
    assert redaction.finish_text(text, {ANNA: "Anna Keller"}, set()) == "Anna Keller works at ACME as CEO since 2019"


def test_a_text_naming_only_visible_people_keeps_its_details():
    text = said(f"{mark(PETER)} and {mark(ANNA)} work together at ACME (both in Sales)",
                f"{mark(PETER)} and {mark(ANNA)} work together at ACME")
    names = {PETER: "Peter Frei", ANNA: "Anna Keller"}
    assert redaction.finish_text(text, names, set()).endswith("(both in Sales)")
    assert (redaction.finish_text(text, {**names, ANNA: "someone"}, {ANNA})
            == "Peter Frei and someone work together at ACME")


def test_hidden_ids_are_opaque_stable_for_one_viewer_and_differ_between_viewers():
    rita = redaction.Redactor(Access("rita", "rep", frozenset({"rita"}), "private"))
    otto = redaction.Redactor(Access("otto", "rep", frozenset({"otto"}), "private"))
    token = rita.token("person-1")
    assert token.startswith("hidden:") and "person-1" not in token
    assert token == rita.token("person-1") != rita.token("person-2")
    assert token != otto.token("person-1")


def test_only_private_sharing_hides_people_from_outside_the_team():
    private = redaction.Redactor(Access("rita", "rep", frozenset({"rita"}), "private"))
    assert private.hides("person", "otto") and not private.hides("person", "rita")
    assert not private.hides("person", None) and not private.hides("account", "otto")
    assert not redaction.Redactor(Access("rita", "rep", frozenset({"rita"}), "read")).hides("person", "otto")
    assert not redaction.Redactor(Access("ada", "admin", frozenset({"ada"}), "private")).hides("person", "otto")
    assert redaction.anonymous_label(None) == "someone"


def test_cards_lose_sensitive_fields_the_viewer_may_not_see():
    rep = redaction.Redactor(Access("rita", "rep", frozenset({"rita"}), "read"))
    card = {"title": "CFO", "birthdate": "1977-03-14", "mobile": "+41", "interests": ["ski"]}
    assert rep.card("person", "p1", "otto", card) == {"title": "CFO"}
    assert rep.card("person", "p1", "rita", card) == card
    user = {"email": "o@example.ch", "phone": "+41", "start_date": "2019-01-01", "birthdate": "1980-01-01"}
    assert rep.card("user", "otto", None, user) == {"email": "o@example.ch"}
    assert rep.card("user", "rita", None, user) == user
    assert redaction.Redactor(Access.system()).card("person", "p1", "otto", card) == card
