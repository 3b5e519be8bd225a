"""The JSON body of an API request: its size and nesting checked before it is parsed, then parsed strictly.

Schemas (graphcrm.schema) check the fields afterwards, in the capabilities; this module only makes
sure that what reaches them is one JSON value of sensible size. A body over MAX_JSON_BYTES is a 413,
one nested deeper than MAX_DEPTH (which would exhaust the parser's recursion) or that is not JSON a
400, each with the contract's error body.
"""
from __future__ import annotations

import json
import re

from flask import Flask, g, request

from graphcrm.errors import BadRequest, CrmError
from graphcrm.i18n import _

MAX_JSON_BYTES = 1024 * 1024  # the largest body of any endpoint (a bulk member list) is far below
MAX_DEPTH = 32  # our deepest body is three levels; parsers recurse per level
# Strings (whose brackets do not count) and the brackets that open or close a level.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class TooLarge(CrmError):
    """The body is larger than any request of this API needs."""

    status, code = 413, "too_large"


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_UNREAD = object()


def register(app: Flask) -> None:
    """Check every API write's body for size and nesting once, before any route or permission check runs."""

    @app.before_request
    def check_body():
        g.json_body = _UNREAD
        if request.path.startswith("/api/") and request.method in WRITE_METHODS and g.get("user") is not None:
            g.json_body = _parse(optional=True)


def read_json(*, optional: bool = False):
    """Return the request's JSON value (any type: the schema judges its shape); None when optional and empty."""
    value = g.get("json_body", _UNREAD)
    if value is _UNREAD:
        value = _parse(optional=optional)
    if value is None and not optional:
        raise BadRequest(_("The body must be JSON (Content-Type: application/json)."), {"body": _("is missing")})
    return value


def _parse(*, optional: bool):
    if request.content_length is not None and request.content_length > MAX_JSON_BYTES:
        raise _too_large()
    raw = request.get_data(cache=True)
    if len(raw) > MAX_JSON_BYTES:
        raise _too_large()
    if not raw.strip():
        if optional:
            return None
        raise BadRequest(_("The body must be JSON (Content-Type: application/json)."), {"body": _("is missing")})
    if not request.is_json:
        raise BadRequest(_("The body must be JSON (Content-Type: application/json)."),
                         {"body": _("Content-Type must be application/json")})
    if nesting(raw) > MAX_DEPTH:
        raise BadRequest(_("The body is nested more than %(depth)s levels deep.", depth=MAX_DEPTH),
                         {"body": _("is nested too deeply")})
    try:
        # NaN and Infinity parse (Python's parser takes them), so that the schema can name the field.
        return json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BadRequest(_("The body is not valid JSON."), {"body": _("is not valid JSON")}) from None


def _too_large() -> TooLarge:
    return TooLarge(_("The body is larger than %(size)s KiB.", size=MAX_JSON_BYTES // 1024),
                    {"body": _("is too large")})


def nesting(raw: bytes) -> int:
    """The deepest level of arrays and objects in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for token in _TOKENS.finditer(raw):
        char = token.group()
        if char in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif char in (b"]", b"}"):
            depth -= 1
    return deepest
