"""A user's own settings: the interface's language and their time zone."""
from __future__ import annotations

import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError

from graphcrm.access.policy import Access
from graphcrm.errors import Forbidden, Invalid
from graphcrm.i18n import LANGUAGES, _
from graphcrm.store.db import Database


def set_preferences(db: Database, access: Access, locale: str | None, time_zone: str | None) -> dict:
    """Save the signed-in user's locale ('de_CH'; empty: follow the browser) and time zone (IANA; empty: default)."""
    if access.user_id is None:
        raise Forbidden(_("Only a signed-in user changes their settings."))
    fields = {}
    locale = (locale or "").strip().replace("-", "_") or None
    if locale is not None and not _speaks(locale):
        fields["locale"] = _("is not a language graphcrm speaks (de, fr or en, e.g. de_CH)")
    time_zone = (time_zone or "").strip() or None
    if time_zone is not None and time_zone not in _zones():
        fields["time_zone"] = _("is not a time zone such as Europe/Zurich")
    if fields:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(fields)), fields)
    return db.write("users/set_preferences", id=access.user_id, locale=locale, time_zone=time_zone)[0]


def _speaks(tag: str) -> bool:
    if len(tag) > 35:
        return False
    try:
        return Locale.parse(tag).language in LANGUAGES
    except (ValueError, TypeError, UnknownLocaleError):
        return False


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())
