"""Server-rendered pages: home with search, campaigns; the shared filters and template context."""
from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request

from .. import search
from ..accounts import owned_accounts
from ..app import get_db
from ..errors import Invalid
from ..people import CAP, campaign_detail, owned_people
from ..permissions import can_write
from . import page_format
from .guard import login_required
from .page_forms import LABELS

bp = Blueprint("pages", __name__)
page_format.register(bp)
SEARCH_LIMIT = 60
HOME_CAP = 25


def list_cap() -> int:
    """How many rows each list on a record page shows (GRAPHCRM_PAGE_CAP; tests lower it)."""
    return int(current_app.config.get("GRAPHCRM_PAGE_CAP", CAP))


@bp.app_context_processor
def page_context() -> dict:
    """Give every template the signed-in user's write permission."""
    return {"can_write": can_write(g.get("user"))}


@bp.app_template_global()
def field_label(name: str) -> str:
    """The label of a record field, as its form shows it."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


@bp.get("/")
@login_required
def home():
    """The start page: search hits for `q`, otherwise the records the user owns."""
    q = request.args.get("q", "").strip()
    if not q:
        cap = min(HOME_CAP, list_cap())
        return render_template("home.html", q="", people=owned_people(get_db(), g.user["id"], cap),
                               accounts=owned_accounts(get_db(), g.user["id"], cap))
    try:
        found = search.search(get_db(), q, limit=SEARCH_LIMIT)
    except Invalid as exc:
        return render_template("home.html", q=q, error=exc.fields.get("q", exc.message)), 422
    groups = {kind: [hit for hit in found["items"] if hit["kind"] == kind]
              for kind in ("person", "account", "opportunity")}
    return render_template("home.html", q=q, groups=groups, total=len(found["items"]),
                           truncated=found["truncated"])


@bp.get("/campaigns/<record_id>")
@login_required
def campaign(record_id: str):
    """A campaign with its members and their status."""
    return render_template("campaign.html", d=campaign_detail(get_db(), record_id, list_cap()))
