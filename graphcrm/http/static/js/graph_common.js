/* Shared by the explorer, influence and introductions pages: styles, hover cards, API calls.
   Record text only ever reaches the page through textContent, never as markup. */
(function (global) {
  "use strict";

  var KIND_COLORS = { person: "#4e79a7", account: "#f28e2b", opportunity: "#59a14f", user: "#b07aa1",
                      campaign: "#9c755f", other: "#bab0ac" };
  var KIND_SHAPES = { person: "dot", account: "box", opportunity: "diamond", user: "star",
                      campaign: "triangle", other: "dot" };
  var TYPE_COLORS = { EMPLOYS: "#4e79a7", WORKED_AT: "#9aa7b8", BOARD_MEMBER: "#e15759",
                      CONTACT_ROLE: "#59a14f", OWNS: "#b07aa1", HAS_OPPORTUNITY: "#76b7b2",
                      PARTNER_OF: "#f28e2b", KNOWS: "#edc948", REPORTS_TO: "#ff9da7",
                      MEMBER_OF: "#9c755f", TOUCHED: "#d37295" };
  var PAGES = { person: "/people/", account: "/accounts/", opportunity: "/opportunities/", campaign: "/campaigns/" };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

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
    var color = KIND_COLORS[node.kind] || KIND_COLORS.other;
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
    var color = TYPE_COLORS[edge.type] || "#999999";
    return { id: edge.id || (edge.source + ">" + edge.target + ":" + edge.type), from: edge.source, to: edge.target,
             type: edge.type, color: { color: color, highlight: color }, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             dashes: edge.type === "WORKED_AT" || edge.virtual === true, title: edgeTitle(edge), width: 1.5 };
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* fetch JSON from our API; rejects with the API's message on errors. */
  function api(url, options) {
    options = options || {};
    var headers = { "Accept": "application/json" };
    if (options.body !== undefined) { headers["Content-Type"] = "application/json"; headers["X-CSRF-Token"] = csrfToken(); }
    return fetch(url, { method: options.method || "GET", headers: headers, credentials: "same-origin",
                        body: options.body === undefined ? undefined : JSON.stringify(options.body) })
      .then(function (resp) {
        if (options.raw && resp.ok) { return resp; }
        return resp.json().catch(function () { return {}; }).then(function (data) {
          if (!resp.ok) { throw new Error(data.message || ("HTTP " + resp.status)); }
          return data;
        });
      });
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
    var base = PAGES[node.kind];
    return base ? base + encodeURIComponent(node.id) : null;
  }

  function legend(container, types) {
    clear(container);
    types.forEach(function (type) {
      var item = el("li");
      var swatch = el("span", null, "swatch");
      swatch.style.background = TYPE_COLORS[type] || "#999999";
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

  global.GraphCommon = { KIND_COLORS: KIND_COLORS, TYPE_COLORS: TYPE_COLORS, el: el, clear: clear, card: card,
                         visNode: visNode, visEdge: visEdge, api: api, download: download, pageOf: pageOf, isHidden: isHidden,
                         legend: legend, settle: settle, OPTIONS: OPTIONS, humanize: humanize };
})(window);
