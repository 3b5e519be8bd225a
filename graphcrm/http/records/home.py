"""Server-rendered pages: home with search; the shared filters, permissions and template context."""
from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request

from graphcrm.contacts.accounts import owned_accounts
from graphcrm.contacts.people import CAP, owned_people
from graphcrm.errors import Invalid
from graphcrm.http.common import format as page_format
from graphcrm.http.common.context import get_db
from graphcrm.http.common.forms import LABELS
from graphcrm.http.common.guard import current_access, login_required
from graphcrm.model import KIND_LABELS
from graphcrm.model.palette import palette
from graphcrm.records import crud as records
from graphcrm.records import search

bp = Blueprint("pages", __name__)
page_format.register(bp)
SEARCH_LIMIT = 60
HOME_CAP = 25


def list_cap() -> int:
    """How many rows each list on a record page shows (GRAPHCRM_PAGE_CAP; tests lower it)."""
    return int(current_app.config.get("GRAPHCRM_PAGE_CAP", CAP))


def can_write_now() -> bool:
    """True when the signed-in user's role may change records (record pages also ask whether this one)."""
    return bool(g.get("user")) and current_access().can_write


def can_manage_now() -> bool:
    """True for admins and managers: bulk owner changes, merging duplicates."""
    return bool(g.get("user")) and current_access().can_manage


@bp.app_context_processor
def page_context() -> dict:
    """Give every template the signed-in user's permissions and the palette."""
    return {"can_write": can_write_now(), "can_manage": can_manage_now(),
            "is_admin": bool(g.get("user")) and current_access().is_admin, "palette": palette()}


@bp.app_template_global()
def may_edit(owner_id: str | None) -> bool:
    """True when the signed-in user may change a record owned by `owner_id` (None: unowned)."""
    return bool(g.get("user")) and current_access().may_edit(owner_id)


@bp.app_template_global()
def has_page(endpoint: str) -> bool:
    """True when the app serves this endpoint, so navigation never links to a missing page."""
    return endpoint in current_app.view_functions


@bp.app_template_global()
def field_label(name: str) -> str:
    """The label of a record field, as its form shows it (in the reader's language)."""
    return str(LABELS.get(name, name.replace("_", " ").capitalize()))


@bp.app_template_global()
def tracked_fields(kind: str) -> list[str]:
    """The labels of the fields whose every change a record kind's history keeps."""
    label = KIND_LABELS.get(kind)
    return [field_label(name) for name in records.TRACKED.get(label, ())]


@bp.get("/")
@login_required
def home():
    """The start page: search hits for `q`, otherwise the records the user owns."""
    q = request.args.get("q", "").strip()
    if not q:
        cap = min(HOME_CAP, list_cap())
        return render_template("records/home.html", q="", people=owned_people(get_db(), g.user["id"], cap),
                               accounts=owned_accounts(get_db(), g.user["id"], cap))
    try:
        found = search.search(get_db(), q, limit=SEARCH_LIMIT, access=g.access)
    except Invalid as exc:
        return render_template("records/home.html", q=q, error=exc.fields.get("q", exc.message)), 422
    groups = {kind: [hit for hit in found["items"] if hit["kind"] == kind]
              for kind in ("person", "account", "opportunity")}
    return render_template("records/home.html", q=q, groups=groups, total=len(found["items"]),
                           truncated=found["truncated"])
