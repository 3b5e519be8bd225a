"""The account page and the account forms."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for

from ..accounts import account_detail, create_account
from ..app import get_db
from ..model import NODE_FIELDS, Label
from .guard import login_required
from .page_editing import create_view, edit_view
from .pages import list_cap

bp = Blueprint("account_pages", __name__, url_prefix="/accounts")
FIELDS = NODE_FIELDS[Label.ACCOUNT]


def _create(db, data, *, account_id, address, user_id):
    return create_account(db, data, owner_id=user_id, address=address, by=user_id)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create an account owned by the current user."""
    return create_view(Label.ACCOUNT, _create, "account_pages.show", url_for("pages.home"))


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """An account: fields, people by relationship, deals, partners."""
    detail = account_detail(get_db(), record_id, list_cap())
    return render_template("account.html", d=detail, fields=FIELDS)


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit an account's fields; a stale version is refused with a clear message."""
    return edit_view(Label.ACCOUNT, record_id, "account_pages.show")
