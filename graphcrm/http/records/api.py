"""The JSON API under /api/v1: records, relationships, search, users."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from graphcrm.access import users
from graphcrm.contacts import opportunities
from graphcrm.errors import Invalid
from graphcrm.http.common.body import read_json
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import session_token
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.validation import int_arg
from graphcrm.records import crud as records
from graphcrm.records import relationships, search

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# URL collection name -> label, for the records that share create/read/update/delete/list.
COLLECTIONS = {"people": Label.PERSON, "accounts": Label.ACCOUNT, "opportunities": Label.OPPORTUNITY,
               "campaigns": Label.CAMPAIGN}
PAGING = ("limit", "cursor")


def json_body(*, optional: bool = False):
    """Return the request's JSON value, checked for size and depth (the capability's schema checks its shape)."""
    return read_json(optional=optional)


def query_args(*allowed: str) -> dict:
    """Return the query parameters, refusing unknown ones (a misspelt filter must not list everything)."""
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise Invalid(_("Unknown query parameters: %(names)s", names=", ".join(unknown)),
                      {name: _("is not a parameter here; use %(allowed)s", allowed=", ".join(allowed))
                       for name in unknown})
    return {name: request.args.get(name) for name in allowed if name in request.args}


def page_args() -> dict:
    """Read limit and cursor, shared by every list."""
    return {"limit": int_arg(request.args, "limit", 50, 1, 500), "cursor": request.args.get("cursor")}


def list_filters(label: Label) -> dict:
    """Read the list filters a label takes, refusing others."""
    args = query_args(*records.LIST_FILTERS[label], *PAGING)
    return {k: v for k, v in args.items() if k not in PAGING}


def _list(label: Label):
    return jsonify(records.list_records(get_db(), label, **page_args(), **list_filters(label), access=g.access))


def _create(label: Label):
    if label is Label.OPPORTUNITY:  # a deal may name its account
        return jsonify(opportunities.create_opportunity(get_db(), json_body(), by=g.user["id"], access=g.access)), 201
    return jsonify(records.create(get_db(), label, json_body(), by=g.user["id"], access=g.access)), 201


def _get(label: Label, record_id: str):
    return jsonify(records.get(get_db(), label, record_id, access=g.access))


def _patch(label: Label, record_id: str):
    return jsonify(records.update(get_db(), label, record_id, json_body(), by=g.user["id"], access=g.access))


def _delete(label: Label, record_id: str):
    records.delete(get_db(), label, record_id, access=g.access)
    return "", 204


# The path variable is named `id` to match the OpenAPI paths (`/people/{id}`).
for _name, _label in COLLECTIONS.items():
    bp.add_url_rule(f"/{_name}", f"list_{_name}", lambda _l=_label: _list(_l), methods=["GET"])
    bp.add_url_rule(f"/{_name}", f"create_{_name}", lambda _l=_label: _create(_l), methods=["POST"])
    bp.add_url_rule(f"/{_name}/<id>", f"get_{_name}", lambda id, _l=_label: _get(_l, id), methods=["GET"])
    bp.add_url_rule(f"/{_name}/<id>", f"patch_{_name}", lambda id, _l=_label: _patch(_l, id), methods=["PATCH"])
    bp.add_url_rule(f"/{_name}/<id>", f"delete_{_name}", lambda id, _l=_label: _delete(_l, id),
                    methods=["DELETE"])


@bp.get("/users")
def list_users():
    """CRM users, fields filtered by what the caller may see."""
    return jsonify(records.list_records(get_db(), Label.USER, **page_args(), **list_filters(Label.USER),
                                        access=g.access))


@bp.get("/users/<id>")
def get_user(id: str):  # named like the OpenAPI path parameter {id}
    """One CRM user, fields filtered by what the caller may see."""
    return jsonify(records.get(get_db(), Label.USER, id, access=g.access))


@bp.patch("/users/<id>")
def patch_user(id: str):
    """Admins: change a user's name, role or active flag (a new role or a deactivation signs them out)."""
    return jsonify(users.update_user(get_db(), g.access, id, json_body()))


@bp.post("/users/<id>/sign-out")
def sign_out_user(id: str):
    """End every session of a user (admins for anyone, a user for themselves but this session)."""
    return jsonify(users.sign_out_everywhere(get_db(), g.access, id, keep=session_token()))


@bp.get("/me")
def me():
    """The signed-in user."""
    return jsonify(g.access.user(g.user))


@bp.post("/me/password")
def change_password():
    """Change the own password; every other session ends."""
    return jsonify(users.change_password(get_db(), g.access, json_body(), keep=session_token()))


@bp.post("/relationships")
def create_relationship():
    """Link two records with a relationship type of the model."""
    return jsonify(relationships.link(get_db(), json_body(), by=g.user["id"], access=g.access)), 201


@bp.delete("/relationships")
def delete_relationship():
    """Remove relationships of one type between two records."""
    return jsonify({"deleted": relationships.unlink(get_db(), json_body(), by=g.user["id"], access=g.access)})


@bp.get("/search")
def search_records():
    """Full-text search over people, accounts and opportunities."""
    args = query_args("q", "limit")
    limit = int_arg(args, "limit", 20, 1, 100)
    return jsonify(search.search(get_db(), args.get("q", ""), limit, access=g.access))


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API."""
    from graphcrm.http.openapi import document

    return jsonify(document())
