"""The account page, its forms (owner, Info Kontakt, partners) and the account forms."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.access.checks import check_edit, require_writer
from graphcrm.contacts import lifecycle, merge, ownership
from graphcrm.contacts.accounts import account_detail, create_account
from graphcrm.contacts.people import owner_choices
from graphcrm.errors import Invalid
from graphcrm.http.common.actions import NO_FORM, FormState, need, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.editing import create_view, edit_view
from graphcrm.http.common.guard import login_required
from graphcrm.http.common.pickers import pick_account
from graphcrm.http.records.home import can_write_now, list_cap
from graphcrm.i18n import _
from graphcrm.model import NODE_FIELDS, PARTNER_ROLES, Label, RelType
from graphcrm.records import relationships
from graphcrm.records.crud import get

bp = Blueprint("account_pages", __name__, url_prefix="/accounts")
FIELDS = NODE_FIELDS[Label.ACCOUNT]
HISTORY_SHOWN = 20


def _create(db, data, *, account_id, address, user_id):
    return create_account(db, data, owner_id=user_id, address=address, by=user_id, access=g.access)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create an account owned by the current user."""
    return create_view(Label.ACCOUNT, _create, "account_pages.show", url_for("pages.home"))


def render_account(record_id: str, fs: FormState = NO_FORM, status: int = 200):
    """The account page; `fs` unfolds the form that failed, with its errors beside the fields."""
    db = get_db()
    detail = account_detail(db, record_id, list_cap(), access=g.access)
    editable = can_write_now() and detail["can_edit"]
    return render_template(
        "contacts/account.html", d=detail, fields=FIELDS, fs=fs, partner_roles=PARTNER_ROLES,
        history=lifecycle.history(db, Label.ACCOUNT, record_id, limit=HISTORY_SHOWN, access=g.access),
        owners=owner_choices(db) if editable else [], can_write=editable), status


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """An account: fields, people by relationship, org chart, deals, partners, history."""
    return render_account(record_id)


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit an account's fields; a stale version is refused with a clear message."""
    return edit_view(Label.ACCOUNT, record_id, "account_pages.show")


def _run(record_id: str, name: str, work, done: str, anchor: str, rename: dict | None = None):
    check_edit(get_db(), g.access, record_id)
    return run_form(name, work, render=lambda fs, status: render_account(record_id, fs, status), done=done,
                    redirect_to=url_for("account_pages.show", record_id=record_id) + "#" + anchor, rename=rename)


@bp.post("/<record_id>/owner")
@login_required
def set_owner(record_id: str):
    """Give the account another owner, addressing it du or Sie."""
    body = {k: (request.form.get(k) or "").strip() for k in ("user", "address")}
    return _run(record_id, "owner", lambda: ownership.set_owner(get_db(), record_id, body, by=g.user["id"],
                                                                access=g.access),
                _("Owner changed."), "top")


@bp.post("/<record_id>/placeholder")
@login_required
def add_placeholder(record_id: str):
    """Add an "Info Kontakt" with the account's info@ address."""
    return _run(record_id, "placeholder", lambda: merge.create_placeholder(get_db(), record_id, access=g.access),
                _("Info Kontakt added."), "placeholders")


@bp.post("/<record_id>/partners")
@login_required
def add_partner(record_id: str):
    """Add a partner account with its role: they are our reseller, or we are theirs."""
    values = {k: (request.form.get(k) or "").strip() for k in ("partner", "partner_id", "role", "direction")}

    def work():
        need(values["direction"] in ("theirs", "ours"), "direction", _("must say who holds the role"))
        partner, problem = pick_account(values, "partner")
        need(partner is not None, "partner", problem or _("is required"))
        ends = (partner["id"], record_id) if values["direction"] == "theirs" else (record_id, partner["id"])
        props = {"role": values["role"]} if values["role"] else {}
        return relationships.link(get_db(), {"type": RelType.PARTNER_OF.value, "from": ends[0], "to": ends[1],
                                             "properties": props}, by=g.user["id"], access=g.access)

    return _run(record_id, "partner", work, _("Partner added."), "partners",
                rename={"to": "partner", "from": "partner"})


@bp.post("/<record_id>/partners/remove")
@login_required
def remove_partner(record_id: str):
    """Remove a partner link in the direction it was recorded."""
    require_writer(g.access)
    other, direction = request.form.get("other") or "", request.form.get("direction")
    if direction not in ("theirs", "ours"):
        raise Invalid(_("direction must be theirs or ours"), {"direction": _("must be theirs or ours")})
    ends = (other, record_id) if direction == "theirs" else (record_id, other)
    return _run(record_id, "partner-remove", lambda: relationships.unlink(
        get_db(), {"type": RelType.PARTNER_OF.value, "from": ends[0], "to": ends[1]}, by=g.user["id"],
        access=g.access),
                _("Partner removed."), "partners")


@bp.get("/<record_id>/history")
@login_required
def history(record_id: str):
    """The account's whole field history, newest first, a page at a time."""
    account = get(get_db(), Label.ACCOUNT, record_id, access=g.access)
    page = lifecycle.history(get_db(), Label.ACCOUNT, record_id, limit=50, cursor=request.args.get("cursor"),
                             access=g.access)
    return render_template("contacts/history.html", record=account, title=account["name"], page=page,
                           back=url_for("account_pages.show", record_id=record_id), kind="account")
