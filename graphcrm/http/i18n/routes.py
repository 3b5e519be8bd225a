"""The front end's message catalogue per locale: JSON, and the same as a script the pages load first."""
from __future__ import annotations

import json
from functools import lru_cache

from babel.messages.pofile import read_po
from flask import Blueprint, Response, abort, jsonify, url_for

from graphcrm import i18n
from graphcrm.http.common.locale import known_locale

bp = Blueprint("i18n", __name__)

# Only the messages the scripts use travel to the browser: those with a location in static/js.
SCRIPT_PREFIX = "graphcrm/http/static/js/"
YEAR_S = 365 * 24 * 3600


def catalogue(locale: str) -> dict:
    """{locale, plural, messages} for the scripts of a locale; English has no messages (the msgids are English)."""
    language = locale.split("_")[0]
    return {"locale": locale.replace("_", "-"), **_messages(language, _version(language))}


def _version(language: str) -> str:
    """Changes whenever the language's catalogue file does (part of the script's URL, so browsers refetch)."""
    po = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    return str(int(po.stat().st_mtime)) if po.exists() else "0"


@lru_cache(maxsize=8)
def _messages(language: str, version: str) -> dict:
    po = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    if version == "0" or not po.exists():
        return {"plural": "n!=1", "messages": {}}
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if not any(path.startswith(SCRIPT_PREFIX) for path, _line in message.locations):
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                messages[message.id[0]] = list(message.string)
        else:
            messages[message.id] = message.string
    # Our three languages have two plural forms; French counts 0 as singular.
    return {"plural": "n>1" if "n > 1" in catalog.plural_expr else "n!=1", "messages": messages}


def script_url(locale: str) -> str:
    """The catalogue script's URL for a locale, versioned by its catalogue."""
    language = locale.split("_")[0]
    return url_for("i18n.catalogue_script", tag=locale.replace("_", "-"), v=_version(language))


def _checked(tag: str) -> str:
    locale = known_locale(tag)
    if locale is None:
        abort(404)
    return locale


@bp.get("/i18n/<tag>.json")
def catalogue_json(tag: str):
    """The JSON catalogue of a locale (de-CH, fr-FR, en-GB ...)."""
    response = jsonify(catalogue(_checked(tag)))
    response.cache_control.public, response.cache_control.max_age = True, 300
    return response


@bp.get("/i18n/<tag>.js")
def catalogue_script(tag: str):
    """The same catalogue as a script that sets window.GRAPHCRM_I18N, loaded before crm.js (no inline script)."""
    body = "window.GRAPHCRM_I18N = " + json.dumps(catalogue(_checked(tag)), ensure_ascii=True) + ";\n"
    response = Response(body, mimetype="text/javascript")
    response.cache_control.public, response.cache_control.max_age = True, YEAR_S
    return response


@bp.app_context_processor
def inject():
    """Pages load their locale's catalogue script before crm.js."""
    from flask_babel import get_locale

    return {"catalogue_script_url": lambda: script_url(str(get_locale()))}
