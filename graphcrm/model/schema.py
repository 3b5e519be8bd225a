"""Schemas of the bodies graphcrm accepts (pydantic): checked whole before any query, every bad field named.

Each body has one model, next to the capability that takes it (`lifecycle.MoveBody`, ...); the
record bodies are built from the model's field specs (`fields_model`). A model refuses unknown
fields and values of the wrong JSON type; the domain (an e-mail, a date, a choice) is checked by
the converters of `validation`, whose messages become the field errors. `Body.check` turns any
failure into Invalid with `fields` naming each bad field by its path ("properties.role").
"""
from __future__ import annotations

import functools
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model
from pydantic import Field as PydanticField

from graphcrm.errors import BadRequest, Invalid
from graphcrm.i18n import _
from graphcrm.model import Field
from graphcrm.model.validation import blank, convert

MAX_ID = 100  # our ids are UUIDs, Salesforce's 18 characters; anything longer is no id


class Body(BaseModel):
    """A JSON object of known fields; unknown ones are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    @classmethod
    def check(cls, data: Any, *, where: str = "", context: dict | None = None):
        """Return `data` as this model, or raise Invalid naming every bad field (under `where`).

        `context` reaches the model's validators (the time "now" for an activity's date, say).
        """
        if not where and not isinstance(data, dict):
            # The contract's 400: a body of the wrong shape is malformed, not a bad field.
            raise BadRequest(_("The body must be a JSON object."), {"body": _("must be an object")})
        try:
            return cls.model_validate(data, context=context)
        except ValidationError as exc:
            raise invalid(exc, where) from None

    def given(self) -> dict:
        """The fields the sender gave (an explicit null included), as plain values."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def invalid(exc: ValidationError, where: str = "") -> Invalid:
    """One Invalid for every error of a validation, fields named by their path."""
    fields: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        path = ".".join(str(p) for p in error["loc"]) or "body"
        name = f"{where}.{path}" if where and path != "body" else (where or path)
        fields.setdefault(name, _message(error))
    return Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(sorted(fields))), fields)


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error") or error["msg"])
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("must be an object")
    if kind == "too_short" and ctx.get("min_length") == 1:
        return _("must have at least one entry")
    message = _MESSAGES.get(kind)
    return message(ctx) if message else error["msg"]


# Pydantic's error types in our words (its own `msg` is the fallback); `ctx` fills the placeholders.
_MESSAGES = {
    "missing": lambda ctx: _("is required"), "extra_forbidden": lambda ctx: _("unknown field"),
    "string_type": lambda ctx: _("must be a string"),
    "string_too_long": lambda ctx: _("must be at most %(max_length)s characters", max_length=ctx.get("max_length")),
    "string_too_short": lambda ctx: _("must not be empty"), "bool_type": lambda ctx: _("must be true or false"),
    "int_type": lambda ctx: _("must be a whole number"), "int_from_float": lambda ctx: _("must be a whole number"),
    "float_type": lambda ctx: _("must be a number"), "list_type": lambda ctx: _("must be a list"),
    "too_long": lambda ctx: _("must have at most %(max_length)s entries", max_length=ctx.get("max_length")),
    "too_short": lambda ctx: _("must have at least %(min_length)s entries", min_length=ctx.get("min_length")),
    "literal_error": lambda ctx: _("must be one of: %(expected)s", expected=ctx.get("expected")),
    "enum": lambda ctx: _("must be one of: %(expected)s", expected=ctx.get("expected")),
    "greater_than_equal": lambda ctx: _("must be at least %(ge)s", ge=ctx.get("ge")),
    "less_than_equal": lambda ctx: _("must be at most %(le)s", le=ctx.get("le")),
    "finite_number": lambda ctx: _("must be a number"),
}


# -- value types ------------------------------------------------------------------------------
def _record_id(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("must be a record id"))
    if len(value) > MAX_ID:
        raise ValueError(_("must be a record id (at most %(max)s characters)", max=MAX_ID))
    return value.strip()


RecordId = Annotated[str, BeforeValidator(_record_id)]


def typed(field: Field, *, required: bool = False):
    """The annotated type that checks one value of a field spec; blank clears it (None) unless required."""
    def check(value: Any) -> Any:
        converted = None if blank(value) else convert(field, value)
        # Text that is blank once trimmed is no value either.
        if converted is None and required:
            raise ValueError(_("is required"))
        return converted

    return Annotated[Any, BeforeValidator(check)]


def text(max_len: int = 200):
    """Plain text of at most `max_len` characters, trimmed; blank is None."""
    return typed(Field(max_len=max_len))


def choice(choices: tuple[str, ...]):
    """One of `choices`, spelled exactly; blank is None."""
    return typed(Field("enum", choices=choices))


Day = typed(Field("date"))  # YYYY-MM-DD
Instant = typed(Field("datetime"))  # ISO 8601, UTC
EmailAddress = typed(Field("email"))
Line = text()  # one line of text, at most 200 characters
Flag = typed(Field("bool"))


# -- record bodies from field specs -----------------------------------------------------------
@functools.cache
def _fields_model(spec_id: int, partial: bool) -> type[Body]:
    spec = _SPECS[spec_id]
    fields = {name: (typed(field, required=field.required), None if partial or not field.required else ...)
              for name, field in spec.items()}
    return create_model(f"Fields{spec_id}{'Patch' if partial else ''}", __base__=Body, **fields)


_SPECS: dict[int, dict[str, Field]] = {}


def fields_model(spec: dict[str, Field], *, partial: bool = False) -> type[Body]:
    """The model of a body whose fields are those of `spec` (the model's NODE_FIELDS, REL_SPECS, ...)."""
    _SPECS.setdefault(id(spec), spec)
    return _fields_model(id(spec), partial)


def clean(spec: dict[str, Field], data: Any, *, partial: bool = False, where: str = "") -> dict:
    """Return `data` checked and converted per `spec`; raise Invalid naming every bad field.

    With `partial` (PATCH) missing required fields are fine and `None` clears a field (a required
    one cannot be cleared).
    """
    return fields_model(spec, partial=partial).check(data, where=where).given()


IdList = Annotated[list[RecordId], PydanticField(max_length=500)]
__all__ = ["Body", "choice", "Day", "EmailAddress", "Flag", "IdList", "Instant", "Line", "RecordId", "clean",
           "fields_model", "invalid", "text", "typed"]
