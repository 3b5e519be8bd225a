"""The access policy (permissions.Access) applied to graph results: network views, paths, influence.

Sensitive fields leave hover cards unless the viewer may see them. With private sharing, a person
owned outside the viewer's team becomes an anonymous node: "someone at <account>", an opaque id
("hidden:<hex>", stable for one viewer so expanded views merge), no fields, no link, and edges
without properties. Paths are redacted after they are found, on the result only: hop texts name
people by marks (MARK) that `finish_paths` turns into names or anonymous labels.
`Access.system()` sees everything (the CLI, benchmarks, internal use).
"""
from __future__ import annotations

import hashlib
import hmac

from graphcrm.access.policy import Access
from graphcrm.i18n import _

HIDDEN_PREFIX = "hidden:"
MARK = "\x1f"  # around a person's element id in a path text (graph.explain); never in a finished text


def anonymous_label(account: str | None) -> str:
    """Return how a hidden person is called: "someone at ACME", or "someone"."""
    return _("someone at %(account)s", account=account) if account else _("someone")


class Redactor:
    """The redaction of one response for one viewer."""

    def __init__(self, access: Access):
        self.access = access
        self.key = access.key

    @property
    def may_hide(self) -> bool:
        """True when some person may have to be anonymous (private sharing, not an admin)."""
        return self.access.sharing != "read" and not self.access.is_admin

    def hides(self, kind: str, owner: str | None) -> bool:
        """True when a record of this kind and owner must be anonymous."""
        return kind == "person" and not self.access.sees_person(owner)

    def token(self, record_id: str) -> str:
        """Return the opaque, per-viewer stable id of a hidden person."""
        viewer = (self.access.user_id if self.access else None) or ""
        digest = hmac.new(self.key, f"{viewer}\x00{record_id}".encode(), hashlib.sha256).hexdigest()
        return HIDDEN_PREFIX + digest[:20]

    def anonymous(self, record_id: str, account: str | None) -> dict:
        """Return the node of a hidden person: an opaque id, its kind and "someone at <account>"."""
        return {"id": self.token(record_id), "kind": "person", "label": anonymous_label(account), "hidden": True}

    def card(self, kind: str, record_id: str | None, owner: str | None, card: dict) -> dict:
        """Return a hover card without the sensitive fields the viewer may not see."""
        if kind == "person":
            return self.access.person(card, owner)
        if kind == "user":
            return self.access.user(card, record_id)
        return card


def edge(item: dict, tokens: dict[str, str]) -> dict:
    """Return an edge with hidden ends replaced by their tokens and, then, only its type."""
    source, target = tokens.get(item["source"]), tokens.get(item["target"])
    if source is None and target is None:
        return item
    source, target = source or item["source"], target or item["target"]
    return {"id": f"{source}>{target}:{item['type']}", "source": source, "target": target, "type": item["type"]}


# -- paths ------------------------------------------------------------------------------------
def finish_paths(tx, graph, found: list[dict], access: Access) -> dict:
    """Turn found paths into what the viewer may see; return `{"paths", "records"}`.

    One query (only with private sharing, for the people on the paths) reads owners and employers;
    everything else is a pass over the result.
    """
    red = Redactor(access)
    eid_of = {d["id"]: e for e, d in graph.nodes(data=True)} if found else {}
    records = {}
    for path in found:
        for record_id in path["nodes"]:
            data = graph.nodes[eid_of[record_id]]
            records[record_id] = {"id": record_id, "kind": data["kind"], "label": data["name"],
                                  "status": data.get("status")}
    marked = {p for path in found for text in path["explanation"] for p in str(text).split(MARK)[1::2]}
    people = {eid_of[i] for i, r in records.items() if r["kind"] == "person"} | {m for m in marked if m in graph}
    hidden: dict[str, dict] = {}  # element id -> anonymous record
    if red.may_hide and people:
        for row in tx.run("paths/people", eids=sorted(people)):
            if red.hides("person", row["owner"]):
                hidden[row["eid"]] = red.anonymous(graph.nodes[row["eid"]]["id"], row["account"])
    names = {e: (hidden[e]["label"] if e in hidden else graph.nodes[e]["name"]) for e in people}
    tokens = {graph.nodes[e]["id"]: h["id"] for e, h in hidden.items()}
    for path in found:
        path["explanation"] = [finish_text(t, names, hidden) for t in path["explanation"]]
        if tokens:
            path["nodes"] = [tokens.get(i, i) for i in path["nodes"]]
            path["edges"] = [_path_edge(e, tokens) for e in path["edges"]]
    for record_id, token in tokens.items():
        if record_id in records:
            del records[record_id]
            records[token] = hidden[eid_of[record_id]]
    return {"paths": found, "records": records}


def _path_edge(item: dict, tokens: dict[str, str]) -> dict:
    return {**item, "source": tokens.get(item["source"], item["source"]),
            "target": tokens.get(item["target"], item["target"])}


def finish_text(text: str, names: dict[str, str], hidden) -> str:
    """Replace the marks of a hop text by names; a text about a hidden person uses its discreet variant."""
    parts = str(text).split(MARK)
    if len(parts) == 1:
        return str(text)
    if getattr(text, "discreet", None) and any(p in hidden for p in parts[1::2]):
        parts = text.discreet.split(MARK)
    return "".join(names.get(p, p) if i % 2 else p for i, p in enumerate(parts))
