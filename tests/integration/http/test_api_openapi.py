"""The OpenAPI document matches the app's routes, whichever blueprints are registered, and is valid."""
import re

import pytest
from openapi_spec_validator import validate

METHODS = {"get", "put", "post", "patch", "delete"}
PREFIX = "/api/v1"


@pytest.fixture
def spec(client) -> dict:
    resp = client.get(f"{PREFIX}/openapi.json")
    assert resp.status_code == 200
    return resp.json


def routed(app) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of every route under /api/v1, `<int:x>` written as `{x}`."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule[len(PREFIX):])
            found |= {(method.lower(), path) for method in rule.methods if method.lower() in METHODS}
    return found


def documented(spec: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, item in spec["paths"].items() for method in item if method in METHODS}


def test_every_route_is_documented(app, spec):
    missing = sorted(routed(app) - documented(spec))
    assert not missing, "routes missing from OPENAPI_PATHS: " + ", ".join(f"{m.upper()} {p}" for m, p in missing)


def test_every_documented_operation_has_a_route(app, spec):
    stale = sorted(documented(spec) - routed(app))
    assert not stale, "documented without a route: " + ", ".join(f"{m.upper()} {p}" for m, p in stale)


def test_the_document_is_valid_openapi_3_1(spec):
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_operation_has_responses_and_a_summary(spec):
    bad = [(method, path) for path, item in spec["paths"].items() for method, op in item.items()
           if method in METHODS and (not op.get("responses") or not op.get("summary"))]
    assert bad == []


def test_every_path_parameter_is_declared(spec):
    missing = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            declared = {p["name"] for p in [*item.get("parameters", []), *op.get("parameters", [])]
                        if p.get("in") == "path"}
            missing += [(method, path, name) for name in re.findall(r"{([^}]+)}", path) if name not in declared]
    assert missing == []


def test_the_list_filters_are_documented_per_collection(spec):
    def params(path):
        return {p["name"] for p in spec["paths"][path]["get"]["parameters"]}

    assert params("/people") == {"q", "sf_id", "account", "owner", "status", "limit", "cursor"}
    assert params("/accounts") == {"q", "sf_id", "owner", "type", "limit", "cursor"}
    assert spec["paths"]["/people"]["get"]["parameters"][4]["schema"]["enum"] == ["active", "inactive", "lead"]


def test_the_relationship_types_are_those_of_the_model(spec):
    from graphcrm.model import API_REL_TYPES

    body = spec["paths"]["/relationships"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["type"]["enum"] == [r.value for r in API_REL_TYPES]


def test_the_documented_create_schema_matches_validation(api, spec):
    schema = spec["components"]["schemas"]["PersonInput"]
    assert schema["required"] == ["last_name"]
    assert schema["properties"]["status"]["enum"] == ["active", "inactive", "lead"]
    assert api.post("/people", {"last_name": "K", "status": "dead"}).status_code == 422
