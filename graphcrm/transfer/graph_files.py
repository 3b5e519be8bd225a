"""GraphML and GEXF of the whole graph, written while reading: memory stays flat however big the graph.

Both formats declare every attribute and its type before the first node, so the graph is read
twice in one read transaction (one snapshot): once to learn the attributes and their types, once
to write. Nothing but the attribute declarations is kept in memory.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from graphcrm.errors import Invalid
from graphcrm.i18n import _
from graphcrm.model import nodes
from graphcrm.store.db import Database
from graphcrm.store.values import flat, lat_lon

FETCH = 2000  # records the driver pulls per round trip while streaming
# Never in a file for Gephi or a spreadsheet: secrets and internal bookkeeping.
HIDDEN_PROPS = frozenset({"password_hash", "hash", "sort_key", "_lock"})

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> Any:
    """Replace characters XML 1.0 cannot carry (control characters), so the file stays well-formed."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def attrs(props: dict) -> dict:
    """Return the properties as flat attributes for GraphML/GEXF: no secrets, points as lon and lat."""
    out = {}
    for key, value in props.items():
        if key in HIDDEN_PROPS or value is None:
            continue
        if lat_lon(value):
            # Two numbers Gephi's geo layouts can use, rather than one "lon,lat" string.
            out[f"{key}_lat"], out[f"{key}_lon"] = lat_lon(value)
            continue
        out[key] = xml_text(flat(value))
    return out


def display_name(labels: list[str], props: dict) -> str:
    """Return what a node is called on screen: name, person name, subject or field."""
    return nodes.display_name(props, "") or str(props.get("subject") or props.get("field") or props.get("key")
                                                or (labels[0] if labels else "node"))


def export_graph(db: Database, fmt: str, path: Path | str) -> dict[str, int]:
    """Write the graph as GraphML or GEXF while reading it (one snapshot, fetched in pages); return the counts."""
    writers = {"graphml": write_graphml, "gexf": write_gexf}
    if fmt not in writers:
        raise Invalid(_("unknown graph format %(format)r", format=fmt), {"format": _("must be graphml, gexf or json")})
    with open(path, "w", encoding="utf-8") as out:
        def work(run):
            out.seek(0)
            out.truncate()
            return writers[fmt](run, out)

        return db.stream(work, FETCH)



GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


class Declared:
    """The attributes of nodes or edges: name -> one type for the whole file."""

    def __init__(self) -> None:
        self.kinds: dict[str, set[type]] = {}

    def add(self, attrs: dict) -> None:
        """Note the types of one element's attributes."""
        for key, value in attrs.items():
            self.kinds.setdefault(key, set()).add(type(value))

    def kind(self, key: str) -> type:
        """The type a key is written as: its only type, float for ints and floats, else text."""
        seen = self.kinds[key]
        if len(seen) == 1:
            return next(iter(seen))
        return float if seen <= {int, float} else str

    def names(self) -> list[str]:
        """Every attribute name, in a stable order."""
        return sorted(self.kinds)


def node_attrs(rec: dict) -> dict:
    """Flat attributes of a node record, with its labels and the label Gephi shows."""
    props = dict(rec["props"])
    return {**attrs(props), "labels": ":".join(rec["labels"]),
            "label": xml_text(display_name(rec["labels"], props))}


def edge_attrs(rec: dict) -> dict:
    """Flat attributes of a relationship record, with its type (also as Gephi's label)."""
    return {**attrs(dict(rec["props"])), "type": rec["type"], "label": rec["type"]}


def _text(value: Any, kind: type) -> str:
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return repr(float(value))
    return str(value)


