"""Letter salutations from the contact's language and how the owner addresses them (du or Sie)."""
from __future__ import annotations

_MALE = {"herr", "mr", "monsieur", "m", "signor", "sig", "sr", "señor", "dr. herr"}
_FEMALE = {"frau", "ms", "mrs", "miss", "madame", "mme", "signora", "sig.ra", "sra", "señora"}

# language -> (informal male, informal female, formal male, formal female, neutral)
_FORMS = {
    "de": ("Lieber {first}", "Liebe {first}", "Sehr geehrter Herr {last}", "Sehr geehrte Frau {last}",
           "Guten Tag {full}"),
    "en": ("Dear {first}", "Dear {first}", "Dear Mr {last}", "Dear Ms {last}", "Dear {full}"),
    "fr": ("Cher {first}", "Chère {first}", "Bonjour Monsieur {last}", "Bonjour Madame {last}",
           "Bonjour {full}"),
    "it": ("Caro {first}", "Cara {first}", "Gentile Signor {last}", "Gentile Signora {last}",
           "Buongiorno {full}"),
}

_INFORMAL_NEUTRAL = {"de": "Hallo {first}", "en": "Dear {first}", "fr": "Salut {first}", "it": "Ciao {first}"}


def gender_of(salutation: str | None) -> str | None:
    """Return 'm', 'f' or None from a salutation such as 'Herr', 'Frau', 'Mr.', 'Madame'."""
    key = (salutation or "").strip().lower().rstrip(".")
    if key in _MALE:
        return "m"
    if key in _FEMALE:
        return "f"
    return None


def letter_salutation(person: dict, address: str | None) -> str:
    """Return e.g. 'Liebe Anna', 'Sehr geehrte Frau Keller', 'Dear Ms Keller', 'Bonjour Madame Keller'.

    The language is the contact's (German when unknown or not one we write in); `address` is the
    owner's du/sie (Sie when unknown, the safe choice in business letters). Without a known gender
    a neutral greeting with the full name is used rather than a guess.
    """
    language = (person.get("language") or "de").lower()
    if language not in _FORMS:
        language = "de"
    informal_m, informal_f, formal_m, formal_f, neutral = _FORMS[language]
    first = (person.get("first_name") or "").strip()
    last = (person.get("last_name") or "").strip()
    gender = gender_of(person.get("salutation"))
    if address == "du" and first:
        template = {"m": informal_m, "f": informal_f}.get(gender, _INFORMAL_NEUTRAL[language])
    elif last and gender:
        template = formal_m if gender == "m" else formal_f
    else:
        template = neutral
    full = " ".join(p for p in (first, last) if p)
    return template.format(first=first, last=last, full=full).strip()
