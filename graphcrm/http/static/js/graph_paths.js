/* The influence map of a deal and the "who can introduce me" page: lists of paths, drawn and highlighted. */
(function () {
  "use strict";
  var t = Crm.t, tn = Crm.tn;
  var G = window.GraphCommon;
  var root = document.getElementById("paths-page");
  if (!root) { return; }
  var container = document.getElementById("graph");
  var statusLine = document.getElementById("paths-status");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null;
  var allPaths = [];
  var HIGHLIGHT = "#e15759";

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? "explore-status error" : "explore-status";  // i18n: not shown (CSS classes)
  }

  /* The shown name of a standard contact role; the org's own roles show as they are. */
  function roleName(role) {
    // The keys are the stored role names; the values are what people read.
    var names = {
      "Decision Maker": t("Decision Maker"),  // i18n: not shown (key)
      "Economic Buyer": t("Economic Buyer"),  // i18n: not shown (key)
      "Economic Decision Maker": t("Economic Decision Maker"),  // i18n: not shown (key)
      "Technical Buyer": t("Technical Buyer"),  // i18n: not shown (key)
      "Evaluator": t("Evaluator"),  // i18n: not shown (key)
      "Influencer": t("Influencer"),  // i18n: not shown (key)
      "Executive Sponsor": t("Executive Sponsor"),  // i18n: not shown (key)
      "Business User": t("Business User"),  // i18n: not shown (key)
      "Other": t("Other")  // i18n: not shown (key)
    };
    return Object.prototype.hasOwnProperty.call(names, role) ? names[role] : role;
  }

  function edgeId(edge) { return edge.source + ">" + edge.target + ":" + edge.type; }

  function addRecord(record) {
    if (!nodes.get(record.id)) { nodes.add(G.visNode({ id: record.id, kind: record.kind, label: record.label,
                                                       status: record.status, card: record.card || {},
                                                       hidden: record.hidden === true })); }
  }

  function addPath(path, records) {
    path.nodes.forEach(function (id) { if (records[id]) { addRecord(records[id]); } });
    path.edges.forEach(function (edge) {
      var vis = G.visEdge(edge);
      vis.id = edgeId(edge);
      if (!edges.get(vis.id)) { edges.add(vis); }
    });
  }

  function highlight(index) {
    var path = allPaths[index];
    var on = {};
    if (path) { path.edges.forEach(function (edge) { on[edgeId(edge)] = true; }); }
    edges.update(edges.get().map(function (edge) {
      var base = Crm.typeColor(edge.type);
      return { id: edge.id, width: on[edge.id] ? 5 : 1.5, color: { color: on[edge.id] ? HIGHLIGHT : base,
                                                                  highlight: on[edge.id] ? HIGHLIGHT : base } };
    }));
    var onPath = {};
    if (path) { path.nodes.forEach(function (id) { onPath[id] = true; }); }
    nodes.update(nodes.get().map(function (node) { return { id: node.id, borderWidth: onPath[node.id] ? 4 : 1.5 }; }));
    Array.prototype.forEach.call(document.querySelectorAll(".path-list li[data-path]"), function (item) {
      item.classList.toggle("active", Number(item.getAttribute("data-path")) === index);
    });
    container.setAttribute("data-highlighted-path", path ? String(index) : "");
    container.setAttribute("data-highlighted-edges", String(Object.keys(on).length));
  }

  function pathItem(path, heading) {
    var index = allPaths.length;
    allPaths.push(path);
    var item = Crm.el("li");
    item.setAttribute("data-path", String(index));
    item.tabIndex = 0;
    item.appendChild(Crm.el("strong", heading));
    item.appendChild(Crm.el("span", tn("%(num)d hop", "%(num)d hops", path.hops), "tag"));
    var steps = Crm.el("ol");
    path.explanation.forEach(function (text) { steps.appendChild(Crm.el("li", text)); });
    item.appendChild(steps);
    item.addEventListener("click", function () { highlight(index); });
    item.addEventListener("keydown", function (event) { if (event.key === "Enter") { highlight(index); } });  // i18n: not shown (key name)
    return item;
  }

  function pathLists(box, person, records) {
    var list = Crm.el("ul", null, "path-list");
    person.paths_from_me.forEach(function (path, i) {
      list.appendChild(pathItem(path, i === 0 ? t("Your best way in") : t("Your way %(n)s", { n: i + 1 })));
      addPath(path, records);
    });
    person.paths_from_team.forEach(function (entry) {
      list.appendChild(pathItem(entry.path, t("Via %(name)s", { name: entry.user.label })));
      addPath(entry.path, records);
    });
    if (!list.children.length) { box.appendChild(Crm.el("p", t("No path within reach."), "muted small")); }  // i18n: not shown (CSS classes)
    box.appendChild(list);
  }

  function personLink(person) {
    if (G.isHidden(person)) { return Crm.el("span", person.label, "hidden-person"); }
    var link = Crm.el("a", person.label);
    link.href = Crm.recordUrl("person", person.id);
    return link;
  }

  function renderInfluence(data) {
    var deal = { id: data.opportunity.id, kind: "opportunity", label: data.opportunity.label };
    addRecord(deal);
    var committee = document.getElementById("committee");
    Crm.clear(committee);
    data.roles.forEach(function (role) {
      var item = Crm.el("li");
      var head = Crm.el("h3", roleName(role.role));
      if (role.key) { head.appendChild(Crm.el("span", t("decides"), "tag key")); }  // i18n: not shown (CSS classes)
      item.appendChild(head);
      role.people.forEach(function (person) {
        var line = Crm.el("div", null, "member");
        line.appendChild(personLink(person));
        if (person.title) { line.appendChild(Crm.el("span", " · " + person.title, "muted")); }
        if (person.status === "inactive") { line.appendChild(Crm.el("span", t("inactive"), "tag")); }
        if (person.placeholder) { line.appendChild(Crm.el("span", t("placeholder"), "tag")); }
        item.appendChild(line);
        addRecord({ id: person.id, kind: "person", label: person.label, status: person.status,
                    hidden: person.hidden === true });
        var rel = { source: person.id, target: deal.id, type: "CONTACT_ROLE" };
        if (!edges.get(edgeId(rel))) { var vis = G.visEdge(rel); vis.id = edgeId(rel); edges.add(vis); }
        if (role.key && !person.placeholder) { pathLists(item, person, data.records); }
      });
      committee.appendChild(item);
    });
    if (!data.roles.length) { committee.appendChild(Crm.el("li", t("Nobody has a contact role on this deal yet."), "muted")); }
    var uncovered = document.getElementById("uncovered");
    Crm.clear(uncovered);
    data.uncovered.forEach(function (role) { uncovered.appendChild(Crm.el("li", roleName(role), "uncovered")); });
    if (!data.uncovered.length) { uncovered.appendChild(Crm.el("li", t("Every standard role is covered."), "muted")); }
    var team = document.getElementById("team");
    Crm.clear(team);
    data.team.forEach(function (user) { team.appendChild(Crm.el("li", user.label)); });
    if (!data.team.length) { team.appendChild(Crm.el("li", t("Nobody owns or touched this account yet."), "muted")); }
  }

  function renderIntroductions(data) {
    addRecord(data.person);
    var intro = document.getElementById("introducers");
    Crm.clear(intro);
    data.introducers.forEach(function (person) {
      var item = Crm.el("li");
      item.appendChild(personLink(person));
      item.appendChild(Crm.el("span", " " + tn("on %(num)d path", "on %(num)d paths", person.paths), "muted"));
      intro.appendChild(item);
    });
    if (!data.introducers.length) { intro.appendChild(Crm.el("li", t("Nobody found between you and them."), "muted")); }
    var box = document.getElementById("paths");
    Crm.clear(box);
    pathLists(box, data, data.records);
  }

  say(t("Loading…"));
  container.setAttribute("data-state", "loading");
  Crm.api(root.getAttribute("data-url")).then(function (data) {
    if (root.getAttribute("data-kind") === "influence") { renderInfluence(data); } else { renderIntroductions(data); }
    network = new vis.Network(container, { nodes: nodes, edges: edges }, G.OPTIONS);
    container.__network = network;  // for tests and the browser console
    G.settle(network);
    network.on("selectNode", function (event) {
      var node = nodes.get(event.nodes[0]);
      var page = node && G.pageOf(node.record);
      say(page ? t("%(label)s — double-click to open its page", { label: node.record.label }) : node.record.label);
    });
    network.on("doubleClick", function (event) {
      var node = event.nodes.length && nodes.get(event.nodes[0]);
      var page = node && G.pageOf(node.record);
      if (page) { window.location.href = page; }
    });
    highlight(allPaths.length ? 0 : -1);
    say(allPaths.length ? tn("%(num)d path found; the first is highlighted.", "%(num)d paths found; the first is highlighted.",
                             allPaths.length)
                        : t("No path found."));
    container.setAttribute("data-state", "ready");
  }).catch(function (err) { say(err.message, true); container.setAttribute("data-state", "error"); });
})();
