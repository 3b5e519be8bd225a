"""Network views: the records around a center, to a depth, nearest first and capped.

The expansion is a breadth-first search in Cypher, one layer per statement inside one read
transaction: each layer passes the ids already seen, so a node is counted once at its nearest
distance, and only the first `limit` nodes are ever turned into records. Counting the layers
keeps "K more" exact; a layer wider than FRONTIER_CAP is not expanded further and the count
becomes a lower bound.
"""
from __future__ import annotations

import datetime as dt

from graphcrm.access import redaction
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid, NotFound
from graphcrm.graph.layout import add_layout
from graphcrm.i18n import _
from graphcrm.model import KIND_LABELS, LABEL_KINDS, NETWORK_REL_TYPES, REL_SPECS, Label, RelType, nodes
from graphcrm.model.validation import parse_date
from graphcrm.store.db import Database, Tx, table

DEFAULT_LIMIT, MAX_LIMIT = 300, 2000
MAX_DEPTH = 3
FRONTIER_CAP = 20_000
SERVER_LAYOUT_ABOVE = 500
# Types a view may show: the network default plus campaign membership.
VIEW_REL_TYPES = (*NETWORK_REL_TYPES, RelType.MEMBER_OF)
VIEW_KINDS = ("person", "account", "opportunity", "user", "campaign")
STATUSES = ("active", "inactive")
# The order of the lists cypher/network/nodes.cypher and edges.cypher return.
NODE_COLUMNS = ("eid", "labels", "values", "account", "owner", "keeper")
EDGE_COLUMNS = ("source", "target", "type", "rid", "values")
NODE_VALUES = ("id", "sf_id", "first_name", "last_name", "name", "status", "placeholder", "active", "title",
               "department", "email", "phone", "city", "country", "inactive_reason", "type", "industry",
               "employees", "website", "stage", "amount", "currency", "close_date", "probability", "role",
               "start_date", "end_date", "mobile", "birthdate", "interests")
EDGE_VALUES = ("since", "until", "role", "title", "department", "primary", "roles", "source", "note", "status",
               "responded", "address")
# Sensitive fields (permissions.py) are on the card only for viewers allowed to see them.
CARD_FIELDS = {
    Label.PERSON: ("title", "department", "account", "email", "phone", "city", "status", "inactive_reason",
                   "mobile", "birthdate", "interests"),
    Label.ACCOUNT: ("type", "industry", "city", "country", "employees", "website"),
    Label.OPPORTUNITY: ("stage", "amount", "currency", "close_date", "probability"),
    Label.USER: ("email", "role", "title", "city", "phone", "birthdate", "start_date"),
    Label.CAMPAIGN: ("type", "status", "start_date", "end_date"),
}


def parse_types(value, allowed=VIEW_REL_TYPES, default=NETWORK_REL_TYPES, field: str = "types") -> list[str]:
    """Read a comma-separated list of relationship types, refusing any not in `allowed`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [t.value if hasattr(t, "value") else t for t in default]
    names = [v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v and v.strip()]
    known = {t.value if hasattr(t, "value") else t for t in allowed}
    bad = [n for n in names if n not in known]
    if bad or not names:
        raise Invalid(_("%(field)s holds unknown relationship types: %(types)s", field=field,
                        types=", ".join(bad) or _("(none)")),
                      {field: _("must be a comma-separated list of: %(expected)s", expected=", ".join(sorted(known)))})
    return list(dict.fromkeys(names))


def parse_kinds(value) -> list[str]:
    """Read a comma-separated list of node kinds (person, account, ...)."""
    if value is None or not str(value).strip():
        return list(VIEW_KINDS)
    names = [v.strip() for v in str(value).split(",") if v.strip()]
    bad = [n for n in names if n not in VIEW_KINDS]
    if bad:
        raise Invalid(_("kinds holds unknown kinds: %(kinds)s", kinds=", ".join(bad)),
                      {"kinds": _("must be a comma-separated list of: %(expected)s", expected=", ".join(VIEW_KINDS))})
    return names


def parse_status(value) -> str | None:
    """Read the active/inactive filter; empty or "all" means both."""
    if value in (None, "", "all"):
        return None
    if value not in STATUSES:
        raise Invalid(_("status must be active, inactive or all"), {"status": _("must be active, inactive or all")})
    return value


def parse_as_of(value) -> dt.date | None:
    """Read the "as of" date (YYYY-MM-DD), or None."""
    if value in (None, ""):
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise Invalid(_("as_of %(problem)s", problem=exc), {"as_of": str(exc)}) from None


def check_range(name: str, value, lo: int, hi: int) -> int:
    """Return an int within [lo, hi] or raise Invalid naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise Invalid(_("%(name)s must be a whole number between %(lo)s and %(hi)s", name=name, lo=lo, hi=hi),
                      {name: _("must be between %(lo)s and %(hi)s", lo=lo, hi=hi)})
    return value


