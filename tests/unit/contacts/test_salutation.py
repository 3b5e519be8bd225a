"""Letter salutations follow the contact's language and the owner's du/Sie."""
import pytest

from graphcrm.contacts.salutation import gender_of, letter_salutation

ANNA = {"first_name": "Anna", "last_name": "Keller", "salutation": "Frau"}
PETER = {"first_name": "Peter", "last_name": "Frei", "salutation": "Herr"}


@pytest.mark.parametrize(("person", "language", "address", "expected"), [
    (ANNA, "de", "du", "Liebe Anna"),
    (PETER, "de", "du", "Lieber Peter"),
    (ANNA, "de", "sie", "Sehr geehrte Frau Keller"),
    (PETER, "de", "sie", "Sehr geehrter Herr Frei"),
    (ANNA, "en", "sie", "Dear Ms Keller"),
    (ANNA, "en", "du", "Dear Anna"),
    (ANNA, "fr", "sie", "Bonjour Madame Keller"),
    (PETER, "fr", "du", "Cher Peter"),
    (ANNA, "it", "sie", "Gentile Signora Keller"),
    # an unknown address form is treated as Sie, the safe choice in business letters
    (ANNA, "de", None, "Sehr geehrte Frau Keller"),
    # a language we do not write in falls back to German
    (ANNA, "pt", "sie", "Sehr geehrte Frau Keller"),
    # no known gender: no guess, a neutral greeting
    ({"first_name": "Kim", "last_name": "Meier"}, "de", "sie", "Guten Tag Kim Meier"),
    ({"first_name": "Kim", "last_name": "Meier"}, "de", "du", "Hallo Kim"),
    # du without a first name cannot be informal
    ({"last_name": "Meier", "salutation": "Herr"}, "de", "du", "Sehr geehrter Herr Meier"),
])
def test_letter_salutation(person, language, address, expected):
    assert letter_salutation({**person, "language": language}, address) == expected


@pytest.mark.parametrize(("salutation", "gender"), [
    ("Herr", "m"), ("Mr.", "m"), ("Monsieur", "m"), ("Frau", "f"), ("Mrs", "f"), ("Mme", "f"),
    ("Dr.", None), ("", None), (None, None),
])
def test_gender_of(salutation, gender):
    assert gender_of(salutation) == gender
