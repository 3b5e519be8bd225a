"""Contact care pages: lost contacts, duplicates and placeholders to merge, bulk owner reassignment."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.access.checks import require_manager
from graphcrm.contacts import lifecycle, merge, ownership
from graphcrm.contacts.people import placeholders_to_merge, team_owner_choices
from graphcrm.http.common.actions import NO_FORM, FormState, need, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import login_required
from graphcrm.i18n import _, _l, ngettext
from graphcrm.model.validation import int_arg

bp = Blueprint("contact_pages", __name__)
LOST_PAGE = 100
KINDS = {"person": _l("People"), "account": _l("Accounts")}


@bp.get("/contacts/lost")
@login_required
def lost():
    """Inactive contacts, longest lost first, each with a shortcut to record where they went."""
    mine = request.args.get("mine") == "1"
    offset = int_arg(request.args, "offset", 0, 0, 1_000_000)
    page = lifecycle.lost_contacts(get_db(), owner=g.user["id"] if mine else None, limit=LOST_PAGE, offset=offset,
                                   access=g.access)
    return render_template("contacts/contacts_lost.html", page=page, mine=mine, offset=offset, size=LOST_PAGE)


def _render_duplicates(fs: FormState = NO_FORM, status: int = 200):
    db = get_db()
    return render_template("contacts/contacts_duplicates.html", groups=merge.duplicates(db, access=g.access),
                           placeholders=placeholders_to_merge(db, access=g.access), fs=fs), status


@bp.get("/contacts/duplicates")
@login_required
def duplicates():
    """Duplicate candidates and placeholders, each with a form to merge them into one real person."""
    require_manager(g.access, _("merge duplicates"))
    return _render_duplicates()


@bp.post("/contacts/duplicates/merge")
@login_required
def merge_duplicates():
    """Merge the chosen records of a group into the survivor, one merge (transaction) each."""
    require_manager(g.access, _("merge duplicates"))
    keep = (request.form.get("keep") or "").strip()
    others = [i for i in dict.fromkeys(request.form.getlist("merge")) if i]

    def work():
        need(bool(keep), "keep", _("choose the record to keep"))
        need(bool(others), "merge", _("tick at least one record to merge into the one kept"))
        # Checked before any merge runs, so a bad choice changes nothing.
        need(keep not in others, "merge", _("must not include the record kept"),
             _("A person cannot be merged into itself: untick the record you keep."))
        return [merge.merge(get_db(), other, {"into": keep}, by=g.user["id"], access=g.access) for other in others]

    return run_form(request.form.get("form") or "merge", work, render=_render_duplicates, refers=True,
                    rename={"id": "merge", "into": "keep"},
                    done=ngettext("Merged %(num)d record into one.", "Merged %(num)d records into one.", len(others)),
                    redirect_to=lambda merged: url_for("people_pages.show", record_id=merged[-1]["id"]))


def _render_owners(fs: FormState = NO_FORM, status: int = 200):
    # A manager moves records only within their team, so only their team is offered.
    users = team_owner_choices(get_db(), access=g.access)
    return render_template("contacts/owners_bulk.html", users=users, kinds=KINDS, fs=fs), status


@bp.route("/admin/owners", methods=["GET", "POST"])
@login_required
def owners():
    """Move every record of one owner to another, e.g. when a rep leaves (admins and managers)."""
    require_manager(g.access, _("reassign owners in bulk"))
    if request.method == "GET":
        return _render_owners()
    body = {"from": request.form.get("from") or "", "to": request.form.get("to") or "",
            "kinds": request.form.getlist("kinds")}
    return run_form("owners", lambda: ownership.reassign_all(get_db(), body, by=g.user["id"], access=g.access),
                    render=_render_owners, refers=True, redirect_to=url_for("contact_pages.owners"),
                    done=lambda r: ngettext("Moved %(num)d record to the new owner.",
                                            "Moved %(num)d records to the new owner.", r["moved"]))
