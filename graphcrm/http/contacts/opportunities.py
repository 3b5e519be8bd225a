"""The opportunity page, its contact-role forms and the opportunity forms."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.access.checks import check_edit
from graphcrm.contacts import lifecycle
from graphcrm.contacts.opportunities import create_opportunity, opportunity_detail
from graphcrm.http.common.actions import NO_FORM, FormState, need, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.editing import create_view, edit_view
from graphcrm.http.common.guard import login_required
from graphcrm.http.common.pickers import pick_person
from graphcrm.http.records.home import list_cap
from graphcrm.i18n import _
from graphcrm.model import NODE_FIELDS, Label, RelType
from graphcrm.records import relationships

bp = Blueprint("opportunity_pages", __name__, url_prefix="/opportunities")
FIELDS = NODE_FIELDS[Label.OPPORTUNITY]
HISTORY_SHOWN = 20


def _create(db, data, *, account_id, address, user_id):
    return create_opportunity(db, data, account_id=account_id, by=user_id, access=g.access)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a deal, at an account when one is chosen."""
    return create_view(Label.OPPORTUNITY, _create, "opportunity_pages.show", url_for("pages.home"))


def render_opportunity(record_id: str, fs: FormState = NO_FORM, status: int = 200):
    """The deal page; `fs` unfolds the form that failed, with its errors beside the fields."""
    db = get_db()
    detail = opportunity_detail(db, record_id, list_cap(), access=g.access)
    editable = g.access.can_write and detail["can_edit"]
    history = lifecycle.history(db, Label.OPPORTUNITY, record_id, limit=HISTORY_SHOWN, access=g.access)
    return render_template("contacts/opportunity.html", d=detail, fields=FIELDS, fs=fs, can_write=editable,
                           history=history), status


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """A deal: fields, account, buying committee grouped by role, uncovered roles."""
    return render_opportunity(record_id)


@bp.get("/<record_id>/history")
@login_required
def history(record_id: str):
    """The deal's whole field history (stage, amount, close date, ...), newest first, a page at a time."""
    db = get_db()
    deal = opportunity_detail(db, record_id, 1, access=g.access)["opportunity"]
    page = lifecycle.history(db, Label.OPPORTUNITY, record_id, limit=50, cursor=request.args.get("cursor"),
                             access=g.access)
    return render_template("contacts/history.html", record=deal, title=deal["name"], page=page,
                           back=url_for("opportunity_pages.show", record_id=record_id), kind="opportunity")


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit a deal's fields; a stale version is refused with a clear message."""
    return edit_view(Label.OPPORTUNITY, record_id, "opportunity_pages.show")


def _run(record_id: str, name: str, work, done: str, rename: dict | None = None):
    check_edit(get_db(), g.access, record_id)
    return run_form(name, work, render=lambda fs, status: render_opportunity(record_id, fs, status), done=done,
                    redirect_to=url_for("opportunity_pages.show", record_id=record_id) + "#contacts",
                    rename=rename)


@bp.post("/<record_id>/contacts")
@login_required
def add_contact_role(record_id: str):
    """Give a person a role on the deal; at most one contact is primary."""
    values = {k: (request.form.get(k) or "").strip() for k in ("person", "person_id", "role")}

    def work():
        person, problem = pick_person(values)
        need(person is not None, "person", problem or _("is required"))
        props = {"role": values["role"], "primary": "primary" in request.form}
        return relationships.link(get_db(), {"type": RelType.CONTACT_ROLE.value, "from": person["id"],
                                             "to": record_id, "properties": props}, by=g.user["id"],
                                  access=g.access)

    return _run(record_id, "role", work, _("Contact role saved."), rename={"from": "person"})


@bp.post("/<record_id>/contacts/remove")
@login_required
def remove_contact_role(record_id: str):
    """Take a person's role off the deal."""
    person_id = request.form.get("person") or ""
    return _run(record_id, "role-remove", lambda: relationships.unlink(
        get_db(), {"type": RelType.CONTACT_ROLE.value, "from": person_id, "to": record_id}, by=g.user["id"],
        access=g.access),
                _("Contact role removed."))