def write_graphml(run: Callable[[str], Iterator], out: TextIO) -> dict[str, int]:
    """Write GraphML of the graph `run` reads (records of graph_nodes / graph_relationships)."""
    nodes, edges = _declare(run)
    out.write("<?xml version='1.0' encoding='utf-8'?>\n"
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    ids = {}
    for scope, declared in (("node", nodes), ("edge", edges)):
        for name in declared.names():
            ids[scope, name] = f"{scope[0]}{len(ids)}"
            out.write(f'  <key id="{ids[scope, name]}" for="{scope}" attr.name={quoteattr(name)} '
                      f'attr.type="{GRAPHML_TYPES[declared.kind(name)]}"/>\n')
    out.write('  <graph edgedefault="directed">\n')
    counts = {"nodes": 0, "relationships": 0}
    for rec in run("export/graph_nodes"):
        out.write(f"    <node id={quoteattr(xml_text(rec['key']))}>")
        for key, value in node_attrs(rec).items():
            out.write(f'<data key="{ids["node", key]}">{escape(_text(value, nodes.kind(key)))}</data>')
        out.write("</node>\n")
        counts["nodes"] += 1
    for rec in run("export/graph_relationships"):
        out.write(f"    <edge id=\"{counts['relationships']}\" source={quoteattr(xml_text(rec['from']))} "
                  f"target={quoteattr(xml_text(rec['to']))}>")
        for key, value in edge_attrs(rec).items():
            out.write(f'<data key="{ids["edge", key]}">{escape(_text(value, edges.kind(key)))}</data>')
        out.write("</edge>\n")
        counts["relationships"] += 1
    out.write("  </graph>\n</graphml>\n")
    return counts


def write_gexf(run: Callable[[str], Iterator], out: TextIO) -> dict[str, int]:
    """Write GEXF 1.2 of the graph `run` reads; `label` becomes the node's and edge's GEXF label."""
    nodes, edges = _declare(run)
    out.write("<?xml version='1.0' encoding='utf-8'?>\n"
              '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
              'version="1.2">\n'
              f'  <meta lastmodifieddate="{dt.date.today().isoformat()}"><creator>graphcrm</creator></meta>\n'
              '  <graph defaultedgetype="directed" mode="static">\n')
    ids = {}
    for scope, declared in (("node", nodes), ("edge", edges)):
        out.write(f'    <attributes class="{scope}" mode="static">\n')
        for name in declared.names():
            if name == "label":
                continue
            ids[scope, name] = str(len(ids))
            out.write(f'      <attribute id="{ids[scope, name]}" title={quoteattr(name)} '
                      f'type="{GEXF_TYPES[declared.kind(name)]}"/>\n')
        out.write("    </attributes>\n")
    counts = {"nodes": 0, "relationships": 0}
    out.write("    <nodes>\n")
    for rec in run("export/graph_nodes"):
        attrs = node_attrs(rec)
        out.write(f"      <node id={quoteattr(xml_text(rec['key']))} label={quoteattr(attrs.pop('label'))}>")
        _attvalues(out, attrs, ids, "node", nodes)
        out.write("</node>\n")
        counts["nodes"] += 1
    out.write("    </nodes>\n    <edges>\n")
    for rec in run("export/graph_relationships"):
        attrs = edge_attrs(rec)
        out.write(f"      <edge id=\"{counts['relationships']}\" source={quoteattr(xml_text(rec['from']))} "
                  f"target={quoteattr(xml_text(rec['to']))} label={quoteattr(attrs.pop('label'))}>")
        _attvalues(out, attrs, ids, "edge", edges)
        out.write("</edge>\n")
        counts["relationships"] += 1
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return counts


def _attvalues(out: TextIO, attrs: dict, ids: dict, scope: str, declared: Declared) -> None:
    out.write("<attvalues>")
    for key, value in attrs.items():
        out.write(f'<attvalue for="{ids[scope, key]}" value={quoteattr(_text(value, declared.kind(key)))}/>')
    out.write("</attvalues>")


def _declare(run: Callable[[str], Iterator]) -> tuple[Declared, Declared]:
    nodes, edges = Declared(), Declared()
    for rec in run("export/graph_nodes"):
        nodes.add(node_attrs(rec))
    for rec in run("export/graph_relationships"):
        edges.add(edge_attrs(rec))
    return nodes, edges
