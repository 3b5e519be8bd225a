/* Shared by the explorer, influence and introductions pages: node and edge styles, hover cards, legends.
   Record text only ever reaches the page through textContent, never as markup. */
(function (global) {
  "use strict";

  var el = global.Crm.el;
  var KIND_SHAPES = global.Crm.palette.shapes;

  function humanize(key) {
    return key.replace(/_/g, " ");
  }

  /* The hover card of a node: a DOM element, which vis-network shows as is. */
  function card(node) {
    var box = el("div", null, "graph-card");
    box.appendChild(el("strong", node.label));
    var note = node.kind + (isHidden(node) ? " · not shared with you" : "") + (node.placeholder ? " · placeholder" : "") +
               (node.status === "inactive" ? " · inactive" : "");
    box.appendChild(el("div", note, "graph-card-kind"));
    var list = el("dl");
    Object.keys(node.card || {}).forEach(function (key) {
      list.appendChild(el("dt", humanize(key)));
      list.appendChild(el("dd", node.card[key]));
    });
    box.appendChild(list);
    return box;
  }

  /* A vis node for an API node: shape and color by kind; placeholders and inactive people set apart. */
  function visNode(node) {
    var color = global.Crm.kindColor(node.kind);
    var out = { id: node.id, label: node.label, shape: KIND_SHAPES[node.kind] || "dot", title: card(node),
                color: { background: color, border: color }, font: { color: "#1d2330" }, record: node,
                size: node.kind === "account" ? 18 : 14 };
    if (node.placeholder) {
      out.color = { background: "#ffffff", border: color };
      out.shapeProperties = { borderDashes: [4, 3] };
      out.font = { color: "#5b6475", face: "system-ui", multi: false };
      out.label = node.label + " (placeholder)";
    } else if (node.status === "inactive") {
      out.color = { background: "#d5d8dd", border: "#9aa0a8" };
      out.font = { color: "#7a8190" };
    }
    if (node.x !== undefined && node.y !== undefined) { out.x = node.x; out.y = node.y; out.physics = false; }
    return out;
  }

  function edgeTitle(edge) {
    var box = el("div", null, "graph-card");
    box.appendChild(el("strong", edge.type));
    ["role", "title", "department", "since", "until", "known_from", "note"].forEach(function (key) {
      if (edge[key] !== undefined && edge[key] !== null && edge[key] !== "") {
        box.appendChild(el("div", humanize(key) + ": " + edge[key]));
      }
    });
    return box;
  }

  function visEdge(edge) {
    var color = global.Crm.typeColor(edge.type);
    return { id: edge.id || (edge.source + ">" + edge.target + ":" + edge.type), from: edge.source, to: edge.target,
             type: edge.type, color: { color: color, highlight: color }, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             dashes: edge.type === "WORKED_AT" || edge.virtual === true, title: edgeTitle(edge), width: 1.5 };
  }

  function download(href, filename) {
    var link = document.createElement("a");
    link.href = href;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  }

  /* A person the viewer may not see ("someone at ACME"): an opaque id, no page, no network. */
  function isHidden(node) {
    return Boolean(node && (node.hidden === true || String(node.id || "").indexOf("hidden:") === 0));
  }

  function pageOf(node) {
    if (isHidden(node)) { return null; }
    return global.Crm.recordUrl(node.kind, node.id);
  }

  function legend(container, types) {
    global.Crm.clear(container);
    types.forEach(function (type) {
      var item = el("li");
      var swatch = el("span", null, "swatch");
      swatch.style.background = global.Crm.typeColor(type);
      item.appendChild(swatch);
      item.appendChild(el("span", type.replace(/_/g, " ").toLowerCase()));
      container.appendChild(item);
    });
  }

  /* Stop physics once the layout has settled, so large views stay usable. */
  function settle(network) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit({ animation: false });
    });
  }

  var OPTIONS = {
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 250, updateInterval: 50 },
               forceAtlas2Based: { gravitationalConstant: -60, springLength: 90 } },
    interaction: { hover: true, tooltipDelay: 120, multiselect: false },
    nodes: { font: { size: 13 }, borderWidth: 1.5 },
    edges: { smooth: false, selectionWidth: 2 }
  };

  global.GraphCommon = { card: card, visNode: visNode, visEdge: visEdge, download: download, pageOf: pageOf,
                         isHidden: isHidden, legend: legend, settle: settle, OPTIONS: OPTIONS, humanize: humanize };
})(window);