def network(db: Database, center: str, *, depth: int = 2, types=None, limit: int = DEFAULT_LIMIT,
            as_of=None, kinds=None, status=None, layout: str | None = None, access: Access) -> dict:
    """Return the view `{"center", "nodes", "edges", "truncated", "shown", "total", "more"}` around a record.

    With `access`, the view is what that viewer may see (redaction.py); a hidden center is a 404.
    """
    if not isinstance(center, str) or not center.strip():
        raise Invalid(_("center is required"), {"center": _("is required")})
    check_range("depth", depth, 1, MAX_DEPTH)
    check_range("limit", limit, 1, MAX_LIMIT)
    query = {"types": parse_types(types), "as_of": parse_as_of(as_of), "status": parse_status(status),
             "labels": [KIND_LABELS[k].value for k in parse_kinds(kinds)]}
    view = db.read_tx(_expand, center.strip(), depth, limit, query, access)
    if layout == "server" or (layout != "client" and len(view["nodes"]) > SERVER_LAYOUT_ABOVE):
        add_layout(view)
    return view


def _expand(tx: Tx, center: str, depth: int, limit: int, query: dict, access: Access) -> dict:
    row = tx.one("network/center", id=center)
    if row is None or (row["person"] and not access.sees_person(row["owner"])):
        raise NotFound(_("No record with id %(id)s", id=center), {"center": _("no such record")})
    seen, shown, frontier = {row["eid"]}, [row["eid"]], [row["eid"]]
    total, lower_bound, distance = 1, False, {row["eid"]: 0}
    visibility = access.cypher_params()
    for layer in range(1, depth + 1):
        if not frontier:
            break
        found = tx.one("network/expand", frontier=frontier, seen=list(seen), take=max(limit - len(shown), 0),
                       want_frontier=layer < depth, **query, **visibility)
        total += found["total"]
        for eid in found["shown"]:
            distance[eid] = layer
        shown += found["shown"]
        frontier = found["frontier"]
        seen.update(frontier)
        if len(frontier) > FRONTIER_CAP:
            frontier, lower_bound = frontier[:FRONTIER_CAP], True
    view = records_view(tx, shown, query["types"], query["as_of"], access)
    for node in view["nodes"]:
        node["distance"] = distance[node.pop("_eid")]
    view.update(center=center, truncated=total > len(shown), shown=len(shown), total=total,
                more=total - len(shown), total_is_lower_bound=lower_bound)
    return view


def records_view(tx: Tx | Database, eids: list[str], types: list[str], as_of,
                 access: Access) -> dict:
    """Return `{"nodes", "edges"}` for the records with these element ids and the edges among them."""
    rows = {r["eid"]: r for r in table(tx, "network/nodes", NODE_COLUMNS, eids=eids)}
    red = redaction.Redactor(access)
    nodes, tokens = [], {}
    for e in eids:
        row = rows.get(e)
        if row is None:
            continue
        props = dict(zip(NODE_VALUES, row["values"]))
        if "Person" in row["labels"] and red.hides("person", row["owner"]):
            node = red.anonymous(props["id"], row["account"])
            if props.get("placeholder"):
                # An "Info Kontakt" stands for no one: saying so reveals nothing, and keeps it out of rankings.
                node["placeholder"] = True
            tokens[props["id"]] = node["id"]
        else:
            node = present(row["labels"], props, row["account"], owner=row["keeper"], redactor=red)
        node["_eid"] = e
        nodes.append(node)
    edges = [redaction.edge(edge(r), tokens)
             for r in table(tx, "network/edges", EDGE_COLUMNS, eids=list(rows), types=types, as_of=as_of)]
    return {"nodes": nodes, "edges": edges}


def label_of_node(labels: list[str]) -> Label | None:
    """Return the model label of a record from its Neo4j labels."""
    return next((lab for lab in CARD_FIELDS if lab.value in labels), None)


def present(labels: list[str], props: dict, account: str | None = None, *, owner: str | None = None,
            redactor: redaction.Redactor | None = None) -> dict:
    """Return a node of a view: id, kind, label, status, placeholder and the hover card's fields.

    Without a redactor the card holds every card field; with one, only those its viewer may see.
    """
    label = label_of_node(labels)
    values = {**props, "account": account}
    props = {k: v for k, v in props.items() if v is not None}
    kind = LABEL_KINDS.get(label, "other")
    card = {f: values[f] for f in CARD_FIELDS.get(label, ()) if values.get(f) not in (None, "", [])}
    node = {"id": props.get("id"), "kind": kind, "label": nodes.display_name(props),
            "status": props.get("status", "active") if label is Label.PERSON else None,
            "placeholder": bool(props.get("placeholder")),
            "card": redactor.card(kind, props.get("id"), owner, card) if redactor else card}
    if label is Label.USER:
        node["status"] = "active" if props.get("active", True) else "inactive"
    if props.get("sf_id"):
        node["sf_id"] = props["sf_id"]
    return node


# Relationship properties whose names would clobber an edge's own keys (KNOWS.source is where
# two people met, not the edge's start).
PROP_KEYS = {"source": "known_from", "target": "target_note", "id": "id_note", "type": "type_note"}


def edge(row: dict) -> dict:
    """Return an edge of a view with the properties its type carries."""
    out = {"id": row["rid"], "source": row["source"], "target": row["target"], "type": row["type"]}
    spec = REL_SPECS.get(RelType(row["type"]))
    props = dict(zip(EDGE_VALUES, row["values"]))
    for key in (spec.fields if spec else ()):
        if props.get(key) not in (None, "", []):
            out[PROP_KEYS.get(key, key)] = props[key]
    return out
