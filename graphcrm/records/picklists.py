"""The org's picklists: the values of stages, statuses, types, industries and roles, ours plus the org's.

A Salesforce org has its own stages ("Pledged", "Posted"), member statuses ("Attended") and account
types ("Household"). An import brings them along; admins add and remove values on the settings page.
They live in the database as `(:Setting {key: "picklist:<name>", values, meta})`; `meta` (JSON) holds
what the org says about each stage: closed, won, probability, forecast category. Records keep any
value they were given; a write through the API or a form must use a value of the list.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from graphcrm.access import checks
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.i18n import LazyText, _, _l
from graphcrm.model import (
    ACCOUNT_TYPES,
    CAMPAIGN_STATUSES,
    DEFAULT_CONTACT_ROLES,
    MEMBER_STATUSES,
    NODE_FIELDS,
    OPPORTUNITY_STAGES,
    Label,
)
from graphcrm.model.schema import Body
from graphcrm.store.db import Database, Tx


@dataclass(frozen=True)
class Picklist:
    """One picklist: what it is called on the settings page and the values the model starts with."""

    title: str | LazyText  # shown on the settings page in the reader's language
    defaults: tuple[str, ...]
    restricts: bool  # True: a write must use a value of the list; False: the list only suggests


PICKLISTS = {
    "stage": Picklist(_l("Opportunity stages"), OPPORTUNITY_STAGES, True),
    "account_type": Picklist(_l("Account types"), ACCOUNT_TYPES, True),
    "industry": Picklist(_l("Industries"), (), False),
    "lead_source": Picklist(_l("Lead sources"), (), False),
    "campaign_status": Picklist(_l("Campaign statuses"), CAMPAIGN_STATUSES, True),
    "member_status": Picklist(_l("Campaign member statuses"), MEMBER_STATUSES, True),
    "contact_role": Picklist(_l("Opportunity contact roles"), DEFAULT_CONTACT_ROLES, True),
    "relation_role": Picklist(_l("Account contact roles"), (), False),
}
# What our own stages mean; an org's stages say it themselves (OpportunityStage, or the deal's IsClosed/IsWon).
DEFAULT_STAGE_META = {"Closed Won": {"is_closed": True, "is_won": True, "probability": 100},
                      "Closed Lost": {"is_closed": True, "is_won": False, "probability": 0}}


def _read(db: Database | Tx, name: str, **params) -> list[dict]:
    return db.read(name, **params) if isinstance(db, Database) else db.run(name, **params)


def _rows(db: Database | Tx) -> dict[str, dict]:
    rows = {r["name"]: dict(r) for r in _read(db, "picklists/all")}
    # The contact roles an org brought along before picklists existed are kept where they were.
    legacy = _read(db, "relationships/contact_roles")
    rows.setdefault("contact_role", {})["legacy"] = legacy[0]["values"] if legacy else []
    return rows


def values(db: Database | Tx, name: str) -> list[str]:
    """The values of one picklist: the model's defaults, then the org's own in the order they came."""
    row = _rows(db).get(name) or {}
    return _merged(name, row)


def _merged(name: str, row: dict) -> list[str]:
    defaults = PICKLISTS[name].defaults
    legacy = row.get("legacy") or []
    return [*defaults, *(v for v in dict.fromkeys([*(row.get("values") or []), *legacy]) if v not in defaults)]


def stage_meta(db: Database | Tx) -> dict[str, dict]:
    """What each stage means: {"is_closed", "is_won", "probability", "forecast_category"} by stage name."""
    row = _rows(db).get("stage") or {}
    return {**DEFAULT_STAGE_META, **json.loads(row.get("meta") or "{}")}


def all_picklists(db: Database, *, access: Access) -> list[dict]:
    """Every picklist with its values and which of them are the org's own (anyone signed in may read them)."""
    rows = _rows(db)
    meta = stage_meta(db)
    out = []
    for name, spec in PICKLISTS.items():
        items = [{"value": v, "default": v in spec.defaults, **(meta.get(v, {}) if name == "stage" else {})}
                 for v in _merged(name, rows.get(name) or {})]
        out.append({"name": name, "title": str(spec.title), "restricts": spec.restricts, "values": items})
    return out


