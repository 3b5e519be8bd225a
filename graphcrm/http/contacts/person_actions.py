"""The forms on the person page: owner, bounce, left, move, further accounts, ties, merge, history."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from graphcrm.access.checks import check_edit
from graphcrm.contacts import lifecycle, merge, ownership
from graphcrm.contacts.people import employment
from graphcrm.errors import Conflict, Invalid
from graphcrm.http.common.actions import NO_FORM, FormState, need, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.format import full_name
from graphcrm.http.common.guard import login_required
from graphcrm.http.common.pickers import pick_account, pick_person
from graphcrm.http.contacts.people import render_person
from graphcrm.i18n import _
from graphcrm.model import Label, RelType
from graphcrm.records import relationships
from graphcrm.records.crud import get

bp = Blueprint("person_actions", __name__, url_prefix="/people")
# Links the person page may remove, and which end of them the person is.
REMOVABLE = {RelType.EMPLOYS: "in", RelType.BOARD_MEMBER: "out", RelType.KNOWS: None, RelType.REPORTS_TO: None}


def _form(*keys: str) -> dict:
    return {k: (request.form.get(k) or "").strip() for k in keys}


def _page(record_id: str, anchor: str) -> str:
    return url_for("people_pages.show", record_id=record_id) + "#" + anchor


def _run(record_id: str, name: str, work, done, anchor: str, rename: dict | None = None):
    check_edit(get_db(), g.access, record_id)
    return run_form(name, work, render=lambda fs, status: render_person(record_id, fs, status), done=done,
                    redirect_to=_page(record_id, anchor), rename=rename)


def _account(values: dict, key: str = "account") -> dict:
    account, problem = pick_account(values, key)
    need(account is not None, key, problem or _("is required"))
    return account


def _person(values: dict, key: str = "person") -> dict:
    person, problem = pick_person(values, key)
    need(person is not None, key, problem or _("is required"))
    return person


@bp.post("/<record_id>/owner")
@login_required
def set_owner(record_id: str):
    """Give the person another owner, addressing them du or Sie."""
    body = _form("user", "address")
    return _run(record_id, "owner",
                lambda: ownership.set_owner(get_db(), record_id, body, by=g.user["id"], access=g.access),
                _("Owner changed."), "owner")


@bp.post("/<record_id>/bounce")
@login_required
def bounce(record_id: str):
    """The e-mail bounced: the contact becomes inactive until we find them again."""
    return _run(record_id, "bounce",
                lambda: lifecycle.mark_bounced(get_db(), record_id, by=g.user["id"], access=g.access),
                _("Marked the e-mail as bounced; the contact is inactive."), "status")


@bp.post("/<record_id>/leave")
@login_required
def leave(record_id: str):
    """The person left the company on a date: the job becomes former, the contact inactive."""
    body = _form("date")
    return _run(record_id, "leave",
                lambda: lifecycle.mark_left(get_db(), record_id, body, by=g.user["id"], access=g.access),
                _("Marked as having left the company."), "status")


def _render_move(record_id: str, fs: FormState = NO_FORM, status: int = 200):
    person = get(get_db(), Label.PERSON, record_id, access=g.access)
    return render_template("contacts/person_move.html", p=person, fs=fs), status


@bp.route("/<record_id>/move", methods=["GET", "POST"])
@login_required
def move(record_id: str):
    """Moved to a new employer: the old job is kept as former, the new one becomes primary."""
    check_edit(get_db(), g.access, record_id)
    if request.method == "GET":
        return _render_move(record_id)
    values = _form("account", "account_id", "title", "department", "since", "email")

    def work():
        account = _account(values)
        body = {"account": account["id"], **{k: values[k] for k in ("title", "department", "since", "email")
                                             if values[k]}}
        return lifecycle.move(get_db(), record_id, body, by=g.user["id"], access=g.access)

    return run_form("move", work, render=lambda fs, status: _render_move(record_id, fs, status),
                    done=lambda p: _("%(name)s moved; the old job is kept as a former one.", name=full_name(p)),
                    redirect_to=_page(record_id, "career"))


@bp.post("/<record_id>/board")
@login_required
def add_board_seat(record_id: str):
    """Add a board seat (Verwaltungsrat) at another account, with role and dates."""
    values = _form("account", "account_id", "role", "since", "until")

    def work():
        account = _account(values)
        props = {k: values[k] for k in ("role", "since", "until") if values[k]}
        return relationships.link(get_db(), {"type": RelType.BOARD_MEMBER.value, "from": record_id,
                                             "to": account["id"], "properties": props}, by=g.user["id"],
                                  access=g.access)

    return _run(record_id, "board", work, _("Board seat added."), "career")


@bp.post("/<record_id>/employers")
@login_required
def add_employer(record_id: str):
    """Add a further (not primary) employer with roles, title and start date."""
    values = _form("account", "account_id", "roles", "title", "department", "since")

    def work():
        account = _account(values)
        # Linking again would overwrite the current job, primary flag included.
        need(employment(get_db(), record_id, account["id"]) is None, "account",
             _("works there already; change that job instead"))
        props = {k: values[k] for k in ("title", "department", "since") if values[k]}
        roles = [r.strip() for r in values["roles"].split(",") if r.strip()]
        props.update(primary=False, **({"roles": roles} if roles else {}))
        return relationships.link(get_db(), {"type": RelType.EMPLOYS.value, "from": account["id"],
                                             "to": record_id, "properties": props}, by=g.user["id"], access=g.access)

    return _run(record_id, "employer", work, _("Further account added."), "career")


@bp.post("/<record_id>/knows")
@login_required
def add_tie(record_id: str):
    """Record that the person knows someone: since when, from where, a note."""
    values = _form("person", "person_id", "since", "source", "note")

    def work():
        other = _person(values)
        props = {k: values[k] for k in ("since", "source", "note") if values[k]}
        return relationships.link(get_db(), {"type": RelType.KNOWS.value, "from": record_id, "to": other["id"],
                                             "properties": props}, by=g.user["id"], access=g.access)

    return _run(record_id, "knows", work, _("Tie added."), "knows", rename={"to": "person", "from": "person"})


@bp.post("/<record_id>/reports")
@login_required
def add_reporting_line(record_id: str):
    """Add a reporting line: the person reports to someone, or someone reports to them."""
    values = _form("direction", "person", "person_id")

    def work():
        need(values["direction"] in ("manager", "report"), "direction", _("must be manager or report"))
        other = _person(values)
        ends = (record_id, other["id"]) if values["direction"] == "manager" else (other["id"], record_id)
        return relationships.link(get_db(), {"type": RelType.REPORTS_TO.value, "from": ends[0], "to": ends[1]},
                                  by=g.user["id"], access=g.access)

    return _run(record_id, "reports", work, _("Reporting line added."), "reporting",
                rename={"to": "person", "from": "person"})


@bp.post("/<record_id>/unlink")
@login_required
def unlink(record_id: str):
    """Remove a further account, board seat, tie or reporting line (never the primary job)."""
    check_edit(get_db(), g.access, record_id)
    rel = relationships.parse_type(request.form.get("type"))
    other = request.form.get("other") or ""
    if rel not in REMOVABLE:
        raise Invalid(_("This page removes further accounts, board seats, ties and reporting lines only."),
                      {"type": _("cannot be removed here")})
    side = REMOVABLE[rel] or request.form.get("direction")
    if side not in ("in", "out"):
        raise Invalid(_("direction must be in or out"), {"direction": _("must be in or out")})
    if rel is RelType.EMPLOYS and (employment(get_db(), record_id, other) or {}).get("primary"):
        raise Conflict(_("The primary job ends with “Left the company” or “Moved to new employer”."),
                       {"type": _("is the primary job")})
    ends = (record_id, other) if side == "out" else (other, record_id)
    relationships.unlink(get_db(), {"type": rel.value, "from": ends[0], "to": ends[1]}, by=g.user["id"],
                         access=g.access)
    flash(_("Removed."), "ok")
    anchors = {RelType.KNOWS: "knows", RelType.REPORTS_TO: "reporting"}
    return redirect(_page(record_id, anchors.get(rel, "career")))


@bp.post("/<record_id>/merge")
@login_required
def merge_into(record_id: str):
    """Merge this placeholder or duplicate into a real person; everything moves there."""
    values = _form("into", "into_id")

    def work():
        keep = _person(values, "into")
        return merge.merge(get_db(), record_id, {"into": keep["id"]}, by=g.user["id"], access=g.access)

    check_edit(get_db(), g.access, record_id)
    return run_form("merge", work, render=lambda fs, status: render_person(record_id, fs, status),
                    done=lambda p: _("Merged into %(name)s.", name=full_name(p)),
                    redirect_to=lambda p: url_for("people_pages.show", record_id=p["id"]),
                    rename={"id": "into"})


@bp.get("/<record_id>/history")
@login_required
def history(record_id: str):
    """The person's whole field history, newest first, a page at a time."""
    person = get(get_db(), Label.PERSON, record_id, access=g.access)
    page = lifecycle.history(get_db(), Label.PERSON, record_id, limit=50, cursor=request.args.get("cursor"),
                             access=g.access)
    return render_template("contacts/history.html", record=person, title=full_name(person), page=page,
                           back=url_for("people_pages.show", record_id=record_id), kind="person")
