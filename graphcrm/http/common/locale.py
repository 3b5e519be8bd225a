"""The reader's language and time zone: Flask-Babel, chosen per request from the user, the browser, the app."""
from __future__ import annotations

import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Babel, get_locale, get_translations

from graphcrm import i18n

# The locales a user can choose on their profile, named in their own language. Any other locale of a
# language we translate (de_LI, fr_BE, en_IE ...) still works from the browser, with its own formats.
CHOICES = ("de_CH", "de_DE", "de_AT", "fr_CH", "fr_FR", "en_CH", "en_GB", "en_US")
# A bare language from the browser ("de") gets the Swiss form: most of our users are in Switzerland.
DEFAULT_REGION = {"de": "de_CH", "fr": "fr_CH", "en": "en_CH"}
# Offered on the profile first; every IANA zone is accepted.
COMMON_ZONES = ("Europe/Zurich", "Europe/Berlin", "Europe/Vienna", "Europe/Paris", "Europe/London", "UTC")


def known_locale(tag: str | None) -> str | None:
    """'de-CH' -> 'de_CH' when Babel knows it and we translate its language; None otherwise."""
    if not tag or not isinstance(tag, str) or len(tag) > 35:
        return None
    try:
        locale = Locale.parse(tag.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if locale.language not in i18n.LANGUAGES:
        return None
    return str(locale) if locale.territory else DEFAULT_REGION[locale.language]


def known_zone(name: str | None) -> str | None:
    """The IANA zone name when it is one, else None."""
    if not name or not isinstance(name, str) or len(name) > 64:
        return None
    return name if name in _zones() else None


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def browser_locale() -> str | None:
    """The first locale of Accept-Language (by quality) that we speak."""
    for tag, _quality in request.accept_languages:
        found = known_locale(tag)
        if found:
            return found
    return None


def select_locale() -> str:
    """The user's own setting, else the browser's, else the app's default."""
    user = g.get("user") or {}
    return (known_locale(user.get("locale")) or browser_locale()
            or known_locale(current_app.config["DEFAULT_LOCALE"]) or "de_CH")


def select_timezone() -> str:
    """The user's own time zone, else the app's default."""
    user = g.get("user") or {}
    return known_zone(user.get("time_zone")) or current_app.config["DEFAULT_TIMEZONE"]


def locale_tag() -> str:
    """The request's locale as a BCP 47 tag for <html lang> and the browser's Intl: 'de-CH'."""
    return str(get_locale()).replace("_", "-")


def choice_names() -> list[tuple[str, str]]:
    """The profile's locale choices, each named in its own language: ('de_CH', 'Deutsch (Schweiz)')."""
    return [(code, Locale.parse(code).get_display_name(code).capitalize()) for code in CHOICES]


def register(app: Flask) -> None:
    """Install Flask-Babel (catalogues compiled on first start) and hand its translations to graphcrm.i18n."""
    for key, check in (("DEFAULT_LOCALE", known_locale), ("DEFAULT_TIMEZONE", known_zone)):
        if check(app.config[key]) is None:
            raise ValueError(f"GRAPHCRM_{key} is not a locale/time zone graphcrm knows: {app.config[key]!r}")
    app.config["BABEL_DEFAULT_LOCALE"] = known_locale(app.config["DEFAULT_LOCALE"])
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["DEFAULT_TIMEZONE"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(i18n.compiled_dir())
    Babel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    i18n.use(lambda: get_translations() if has_request_context() else None)

    @app.context_processor
    def inject():
        return {"locale_tag": locale_tag}
