"""The pure parts of records: sort keys and list filters, no database."""
import pytest

from graphcrm.errors import Invalid
from graphcrm.model import Label
from graphcrm.records.crud import filter_params, public, sort_key


@pytest.mark.parametrize("label, props, key", [
    (Label.PERSON, {"first_name": "Anna", "last_name": "Keller"}, "keller anna"),   # last name first
    (Label.PERSON, {"last_name": "Keller"}, "keller"),                              # no first name
    (Label.PERSON, {"first_name": None, "last_name": "Keller"}, "keller"),          # a cleared first name
    (Label.PERSON, {"first_name": "Ämil", "last_name": "ÖZ"}, "oz amil"),           # folded: Ö with O, Ä with A
    (Label.ACCOUNT, {"name": "Straße  Ølund Œuvre"}, "strasse olund oeuvre"),       # ß, ø, œ as their letters
    (Label.ACCOUNT, {"name": "  ACME AG "}, "acme ag"),                             # trimmed
    (Label.USER, {"name": "Erika Muster"}, "erika muster"),                         # users by name
    (Label.CAMPAIGN, {}, ""),                                                       # nothing to sort by
])
def test_sort_key(label, props, key):
    assert sort_key(label, props) == key


def test_public_drops_internal_properties():
    assert public({"id": "1", "sort_key": "k", "password_hash": "h", "_lock": True}) == {"id": "1"}
    assert public(None) is None


def test_filter_params_fill_every_parameter_and_split_q_into_words():
    params = filter_params(Label.PERSON, {"q": " Anna  KELLER ", "status": "active"})
    assert params == {"sf_id": None, "account": None, "owner": None, "status": "active", "type": None,
                      "stage": None, "role": None, "words": ["anna", "keller"]}


@pytest.mark.parametrize("label, filters, field", [
    (Label.PERSON, {"status": "dead"}, "status"),           # not a status
    (Label.ACCOUNT, {"status": "active"}, "status"),        # accounts have none
    (Label.CAMPAIGN, {"owner": "u1"}, "owner"),             # campaigns have no owner
    (Label.OPPORTUNITY, {"stage": "won"}, "stage"),         # stages are spelled exactly
    (Label.PERSON, {"q": "x" * 201}, "q"),                  # too long
])
def test_filter_params_refuse_filters_that_do_not_fit(label, filters, field):
    with pytest.raises(Invalid) as err:
        filter_params(label, filters)
    assert field in err.value.fields
