"""The opportunity page and the opportunity forms."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for

from ..app import get_db
from ..model import NODE_FIELDS, Label
from ..opportunities import create_opportunity, opportunity_detail
from .guard import login_required
from .page_editing import create_view, edit_view
from .pages import list_cap

bp = Blueprint("opportunity_pages", __name__, url_prefix="/opportunities")
FIELDS = NODE_FIELDS[Label.OPPORTUNITY]


def _create(db, data, *, account_id, address, user_id):
    return create_opportunity(db, data, account_id=account_id, by=user_id)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a deal, at an account when one is chosen."""
    return create_view(Label.OPPORTUNITY, _create, "opportunity_pages.show", url_for("pages.home"))


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """A deal: fields, account, buying committee grouped by role, uncovered roles."""
    detail = opportunity_detail(get_db(), record_id, list_cap())
    return render_template("opportunity.html", d=detail, fields=FIELDS)


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit a deal's fields; a stale version is refused with a clear message."""
    return edit_view(Label.OPPORTUNITY, record_id, "opportunity_pages.show")
