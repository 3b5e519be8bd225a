"""The create and edit flow shared by the record forms: check, write, or re-render with field errors."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash, g, redirect, render_template, request, url_for

from graphcrm.access import checks as record_access
from graphcrm.errors import BadRequest, Conflict, Invalid
from graphcrm.http.common.context import get_db
from graphcrm.http.common.format import full_name
from graphcrm.http.common.forms import (
    changed_names,
    field_names,
    form_errors,
    record_data,
    record_values,
    sections,
    submitted_values,
)
from graphcrm.http.common.pickers import pick_account
from graphcrm.i18n import _, _l
from graphcrm.model import ADDRESS_FORMS, NODE_FIELDS, Label
from graphcrm.model.schema import clean
from graphcrm.records import crud as records
from graphcrm.records import picklists

# Whole sentences per record kind, so that each language can inflect the noun.
NEW_HEADINGS = {Label.PERSON: _l("New person"), Label.ACCOUNT: _l("New account"),
                Label.OPPORTUNITY: _l("New opportunity"), Label.CAMPAIGN: _l("New campaign")}
EDIT_HEADINGS = {Label.PERSON: _l("Edit person"), Label.ACCOUNT: _l("Edit account"),
                 Label.OPPORTUNITY: _l("Edit opportunity"), Label.CAMPAIGN: _l("Edit campaign")}
# create(db, data, extras) -> record; extras: account_id, address.
Creator = Callable[..., dict]


def _render(label: Label, *, creating: bool, values: dict, errors: dict | None = None, status: int = 200,
            message: str | None = None, record: dict | None = None, version=None, cancel_url: str):
    heading = str(NEW_HEADINGS[label] if creating else EDIT_HEADINGS[label])
    # Closed picklists are a select; open ones (industry, lead source) suggest the org's values.
    choices = {name: picklists.values(get_db(), f.picklist) for name, f in NODE_FIELDS[label].items()
               if f.picklist}
    return render_template("form.html", heading=heading, sections=sections(label, creating=creating, choices=choices),
                           values=values, errors=errors or {}, message=message, record=record,
                           version=version, cancel_url=cancel_url, label=label), status


def create_view(label: Label, create: Creator, detail_endpoint: str, cancel_url: str):
    """GET shows an empty form; POST creates the record and its links, or shows what is wrong."""
    record_access.require_writer(g.access)
    extras = {"account": "", "account_id": "", "address": "sie"}
    if request.method == "GET":
        values = {**record_values(label, {}), **extras}
        if label is Label.OPPORTUNITY:
            values["currency"] = "CHF"
        preset = request.args.get("account")
        if preset:
            account = records.get(get_db(), Label.ACCOUNT, preset, access=g.access)
            values.update(account=account["name"], account_id=account["id"])
        return _render(label, creating=True, values=values, cancel_url=cancel_url)

    values = submitted_values(label, request.form, creating=True)
    values.update({key: (request.form.get(key) or default).strip() for key, default in extras.items()})
    data = {k: v for k, v in record_data(label, values, field_names(label, creating=True)).items()
            if v is not None}
    errors: dict[str, str] = {}
    try:
        clean(NODE_FIELDS[label], data)
    except Invalid as exc:
        errors.update(form_errors(exc.fields))
    account, problem = pick_account(values)
    if problem:
        errors["account"] = problem
    if values["address"] not in ADDRESS_FORMS:
        errors["address"] = _("must be du or Sie")
    if errors:
        return _render(label, creating=True, values=values, errors=errors, status=422, cancel_url=cancel_url)
    try:
        record = create(get_db(), data, account_id=account["id"] if account else None,
                        address=values["address"], user_id=g.user["id"])
    except (Invalid, Conflict) as exc:
        return _render(label, creating=True, values=values, errors=form_errors(exc.fields), status=exc.status,
                       message=exc.message, cancel_url=cancel_url)
    flash(_created(label, record.get("name") or full_name(record)), "ok")
    return redirect(url_for(detail_endpoint, record_id=record["id"]))


def _created(label: Label, name: str) -> str:
    if label is Label.PERSON:
        return _("Created person %(name)s.", name=name)
    if label is Label.ACCOUNT:
        return _("Created account %(name)s.", name=name)
    if label is Label.OPPORTUNITY:
        return _("Created opportunity %(name)s.", name=name)
    return _("Created campaign %(name)s.", name=name)


def edit_view(label: Label, record_id: str, detail_endpoint: str):
    """GET shows the record in its form; POST saves the changed fields, checking the version."""
    record_access.check_edit(get_db(), g.access, record_id)  # 403; a hidden person is a 404
    record = records.get(get_db(), label, record_id, access=g.access)
    current = record_values(label, record)
    detail_url = url_for(detail_endpoint, record_id=record_id)
    if request.method == "GET":
        return _render(label, creating=False, values=current, record=record, version=record.get("version"),
                       cancel_url=detail_url)

    values = submitted_values(label, request.form)
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        raise BadRequest(_("The form has no version; reload the page and try again.")) from None
    changed = changed_names(label, current, values)
    if not changed and version == record.get("version"):
        flash(_("Nothing changed."), "info")
        return redirect(detail_url)
    try:
        data = {**record_data(label, values, changed), "version": version}
        records.update(get_db(), label, record_id, data, by=g.user["id"], access=g.access)
    except (Invalid, Conflict) as exc:
        # A stale version keeps the user's input and their version, so saving again cannot
        # silently overwrite the other person's change.
        return _render(label, creating=False, values=values, errors=form_errors(exc.fields),
                       status=exc.status, message=exc.message if isinstance(exc, Conflict) else None,
                       record=record, version=version, cancel_url=detail_url)
    flash(_("Saved."), "ok")
    return redirect(detail_url)
