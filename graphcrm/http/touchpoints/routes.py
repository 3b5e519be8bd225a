"""Touchpoints: log activities, stale-contact and KPI reports, targets, strength; API and pages."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.errors import Invalid
from graphcrm.http.common.actions import NO_FORM, FormState, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.download import csv_download
from graphcrm.http.common.guard import login_required
from graphcrm.http.records.api import json_body, page_args
from graphcrm.http.touchpoints import view as view
from graphcrm.i18n import _
from graphcrm.model import ACTIVITY_KINDS
from graphcrm.model.validation import int_arg
from graphcrm.touchpoints import activities, reports
from graphcrm.touchpoints import targets as kpi

bp = Blueprint("touchpoints", __name__)


def _stale_filters(args) -> dict:
    return {"days": int_arg(args, "days", 90, 0, reports.MAX_DAYS), "kind": args.get("kind") or None,
            "owner": args.get("owner") or None, "account": args.get("account") or None,
            "team": (args.get("team") or "").strip() or None}


# -- API ---------------------------------------------------------------------------------------

@bp.post("/api/v1/activities")
def log_activity():
    """Log a touchpoint; 201 with the record."""
    return activities.log_activity(get_db(), json_body(), by=g.user["id"], access=g.access), 201


@bp.get("/api/v1/people/<record_id>/activities")
def person_activities(record_id: str):
    """A person's activities, newest first, cursor-paged."""
    return activities.person_activities(get_db(), record_id, **page_args(), access=g.access)


@bp.get("/api/v1/people/<record_id>/strength")
def person_strength(record_id: str):
    """Relationship strength of the caller (and colleagues) with a person."""
    return activities.person_strength(get_db(), record_id, g.user["id"], access=g.access)


@bp.get("/api/v1/people/overdue")
def people_overdue():
    """How overdue each contact is against its target: 1.0 = a touch is due now."""
    ids = [i.strip() for i in (request.args.get("ids") or "").split(",") if i.strip()]
    return kpi.overdue_for(get_db(), ids, access=g.access)


@bp.get("/api/v1/reports/stale")
def stale_report():
    """Stale contacts, most neglected first."""
    return reports.stale_contacts(get_db(), **_stale_filters(request.args), **page_args(), access=g.access)


@bp.get("/api/v1/reports/kpi")
def kpi_report():
    """Targets and their status in a period."""
    args = request.args
    return kpi.kpi_report(get_db(), args.get("period"), owner=args.get("owner"), account=args.get("account"),
                          status=args.get("status") or None, **page_args(), access=g.access)


@bp.post("/api/v1/targets")
def create_target():
    """Set a KPI target for a person, an account or a user (owner default)."""
    return kpi.create_target(get_db(), json_body(), access=g.access), 201


@bp.get("/api/v1/targets")
def list_targets():
    """Targets, optionally of one record or period type."""
    return kpi.list_targets(get_db(), scope_id=request.args.get("scope_id") or None,
                            period=request.args.get("period") or None, **page_args(), access=g.access)


@bp.get("/api/v1/targets/<target_id>")
def get_target(target_id: str):
    """One target."""
    return kpi.get_target(get_db(), target_id, access=g.access)


@bp.delete("/api/v1/targets/<target_id>")
def delete_target(target_id: str):
    """Delete a target."""
    kpi.delete_target(get_db(), target_id, access=g.access)
    return "", 204


# -- pages -------------------------------------------------------------------------------------

@bp.route("/people/<record_id>/log", methods=["GET", "POST"])
@login_required
def log_page(record_id: str):
    """The phone-friendly quick log: call the person, then log the call with the time prefilled."""
    db = get_db()
    activities.person_activities(db, record_id, limit=1, access=g.access)  # a hidden person is a 404
    context = activities.log_context(db, record_id, access=g.access)

    def render(fs: FormState = NO_FORM, status: int = 200):
        form = view.log_form_values(fs.values) if fs.name else view.log_defaults(context)
        recent = activities.person_activities(db, record_id, limit=5, access=g.access)
        return render_template("touchpoints/touchpoints_log.html", c=context, form=form, errors=fs.errors,
                               kinds=ACTIVITY_KINDS, recent=recent["items"], logged=request.args.get("logged")), status

    if request.method == "GET":
        return render()
    body = view.log_body(view.log_form_values(request.form), record_id)
    return run_form("log", lambda: activities.log_activity(db, body, by=g.user["id"], access=g.access),
                    render=render, done=_("Logged."),
                    redirect_to=lambda logged: url_for("touchpoints.log_page", record_id=record_id,
                                                       logged=logged["id"]))


