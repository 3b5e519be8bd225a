"""Input checking against the model's field specs: each bad field is named, nothing is guessed."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import Invalid
from .model import Field

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']{2,}$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{5,30}$")
LANG_RE = re.compile(r"^[a-z]{2}$")
# ISO 639-1 codes our users' contacts speak, plus the common rest; unknown two-letter codes are refused.
ISO_639_1 = frozenset(
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de "
    "dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia "
    "id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo "
    "lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl "
    "ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk "
    "tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split())


def clean(spec: dict[str, Field], data: Any, *, partial: bool = False, where: str = "") -> dict:
    """Return `data` checked and converted per `spec`; raise Invalid naming every bad field.

    With `partial` (PATCH) missing required fields are fine; `None` clears a field.
    """
    if not isinstance(data, dict):
        raise Invalid(f"{where or 'body'} must be a JSON object", {where or "body": "must be an object"})
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = spec.get(key)
        if field is None:
            errors[_name(where, key)] = "unknown field"
            continue
        if value is None or value == "" or value == []:
            if field.required:
                errors[_name(where, key)] = "is required"
            else:
                out[key] = None
            continue
        try:
            out[key] = convert(field, value)
        except ValueError as exc:
            errors[_name(where, key)] = str(exc)
    if not partial:
        for key, field in spec.items():
            if field.required and key not in data:
                errors[_name(where, key)] = "is required"
    if errors:
        raise Invalid("Some fields are not valid: " + ", ".join(sorted(errors)), errors)
    return out


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def convert(field: Field, value: Any) -> Any:
    """Convert one value to its stored type, or raise ValueError saying what is wrong."""
    kind = field.type
    if kind in ("str", "text", "email", "url", "phone", "lang", "enum"):
        if not isinstance(value, str):
            raise ValueError("must be a string")
        value = value.strip()
        if len(value) > field.max_len:
            raise ValueError(f"must be at most {field.max_len} characters")
        if kind == "email":
            if not EMAIL_RE.match(value):
                raise ValueError("is not a valid e-mail address")
            return value.lower() if value.count("@") == 1 else value
        if kind == "url" and not URL_RE.match(value):
            raise ValueError("must be an http(s) address")
        if kind == "phone":
            return normalize_phone(value)
        if kind == "lang":
            value = value.lower()
            if not LANG_RE.match(value) or value not in ISO_639_1:
                raise ValueError("must be an ISO 639-1 language code such as de, fr, it or en")
        if kind == "enum" and value not in field.choices:
            raise ValueError("must be one of: " + ", ".join(field.choices))
        return value
    if kind == "date":
        return parse_date(value)
    if kind == "datetime":
        return parse_datetime(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("must be a number")
        if kind == "int" and not float(value).is_integer():
            raise ValueError("must be a whole number")
        value = int(value) if kind == "int" else float(value)
        if field.minimum is not None and value < field.minimum:
            raise ValueError(f"must be at least {field.minimum:g}")
        if field.maximum is not None and value > field.maximum:
            raise ValueError(f"must be at most {field.maximum:g}")
        return value
    if kind == "strlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of strings")
        items = [v.strip() for v in value if v.strip()]
        if len(items) > 50 or any(len(v) > field.max_len for v in items):
            raise ValueError(f"must have at most 50 entries of at most {field.max_len} characters")
        return items
    raise AssertionError(f"unknown field type {kind}")


def normalize_phone(value: str, region: str = "CH") -> str:
    """Return the number in E.164 (+41441234567); national numbers are read in `region`."""
    import phonenumbers

    if not PHONE_RE.match(value):
        raise ValueError("is not a phone number")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("is not a phone number") from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError("is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_date(value: Any) -> dt.date:
    """Parse YYYY-MM-DD into a date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("must be a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError("is not a real date") from exc


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
            raise ValueError("must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z") from exc
    else:
        raise ValueError("must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


def int_arg(args: dict, name: str, default: int, lo: int, hi: int) -> int:
    """Read an integer query parameter within [lo, hi], or raise Invalid naming it."""
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Invalid(f"{name} must be a whole number", {name: "must be a whole number"}) from None
    if not lo <= value <= hi:
        raise Invalid(f"{name} must be between {lo} and {hi}", {name: f"must be between {lo} and {hi}"})
    return value
