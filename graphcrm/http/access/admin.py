"""Admin-only views: the audit log."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, render_template, request

from graphcrm.access import audit
from graphcrm.http.common.context import get_db
from graphcrm.errors import Forbidden
from graphcrm.model.validation import int_arg
from graphcrm.http.common.guard import login_required

bp = Blueprint("admin", __name__)


def _admin_only() -> None:
    if not g.access.is_admin:
        raise Forbidden("Only admins see the audit log.")


def _entries() -> dict:
    return audit.entries(get_db(), limit=int_arg(request.args, "limit", 100, 1, 500),
                         before=request.args.get("before") or None, user=request.args.get("user") or None,
                         action=request.args.get("action") or None)


@bp.get("/api/v1/audit")
def audit_api():
    """Audit entries, newest first (admins)."""
    _admin_only()
    return jsonify(_entries())


@bp.get("/admin/audit")
@login_required
def audit_page():
    """The audit log page (admins)."""
    _admin_only()
    return render_template("access/admin_audit.html", page=_entries())


OPENAPI_PATHS = {
    "/audit": {"get": {"summary": "Audit log, newest first (admins)", "parameters": [
        {"name": n, "in": "query", "schema": {"type": "string"}} for n in ("limit", "before", "user", "action")],
        "responses": {"200": {"description": "entries"}, "401": {"description": "error"},
                      "403": {"description": "error"}}}},
}
