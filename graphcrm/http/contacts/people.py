"""The person page and the person forms."""
from __future__ import annotations

from flask import Blueprint, g, render_template, url_for

from graphcrm.contacts import lifecycle
from graphcrm.contacts.people import career, create_person, owner_choices, person_detail
from graphcrm.contacts.salutation import letter_salutation
from graphcrm.http.common.actions import NO_FORM, FormState
from graphcrm.http.common.context import get_db
from graphcrm.http.common.editing import create_view, edit_view
from graphcrm.http.common.guard import login_required
from graphcrm.http.records.home import can_write_now, list_cap
from graphcrm.i18n import _l
from graphcrm.model import BOARD_ROLES, NODE_FIELDS, Label

bp = Blueprint("people_pages", __name__, url_prefix="/people")
FIELDS = NODE_FIELDS[Label.PERSON]
HISTORY_SHOWN = 20
# Fields the person page shows in named groups; any other field that is set goes under "More".
# (title, fields): the titles are lazy messages, so they are no dict keys here.
GROUPS = (
    (_l("Contact"), ("email", "phone", "mobile", "language")),
    (_l("Work"), ("title", "department", "team")),
    (_l("Personal"), ("birthdate", "interests")),
    (_l("Social profiles"), ("social_linkedin", "social_xing", "social_x")),
)
SHOWN_ELSEWHERE = {"first_name", "last_name", "salutation", "street", "postal_code", "city", "country",
                   "status", "inactive_reason", "inactive_since", "email_bounced_at", "placeholder",
                   "description"}


def _create(db, data, *, account_id, address, user_id):
    return create_person(db, data, owner_id=user_id, address=address, account_id=account_id, by=user_id,
                         access=g.access)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a person with a primary account and the current user as owner."""
    return create_view(Label.PERSON, _create, "people_pages.show", url_for("pages.home"))


def render_person(record_id: str, fs: FormState = NO_FORM, status: int = 200):
    """The person page; `fs` unfolds the form that failed, with its errors beside the fields."""
    db = get_db()
    detail = person_detail(db, record_id, list_cap(), access=g.access)
    person = detail["person"]
    grouped = {k for _title, names in GROUPS for k in names} | SHOWN_ELSEWHERE
    more = [k for k in FIELDS if k not in grouped and person.get(k) not in (None, "", [])]
    owner = detail["owner"]
    # The page's forms and buttons show only when the viewer may change this person.
    editable = can_write_now() and detail["can_edit"]
    return render_template(
        # The template reads the groups as a dict of title -> fields, titles in the reader's language.
        "contacts/person.html", d=detail, p=person, fields=FIELDS, groups={str(t): n for t, n in GROUPS}, more=more,
        fs=fs,
        career=career(detail), letter=letter_salutation(person, owner["address"] if owner else None),
        history=lifecycle.history(db, Label.PERSON, record_id, limit=HISTORY_SHOWN, access=g.access),
        owners=owner_choices(db) if editable else [], board_roles=BOARD_ROLES, can_write=editable,
        can_log=can_write_now()), status  # any writer logs touchpoints with people they may see


@bp.get("/<record_id>")
@login_required
def show(record_id: str):
    """A person: fields, owner and salutation, career, deals, ties, campaigns, history, and their forms."""
    return render_person(record_id)


@bp.route("/<record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: str):
    """Edit a person's fields; a stale version is refused with a clear message."""
    return edit_view(Label.PERSON, record_id, "people_pages.show")