@bp.get("/reports/stale")
@login_required
def stale_page():
    """Stale contacts with filters, paging and a CSV download."""
    args = request.args.to_dict()
    if "owner" not in args:
        # Admins and reps see their own contacts first; managers their team's, viewers everyone's.
        # An empty owner means everyone the viewer's role covers.
        args["owner"] = g.user["id"] if g.access.role in ("admin", "rep") else ""
    filters = _stale_filters(args)
    try:
        page = reports.stale_contacts(get_db(), **filters, limit=50, cursor=args.get("cursor"), access=g.access)
        errors = {}
    except Invalid as exc:
        page, errors = {"items": [], "next": None}, exc.fields
    users = reports.owner_choices(get_db(), access=g.access)
    return render_template("touchpoints/touchpoints_stale.html", page=page, filters=filters, errors=errors, users=users,
                           kinds=activities.TOUCH_KINDS, query={k: v for k, v in args.items() if k != "cursor"})


@bp.get("/reports/stale.csv")
@login_required
def stale_csv():
    """The stale report as CSV, every row (capped)."""
    filters = _stale_filters(request.args)
    reports.last_touch_field(filters["kind"])  # refuse a bad kind before the download starts
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    reports.stale_contacts(get_db(), **filters, limit=1, access=g.access)  # refuse an owner out of scope first
    return csv_download(reports.csv_rows(get_db(), **filters, access=g.access), reports.CSV_COLUMNS,
                        f"stale-contacts-{stamp}.csv")


@bp.get("/reports/kpi")
@login_required
def kpi_page():
    """The KPI dashboard: totals, per owner, per account, per person, with server-side SVG charts."""
    args = request.args
    try:
        report = kpi.kpi_report(get_db(), args.get("period"), owner=args.get("owner"),
                                status=args.get("status") or None, limit=50, cursor=args.get("cursor"),
                                access=g.access)
    except Invalid as exc:
        report = kpi.kpi_report(get_db(), None, limit=50, access=g.access)
        return render_template("touchpoints/touchpoints_kpi.html", r=report, charts=view.kpi_charts(report),
                               period_nav=view.period_nav(report["period"]), errors=exc.fields, args=args), 422
    return render_template("touchpoints/touchpoints_kpi.html", r=report, charts=view.kpi_charts(report),
                           period_nav=view.period_nav(report["period"]), errors={}, args=args)


@bp.app_template_global()
def touchpoint_summary(person_id: str) -> dict | None:
    """For _touchpoints_person.html: last touches, strength, KPI status of a person."""
    # Shown only on pages of people the viewer may see.
    return view.person_summary(get_db(), person_id, g.user, g.access)


# -- OpenAPI -----------------------------------------------------------------------------------

def _q(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _ok(description: str, code: str = "200", errors: tuple = (401, 422)) -> dict:
    out = {code: {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}}}
    for c in errors:
        out[str(c)] = {"description": "error", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}
    return out


_RECORD_ID = {"name": "record_id", "in": "path", "required": True, "schema": {"type": "string"}}
_TARGET_ID = {"name": "target_id", "in": "path", "required": True, "schema": {"type": "string"}}
_PAGE = [_q("limit", "page size, 1-500", {"type": "integer", "default": 50}),
         _q("cursor", "the `next` value of the previous page")]
_KINDS = {"type": "string", "enum": list(ACTIVITY_KINDS)}
_ACTIVITY = {"type": "object", "required": ["kind", "people"], "properties": {
    "kind": _KINDS, "at": {"type": "string", "format": "date-time",
                           "description": "ISO 8601 with offset (none = UTC); default now; at most a day ahead"},
    "subject": {"type": "string", "maxLength": 200}, "notes": {"type": "string", "maxLength": 5000},
    "duration": {"type": "integer", "minimum": 0, "maximum": 1440, "description": "minutes"},
    "people": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"},
               "description": "person ids (WITH)"},
    "account": {"type": "string", "description": "account id (ABOUT)"},
    "opportunity": {"type": "string", "description": "opportunity id (ABOUT); must be a deal of `account`"}}}
