"""Contact management API: job changes, history, owners, placeholders, duplicates, campaign members."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from graphcrm.contacts import campaigns, lifecycle, merge, ownership, people
from graphcrm.http.common.context import get_db
from graphcrm.http.common.download import csv_download
from graphcrm.http.records.api import json_body
from graphcrm.model import Label
from graphcrm.model.validation import int_arg
from graphcrm.records import relationships
from graphcrm.records.crud import get

bp = Blueprint("contacts", __name__, url_prefix="/api/v1")


@bp.post("/people/<person_id>/move")
def move_person(person_id):
    """Job change: end the old job (kept as WORKED_AT), start the new one."""
    return jsonify(lifecycle.move(get_db(), person_id, json_body(), by=g.user["id"], access=g.access))


@bp.post("/people/<person_id>/bounce")
def bounce_person(person_id):
    """The e-mail bounced: the contact becomes inactive."""
    return jsonify(lifecycle.mark_bounced(get_db(), person_id, by=g.user["id"], access=g.access))


@bp.post("/people/<person_id>/leave")
def person_left(person_id):
    """The person left the company: inactive, and the job becomes WORKED_AT."""
    body = json_body(optional=True)
    return jsonify(lifecycle.mark_left(get_db(), person_id, body, by=g.user["id"], access=g.access))


@bp.get("/people/<person_id>/history")
def person_history(person_id):
    """Field history of a person, newest first."""
    return jsonify(lifecycle.history(get_db(), Label.PERSON, person_id,
                                     limit=int_arg(request.args, "limit", 50, 1, 500),
                                     cursor=request.args.get("cursor"), access=g.access))


@bp.get("/accounts/<account_id>/history")
def account_history(account_id):
    """Field history of an account, newest first."""
    return jsonify(lifecycle.history(get_db(), Label.ACCOUNT, account_id,
                                     limit=int_arg(request.args, "limit", 50, 1, 500),
                                     cursor=request.args.get("cursor"), access=g.access))


@bp.get("/opportunities/<opportunity_id>/history")
def opportunity_history(opportunity_id):
    """Field history of a deal (stage, amount, close date, probability), newest first."""
    return jsonify(lifecycle.history(get_db(), Label.OPPORTUNITY, opportunity_id,
                                     limit=int_arg(request.args, "limit", 50, 1, 500),
                                     cursor=request.args.get("cursor"), access=g.access))


@bp.get("/people/<person_id>/salutation")
def person_salutation(person_id):
    """The letter salutation the owner would write."""
    return jsonify(people.salutation(get_db(), person_id, access=g.access))


@bp.put("/people/<record_id>/owner")
@bp.put("/accounts/<record_id>/owner")
def set_owner(record_id):
    """Give a person or account its one owner, with du or Sie."""
    return jsonify(ownership.set_owner(get_db(), record_id, json_body(), by=g.user["id"], access=g.access))


@bp.post("/owners/reassign")
def reassign_owner():
    """Move every record of one owner to another (admins and managers)."""
    return jsonify(ownership.reassign_all(get_db(), json_body(), by=g.user["id"], access=g.access))


@bp.post("/accounts/<account_id>/placeholder")
def add_placeholder(account_id):
    """Create an "Info Kontakt" placeholder at the account."""
    return jsonify(merge.create_placeholder(get_db(), account_id, access=g.access)), 201


@bp.post("/people/<person_id>/merge")
def merge_person(person_id):
    """Merge this placeholder or duplicate into another person."""
    return jsonify(merge.merge(get_db(), person_id, json_body(), by=g.user["id"], access=g.access))


@bp.get("/duplicates")
def list_duplicates():
    """Duplicate candidates for merging."""
    return jsonify(merge.duplicates(get_db(), limit=int_arg(request.args, "limit", 100, 1, 500), access=g.access))


@bp.get("/reports/lost")
def lost_contacts():
    """Inactive contacts, longest lost first."""
    return jsonify(lifecycle.lost_contacts(get_db(), owner=request.args.get("owner") or None,
                                           limit=int_arg(request.args, "limit", 100, 1, 500),
                                           offset=int_arg(request.args, "offset", 0, 0, 1_000_000),
                                           access=g.access))


@bp.get("/contact-roles")
def contact_roles():
    """The configured contact roles (Salesforce's defaults plus the org's own)."""
    return jsonify({"items": relationships.contact_roles(get_db()), "next": None})


@bp.get("/campaigns/<campaign_id>/members")
def campaign_members(campaign_id):
    """Members with salutation and sender, in name order."""
    return jsonify(campaigns.members(get_db(), campaign_id, limit=int_arg(request.args, "limit", 100, 1, 500),
                                     cursor=request.args.get("cursor"), access=g.access))


@bp.post("/campaigns/<campaign_id>/members")
def add_campaign_members(campaign_id):
    """Add people by id or by a filter."""
    return jsonify(campaigns.add_members(get_db(), campaign_id, json_body(), access=g.access)), 201


@bp.patch("/campaigns/<campaign_id>/members/<person_id>")
def update_campaign_member(campaign_id, person_id):
    """Change a member's status or response."""
    return jsonify(campaigns.update_member(get_db(), campaign_id, person_id, json_body(), access=g.access))


