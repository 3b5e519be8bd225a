"""Countries as people type them: ISO codes, names in English, German, French and Italian, and US/CA states.

Salesforce keeps countries as free text ("Schweiz", "USA", "Deutschland") or as ISO codes; a US or
Canadian address often has only a state ("NY", "ON"). pycountry's ISO 3166 data and its translations
resolve them to an ISO 3166-1 alpha-2 code, which phone numbers are read in.
"""
from __future__ import annotations

import functools
import gettext
import unicodedata

import pycountry

LANGUAGES = ("de", "fr", "it")
# Names people use that ISO does not list.
ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "us": "US", "america": "US", "uk": "GB", "u.k.": "GB",
           "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB",
           "holland": "NL", "czech republic": "CZ", "russia": "RU", "south korea": "KR", "korea": "KR",
           "vietnam": "VN", "iran": "IR", "syria": "SY", "bolivia": "BO", "venezuela": "VE",
           "tanzania": "TZ", "taiwan": "TW", "moldova": "MD", "laos": "LA", "macedonia": "MK",
           "türkei": "TR", "turkey": "TR", "vereinigte staaten": "US", "etats-unis": "US",
           "états-unis": "US", "grossbritannien": "GB", "großbritannien": "GB", "fl": "LI"}


def _key(text: str) -> str:
    """Compare names without case, accents' composition or surrounding space."""
    return unicodedata.normalize("NFC", text).strip().casefold()


@functools.cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in LANGUAGES]
    for country in pycountry.countries:
        code = country.alpha_2
        english = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        for name in filter(None, english):
            names.setdefault(_key(name), code)
            for translation in translations:
                names.setdefault(_key(translation.gettext(name)), code)
        names.setdefault(_key(country.alpha_3), code)
    for alias, code in ALIASES.items():
        names[_key(alias)] = code
    return names


@functools.cache
def _states() -> dict[str, str]:
    """US states and Canadian provinces by code and name, to their country."""
    states: dict[str, str] = {}
    for country in ("US", "CA"):
        for sub in pycountry.subdivisions.get(country_code=country):
            states[_key(sub.code.split("-", 1)[1])] = country
            states[_key(sub.name)] = country
    return states


def country_code(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code a country's code or name means, or None."""
    if not text:
        return None
    key = _key(text)
    if len(key) == 2 and pycountry.countries.get(alpha_2=key.upper()) is not None:
        return key.upper()
    return _names().get(key)


def country_of_state(state: str | None) -> str | None:
    """US or CA for a US state or Canadian province (code or name), else None."""
    return _states().get(_key(state)) if state else None
