"""The JSON API under /api/v1: records, relationships, search, users."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from .. import records, relationships, search
from ..app import get_db
from ..errors import BadRequest, Forbidden, Invalid
from ..model import Label
from ..permissions import can_write, visible_user
from ..validation import int_arg

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# URL collection name -> label, for the records that share create/read/update/delete/list.
COLLECTIONS = {"people": Label.PERSON, "accounts": Label.ACCOUNT, "opportunities": Label.OPPORTUNITY,
               "campaigns": Label.CAMPAIGN}
LIST_FILTERS = {
    Label.PERSON: ("q", "sf_id", "account", "owner", "status"),
    Label.ACCOUNT: ("q", "sf_id", "owner"),
    Label.OPPORTUNITY: ("q", "sf_id", "account"),
    Label.CAMPAIGN: ("q", "sf_id"),
}


def json_body() -> dict:
    """Return the request's JSON object, or raise 400 for anything else."""
    body = request.get_json(silent=True)
    if body is None:
        raise BadRequest("The body must be JSON (Content-Type: application/json).")
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object.")
    return body


def page_args() -> dict:
    """Read limit and cursor, shared by every list."""
    return {"limit": int_arg(request.args, "limit", 50, 1, 500), "cursor": request.args.get("cursor")}


def _check_write() -> None:
    if not can_write(g.user):
        raise Forbidden("Your role may read but not change records.")


def _list(label: Label):
    filters = {}
    for name in LIST_FILTERS[label]:
        value = request.args.get(name)
        if value:
            filters[name] = value
    if label is Label.PERSON and filters.get("status") not in (None, "active", "inactive"):
        raise Invalid("status must be active or inactive", {"status": "must be active or inactive"})
    return jsonify(records.list_records(get_db(), label, **page_args(), **filters))


def _create(label: Label):
    _check_write()
    return jsonify(records.create(get_db(), label, json_body(), by=g.user["id"])), 201


def _get(label: Label, record_id: str):
    return jsonify(records.get(get_db(), label, record_id))


def _patch(label: Label, record_id: str):
    _check_write()
    return jsonify(records.update(get_db(), label, record_id, json_body(), by=g.user["id"]))


def _delete(label: Label, record_id: str):
    _check_write()
    records.delete(get_db(), label, record_id)
    return "", 204


for _name, _label in COLLECTIONS.items():
    bp.add_url_rule(f"/{_name}", f"list_{_name}", lambda _l=_label: _list(_l), methods=["GET"])
    bp.add_url_rule(f"/{_name}", f"create_{_name}", lambda _l=_label: _create(_l), methods=["POST"])
    bp.add_url_rule(f"/{_name}/<record_id>", f"get_{_name}", lambda record_id, _l=_label: _get(_l, record_id),
                    methods=["GET"])
    bp.add_url_rule(f"/{_name}/<record_id>", f"patch_{_name}",
                    lambda record_id, _l=_label: _patch(_l, record_id), methods=["PATCH"])
    bp.add_url_rule(f"/{_name}/<record_id>", f"delete_{_name}",
                    lambda record_id, _l=_label: _delete(_l, record_id), methods=["DELETE"])


@bp.get("/users")
def list_users():
    """CRM users, fields filtered by what the caller may see."""
    page = records.list_records(get_db(), Label.USER, **page_args(), q=request.args.get("q") or None)
    page["items"] = [visible_user(g.user, u) for u in page["items"]]
    return jsonify(page)


@bp.get("/users/<record_id>")
def get_user(record_id: str):
    """One CRM user, fields filtered by what the caller may see."""
    return jsonify(visible_user(g.user, records.get(get_db(), Label.USER, record_id)))


@bp.get("/me")
def me():
    """The signed-in user."""
    return jsonify(visible_user(g.user, g.user))


@bp.post("/relationships")
def create_relationship():
    """Link two records with a relationship type of the model."""
    _check_write()
    return jsonify(relationships.link(get_db(), json_body(), by=g.user["id"])), 201


@bp.delete("/relationships")
def delete_relationship():
    """Remove relationships of one type between two records."""
    _check_write()
    return jsonify({"deleted": relationships.unlink(get_db(), json_body())})


@bp.get("/search")
def search_records():
    """Full-text search over people, accounts and opportunities."""
    limit = int_arg(request.args, "limit", 20, 1, 100)
    return jsonify(search.search(get_db(), request.args.get("q", ""), limit))


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API."""
    from ..openapi import document

    return jsonify(document())