@bp.delete("/campaigns/<campaign_id>/members/<person_id>")
def remove_campaign_member(campaign_id, person_id):
    """Take a person off the campaign."""
    campaigns.remove_member(get_db(), campaign_id, person_id, access=g.access)
    return "", 204


@bp.get("/campaigns/<campaign_id>/members.csv")
def export_campaign_members(campaign_id):
    """CSV of the members with letter salutation and sender, for a mailing."""
    db, access = get_db(), g.access
    get(db, Label.CAMPAIGN, campaign_id, access=access)

    return csv_download(campaigns.all_members(db, campaign_id, access=access), campaigns.EXPORT_COLUMNS,
                        f"campaign-{campaign_id}.csv")


def _op(summary: str, *codes: int, body: bool = False, params: tuple = ()) -> dict:
    op = {"summary": summary, "responses": {"200": {"description": "OK"},
                                            **{str(c): {"description": "error"} for c in codes}}}
    if body:
        op["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
    if params:
        op["parameters"] = [{"name": p, "in": "query", "schema": {"type": "string"}} for p in params]
    return op


def _path(*names: str) -> list:
    return [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in names]


OPENAPI_PATHS = {
    "/people/{person_id}/move": {"parameters": _path("person_id"), "post": _op(
        "Job change: {account, title, department, since, email}", 401, 403, 404, 409, 422, body=True)},
    "/people/{person_id}/bounce": {"parameters": _path("person_id"), "post": _op("E-mail bounced", 401, 403, 404)},
    "/people/{person_id}/leave": {"parameters": _path("person_id"), "post": _op(
        "Left the company: {date}", 401, 403, 404, 422, body=True)},
    "/people/{person_id}/history": {"parameters": _path("person_id"), "get": _op(
        "Field history, newest first", 401, 404, params=("limit", "cursor"))},
    "/accounts/{account_id}/history": {"parameters": _path("account_id"), "get": _op(
        "Field history, newest first", 401, 404, params=("limit", "cursor"))},
    "/opportunities/{opportunity_id}/history": {"parameters": _path("opportunity_id"), "get": _op(
        "Field history (stage, amount, close date, ...), newest first", 401, 404, params=("limit", "cursor"))},
    "/people/{person_id}/salutation": {"parameters": _path("person_id"), "get": _op("Letter salutation", 401, 404)},
    "/people/{record_id}/owner": {"parameters": _path("record_id"), "put": _op(
        "Set the owner: {user, address: du|sie}", 401, 403, 404, 422, body=True)},
    "/accounts/{record_id}/owner": {"parameters": _path("record_id"), "put": _op(
        "Set the owner: {user, address: du|sie}", 401, 403, 404, 422, body=True)},
    "/owners/reassign": {"post": _op("Bulk reassign: {from, to, kinds}", 401, 403, 404, 422, body=True)},
    "/accounts/{account_id}/placeholder": {"parameters": _path("account_id"), "post": _op(
        "Create an Info Kontakt placeholder", 401, 403, 404)},
    "/people/{person_id}/merge": {"parameters": _path("person_id"), "post": _op(
        "Merge into {into}", 401, 403, 404, 422, body=True)},
    "/duplicates": {"get": _op("Duplicate candidates", 401, params=("limit",))},
    "/reports/lost": {"get": _op("Inactive contacts, longest lost first", 401, params=("owner", "limit", "offset"))},
    "/contact-roles": {"get": _op("Configured contact roles", 401)},
    "/campaigns/{campaign_id}/members": {"parameters": _path("campaign_id"),
                                         "get": _op("Members", 401, 404, params=("limit", "cursor")),
                                         "post": _op("Add members: {people} or {filter}", 401, 403, 404, 422,
                                                     body=True)},
    "/campaigns/{campaign_id}/members/{person_id}": {
        "parameters": _path("campaign_id", "person_id"),
        "patch": _op("Member status/response", 401, 403, 404, 422, body=True),
        "delete": _op("Remove member", 401, 403, 404)},
    "/campaigns/{campaign_id}/members.csv": {"parameters": _path("campaign_id"),
                                             "get": _op("CSV export for a mailing", 401, 404)},
}
