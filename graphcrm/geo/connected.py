""" "Near and connected": nearby records within N hops of a deal's decision makers or of my contacts."""

from __future__ import annotations

from graphcrm.errors import Invalid
from graphcrm.i18n import _
from graphcrm.store.db import Database

ME = "me"


def decision_roles() -> tuple[str, ...]:
    """The deciding contact roles, as the influence view names them."""
    from graphcrm.graph.influence import KEY_ROLES

    return tuple(KEY_ROLES)


def anchors(db: Database, connected_to: str, user: dict | None) -> tuple[list[str], dict]:
    """Return the anchors' element ids and a description {"to", "basis", "anchors"}.

    `me`: the people the user owns. An opportunity id: its decision makers (roles of
    decision_roles()); when none is named yet, everyone with a contact role on it.
    """
    if connected_to == ME:
        if user is None:
            raise Invalid(_("connected_to=me needs a signed-in user"), {"connected_to": _("needs a user")})
        eids = [r["eid"] for r in db.read("geo/anchors_mine", user=user["id"])]
        return eids, {"to": ME, "basis": "my_contacts", "anchors": len(eids)}
    row = db.read_one("geo/anchors_opportunity", id=connected_to, decision_roles=list(decision_roles()))
    if row is None:
        raise Invalid(
            _("No opportunity with id %(id)s", id=connected_to),
            {"connected_to": _("must be me or the id of an opportunity")},
        )
    deciders = [m["eid"] for m in row["members"] if m["decides"]]
    if deciders:
        eids, basis = deciders, "decision_makers"
    else:
        eids, basis = sorted({m["eid"] for m in row["members"]}), "contact_roles"
    return eids, {"to": connected_to, "basis": basis, "anchors": len(eids)}


def connected_rows(db: Database, query, params: dict, user: dict | None) -> tuple[list[dict], dict]:
    """Run the connected search for a checked NearbyQuery; return (rows nearest first, description)."""
    eids, description = anchors(db, query.connected_to, user)
    description["hops"] = int(query.hops.value)
    if not eids:
        return [], description
    rows = db.read(
        "geo/nearby_connected",
        {"hops": query.hops},
        anchors=eids,
        kinds=list(query.kinds),
        **params,
    )
    return rows, description
