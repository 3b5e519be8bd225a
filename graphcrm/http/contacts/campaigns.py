"""Campaign pages: the list, create and edit, members by search or by a filtered list, status, export."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from graphcrm.contacts import campaigns
from graphcrm.contacts.campaign_lists import campaign_list, preview_filter
from graphcrm.contacts.people import campaign_detail, owner_choices
from graphcrm.errors import Invalid
from graphcrm.http.common.actions import NO_FORM, FormState, need, run_form
from graphcrm.http.common.context import get_db
from graphcrm.http.common.editing import create_view, edit_view
from graphcrm.http.common.format import full_name
from graphcrm.http.common.guard import login_required
from graphcrm.http.common.pickers import pick_account, pick_person
from graphcrm.http.records.home import list_cap
from graphcrm.i18n import _, ngettext
from graphcrm.model import PERSON_STATUSES, Label
from graphcrm.records import crud as records
from graphcrm.records import picklists

bp = Blueprint("campaign_pages", __name__, url_prefix="/campaigns")
FILTER_KEYS = ("q", "account", "account_id", "owner", "status")


def _create(db, data, *, account_id, address, user_id):
    return records.create(db, Label.CAMPAIGN, data, by=user_id, access=g.access)


@bp.get("")
@login_required
def index():
    """Every campaign in name order, filtered by words and status, a page at a time."""
    q, status = request.args.get("q", "").strip(), request.args.get("status") or ""
    try:
        page = campaign_list(get_db(), q=q, status=status, limit=50, cursor=request.args.get("cursor"),
                             access=g.access)
    except Invalid as exc:
        return render_template("contacts/campaigns.html", page={"items": [], "next": None}, q=q, status=status,
                               statuses=picklists.values(get_db(), "campaign_status"), error=exc.message), 422
    return render_template("contacts/campaigns.html", page=page, q=q, status=status,
                           statuses=picklists.values(get_db(), "campaign_status"),
                           error=None)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a campaign."""
    return create_view(Label.CAMPAIGN, _create, "campaign_pages.show", url_for("campaign_pages.index"))


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit a campaign's fields."""
    return edit_view(Label.CAMPAIGN, record_id, "campaign_pages.show")


def _filter_values(source) -> dict:
    return {k: (source.get(k) or "").strip() for k in FILTER_KEYS}


def _filter_spec(values: dict) -> dict:
    """The add_members filter of the form: account by picker, owner by id, status, words."""
    spec = {"q": values["q"], "owner": values["owner"], "status": values["status"]}
    if values["account"]:
        account, problem = pick_account(values)
        need(account is not None, "account", problem or _("is required"))
        spec["account"] = account["id"]
    return {k: v for k, v in spec.items() if v}


def render_campaign(record_id: str, fs: FormState = NO_FORM, status: int = 200):
    """The campaign page; with filter arguments it says how many people the filter would add."""
    db = get_db()
    detail = campaign_detail(db, record_id, list_cap(), access=g.access)
    values = _filter_values(request.form if fs.open("filter") else request.args)
    preview = None
    if not fs.name and request.args.get("preview"):
        try:
            preview = preview_filter(db, _filter_spec(values), access=g.access)
        except Invalid as exc:
            fs, status = FormState("filter", values, exc.fields, exc.message), 422
    return render_template("contacts/campaign.html", d=detail, fs=fs, filter=values, preview=preview,
                           member_statuses=picklists.values(db, "member_status"), person_statuses=PERSON_STATUSES,
                           owners=owner_choices(db)), status


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """A campaign with its members, their status, the add forms and the CSV export."""
    return render_campaign(record_id)


def _run(record_id: str, name: str, work, done, rename: dict | None = None):
    return run_form(name, work, render=lambda fs, status: render_campaign(record_id, fs, status), done=done,
                    redirect_to=url_for("campaign_pages.show", record_id=record_id) + "#members", rename=rename)


@bp.post("/<record_id>/members")
@login_required
def add_person(record_id: str):
    """Add one person found by name."""
    values = {k: (request.form.get(k) or "").strip() for k in ("person", "person_id", "member_status")}

    def work():
        status = values["member_status"] or "planned"
        need(status in picklists.values(get_db(), "member_status"), "member_status", _("is not a member status"))
        person, problem = pick_person(values)
        need(person is not None, "person", problem or _("is required"))
        campaigns.add_members(get_db(), record_id, {"people": [person["id"]], "status": status}, access=g.access)
        return person

    return _run(record_id, "add", work, lambda p: _("Added %(name)s.", name=full_name(p)))


@bp.post("/<record_id>/members/filter")
@login_required
def add_filtered(record_id: str):
    """Add everyone a filter matches (the page showed how many before)."""
    values = _filter_values(request.form)
    member_status = (request.form.get("member_status") or "planned").strip()

    def work():
        need(member_status in picklists.values(get_db(), "member_status"), "member_status",
             _("is not a member status"))
        return campaigns.add_members(get_db(), record_id, {"filter": _filter_spec(values), "status": member_status},
                                     access=g.access)

    # The English text is the same for one person (as it always was); other languages get their forms.
    return _run(record_id, "filter", work, lambda r: ngettext("Added: %(num)d people of the filter are members now.",
                                                             "Added: %(num)d people of the filter are members now.",
                                                             r["added"]))


@bp.post("/<record_id>/members/<person_id>")
@login_required
def update_member(record_id: str, person_id: str):
    """Change a member's status and whether they responded."""
    body = {"responded": "responded" in request.form}
    if request.form.get("status"):
        body["status"] = request.form["status"].strip()
    return _run(record_id, f"member-{person_id}",
                lambda: campaigns.update_member(get_db(), record_id, person_id, body, access=g.access),
                _("Member updated."))


@bp.post("/<record_id>/members/<person_id>/remove")
@login_required
def remove_member(record_id: str, person_id: str):
    """Take a person off the campaign."""
    return _run(record_id, f"remove-{person_id}",
                lambda: campaigns.remove_member(get_db(), record_id, person_id, access=g.access),
                _("Member removed."))
