"""Input checking against the model's field specs: each bad field is named, nothing is guessed."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from graphcrm.errors import Invalid
from graphcrm.i18n import _
from graphcrm.model import Field

# Dot-separated atoms, a domain of dot-separated labels, and a TLD of letters (or punycode).
_ATOM = r"[^\s@<>()\[\]\\,;:\".]+"
_LABEL = r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?"
EMAIL_RE = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+(?:[^\W\d_]{{2,}}|xn--[\w-]+)$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{5,30}$")
# ISO 639-1 codes our users' contacts speak, plus the common rest; unknown two-letter codes are refused.
ISO_639_1 = frozenset(
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de "
    "dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia "
    "id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo "
    "lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl "
    "ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk "
    "tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split())
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # what Neo4j stores as an integer
MAX_LIST = 50


def blank(value: Any) -> bool:
    """True for the values that clear a field: null, an empty string, an empty list."""
    return value is None or (isinstance(value, (str, list)) and not value)


def convert(field: Field, value: Any) -> Any:
    """Convert one value to its stored type, or raise ValueError saying what is wrong.

    Text that is blank after trimming comes back as None, which clears the field.
    """
    converter = _CONVERTERS.get(field.type)
    if converter is None:
        raise AssertionError(f"unknown field type {field.type}")
    return converter(field, value)


def _text(field: Field, value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError(_("must be a string"))
    value = value.strip()
    if len(value) > field.max_len:
        raise ValueError(_("must be at most %(max_length)s characters", max_length=field.max_len))
    return value or None


def _email(field: Field, value: Any) -> str | None:
    value = _text(field, value)
    if value is not None and not EMAIL_RE.match(value):
        raise ValueError(_("is not a valid e-mail address"))
    return value and value.lower()


def _url(field: Field, value: Any) -> str | None:
    value = _text(field, value)
    if value is not None and not URL_RE.match(value):
        raise ValueError(_("must be an http(s) address"))
    return value


def _phone(field: Field, value: Any) -> str | None:
    value = _text(field, value)
    return value and normalize_phone(value)


def _lang(field: Field, value: Any) -> str | None:
    value = _text(field, value)
    if value is not None and value.lower() not in ISO_639_1:
        raise ValueError(_("must be an ISO 639-1 language code such as de, fr, it or en"))
    return value and value.lower()


def _enum(field: Field, value: Any) -> str | None:
    value = _text(field, value)
    if field.picklist:
        return value  # the org's values live in the database: records/picklists.py checks them
    if value is not None and value not in field.choices:
        raise ValueError(_("must be one of: %(expected)s", expected=", ".join(field.choices)))
    return value


def _bool(field: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("must be true or false"))
    return value


def _number(field: Field, value: Any) -> int | float:
    # bool is an int in Python, and json accepts NaN and Infinity: none of them is a number here.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(_("must be a number"))
    if field.type == "int":
        if not float(value).is_integer():
            raise ValueError(_("must be a whole number"))
        value = int(value)
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValueError(_("is too large"))
    else:
        value = float(value)
    if field.minimum is not None and value < field.minimum:
        raise ValueError(_("must be at least %(ge)s", ge=format(field.minimum, "g")))
    if field.maximum is not None and value > field.maximum:
        raise ValueError(_("must be at most %(le)s", le=format(field.maximum, "g")))
    return value


def _strlist(field: Field, value: Any) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(_("must be a list of strings"))
    items = [v.strip() for v in value if v.strip()]
    if len(items) > MAX_LIST or any(len(v) > field.max_len for v in items):
        raise ValueError(_("must have at most %(max_entries)s entries of at most %(max_length)s characters",
                               max_entries=MAX_LIST, max_length=field.max_len))
    return items or None


def _date(field: Field, value: Any) -> dt.date:
    return parse_date(value)


def _datetime(field: Field, value: Any) -> dt.datetime:
    return parse_datetime(value)


_CONVERTERS = {"str": _text, "text": _text, "email": _email, "url": _url, "phone": _phone, "lang": _lang,
               "enum": _enum, "bool": _bool, "int": _number, "float": _number, "strlist": _strlist,
               "date": _date, "datetime": _datetime}


def normalize_phone(value: str, region: str = "CH") -> str:
    """Return the number in E.164 (+41441234567); national numbers are read in `region`."""
    import phonenumbers

    if not PHONE_RE.match(value):
        raise ValueError(_("is not a phone number"))
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("is not a phone number")) from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError(_("is not a possible phone number"))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_date(value: Any) -> dt.date:
    """Parse YYYY-MM-DD into a date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError(_("must be a date as YYYY-MM-DD"))
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(_("is not a real date")) from exc


def parse_datetime(value: Any) -> dt.datetime:
    """Parse ISO 8601 into an aware UTC datetime; a value without zone is taken as UTC."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(_("must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z")) from exc
    else:
        raise ValueError(_("must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        return parsed.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before year 1 in UTC
        raise ValueError(_("is out of range")) from None


def int_arg(args: dict, name: str, default: int, lo: int, hi: int) -> int:
    """Read an integer query parameter within [lo, hi], or raise Invalid naming it."""
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    # int() alone would also take "1_000" and non-ASCII digits.
    text = str(raw).strip()
    if isinstance(raw, bool) or not re.fullmatch(r"-?[0-9]{1,12}", text):
        raise Invalid(_("%(name)s must be a whole number", name=name), {name: _("must be a whole number")})
    value = int(text)
    if not lo <= value <= hi:
        raise Invalid(_("%(name)s must be between %(lo)s and %(hi)s", name=name, lo=lo, hi=hi),
                      {name: _("must be between %(lo)s and %(hi)s", lo=lo, hi=hi)})
    return value
