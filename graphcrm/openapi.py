"""The OpenAPI 3.1 document of /api/v1, built from the model so it cannot drift from validation."""
from __future__ import annotations

from .model import API_REL_TYPES, NODE_FIELDS, Field, Label

_TYPES = {
    "str": {"type": "string"}, "text": {"type": "string"}, "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"}, "phone": {"type": "string", "description": "E.164 after normalization"},
    "lang": {"type": "string", "description": "ISO 639-1"}, "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"}, "int": {"type": "integer"},
    "float": {"type": "number"}, "bool": {"type": "boolean"},
    "strlist": {"type": "array", "items": {"type": "string"}}, "enum": {"type": "string"},
}
_SCHEMA_NAMES = {Label.PERSON: "Person", Label.ACCOUNT: "Account", Label.OPPORTUNITY: "Opportunity",
                 Label.USER: "User", Label.CAMPAIGN: "Campaign"}
_COLLECTIONS = {"people": Label.PERSON, "accounts": Label.ACCOUNT, "opportunities": Label.OPPORTUNITY,
                "campaigns": Label.CAMPAIGN}

def _field_schema(field: Field) -> dict:
    schema = dict(_TYPES[field.type])
    if field.choices:
        schema["enum"] = list(field.choices)
    if field.type in ("str", "text"):
        schema["maxLength"] = field.max_len
    if field.minimum is not None:
        schema["minimum"] = field.minimum
    if field.maximum is not None:
        schema["maximum"] = field.maximum
    return schema


def _record_schema(label: Label) -> dict:
    fields = NODE_FIELDS[label]
    return {"type": "object", "additionalProperties": False,
            "properties": {k: _field_schema(f) for k, f in fields.items()},
            "required": [k for k, f in fields.items() if f.required]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    return {str(c): {"description": "error", **_json(_ref("Error"))} for c in codes}


def _query(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


PAGING = [_query("limit", "page size, 1-500", {"type": "integer", "default": 50}),
          _query("cursor", "the `next` value of the previous page")]
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _collection_paths(name: str, label: Label) -> dict:
    schema = _SCHEMA_NAMES[label]
    page = {"type": "object", "properties": {"items": {"type": "array", "items": _ref(schema)},
                                             "next": {"type": ["string", "null"]}}}
    filters = [_query(f, f"filter by {f}") for f in ("q", "sf_id", "account", "owner", "status")]
    return {
        f"/{name}": {
            "get": {"summary": f"List {name}", "parameters": [*filters, *PAGING],
                    "responses": {"200": {"description": "a page", **_json(page)}, **_errors(401, 422)}},
            "post": {"summary": f"Create one of {name}", "requestBody": _json(_ref(schema)),
                     "responses": {"201": {"description": "created", **_json(_ref(schema))},
                                   **_errors(400, 401, 403, 409, 422)}},
        },
        f"/{name}/{{id}}": {
            "parameters": [ID],
            "get": {"summary": "Read one", "responses": {"200": {"description": "the record", **_json(_ref(schema))},
                                                         **_errors(401, 404)}},
            "patch": {"summary": "Change fields; send `version` to detect concurrent edits",
                      "requestBody": _json({"allOf": [_ref(schema), {"properties": {"version": {"type": "integer"}}}]}),
                      "responses": {"200": {"description": "the record", **_json(_ref(schema))},
                                    **_errors(400, 401, 403, 404, 409, 422)}},
            "delete": {"summary": "Delete", "responses": {"204": {"description": "deleted"},
                                                          **_errors(401, 403, 404, 409)}},
        },
    }


def document() -> dict:
    """Return the whole OpenAPI document."""
    paths: dict = {}
    for name, label in _COLLECTIONS.items():
        paths.update(_collection_paths(name, label))
    rel_body = {"type": "object", "required": ["type", "from", "to"], "properties": {
        "type": {"type": "string", "enum": [r.value for r in API_REL_TYPES]},
        "from": {"type": "string"}, "to": {"type": "string"}, "properties": {"type": "object"}}}
    paths["/relationships"] = {
        "post": {"summary": "Link two records", "requestBody": _json(rel_body),
                 "responses": {"201": {"description": "the relationship"}, **_errors(400, 401, 403, 404, 409, 422)}},
        "delete": {"summary": "Unlink two records", "requestBody": _json(rel_body),
                   "responses": {"200": {"description": "how many were deleted"}, **_errors(400, 401, 403, 404, 422)}},
    }
    paths["/users"] = {"get": {"summary": "CRM users", "parameters": [_query("q", "name filter"), *PAGING],
                               "responses": {"200": {"description": "a page"}, **_errors(401)}}}
    paths["/users/{id}"] = {"parameters": [ID], "get": {"summary": "One CRM user",
                                                         "responses": {"200": {"description": "the user"},
                                                                       **_errors(401, 404)}}}
    paths["/me"] = {"get": {"summary": "The signed-in user", "responses": {"200": {"description": "the user"},
                                                                           **_errors(401)}}}
    paths["/search"] = {"get": {"summary": "Full-text search", "parameters": [
        _query("q", "words; the last one matches as a prefix", required=True),
        _query("limit", "at most 100", {"type": "integer", "default": 20})],
        "responses": {"200": {"description": "hits, best first"}, **_errors(401, 422)}}}
    paths["/openapi.json"] = {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI 3.1"}}}}
    from .routes import blueprint_modules

    for module in blueprint_modules():
        paths.update(getattr(module, "OPENAPI_PATHS", {}))
    schemas = {name: _record_schema(label) for label, name in _SCHEMA_NAMES.items()}
    schemas["Error"] = {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"type": "string"}, "message": {"type": "string"}, "fields": {"type": "object"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "graphcrm API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"}}},
        "paths": paths,
    }
