"""The access policy (policy.Access) applied to records: who owns what, visibility, edits, redaction.

Capability functions take an `access` that is never optional (the CLI, imports, the demo and
benchmarks pass `Access.system()`) and call these helpers: the one writer check (`require_writer`),
the admin and manager checks, and the record checks; routes never decide a permission themselves,
so the API, the pages and the exports obey one policy. Lists filter hidden people inside Cypher,
so paging stays correct: each list statement holds the condition
`$see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }`
with the parameters of `visibility`.
"""
from __future__ import annotations

from graphcrm.access.policy import SENSITIVE_PERSON_FIELDS, Access
from graphcrm.errors import Forbidden, NotFound
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.model.words import may_not_change, no_such

NOUNS = {"Person": "person", "Account": "account", "Opportunity": "opportunity", "User": "user",
         "Campaign": "campaign"}


def visibility(access: Access) -> dict:
    """The $see_all and $team parameters of queries that leave hidden people out."""
    return access.cypher_params()


def ownership(db, record_id: str) -> tuple[str | None, str | None, bool]:
    """Return (label name, owner user id, claimed) of a record; (None, None, False) when there is none."""
    if not isinstance(record_id, str) or not record_id:
        return None, None, False
    row = db.one("access/owner_of", id=record_id)
    return (row["label"], row["owner"], row["claimed"]) if row else (None, None, False)


def owner_of(db, record_id: str) -> tuple[str | None, str | None]:
    """Return (label name, owner user id) of a record; (None, None) when there is no such record."""
    label, owner, _claimed = ownership(db, record_id)
    return label, owner


def keeper(owner: str | None, claimed: bool) -> str | None:
    """The owner whose team may see a record's sensitive fields: none for a claimed record (admins only)."""
    return None if claimed else owner


def owners_of(db, person_ids: list[str]) -> dict[str, str | None]:
    """Return person id -> owner user id (None when unowned) for many people in one query."""
    return {i: owner for i, (owner, _claimed) in _owners(db, person_ids).items()}


def keepers_of(db, person_ids: list[str]) -> dict[str, str | None]:
    """Return person id -> the owner whose team may see their sensitive fields (see `keeper`)."""
    return {i: keeper(owner, claimed) for i, (owner, claimed) in _owners(db, person_ids).items()}


def _owners(db, person_ids: list[str]) -> dict[str, tuple[str | None, bool]]:
    ids = list(dict.fromkeys(i for i in person_ids if isinstance(i, str)))
    return {r["id"]: (r["owner"], r["claimed"]) for r in db.run("access/owners", ids=ids)} if ids else {}


def require_writer(access: Access) -> None:
    """Refuse a write by a role that may only read."""
    if not access.can_write:
        raise Forbidden(_("Your role may read but not change records."))


def require_admin(access: Access, what: str) -> None:
    """Refuse anyone but an admin; `what` (translated, `_("change picklists")`) completes "Only admins ..."."""
    if not access.is_admin:
        raise Forbidden(_("Only admins %(what)s.", what=what))


def require_manager(access: Access, what: str) -> None:
    """Refuse anyone but admins and managers; `what` (translated) completes "Only admins and managers ..."."""
    if not access.can_manage:
        raise Forbidden(_("Only admins and managers %(what)s.", what=what))


def check_person(db, access: Access, person_id: str) -> str | None:
    """Return the person's keeper (see `keeper`); NotFound when there is no such person or the viewer may not see it."""
    label, owner, claimed = ownership(db, person_id)
    if label != "Person" or not access.sees_person(owner):
        raise NotFound(no_such(Label.PERSON, person_id))
    return keeper(owner, claimed)


def check_visible(db, access: Access, record_id: str) -> tuple[str | None, str | None]:
    """Return (label, owner) of a record; a person the viewer may not see is reported as missing."""
    label, owner = owner_of(db, record_id)
    if label == "Person" and not access.sees_person(owner):
        raise NotFound(no_such(Label.PERSON, record_id))  # worded like a missing person: no existence leak
    return label, owner


