"""Create, read, update, delete and list the model's records: people, accounts, deals, campaigns."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import BadRequest, Conflict, Invalid, NotFound
from graphcrm.i18n import _, ngettext
from graphcrm.model import NODE_FIELDS, Label
from graphcrm.model.collation import fold
from graphcrm.model.nodes import INTERNAL, new_id, public, sort_key  # noqa: F401 (the records API)
from graphcrm.model.schema import clean
from graphcrm.model.words import changed_meanwhile, no_such
from graphcrm.records import paging, picklists
from graphcrm.store.db import Database, Tx
from graphcrm.store.values import to_jsonable

# Fields whose every change is kept as a Change node (the field history of design.md).
TRACKED = {
    Label.PERSON: ("first_name", "last_name", "email", "phone", "mobile", "title", "department", "status",
                   "inactive_reason"),
    Label.ACCOUNT: ("name", "type", "phone", "email", "website"),
    Label.OPPORTUNITY: ("name", "stage", "amount", "close_date", "probability"),
}
# Which list filters each kind of record takes. sf_id, account and owner anchor the query.
LIST_FILTERS = {
    Label.PERSON: ("q", "sf_id", "account", "owner", "status"),
    Label.ACCOUNT: ("q", "sf_id", "owner", "type"),
    Label.OPPORTUNITY: ("q", "sf_id", "account", "stage"),
    Label.CAMPAIGN: ("q", "sf_id", "status"),
    Label.USER: ("q", "role"),
}
ANCHOR_FILTERS = ("sf_id", "account", "owner")
ENUM_FILTERS = ("status", "type", "stage", "role")
MAX_Q = 200
NOUNS = {Label.PERSON: "person", Label.ACCOUNT: "account", Label.OPPORTUNITY: "opportunity",
         Label.USER: "user", Label.CAMPAIGN: "campaign"}


def create(db: Database, label: Label, data: dict, *, by: str | None = None, access: Access) -> dict:
    """Validate and create one record (any writer may); return it as the viewer may see it."""
    record_access.require_writer(access)
    props = prepare(label, data)
    node = db.write_tx(create_in, label, props)
    return _shown(db, label, public(placed(db, label, node, props)), access)


def prepare(label: Label, data: dict) -> dict:
    """Validate a new record's fields and add the defaults it is stored with (Invalid names bad fields)."""
    props = {k: v for k, v in clean(NODE_FIELDS[label], data).items() if v is not None}
    if label is Label.PERSON:
        props.setdefault("status", "active")
        props.setdefault("placeholder", False)
    props["sort_key"] = sort_key(label, props)
    return props


def create_in(tx: Tx, label: Label, props: dict) -> dict:
    """Create a record from checked props in `tx` (its picklist values checked against the org's lists)."""
    picklists.check_props(tx, label, props)
    if label is Label.OPPORTUNITY and props.get("stage") and "is_closed" not in props:
        props = {**props, **picklists.stage_flags(tx, props["stage"])}
    return tx.one("records/create", {"label": label}, id=new_id(), props=props)["node"]


def _shown(db: Database, label: Label, record: dict, access: Access) -> dict:
    """A person without the fields the viewer may not see; other records as they are."""
    if label is not Label.PERSON:
        return record
    return record_access.shown(db, access, record)


def placed(db: Database, label: Label, node: dict, changed: dict) -> dict:
    """Geocode a record whose address was just written (derived data, so a step of its own)."""
    from graphcrm.places import place_on_write

    return place_on_write(db, label, node, changed)


