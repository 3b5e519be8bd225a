"""Opaque list cursors: the position after the last item of a page, signed for the viewer.

A cursor is the JSON of a few values and a MAC over them and the viewer's id. One that was not
given out by this app, to this viewer, is refused (400) before any query sees its values, so a
tampered cursor can never reach Cypher as a value of the wrong type.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json

from graphcrm.access.policy import Access
from graphcrm.errors import BadRequest
from graphcrm.i18n import _

MAX_CURSOR = 1000
_MAC_BYTES = 16
# What a cursor's values may be: the kinds of sort keys lists page by.
_TYPES = {str: str, float: (int, float), int: int, list: list}


def encode(access: Access, *values) -> str:
    """Return the cursor of a position given by `values` (strings, numbers, lists of them)."""
    body = _b64(json.dumps(values, separators=(",", ":"), ensure_ascii=True).encode())
    return f"{body}.{_b64(_mac(access, body))}"


def decode(access: Access, cursor: str | None, *types: type) -> tuple | None:
    """Return the values of a cursor this app gave to this viewer, checked against `types`; None for none.

    Raise BadRequest naming `cursor` for anything else.
    """
    if cursor is None or cursor == "":
        return None
    values = _open(access, cursor)
    if (not isinstance(values, list) or len(values) != len(types)
            or not all(_is(value, kind) for value, kind in zip(values, types))):
        raise _refused()
    return tuple(values)


def _open(access: Access, cursor) -> object:
    if not isinstance(cursor, str) or len(cursor) > MAX_CURSOR or cursor.count(".") != 1:
        raise _refused()
    body, mac = cursor.split(".")
    try:
        given = _unb64(mac)
        if not hmac.compare_digest(given, _mac(access, body)):
            raise _refused()
        return json.loads(_unb64(body))
    except (ValueError, binascii.Error, RecursionError):  # JSONDecodeError is a ValueError
        raise _refused() from None


def _is(value, kind: type) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def _mac(access: Access, body: str) -> bytes:
    key, viewer = access.key, access.user_id or ""
    return hmac.new(key, f"cursor\x00{viewer}\x00{body}".encode(), hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("not base64")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _refused() -> BadRequest:
    return BadRequest(_("cursor is not one this API gave out; start again from the first page"),
                      {"cursor": _("is not valid")})


def instant(value: dt.datetime | str) -> str:
    """A datetime as the ISO text a cursor keeps (Neo4j's and Python's datetimes alike)."""
    return value if isinstance(value, str) else value.iso_format() if hasattr(value, "iso_format") \
        else value.isoformat()
