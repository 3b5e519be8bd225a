"""The one access policy: roles, teams, sensitive fields and sharing."""
from graphcrm.access.policy import Access

BOSS, REP, OTHER = "u-boss", "u-rep", "u-other"
PERSON = {"id": "p1", "first_name": "Anna", "birthdate": "1980-01-02", "mobile": "+41 79 000 00 00",
          "interests": ["ski"], "email": "anna@example.ch"}


def manager():
    return Access(user_id=BOSS, role="manager", team=frozenset({BOSS, REP}))


def rep(sharing="read"):
    return Access(user_id=REP, role="rep", team=frozenset({REP}), sharing=sharing)


def test_a_manager_sees_the_sensitive_fields_of_people_their_team_owns():
    assert manager().person(PERSON, owner_id=REP)["birthdate"] == "1980-01-02"


def test_a_rep_does_not_see_sensitive_fields_of_a_colleagues_contact():
    shown = rep().person(PERSON, owner_id=OTHER)
    assert {"birthdate", "mobile", "interests"}.isdisjoint(shown) and shown["email"] == PERSON["email"]


def test_a_rep_does_not_see_their_managers_employee_data_but_the_manager_sees_theirs():
    boss_record = {"id": BOSS, "name": "Boss", "birthdate": "1970-01-01", "phone": "+41 44 000 00 00"}
    rep_record = {"id": REP, "name": "Rep", "birthdate": "1990-01-01"}
    assert "birthdate" not in rep().user(boss_record)
    assert manager().user(rep_record)["birthdate"] == "1990-01-01"


def test_reps_edit_what_they_own_or_nobody_owns_and_viewers_edit_nothing():
    assert rep().may_edit(REP) and rep().may_edit(None) and not rep().may_edit(OTHER)
    assert manager().may_edit(REP) and not manager().may_edit(OTHER)
    assert not Access(user_id="v", role="viewer", team=frozenset({"v"})).may_edit("v")
    assert Access(user_id="a", role="admin").may_edit(OTHER)


def test_private_sharing_hides_people_owned_outside_the_team():
    assert rep("read").sees_person(OTHER)
    assert not rep("private").sees_person(OTHER)
    assert rep("private").sees_person(REP) and rep("private").sees_person(None)
    assert Access(user_id="a", role="admin", sharing="private").sees_person(OTHER)


def test_cypher_parameters_say_whether_to_filter_and_by_which_team():
    assert rep("read").cypher_params()["see_all"] is True
    assert rep("private").cypher_params() == {"see_all": False, "team": [REP]}
