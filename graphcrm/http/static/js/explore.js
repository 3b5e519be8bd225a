/* The network explorer: search, load a view, expand by double-click, hide, filter, export. */
(function () {
  "use strict";
  var t = Crm.t, tn = Crm.tn;
  var G = window.GraphCommon;
  var root = document.getElementById("explore");
  if (!root) { return; }
  var container = document.getElementById("graph");
  var statusLine = document.getElementById("explore-status");
  var panel = document.getElementById("explore-panel");
  var form = document.getElementById("explore-filters");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null;
  var center = root.getAttribute("data-center") || "";
  var hidden = {};

  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function query(centerId, depth, limit) {
    var params = new URLSearchParams();
    params.set("center", centerId);
    params.set("depth", String(depth));
    params.set("limit", String(limit));
    params.set("types", checked("types").join(","));
    params.set("kinds", checked("kinds").join(","));
    params.set("status", form.elements.status.value);
    if (form.elements.as_of.value) { params.set("as_of", form.elements.as_of.value); }
    return root.getAttribute("data-network-url") + "?" + params.toString();
  }

  function setState(state) {
    container.setAttribute("data-state", state);
    container.setAttribute("data-nodes", String(nodes.length));
    container.setAttribute("data-edges", String(edges.length));
    var types = {};
    edges.forEach(function (edge) { types[edge.type] = true; });
    container.setAttribute("data-edge-types", Object.keys(types).sort().join(","));
  }

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? "explore-status error" : "explore-status";  // i18n: not shown (CSS classes)
  }

  function summary(view) {
    var plus = view.total_is_lower_bound ? "+" : "";
    var values = { shown: view.shown, total: view.total + plus, more: view.more + plus };
    return view.truncated ? t("Showing %(shown)s of %(total)s, %(more)s more.", values)
                          : t("Showing %(shown)s of %(total)s.", values);
  }

  function ensureNetwork(serverLayout) {
    if (network) { return; }
    var options = JSON.parse(JSON.stringify(G.OPTIONS));
    if (serverLayout) { options.physics = false; }
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    container.__network = network;  // for tests and the browser console
    if (serverLayout) {
      network.once("afterDrawing", function () { network.fit({ animation: false }); });
    } else {
      G.settle(network);
    }
    network.on("doubleClick", function (event) { if (event.nodes.length) { expand(event.nodes[0]); } });
    network.on("selectNode", function (event) { showPanel(event.nodes[0]); });
    network.on("deselectNode", function () { panel.hidden = true; });
  }

  function addView(view) {
    nodes.update(view.nodes.filter(function (n) { return !hidden[n.id]; }).map(G.visNode));
    edges.update(view.edges.filter(function (e) { return !hidden[e.source] && !hidden[e.target]; }).map(G.visEdge));
  }

  function load(centerId) {
    if (!centerId) { return; }
    center = centerId;
    hidden = {};
    setState("loading");
    say(t("Loading…"));
    Crm.api(query(centerId, form.elements.depth.value, form.elements.limit.value)).then(function (view) {
      if (network) { network.destroy(); network = null; }
      nodes.clear();
      edges.clear();
      ensureNetwork(view.layout === "server");
      addView(view);
      say(summary(view));
      var url = new URL(window.location.href);
      url.searchParams.set("center", centerId);
      window.history.replaceState(null, "", url.toString());
      setState("ready");
    }).catch(function (err) { say(err.message, true); setState("error"); });
  }

  function hiddenText() { return t("This person is not shared with you: their network cannot be opened."); }

  function expand(nodeId) {
    if (G.isHidden((nodes.get(nodeId) || {}).record || { id: nodeId })) { say(hiddenText()); return; }
    setState("loading");
    Crm.api(query(nodeId, 1, 200)).then(function (view) {
      var before = nodes.length;
      var origin = network.getPositions([nodeId])[nodeId] || { x: 0, y: 0 };
      view.nodes.forEach(function (n) {
        if (!nodes.get(n.id)) { n.x = origin.x + (Math.random() - 0.5) * 120; n.y = origin.y + (Math.random() - 0.5) * 120; }
      });
      addView(view);
      var added = nodes.length - before;
      var around = { label: (nodes.get(nodeId) || {}).label, more: view.more };
      var more = tn("%(num)d more around %(label)s (%(more)s not shown).", "%(num)d more around %(label)s (%(more)s not shown).", added, around);
      say(view.truncated ? more : tn("%(num)d more around %(label)s.", "%(num)d more around %(label)s.", added, around));
      setState("ready");
    }).catch(function (err) { say(err.message, true); setState("error"); });
  }

  function hide(nodeId) {
    hidden[nodeId] = true;
    edges.remove(edges.getIds({ filter: function (e) { return e.from === nodeId || e.to === nodeId; } }));
    nodes.remove(nodeId);
    panel.hidden = true;
    setState("ready");
  }

  function action(label, handler, className) {
    var button = Crm.el("button", label, className || "secondary");
    button.type = "button";
    button.addEventListener("click", handler);
    return button;
  }

  function showPanel(nodeId) {
    var item = nodes.get(nodeId);
    if (!item) { return; }
    var node = item.record;
    var body = document.getElementById("explore-panel-body");
    Crm.clear(body);
    body.appendChild(G.card(node));
    var links = Crm.el("p", null, "explore-links");
    var page = G.pageOf(node);
    if (page) {
      var link = Crm.el("a", t("Open %(kind)s page", { kind: G.kindName(node.kind) }));
      link.href = page;
      links.appendChild(link);
    }
    var secret = G.isHidden(node);
    if (secret) { links.appendChild(Crm.el("span", hiddenText(), "muted small")); }  // i18n: not shown (CSS classes)
    if (node.kind === "person" && !node.placeholder && !secret) {
      var intro = Crm.el("a", t("Who can introduce me?"));
      intro.href = Crm.recordUrl("person", node.id) + "/introductions";
      links.appendChild(intro);
    }
    if (node.kind === "opportunity") {
      var infl = Crm.el("a", t("Influence map"));
      infl.href = Crm.recordUrl("opportunity", node.id) + "/influence";
      links.appendChild(infl);
    }
    body.appendChild(links);
    var buttons = Crm.el("p", null, "explore-actions");
    if (!secret) {
      buttons.appendChild(action(t("Expand"), function () { expand(nodeId); }));
      buttons.appendChild(action(t("Center here"), function () { load(nodeId); }));
    }
    buttons.appendChild(action(t("Hide"), function () { hide(nodeId); }));
    body.appendChild(buttons);
    if (node.kind === "account") { connectors(body, node.id); }
    panel.hidden = false;
  }

  /* The brokers of an account's 2-hop network (betweenness), each a button that re-centers there. */
  function connectors(body, accountId) {
    var box = Crm.el("div", null, "connectors");
    box.appendChild(Crm.el("h4", t("Connectors")));
    body.appendChild(box);
    Crm.api("/api/v1/accounts/" + encodeURIComponent(accountId) + "/connectors?limit=5").then(function (data) {
      var list = Crm.el("ol");
      data.items.forEach(function (item) {
        var line = Crm.el("li");
        if (G.isHidden(item)) {
          line.appendChild(Crm.el("span", item.label));
        } else {
          var button = Crm.el("button", item.label, "link");
          button.type = "button";
          button.addEventListener("click", function () { load(item.id); });
          line.appendChild(button);
        }
        line.appendChild(Crm.el("span", " " + G.kindName(item.kind), "muted small"));  // i18n: not shown (CSS classes)
        list.appendChild(line);
      });
      if (!data.items.length) { list.appendChild(Crm.el("li", t("Nobody yet."), "muted")); }
      box.appendChild(list);
    }).catch(function (err) { box.appendChild(Crm.el("p", err.message, "error")); });
  }

  /* Hidden people have no record id to send: the exported file leaves them out. */
  function visibleIds() { return nodes.getIds().filter(function (id) { return !G.isHidden({ id: id }); }); }

  function exportFile(format) {
    var body = { format: format, nodes: visibleIds(), types: checked("types").join(","),
                 title: t("graphcrm view") };
    if (form.elements.as_of.value) { body.as_of = form.elements.as_of.value; }
    Crm.api(root.getAttribute("data-export-url"), { method: "POST", body: body, raw: true })
      .then(function (resp) { return resp.blob(); })
      .then(function (blob) {
        var href = URL.createObjectURL(blob);
        G.download(href, "graphcrm-view." + format);
        setTimeout(function () { URL.revokeObjectURL(href); }, 1000);
      }).catch(function (err) { say(err.message, true); });
  }

  function searchBox() {
    var input = document.getElementById("explore-q");
    var hits = document.getElementById("explore-hits");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        Crm.clear(hits);
        if (!text) { return; }
        Crm.api(root.getAttribute("data-search-url") + "?limit=8&q=" + encodeURIComponent(text)).then(function (data) {
          Crm.clear(hits);
          data.items.forEach(function (hit) {
            var item = Crm.el("li");
            var button = Crm.el("button", hit.label + (hit.account ? " · " + hit.account : ""), "link hit");  // i18n: not shown (CSS classes)
            button.type = "button";
            button.setAttribute("data-id", hit.id);
            button.appendChild(Crm.el("span", " " + G.kindName(hit.kind), "muted"));
            button.addEventListener("click", function () { Crm.clear(hits); input.value = ""; load(hit.id); });
            item.appendChild(button);
            hits.appendChild(item);
          });
          if (!data.items.length) { hits.appendChild(Crm.el("li", t("No match."), "muted")); }
        }).catch(function (err) { say(err.message, true); });
      }, 200);
    });
    document.getElementById("explore-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = hits.querySelector("button.hit");
      if (first) { first.click(); }
    });
  }

  form.addEventListener("change", function () { if (center) { load(center); } });
  form.addEventListener("submit", function (event) { event.preventDefault(); if (center) { load(center); } });
  document.getElementById("export-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    if (canvas) { G.download(canvas.toDataURL("image/png"), "graphcrm-view.png"); }
  });
  document.getElementById("export-html").addEventListener("click", function () { exportFile("html"); });
  document.getElementById("export-graphml").addEventListener("click", function () { exportFile("graphml"); });
  document.getElementById("explore-panel-close").addEventListener("click", function () { panel.hidden = true; });
  searchBox();
  setState("empty");
  if (center) { load(center); } else { say(t("Search for a person, account or deal to start.")); }
})();
