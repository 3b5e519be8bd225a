"""Views as files and layouts: server-side layout, GraphML, and a standalone interactive HTML page.

The HTML export uses pyvis to build the vis-network nodes, edges and options, and renders them
with our own template (transfer/templates/graph_export_standalone.html) that inlines the vendored
vis-network, so the file works offline from disk. Every text travels as JSON escaped for HTML
(`tojson`) and is put on the page with textContent; nothing is parsed as markup.
"""
from __future__ import annotations

import io
import json
from importlib import resources

import networkx as nx
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from graphcrm.i18n import _, ngettext
from graphcrm.model.palette import EDGE_FALLBACK, KIND_COLORS, KIND_SHAPES, TYPE_COLORS
from graphcrm.store.values import to_jsonable

# The one vendored vis-network, which the explorer's pages serve as well; files of the package, so a
# wheel has them.
VIS = resources.files("graphcrm.http") / "static" / "vendor" / "vis-network"
VIS_JS, VIS_CSS = VIS / "vis-network.min.js", VIS / "vis-network.min.css"
TEMPLATES = resources.files("graphcrm.transfer") / "templates"


def jsonable(data):
    """Return data with Neo4j and Python temporal values turned into strings."""
    return json.loads(json.dumps(data, default=to_jsonable))


def to_networkx(view: dict) -> nx.MultiDiGraph:
    """Return a view as a MultiDiGraph keyed by record id, with GraphML-safe attributes."""
    graph = nx.MultiDiGraph()
    for node in jsonable(view["nodes"]):
        attrs = {"kind": node["kind"], "label": node["label"], "placeholder": bool(node.get("placeholder")),
                 "status": node.get("status") or ""}
        if node.get("sf_id"):
            attrs["sf_id"] = node["sf_id"]
        attrs.update({f"card_{k}": _text(v) for k, v in (node.get("card") or {}).items()})
        graph.add_node(node["id"], **attrs)
    for item in jsonable(view["edges"]):
        if item["source"] in graph and item["target"] in graph:
            attrs = {k: _text(v) for k, v in item.items() if k not in ("id", "source", "target")}
            graph.add_edge(item["source"], item["target"], key=item.get("id"), **attrs)
    return graph


def _text(value) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def graphml(view: dict) -> bytes:
    """Return the view as GraphML (networkx.write_graphml)."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(view), buffer, encoding="utf-8")
    return buffer.getvalue()


def standalone_html(view: dict, title: str) -> str:
    """Return a self-contained interactive HTML page of the view (pyvis data, our template)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="remote", heading="")
    data = jsonable(view)
    for node in data["nodes"]:
        extra = {k: node[k] for k in ("x", "y") if k in node}
        net.add_node(node["id"], label=node["label"], shape=KIND_SHAPES.get(node["kind"], "dot"),
                     color=KIND_COLORS.get(node["kind"], KIND_COLORS["other"]), kind=node["kind"],
                     card=node.get("card") or {}, placeholder=node.get("placeholder", False),
                     status=node.get("status"), physics="x" not in node, **extra)
    for item in data["edges"]:
        if item["source"] in net.node_ids and item["target"] in net.node_ids:
            net.add_edge(item["source"], item["target"], type=item["type"],
                         color=TYPE_COLORS.get(item["type"], EDGE_FALLBACK), arrows="to")
    net.set_options(json.dumps({"physics": {"stabilization": {"iterations": 300}},
                                "interaction": {"hover": True, "tooltipDelay": 150}}))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return _template().render(title=title, vis_js=_vis_js(), vis_css=_vis_css(),
                              data={"nodes": nodes, "edges": edges, "options": json.loads(options)})


def _template():
    env = Environment(autoescape=select_autoescape(["html"]), extensions=["jinja2.ext.i18n"])
    # The page speaks the reader's language: _() and ngettext() as in the app's templates.
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)
    return env.from_string((TEMPLATES / "graph_export_standalone.html").read_text(encoding="utf-8"))


def _vis_js() -> Markup:
    # Our vendored file, not user data; a closing script tag inside it would end the block early.
    text = VIS_JS.read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise RuntimeError("the vendored vis-network contains a closing script tag; cannot inline it")
    return Markup(text)


def _vis_css() -> Markup:
    text = VIS_CSS.read_text(encoding="utf-8")
    return Markup(text.replace("</style", "<\\/style"))
