"""Admin-only views: the audit log."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, render_template, request

from graphcrm.access import audit
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import login_required

bp = Blueprint("admin", __name__)


def _entries() -> dict:
    return audit.entries(get_db(), request.args, access=g.access)


@bp.get("/api/v1/audit")
def audit_api():
    """Audit entries, newest first (admins)."""
    return jsonify(_entries())


@bp.get("/admin/audit")
@login_required
def audit_page():
    """The audit log page (admins)."""
    return render_template("access/admin_audit.html", page=_entries())


OPENAPI_PATHS = {
    "/audit": {"get": {"summary": "Audit log, newest first (admins)", "parameters": [
        {"name": n, "in": "query", "schema": {"type": "string"}} for n in ("limit", "before", "user", "action")],
        "responses": {"200": {"description": "entries"}, "401": {"description": "error"},
                      "403": {"description": "error"}}}},
}
