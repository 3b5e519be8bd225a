"""The OpenAPI 3.1 document of /api/v1, built from the model so it cannot drift from validation."""
from __future__ import annotations

from graphcrm.model import API_REL_TYPES, NODE_FIELDS, USER_ROLES, Field, Label
from graphcrm.records.crud import LIST_FILTERS

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
    if field.picklist:
        # The org adds its own values (an import, the settings page): the list is the database's, not ours.
        schema["description"] = f"a value of the {field.picklist} picklist (GET /picklists)"
    elif field.choices:
        schema["enum"] = list(field.choices)
    if field.type in ("str", "text"):
        schema["maxLength"] = field.max_len
    if field.minimum is not None:
        schema["minimum"] = field.minimum
    if field.maximum is not None:
        schema["maximum"] = field.maximum
    return schema


def _input_schema(label: Label) -> dict:
    """What a create may send: the model's fields and nothing else."""
    fields = NODE_FIELDS[label]
    props = {k: _field_schema(f) for k, f in fields.items()}
    if label is Label.OPPORTUNITY:
        props["account"] = {"type": "string", "description": "the id of the deal's account (its owner owns the deal)"}
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": [k for k, f in fields.items() if f.required]}


_META = {"id": {"type": "string"}, "sf_id": {"type": "string"}, "version": {"type": "integer"},
         "created_at": {"type": "string", "format": "date-time"},
         "updated_at": {"type": "string", "format": "date-time"}}