def get(db: Database, label: Label, record_id: str, *, access: Access) -> dict:
    """Return one record as the viewer may see it; raise NotFound (also for a person they may not see)."""
    owner = None
    if label is Label.PERSON:
        owner = record_access.check_person(db, access, record_id)
    row = db.read_one("records/get", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(no_such(label, record_id))
    if label is Label.PERSON:
        return access.person(public(row["node"]), owner)
    if label is Label.USER:
        return access.user(public(row["node"]))
    return public(row["node"])


def update(db: Database, label: Label, record_id: str, data: dict, *, by: str | None = None,
           access: Access) -> dict:
    """Apply a PATCH; with `version` in data a stale version raises Conflict. Tracked changes are kept.

    With `access`, only a viewer who may edit the record may change it (else Forbidden).
    """
    record_access.require_writer(access)
    if not isinstance(data, dict):
        raise BadRequest(_("The body must be a JSON object."), {"body": _("must be an object")})
    record_access.check_edit(db, access, record_id)
    data = dict(data)
    version = data.pop("version", None)
    errors = {}
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        errors["version"] = _("must be a whole number")
    try:
        props = clean(NODE_FIELDS[label], data, partial=True)
    except Invalid as exc:
        errors.update(exc.fields)
    if errors:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    updated = placed(db, label, db.write_tx(_update, label, record_id, props, version, by), props)
    return _shown(db, label, updated, access)


def _update(tx: Tx, label: Label, record_id: str, props: dict, version: int | None, by: str | None) -> dict:
    row = tx.one("records/lock", {"label": label}, id=record_id)
    if row is None:
        raise NotFound(no_such(label, record_id))
    current = row["node"]
    # Records loaded without a version (imports) count as version 0.
    if version is not None and (current.get("version") or 0) != version:
        raise Conflict(changed_meanwhile(label, current.get("version"), version), {"version": _("is stale")})
    picklists.check_props(tx, label, props, current)
    if label is Label.OPPORTUNITY and props.get("stage") and "is_closed" not in props:
        props = {**props, **picklists.stage_flags(tx, props["stage"])}
    if {"first_name", "last_name", "name"} & props.keys():
        props = {**props, "sort_key": sort_key(label, {**current, **props})}
    changes = [
        {"id": new_id(), "field": f, "old": _text(current.get(f)), "new": _text(props[f])}
        for f in TRACKED.get(label, ()) if f in props and current.get(f) != props[f]
    ]
    if changes:
        tx.run("records/record_changes", {"label": label}, id=record_id, changes=changes, by=by)
    return public(tx.one("records/update", {"label": label}, id=record_id, props=props)["node"])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def delete(db: Database, label: Label, record_id: str, *, access: Access) -> None:
    """Delete one record with its relationships; an account that still has people is refused."""
    record_access.check_edit(db, access, record_id)
    db.write_tx(_delete, label, record_id)


def _delete(tx: Tx, label: Label, record_id: str) -> None:
    if tx.one("records/lock", {"label": label}, id=record_id) is None:
        raise NotFound(no_such(label, record_id))
    if label is Label.ACCOUNT:
        held = tx.one("records/count_people", id=record_id)
        if held["people"]:
            raise Conflict(ngettext("This account still has %(num)d person; move or delete them first.",
                                    "This account still has %(num)d people; move or delete them first.",
                                    held["people"]), {"id": _("account still has people")})
        if held["opportunities"]:
            # Its deals would lose their owner and be open to every writer.
            raise Conflict(ngettext("This account still has %(num)d opportunity; delete them or move them to "
                                    "another account first.",
                                    "This account still has %(num)d opportunities; delete them or move them to "
                                    "another account first.", held["opportunities"]),
                           {"id": _("account still has opportunities")})
    tx.run("records/delete", {"label": label}, id=record_id)


def list_records(db: Database, label: Label, *, limit: int = 50, cursor: str | None = None,
                 access: Access, **filters: str | None) -> dict:
    """Return one page `{"items", "next"}` in name order; `next` is the cursor of the following page.

    Filters (all optional, combined with AND) are those of LIST_FILTERS for the label; `q` matches
    every word against the name and e-mail. With `access`, people the viewer may not see are left out
    and hidden fields removed.
    """
    # A stage or type of the org's own ("Pledged", "Household") is a filter value like ours.
    params = filter_params(label, filters,
                           choices=lambda f: picklists.values(db, f.picklist) if f.picklist else f.choices)
    # Only people are hidden by sharing; every other kind is listed whole.
    params.update(record_access.visibility(access if label is Label.PERSON else Access.system()))
    after_key, after_id = paging.decode(access, cursor, str, str) or ("", "")
    # With an anchor the matches are few: start from it. Without, walk the name index in order.
    statement = "records/list_linked" if any(params[k] for k in ANCHOR_FILTERS) else "records/list"
    rows = db.read(statement, {"label": label}, limit=limit + 1, after_key=after_key,
                   after_id=after_id, **params)
    items = [public(r["node"]) for r in rows[:limit]]
    if label is Label.PERSON:
        items = record_access.redact(db, access, items)
    elif label is Label.USER:
        items = [access.user(u) for u in items]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]["node"]
        next_cursor = paging.encode(access, last["sort_key"], last["id"])
    return {"items": items, "next": next_cursor}


def filter_params(label: Label, filters: dict, choices=None) -> dict:
    """Check list filters for a label and return every filter parameter of the list statements.

    `choices(field)` gives the values an enum filter takes; the model's own without it.
    """
    allowed = LIST_FILTERS[label]
    errors = {name: _("is not a filter of this list") for name, v in filters.items()
              if name not in allowed and v is not None}
    params = {name: filters.get(name) or None for name in (*ANCHOR_FILTERS, *ENUM_FILTERS)}
    for name in ENUM_FILTERS:
        if params[name] is None or name not in allowed:
            if params[name] is not None:
                errors.setdefault(name, _("is not a filter of this list"))
            continue
        field = NODE_FIELDS[label][name]
        known = choices(field) if choices else field.choices
        if params[name] not in known:
            errors.setdefault(name, _("must be one of: %(expected)s", expected=", ".join(known)))
    q = filters.get("q") or ""
    if len(q) > MAX_Q:
        errors["q"] = _("must be at most %(max_length)s characters", max_length=MAX_Q)
    if errors:
        raise Invalid(_("Some filters are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)
    params["words"] = fold(q).split()  # as the keys are folded: "Müller" and "muller" find each other
    return params


EXPORT_PAGE = 500


def export_list(db: Database, label: Label, filters: dict, *, access: Access) -> tuple[list[str], Iterator[dict]]:
    """Return the columns and every row of a list the viewer may see, read page by page.

    Sensitive columns are there for roles that may see some of them; rows they may not see leave them empty.
    """
    shown = [k for k, f in NODE_FIELDS[label].items()
             if not f.sensitive or access.is_admin or access.role in ("manager", "rep")]

    def rows() -> Iterator[dict]:
        cursor = None
        while True:
            # list_records leaves out people the viewer may not see and removes hidden fields.
            found = list_records(db, label, limit=EXPORT_PAGE, cursor=cursor, access=access, **filters)
            for item in found["items"]:
                if item.get("custom"):  # the kept Salesforce fields, as one JSON cell
                    item = {**item, "custom": json.dumps(item["custom"], default=to_jsonable, ensure_ascii=False)}
                yield item
            cursor = found["next"]
            if cursor is None:
                return

    return ["id", "sf_id", *shown, "created_at", "updated_at", "custom"], rows()
