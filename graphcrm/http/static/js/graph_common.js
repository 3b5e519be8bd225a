/* Shared by the explorer, influence and introductions pages: node and edge styles, hover cards, legends.
   Record text only ever reaches the page through textContent, never as markup. */
(function (global) {
  "use strict";

  var t = global.Crm.t;
  var el = global.Crm.el;
  var KIND_SHAPES = global.Crm.palette.shapes;

  function humanize(key) {
    return key.replace(/_/g, " ");
  }

  /* The shown name of a record kind; unknown kinds show as they come. */
  function kindName(kind) {
    var names = { person: t("person"), account: t("account"), opportunity: t("opportunity"),
                  campaign: t("campaign"), user: t("user") };
    return Object.prototype.hasOwnProperty.call(names, kind) ? names[kind] : kind;
  }

  /* The shown name of a hover-card field (record or relationship property), else the key humanized. */
  function fieldName(key) {
    var names = { title: t("title"), department: t("department"), account: t("account"), email: t("email"),
                  phone: t("phone"), mobile: t("mobile"), city: t("city"), country: t("country"),
                  status: t("status"), inactive_reason: t("inactive reason"), birthdate: t("birthdate"),
                  interests: t("interests"), type: t("type"), industry: t("industry"), employees: t("employees"),
                  website: t("website"), stage: t("stage"), amount: t("amount"), currency: t("currency"),
                  close_date: t("close date"), probability: t("probability"), role: t("role"),
                  start_date: t("start date"), end_date: t("end date"), since: t("since"), until: t("until"),
                  known_from: t("known from"), note: t("note") };
    return Object.prototype.hasOwnProperty.call(names, key) ? names[key] : humanize(key);
  }

  /* A relationship type as the legends show it ("board member"); unknown types humanized. */
  function typeName(type) {
    var names = { EMPLOYS: t("employs"), WORKED_AT: t("worked at"), BOARD_MEMBER: t("board member"),
                  CONTACT_ROLE: t("contact role"), HAS_OPPORTUNITY: t("has opportunity"), OWNS: t("owns"),
                  PARTNER_OF: t("partner of"), KNOWS: t("knows"), REPORTS_TO: t("reports to"),
                  MEMBER_OF: t("member of") };
    return Object.prototype.hasOwnProperty.call(names, type) ? names[type] : type.replace(/_/g, " ").toLowerCase();
  }

  /* A relationship type as the edge card heads it ("BOARD_MEMBER"); unknown types as they come. */
  function typeHeading(type) {
    var names = { EMPLOYS: t("EMPLOYS"), WORKED_AT: t("WORKED_AT"), BOARD_MEMBER: t("BOARD_MEMBER"),
                  CONTACT_ROLE: t("CONTACT_ROLE"), HAS_OPPORTUNITY: t("HAS_OPPORTUNITY"), OWNS: t("OWNS"),
                  PARTNER_OF: t("PARTNER_OF"), KNOWS: t("KNOWS"), REPORTS_TO: t("REPORTS_TO"),
                  MEMBER_OF: t("MEMBER_OF") };
    return Object.prototype.hasOwnProperty.call(names, type) ? names[type] : type;
  }

  /* The hover card of a node: a DOM element, which vis-network shows as is. */
  function card(node) {
    var box = el("div", null, "graph-card");
    box.appendChild(el("strong", node.label));
    var note = [kindName(node.kind)];
    if (isHidden(node)) { note.push(t("not shared with you")); }
    if (node.placeholder) { note.push(t("placeholder")); }
    if (node.status === "inactive") { note.push(t("inactive")); }
    box.appendChild(el("div", note.join(" · "), "graph-card-kind"));
    var list = el("dl");
    Object.keys(node.card || {}).forEach(function (key) {
      list.appendChild(el("dt", fieldName(key)));
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
      out.label = t("%(label)s (placeholder)", { label: node.label });
    } else if (node.status === "inactive") {
      out.color = { background: "#d5d8dd", border: "#9aa0a8" };
      out.font = { color: "#7a8190" };
    }
    if (node.x !== undefined && node.y !== undefined) { out.x = node.x; out.y = node.y; out.physics = false; }
    return out;
  }

  function edgeTitle(edge) {
    var box = el("div", null, "graph-card");
    box.appendChild(el("strong", typeHeading(edge.type)));
    ["role", "title", "department", "since", "until", "known_from", "note"].forEach(function (key) {
      if (edge[key] !== undefined && edge[key] !== null && edge[key] !== "") {
        box.appendChild(el("div", t("%(field)s: %(value)s", { field: fieldName(key), value: edge[key] })));
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
      item.appendChild(el("span", typeName(type)));
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
                         isHidden: isHidden, legend: legend, settle: settle, OPTIONS: OPTIONS, humanize: humanize,
                         kindName: kindName, fieldName: fieldName, typeName: typeName };
})(window);