def _output_schema(label: Label) -> dict:
    """What the API answers: the fields plus id, version and timestamps (later capabilities may add more)."""
    props = {k: _field_schema(f) for k, f in NODE_FIELDS[label].items()}
    return {"type": "object", "required": ["id"], "properties": {**_META, **props}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    return {str(c): {"description": "error", **_json(_ref("Error"))} for c in codes}


def _query(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


PAGING = [_query("limit", "page size, 1-500", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}),
          _query("cursor", "the `next` value of the previous page")]
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
_FILTERS = {
    "q": "every word must occur in the name or e-mail (case-insensitive)",
    "sf_id": "the Salesforce id",
    "account": "linked to this account id: its employees, board members and former employees; its deals",
    "owner": "owned by this user id",
}


def _filter(label: Label, name: str) -> dict:
    field = NODE_FIELDS[label].get(name)
    if name in _FILTERS or field is None:
        return _query(name, _FILTERS.get(name, f"filter by {name}"))
    return _query(name, f"only records with this {name}", _field_schema(field))


def _page(schema: dict) -> dict:
    return {"type": "object", "required": ["items", "next"], "properties": {
        "items": {"type": "array", "items": schema}, "next": {"type": ["string", "null"]}}}


def _collection_paths(name: str, label: Label) -> dict:
    schema = _SCHEMA_NAMES[label]
    filters = [_filter(label, f) for f in LIST_FILTERS[label]]
    return {
        f"/{name}": {
            "get": {"summary": f"List {name} in name order", "parameters": [*filters, *PAGING],
                    "responses": {"200": {"description": "a page", **_json(_page(_ref(schema)))},
                                  **_errors(401, 422)}},
            "post": {"summary": f"Create one of {name}", "requestBody": _json(_ref(schema + "Input")),
                     "responses": {"201": {"description": "created", **_json(_ref(schema))},
                                   **_errors(400, 401, 403, 409, 422)}},
        },
        f"/{name}/{{id}}": {
            "parameters": [ID],
            "get": {"summary": "Read one", "responses": {"200": {"description": "the record", **_json(_ref(schema))},
                                                         **_errors(401, 404)}},
            "patch": {"summary": "Change the fields sent (null clears one); send `version` to detect "
                                 "concurrent edits (409 when stale)",
                      "requestBody": _json(_patch_schema(label)),
                      "responses": {"200": {"description": "the record", **_json(_ref(schema))},
                                    **_errors(400, 401, 403, 404, 409, 422)}},
            "delete": {"summary": "Delete with its relationships (an account that still has people: 409)",
                       "responses": {"204": {"description": "deleted"}, **_errors(401, 403, 404, 409)}},
        },
    }


def _patch_schema(label: Label) -> dict:
    schema = _input_schema(label)
    schema["properties"] = {**schema["properties"], "version": {"type": "integer"}}
    schema["required"] = []
    return schema


_REL_TYPES = {"type": "string", "enum": [r.value for r in API_REL_TYPES]}
_REL_BODY = {"type": "object", "additionalProperties": False, "required": ["type", "from", "to"], "properties": {
    "type": _REL_TYPES, "from": {"type": "string"}, "to": {"type": "string"},
    "properties": {"type": "object", "description": "the type's properties, per the graph model"}}}
_UNLINK_BODY = {**_REL_BODY, "properties": {k: v for k, v in _REL_BODY["properties"].items() if k != "properties"}}
_RELATIONSHIP = {"type": "object", "properties": {"type": _REL_TYPES, "source": {"type": "string"},
                                                  "target": {"type": "string"}, "properties": {"type": "object"}}}


def _relationship_paths() -> dict:
    return {"/relationships": {
        "post": {"summary": "Link two records (the same link again updates it; WORKED_AT and BOARD_MEMBER "
                            "add one per period)", "requestBody": _json(_REL_BODY),
                 "responses": {"201": {"description": "the relationship", **_json(_RELATIONSHIP)},
                               **_errors(400, 401, 403, 404, 409, 422)}},
        "delete": {"summary": "Unlink two records: every relationship of that type between them",
                   "requestBody": _json(_UNLINK_BODY),
                   "responses": {"200": {"description": "how many were deleted", **_json(
                       {"type": "object", "properties": {"deleted": {"type": "integer"}}})},
                                 **_errors(400, 401, 403, 404, 422)}},
    }}


def _user_paths() -> dict:
    return {
        "/users": {"get": {"summary": "CRM users; employee fields only for admins and the user",
                           "parameters": [*[_filter(Label.USER, f) for f in LIST_FILTERS[Label.USER]], *PAGING],
                           "responses": {"200": {"description": "a page", **_json(_page(_ref("User")))},
                                         **_errors(401, 422)}}},
        "/users/{id}": {"parameters": [ID], "get": {"summary": "One CRM user", "responses": {
            "200": {"description": "the user", **_json(_ref("User"))}, **_errors(401, 404)}},
            "patch": {"summary": "Admins: change a user's name, role or active flag; a new role or a "
                                 "deactivation ends the user's sessions",
                      "requestBody": _json({"type": "object", "additionalProperties": False, "properties": {
                          "name": {"type": "string", "maxLength": 200},
                          "role": {"type": "string", "enum": list(USER_ROLES)}, "active": {"type": "boolean"}}}),
                      "responses": {"200": {"description": "the user", **_json(_ref("User"))},
                                    **_errors(400, 401, 403, 404, 409, 422)}}},
        "/users/{id}/sign-out": {"parameters": [ID], "post": {
            "summary": "End every session of a user (admins for anyone; users for themselves, but the "
                       "session that asks)",
            "responses": {"200": {"description": "`{\"sessions_ended\": n}`"}, **_errors(401, 403, 404)}}},
        "/me": {"get": {"summary": "The signed-in user", "responses": {
            "200": {"description": "the user", **_json(_ref("User"))}, **_errors(401)}}},
        "/me/password": {"post": {
            "summary": "Change the own password; every other session ends",
            "requestBody": _json({"type": "object", "additionalProperties": False, "required": ["current", "new"],
                                  "properties": {"current": {"type": "string"},
                                                 "new": {"type": "string", "minLength": 10}}}),
            "responses": {"200": {"description": "`{\"sessions_ended\": n}`"}, **_errors(400, 401, 422)}}},
    }


def _search_paths() -> dict:
    return {"/search": {"get": {"summary": "Full-text search over people, accounts and opportunities",
                                "parameters": [
                                    _query("q", "words (at most 200 characters); the last one matches as a prefix",
                                           required=True),
                                    _query("limit", "1-100", {"type": "integer", "minimum": 1, "maximum": 100,
                                                              "default": 20})],
                                "responses": {"200": {"description": "hits, best first; `truncated` when cut"},
                                              **_errors(401, 422)}}}}


def document() -> dict:
    """Return the whole OpenAPI document: this module's paths and every blueprint's OPENAPI_PATHS."""
    paths: dict = {}
    for name, label in _COLLECTIONS.items():
        paths.update(_collection_paths(name, label))
    paths.update(_relationship_paths())
    paths.update(_user_paths())
    paths.update(_search_paths())
    paths["/openapi.json"] = {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI 3.1"}}}}
    from graphcrm.http.blueprints import blueprint_modules

    for module in blueprint_modules():
        paths.update(getattr(module, "OPENAPI_PATHS", {}))
    schemas = {name: _output_schema(label) for label, name in _SCHEMA_NAMES.items()}
    schemas.update({name + "Input": _input_schema(label) for label, name in _SCHEMA_NAMES.items()})
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
