"""Countries and languages as people write them: names in the reader's language, stored as codes."""
from __future__ import annotations

from functools import cache

from babel import Locale

from graphcrm.http.common.format import reader_locale
from graphcrm.model.collation import fold
from graphcrm.model.validation import ISO_639_1
from graphcrm.places.countries import country_code

# Language names are understood in these languages whatever the reader's (a Swiss user may type "Französisch").
UNDERSTOOD = ("de", "fr", "en", "it")


def language_name(code) -> str:
    """'Französisch' for fr in German, 'français' in French; any other text as it is."""
    if not code:
        return ""
    return reader_locale().languages.get(str(code).lower(), str(code))


def country_choices() -> tuple[str, ...]:
    """Every country's name in the reader's language, in the order people expect (Ä with A)."""
    return _country_choices(str(reader_locale()))


def language_choices() -> tuple[str, ...]:
    """Every ISO 639-1 language's name in the reader's language, sorted as people expect."""
    return _language_choices(str(reader_locale()))


@cache
def _country_choices(locale: str) -> tuple[str, ...]:
    names = Locale.parse(locale).territories
    return tuple(sorted((name for code, name in names.items() if len(code) == 2 and code.isalpha()
                         and code not in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO")), key=fold))


@cache
def _language_choices(locale: str) -> tuple[str, ...]:
    names = Locale.parse(locale).languages
    return tuple(sorted((names[code] for code in ISO_639_1 if code in names), key=fold))


def country_from_text(text: str) -> str | None:
    """The ISO code of a country typed by name (in the reader's or a common language) or by code."""
    text = (text or "").strip()
    return country_code(text) or _countries_by_name(str(reader_locale())).get(fold(text))


def language_from_text(text: str) -> str | None:
    """The ISO 639-1 code of a language typed by name (German, French, English or Italian, or the reader's
    language) or by code."""
    text = (text or "").strip()
    if text.lower() in ISO_639_1:
        return text.lower()
    return _languages_by_name(str(reader_locale())).get(fold(text))


@cache
def _countries_by_name(locale: str) -> dict[str, str]:
    return {fold(name): code for code, name in Locale.parse(locale).territories.items()
            if len(code) == 2 and code.isalpha()}


@cache
def _languages_by_name(locale: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for language in (locale, *UNDERSTOOD):
        for code, name in Locale.parse(language).languages.items():
            if code in ISO_639_1:
                found.setdefault(fold(name), code)
    return found