_TARGET = {"type": "object", "required": ["scope", "scope_id", "period", "min_touchpoints"], "properties": {
    "scope": {"type": "string", "enum": list(kpi.SCOPES), "description": "user = default for every person they own"},
    "scope_id": {"type": "string"}, "period": {"type": "string", "enum": list(kpi.PERIOD_TYPES)},
    "min_touchpoints": {"type": "integer", "minimum": 1, "maximum": 10000},
    "kinds": {"type": "array", "items": _KINDS, "description": "kinds counted; default meeting, call, email, event"}}}

OPENAPI_PATHS = {
    "/activities": {"post": {
        "summary": "Log a touchpoint (meeting, call, email, event, note) with people, about an account/deal",
        "requestBody": {"content": {"application/json": {"schema": _ACTIVITY}}},
        "responses": _ok("the activity", "201", (400, 401, 403, 422))}},
    "/people/{record_id}/activities": {"parameters": [_RECORD_ID], "get": {
        "summary": "A person's activities, newest first", "parameters": _PAGE,
        "responses": _ok("`{items, next}`", errors=(401, 404, 422))}},
    "/people/{record_id}/strength": {"parameters": [_RECORD_ID], "get": {
        "summary": "Relationship strength (graphcrm/strength.py) of the caller and colleagues with a person",
        "responses": _ok("`{person, strength, you, users, truncated}`", errors=(401, 404))}},
    "/people/overdue": {"get": {
        "summary": "How overdue contacts are against their targets: days since the last touch of the "
                   "target's kinds / (period days / min_touchpoints); 1.0 = due now, capped at 10; "
                   "null without a target",
        "parameters": [_q("ids", "comma-separated person ids, at most 500", required=True)],
        "responses": _ok("`{items: [{person, ratio, days_since, interval_days, target}]}`")}},
    "/reports/stale": {"get": {
        "summary": "Active, non-placeholder contacts with no touchpoint (of `kind`) for more than `days`, "
                   "or never; never touched first, then oldest",
        "parameters": [_q("days", "default 90", {"type": "integer", "default": 90}),
                       _q("kind", "meeting, call, email or event; default any of them"),
                       _q("owner", "user id; default: a manager's team, a rep's own, everyone for others"),
                       _q("account", "account id (current employees)"),
                       _q("team", "the contact's team, exact"), *_PAGE],
        "responses": _ok("`{items: [{person, name, last_touch, days_since, owner, account}], next, as_of}`",
                         errors=(401, 403, 422))}},
    "/reports/kpi": {"get": {
        "summary": "KPI targets and their status (met, on_track, at_risk, missed) per owner, account and "
                   "person; calendar periods in UTC, [start, end)",
        "parameters": [_q("period", "2026, 2026-Q4 or 2026-11; default the current quarter"),
                       _q("owner", "user id"), _q("account", "account id"),
                       _q("status", "people list only: met, on_track, at_risk or missed"), *_PAGE],
        "responses": _ok("`{period, totals, owners, accounts, people: {items, next}}`", errors=(401, 403, 422))}},
    "/targets": {
        "get": {"summary": "KPI targets", "parameters": [_q("scope_id", "person, account or user id"),
                                                         _q("period", "month, quarter or year"), *_PAGE],
                "responses": _ok("`{items, next}`")},
        "post": {"summary": "Set a KPI target (one per record and period type)",
                 "requestBody": {"content": {"application/json": {"schema": _TARGET}}},
                 "responses": _ok("the target", "201", (400, 401, 403, 409, 422))}},
    "/targets/{target_id}": {"parameters": [_TARGET_ID],
                      "get": {"summary": "One target", "responses": _ok("the target", errors=(401, 404))},
                      "delete": {"summary": "Delete a target",
                                 "responses": {"204": {"description": "deleted"},
                                               **{k: v for k, v in _ok("", errors=(401, 403, 404)).items()
                                                  if k != "200"}}}},
}
