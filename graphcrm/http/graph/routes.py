"""The graph: network views, paths, influence, connectors, exports, and the explorer pages."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from flask import Blueprint, Response, g, render_template, request
from pydantic import Field as PydanticField

from graphcrm.errors import Invalid, NotFound
from graphcrm.graph import influence, network, paths
from graphcrm.http.common.body import read_json
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import login_required
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.schema import Body, Line, RecordId
from graphcrm.model.validation import int_arg
from graphcrm.records.crud import get as get_record
from graphcrm.transfer import graph_html as graph_export

bp = Blueprint("graph", __name__)
MAX_EXPORT_NODES = network.MAX_LIMIT


class ExportBody(Body):
    """`{"format", "nodes", "types", "as_of", "title"}`: the view the browser shows, to download."""

    format: Literal["graphml", "html"]
    nodes: Annotated[list[RecordId], PydanticField(min_length=1, max_length=MAX_EXPORT_NODES)]
    types: Annotated[str, PydanticField(max_length=500)] | None = None
    as_of: Annotated[str, PydanticField(max_length=40)] | None = None
    title: Line = None


def _network_args() -> dict:
    args = request.args
    return {"depth": int_arg(args, "depth", 2, 1, network.MAX_DEPTH),
            "limit": int_arg(args, "limit", network.DEFAULT_LIMIT, 1, network.MAX_LIMIT),
            "types": args.get("types"), "as_of": args.get("as_of"), "kinds": args.get("kinds"),
            "status": args.get("status"), "layout": _layout(args.get("layout"))}


def _layout(value):
    if value not in (None, "", "auto", "server", "client"):
        raise Invalid(_("layout must be auto, server or client"), {"layout": _("must be auto, server or client")})
    return value or None


@bp.get("/api/v1/network")
def network_view():
    """The records around a center, nearest first, capped."""
    return network.network(get_db(), request.args.get("center", ""), **_network_args(), access=g.access)


@bp.get("/api/v1/paths")
def find_paths():
    """The k best paths between two records."""
    args = request.args
    return paths.find_paths(
        get_db(), args.get("from", ""), args.get("to", ""), k=int_arg(args, "k", paths.DEFAULT_K, 1, paths.MAX_K),
        max_hops=int_arg(args, "max_hops", paths.DEFAULT_MAX_HOPS, 1, paths.MAX_HOPS),
        rank=args.get("rank") or "strength", types=args.get("types"), viewer=g.user["id"], access=g.access)


@bp.get("/api/v1/opportunities/<record_id>/influence")
def opportunity_influence(record_id: str):
    """The buying committee, uncovered roles and paths to the deciders."""
    return influence.influence(get_db(), record_id, viewer=g.user["id"], k=int_arg(request.args, "k", 3, 1, 10),
                               max_hops=int_arg(request.args, "max_hops", paths.DEFAULT_MAX_HOPS, 1, paths.MAX_HOPS),
                               access=g.access)


@bp.get("/api/v1/people/<record_id>/introductions")
def person_introductions(record_id: str):
    """Who can introduce the signed-in user to a person."""
    return influence.introductions(get_db(), record_id, viewer=g.user["id"],
                                   k=int_arg(request.args, "k", 5, 1, 10), access=g.access)


@bp.get("/api/v1/accounts/<record_id>/connectors")
def account_connectors(record_id: str):
    """People in an account's 2-hop network ranked by betweenness."""
    return influence.connectors(get_db(), record_id, limit=int_arg(request.args, "limit", 20, 1, 200),
                                access=g.access)


@bp.get("/api/v1/network/export")
def export_network():
    """A network view (same parameters as /network) as GraphML or standalone HTML."""
    fmt = _format(request.args.get("format"))
    view = network.network(get_db(), request.args.get("center", ""), **{**_network_args(), "layout": "client"},
                           access=g.access)
    return _download(view, fmt, request.args.get("title") or _title(view))


@bp.post("/api/v1/network/export")
def export_view():
    """The view the browser shows (its record ids) as GraphML or standalone HTML."""
    body = ExportBody.check(read_json())
    types = network.parse_types(body.types)
    as_of = network.parse_as_of(body.as_of)
    view = get_db().read_tx(_view_of_ids, list(dict.fromkeys(body.nodes)), types, as_of, g.access)
    return _download(view, body.format, body.title or _("graphcrm view"))


def _view_of_ids(tx, ids, types, as_of, access) -> dict:
    # The opaque ids of hidden people match no record: the file leaves them out.
    eids = [r["eid"] for r in tx.run("network/by_ids", ids=ids)]
    view = network.records_view(tx, eids, types, as_of, access)
    for node in view["nodes"]:
        node.pop("_eid", None)
    return view


def _format(value) -> str:
    if value not in ("graphml", "html"):
        raise Invalid(_("format must be graphml or html"), {"format": _("must be graphml or html")})
    return value


def _title(view: dict) -> str:
    center = next((n for n in view["nodes"] if n.get("distance") == 0), None)
    return _("Network of %(name)s", name=center["label"]) if center else _("graphcrm view")


def _download(view: dict, fmt: str, title: str) -> Response:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", title).strip("-")[:60] or "graphcrm-view"
    if fmt == "graphml":
        body, mime = graph_export.graphml(view), "application/graphml+xml"
    else:
        body, mime = graph_export.standalone_html(view, title), "text/html; charset=utf-8"
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="{stem}.{fmt}"', "X-Content-Type-Options": "nosniff"})