def check_edit(db, access: Access, record_id: str) -> tuple[str | None, str | None]:
    """Refuse (403) a change to a record the viewer may not edit; a hidden person is a 404.

    A record that does not exist passes, so the capability raises its own NotFound.
    """
    if access.is_system:
        return None, None  # graphcrm's own writes: nothing to look up
    require_writer(access)
    label, owner = check_visible(db, access, record_id)
    if label is not None and not access.may_edit(owner):
        raise Forbidden(may_not_change(NOUNS.get(label), access.role))
    return label, owner


def check_change(db, access: Access, *, changed: list[str], seen: list[str] = ()) -> None:
    """One rule for every write that touches several records (a link, an unlink, a merge, a move).

    The viewer needs edit rights on every record whose meaning the write changes (`changed`) and
    sight of every other one it names (`seen`); a hidden person is a 404 either way.
    """
    if access.is_system:
        return
    require_writer(access)
    for record_id in changed:
        check_edit(db, access, record_id)
    for record_id in seen:
        check_visible(db, access, record_id)


def check_owner_change(db, access: Access, record_id: str) -> dict:
    """Refuse an owner change the viewer may not make; return what the new OWNS link records.

    Only those who may edit a record give it a new owner. A rep who takes an unowned record claims
    it: that is allowed, audited, and marked (`claimed`), and its sensitive fields stay visible to
    admins only until an admin or a manager assigns it; a rep gains no sight of what was hidden
    from them by claiming.
    """
    if access.is_system:
        return {"claimed": None}
    check_edit(db, access, record_id)
    label, owner, claimed = ownership(db, record_id)
    # A rep passing on a claimed record passes the claim on too: nobody's sight grows that way.
    claim = label is not None and access.role == "rep" and (owner is None or claimed)
    return {"claimed": True if claim else None}


def person(access: Access, record: dict | None, keeper_id: str | None) -> dict | None:
    """The person record without the fields the viewer may not see (`keeper_id`: see `keeper`)."""
    if record is None:
        return record
    return access.person(record, keeper_id)


def shown(db, access: Access, record: dict | None) -> dict | None:
    """A person record as the viewer may see it, its keeper read now (after a write changed it, say)."""
    if record is None or access.is_admin:
        return record
    return access.person(record, keepers_of(db, [record["id"]]).get(record["id"]))


def redact_changes(access: Access, keeper_id: str | None, changes: list[dict]) -> list[dict]:
    """A person's field history as the viewer may see it: a change to a sensitive field keeps its
    field and time but not its values (`hidden`), so the history says something changed without leaking it."""
    if access.sees_sensitive(keeper_id):
        return changes
    return [{**c, "old": None, "new": None, "hidden": True} if c.get("field") in SENSITIVE_PERSON_FIELDS else c
            for c in changes]


def redact(db, access: Access, people: list[dict], key: str = "id") -> list[dict]:
    """Strip hidden sensitive fields from person maps (owners looked up in one query)."""
    if access.is_admin:
        return people
    holding = [p for p in people if p and SENSITIVE_PERSON_FIELDS & p.keys()]
    if not holding:
        return people
    owners = keepers_of(db, [p.get(key) for p in holding])
    return [access.person(p, owners.get(p.get(key))) if p and SENSITIVE_PERSON_FIELDS & p.keys() else p
            for p in people]


def report_scope(access: Access, owner: str | None) -> list[str] | None:
    """The owners a report covers: None for everyone, else a list of user ids.

    A manager's reports cover their team, a rep's their own records, admins' and viewers' everyone's;
    an explicit `owner` narrows that, and one outside a manager's or rep's scope is refused (403).
    """
    if access.is_admin or access.role == "viewer":
        return [owner] if owner else None
    if owner:
        if not access.manages(owner):
            raise Forbidden(_("You see reports on your own records and your team's only.")
                            if access.role == "manager" else _("You see reports on your own records only."))
        return [owner]
    return sorted(access.team) if access.role == "manager" else [access.user_id]


def report_visibility(access: Access) -> dict:
    """The $see_all and $viewer_team parameters of report queries ($team there is a person's team field)."""
    params = visibility(access)
    return {"see_all": params["see_all"], "viewer_team": params["team"]}
