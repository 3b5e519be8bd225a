"""The org's picklists: the API (everyone reads, admins change) and the admins' settings page."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.access.checks import require_admin
from graphcrm.http.common.actions import NO_FORM, FormState, run_form
from graphcrm.http.common.body import read_json
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import login_required
from graphcrm.i18n import _
from graphcrm.records import picklists

bp = Blueprint("picklists", __name__)


@bp.get("/api/v1/picklists")
def list_picklists():
    """Every picklist with its values: graphcrm's, then the org's own (stages with closed/won)."""
    return {"items": picklists.all_picklists(get_db(), access=g.access), "next": None}


@bp.post("/api/v1/picklists/<name>/values")
def add_value(name: str):
    """Admins: add a value to a picklist."""
    return picklists.add_value(get_db(), name, read_json(), access=g.access), 201


@bp.delete("/api/v1/picklists/<name>/values")
def remove_value(name: str):
    """Admins: take one of the org's values off a picklist (records keep theirs)."""
    return picklists.remove_value(get_db(), name, read_json(), access=g.access)


def _render(fs: FormState = NO_FORM, status: int = 200):
    return render_template("records/picklists.html", lists=picklists.all_picklists(get_db(), access=g.access),
                           fs=fs), status


@bp.route("/admin/picklists", methods=["GET", "POST"])
@login_required
def settings_page():
    """Admins see the org's picklists and add or remove values."""
    require_admin(g.access, _("change picklists"))
    if request.method == "GET":
        return _render()
    name = request.form.get("name") or ""
    body = {"value": request.form.get("value") or ""}
    remove = request.form.get("action") == "remove"
    work = (lambda: picklists.remove_value(get_db(), name, body, access=g.access)) if remove else \
        (lambda: picklists.add_value(get_db(), name, body, access=g.access))
    return run_form(f"picklist-{name}", work, render=_render, refers=True,
                    done=(_("Removed %(value)s.", value=body["value"]) if remove
                          else _("Added %(value)s.", value=body["value"])),
                    redirect_to=url_for("picklists.settings_page"))


_ERR = {str(c): {"description": "error"} for c in (401, 403, 404, 422)}
_VALUE = {"content": {"application/json": {"schema": {"type": "object", "required": ["value"],
                                                      "properties": {"value": {"type": "string"}}}}}}
OPENAPI_PATHS = {
    "/picklists": {"get": {"summary": "The org's picklists and their values",
                           "responses": {"200": {"description": "picklists"}, "401": {"description": "error"}}}},
    "/picklists/{name}/values": {
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
        "post": {"summary": "Add a value (admins)", "requestBody": _VALUE,
                 "responses": {"201": {"description": "the picklist"}, **_ERR}},
        "delete": {"summary": "Remove one of the org's values (admins)", "requestBody": _VALUE,
                   "responses": {"200": {"description": "the picklist"}, **_ERR}},
    },
}