# -- pages ------------------------------------------------------------------------------------
@bp.get("/explore")
@login_required
def explore():
    """The network explorer; starts from ?center=ID or from a search."""
    return render_template("graph/explore.html", center=request.args.get("center", ""))


@bp.get("/opportunities/<record_id>/influence")
@login_required
def influence_page(record_id: str):
    """The influence map of a deal."""
    deal = get_record(get_db(), Label.OPPORTUNITY, record_id, access=g.access)
    return render_template("graph/graph_influence.html", deal=deal)


@bp.get("/people/<record_id>/introductions")
@login_required
def introductions_page(record_id: str):
    """Who can introduce me to this person?"""
    person = get_record(get_db(), Label.PERSON, record_id, access=g.access)
    if person is None:
        raise NotFound(_("No person with id %(id)s", id=record_id))
    return render_template("graph/graph_introductions.html", person=person)


# -- OpenAPI ----------------------------------------------------------------------------------
def _q(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _ok(description: str, extra: tuple = ()) -> dict:
    errors = {str(c): {"description": "error", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}} for c in (401, 404, 422, *extra)}
    return {"200": {"description": description}, **errors}


HIDDEN_NOTE = ("With private sharing, a person owned outside the viewer's team is "
               "{id: \"hidden:...\", kind: \"person\", label: \"someone at <account>\", hidden: true} and "
               "their edges carry only their type; hover cards hold sensitive fields only for those allowed.")
_ID = {"name": "record_id", "in": "path", "required": True, "schema": {"type": "string"}}
_VIEW_PARAMS = [
    _q("center", "record id to start from", required=True),
    _q("depth", "hops from the center, 1-3", {"type": "integer", "default": 2}),
    _q("types", "comma-separated relationship types; default: all between people, accounts, deals, users"),
    _q("limit", "at most this many nodes, nearest first (1-2000)", {"type": "integer", "default": 300}),
    _q("as_of", "YYYY-MM-DD: only relationships valid that day (since/until)", {"type": "string", "format": "date"}),
    _q("kinds", "comma-separated node kinds: person, account, opportunity, user, campaign"),
    _q("status", "people: active, inactive or all"),
    _q("layout", "auto (server layout above 500 nodes), server or client"),
]
OPENAPI_PATHS = {
    "/network": {"get": {
        "summary": "Network view around a record",
        "description": "Nodes within depth of the center (either direction), nearest first; `truncated`, "
                       "`total` and `more` say how many were left out. " + HIDDEN_NOTE + " A hidden center is a 404.",
        "parameters": _VIEW_PARAMS, "responses": _ok("{center, nodes, edges, truncated, shown, total, more}")}},
    "/network/export": {
        "get": {"summary": "A network view as a file", "parameters": [
            *_VIEW_PARAMS, _q("format", "graphml or html (standalone, works offline)", required=True),
            _q("title", "title of the HTML page")], "responses": _ok("the file")},
        "post": {"summary": "The records a browser view shows, as a file",
                 "requestBody": {"content": {"application/json": {"schema": {
                     "type": "object", "required": ["format", "nodes"], "properties": {
                         "format": {"type": "string", "enum": ["graphml", "html"]},
                         "nodes": {"type": "array", "items": {"type": "string"}, "maxItems": MAX_EXPORT_NODES},
                         "types": {"type": "string"}, "as_of": {"type": "string", "format": "date"},
                         "title": {"type": "string"}}}}}},
                 "responses": _ok("the file", (400,))}},
    "/paths": {"get": {
        "summary": "The k best paths between two records",
        "description": "Simple paths either direction, best first. rank=hops: by hop count (the first is a "
                       "shortest path); rank=strength: by tie strength (touchpoints, shared board seats, "
                       "overlapping tenure, KNOWS, company size). Each path explains every hop. "
                       "Paths pass through people the viewer may not see, shown as \"someone at <account>\" "
                       "(opaque `hidden:` ids, no names in the texts); such a person as an end is a 404.",
        "parameters": [_q("from", "record id", required=True), _q("to", "record id", required=True),
                       _q("k", "1-20", {"type": "integer", "default": 5}),
                       _q("max_hops", "1-10", {"type": "integer", "default": 6}),
                       _q("rank", "strength or hops", {"type": "string", "enum": ["strength", "hops"]}),
                       _q("types", "comma-separated relationship types, and TOUCHED for our touchpoints")],
        "responses": _ok("{paths: [{nodes, edges, hops, cost, explanation}], records}")}},
    "/opportunities/{record_id}/influence": {"parameters": [_ID], "get": {
        "summary": "Buying committee, uncovered roles, and paths to the deciders from you and the deal team",
        "parameters": [_q("k", "paths per person, 1-10", {"type": "integer", "default": 3})],
        "responses": _ok("{opportunity, roles, uncovered, team, records}")}},
    "/people/{record_id}/introductions": {"parameters": [_ID], "get": {
        "summary": "Who can introduce you to this person",
        "parameters": [_q("k", "paths, 1-10", {"type": "integer", "default": 5})],
        "responses": _ok("{person, paths_from_me, paths_from_team, introducers, records}")}},
    "/accounts/{record_id}/connectors": {"parameters": [_ID], "get": {
        "summary": "People in the account's 2-hop network ranked by betweenness",
        "parameters": [_q("limit", "1-200", {"type": "integer", "default": 20})],
        "responses": _ok("{account, items: [{id, kind, label, score}], truncated}")}},
}