def add(db: Database | Tx, name: str, new: list[str], meta: dict | None = None) -> list[str]:
    """Add values to a picklist (imports and admins); return those that were not on it before."""
    known = set(values(db, name))
    added = [v for v in dict.fromkeys(new) if v and v not in known]
    stored_meta = None
    if meta:
        stored_meta = json.dumps({**{k: v for k, v in stage_meta(db).items() if k not in DEFAULT_STAGE_META},
                                  **meta}, sort_keys=True)
    if added or stored_meta:
        run = db.write if isinstance(db, Database) else db.run
        run("picklists/add", name=name, values=added, meta=stored_meta)
    return added


class ValueBody(Body):
    """`{"value"}`: one picklist value."""

    value: str


def _checked_name(name: str) -> str:
    if name not in PICKLISTS:
        raise NotFound(_("No picklist named %(name)r", name=name),
                       {"name": _("must be one of %(expected)s", expected=", ".join(PICKLISTS))})
    return name


def _checked_value(body) -> str:
    value = ValueBody.check(body).value.strip()
    if not value or len(value) > 200:
        raise Invalid(_("The value must be 1 to 200 characters."), {"value": _("must be 1 to 200 characters")})
    return value


def add_value(db: Database, name: str, body, *, access: Access) -> dict:
    """Admins: add one value to a picklist; answer the picklist."""
    checks.require_admin(access, _("change picklists"))
    name, value = _checked_name(name), _checked_value(body)
    if name == "contact_role":
        db.write("import/save_contact_roles", values=[value])
    else:
        add(db, name, [value])
    return next(p for p in all_picklists(db, access=access) if p["name"] == name)


def remove_value(db: Database, name: str, body, *, access: Access) -> dict:
    """Admins: take an org value off a picklist (the model's own stay); records keep what they hold."""
    checks.require_admin(access, _("change picklists"))
    name, value = _checked_name(name), _checked_value(body)
    if value in PICKLISTS[name].defaults:
        raise Invalid(_("%(value)r is one of graphcrm's own values and stays.", value=value),
                      {"value": _("is a default value")})
    if name == "contact_role":
        db.write("picklists/remove_contact_role", value=value)
    else:
        db.write("picklists/remove", name=name, value=value)
    return next(p for p in all_picklists(db, access=access) if p["name"] == name)


def check_props(db: Database | Tx, label: Label, props: dict, before: dict | None = None) -> None:
    """Refuse a write whose picklist values are not on the org's lists (a value the record holds already stays).

    Raises Invalid naming each field. Only restricting picklists are checked; others just suggest.
    """
    errors = {}
    for field_name, value in props.items():
        spec = NODE_FIELDS[label].get(field_name)
        if spec is None or not spec.picklist or value is None or not PICKLISTS[spec.picklist].restricts:
            continue
        if before is not None and before.get(field_name) == value:
            continue
        allowed = values(db, spec.picklist)
        if value not in allowed:
            errors[field_name] = _("must be one of: %(expected)s", expected=", ".join(allowed))
    if errors:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields=", ".join(sorted(errors))), errors)


def check_value(db: Database | Tx, name: str, value: str | None, field: str) -> None:
    """Refuse a value that is not on a restricting picklist; Invalid names `field`."""
    if value is None or not PICKLISTS[name].restricts:
        return
    allowed = values(db, name)
    if value not in allowed:
        raise Invalid(_("%(field)s is not a value of the org's list", field=field),
                      {field: _("must be one of: %(expected)s", expected=", ".join(allowed))})


def stage_flags(db: Database | Tx, stage: str | None) -> dict:
    """The closed/won flags a deal takes with its stage (empty for a stage that says nothing)."""
    if stage is None:
        return {}
    meta = stage_meta(db).get(stage, {})
    return {k: meta[k] for k in ("is_closed", "is_won", "forecast_category") if k in meta} or \
        {"is_closed": False, "is_won": False}
