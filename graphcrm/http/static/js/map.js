// The map page: clustered markers coloured by kind and by how overdue the contact is, popups built
// with textContent (never innerHTML with data), draggable markers for a manual position, and the
// "nearby" panel. Tiles come from a configurable server; when they fail the markers stay on a
// plain background and a notice says so.
(function () {
  "use strict";

  var t = Crm.t, tn = Crm.tn;
  var root = document.getElementById("geo");
  if (!root || !window.L) { return; }
  var canEdit = root.getAttribute("data-can-edit") === "true";
  var KINDS = {person: true, account: true};
  var LEVELS = {ok: true, due: true, overdue: true, never: true};

  var el = Crm.el, link = Crm.link;

  function own(names, key) { return Object.prototype.hasOwnProperty.call(names, key) ? names[key] : undefined; }
  function kindName(kind) { return own({person: t("Person"), account: t("Account")}, kind); }
  function levelName(level) {
    return own({ok: t("in touch"), due: t("due"), overdue: t("overdue"), never: t("never touched")}, level);
  }
  function sourceName(source) {
    return own({postal_code: t("postal code"), city: t("city"), postal_area: t("postal area (approximate)"),
                online: t("online geocoder"), account: t("its account's address"), manual: t("set by hand")}, source);
  }
  // The default account types; the org's own types show as they are.
  function typeName(type) {
    return own({customer: t("customer"), prospect: t("prospect"), supplier: t("supplier"), partner: t("partner"),
                competitor: t("competitor"), other: t("other")}, type) || type;
  }
  // A translated sentence with a link where its placeholder stands, e.g. "at %(account)s".
  function withLink(node, sentence, placeholder, anchor) {
    var mark = "\u0001";
    var values = {};
    values[placeholder] = mark;
    var parts = sentence(values).split(mark);
    node.appendChild(document.createTextNode(parts[0]));
    node.appendChild(anchor);
    if (parts.length > 1 && parts[1]) { node.appendChild(document.createTextNode(parts.slice(1).join(""))); }
    return node;
  }

  function setStatus(node, text, isError) {
    node.textContent = text || "";
    node.classList.toggle("error", Boolean(isError));
  }
  function getJson(url) {
    return Crm.api(url);
  }
  function sendJson(method, url, body) {
    return Crm.api(url, {method: method, body: body});
  }
  function safeClass(value, allowed, fallback) {
    return Object.prototype.hasOwnProperty.call(allowed, value) ? value : fallback;
  }

  // -- the map and its tiles -----------------------------------------------------------------
  var mapStatus = document.getElementById("map-status");
  var notice = document.getElementById("map-notice");
  var map = L.map("map", {zoomControl: true}).setView([46.8, 8.23], 8);
  var tileDiv = el("div");
  tileDiv.textContent = root.getAttribute("data-tile-attribution") || "";
  // Leaflet renders attribution as HTML: give it the configured text escaped.
  // eslint-disable-next-line no-restricted-properties -- reads the escaped text back; writes no markup
  var tiles = L.tileLayer(root.getAttribute("data-tile-url"), {maxZoom: 19, attribution: tileDiv.innerHTML});
  var tilesFailed = false;
  tiles.on("tileerror", function () {
    if (tilesFailed) { return; }
    tilesFailed = true;
    document.getElementById("map").classList.add("geo-plain");
    notice.textContent = t("Map tiles could not be loaded, so the markers are shown on a plain background.");
    notice.hidden = false;
  });
  tiles.addTo(map);

  var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true});
  map.addLayer(cluster);
  var searchLayer = L.layerGroup().addTo(map);
  var markersById = {};

  function icon(item) {
    var kind = safeClass(item.kind, KINDS, "person");
    var level = safeClass(item.overdue && item.overdue.level, LEVELS, "never");
    return L.divIcon({className: "geo-pin geo-pin-" + kind + " geo-" + level, iconSize: [18, 18], iconAnchor: [9, 9],  // i18n: not shown (CSS classes)
                      popupAnchor: [0, -8]});
  }

  function overdueText(o) {
    if (!o) { return ""; }
    var text = levelName(o.level) || "";
    if (o.days_since !== null && o.days_since !== undefined) {
      text = tn("last touch %(num)d days ago", "last touch %(num)d days ago", o.days_since) + " · " + text;
    }
    if (o.basis === "target" && o.ratio !== null) { text = t("%(text)s (KPI target)", {text: text}); }
    return text;
  }

  function popupContent(item, marker) {
    var box = el("div", null, "geo-popup");
    box.appendChild(el("p", (kindName(item.kind) || "") + (item.type ? " · " + typeName(item.type) : ""), "geo-popup-kind"));
    var title = el("h3");
    title.appendChild(link(item.kind, item.id, item.label));
    box.appendChild(title);
    if (item.title) { box.appendChild(el("p", item.title)); }
    if (item.account && item.account.id) {
      box.appendChild(withLink(el("p"), function (values) { return t("at %(account)s", values); }, "account",
                               link("account", item.account.id, item.account.name || item.account.id)));
    }
    if (item.city) { box.appendChild(el("p", item.city, "muted")); }
    if (item.overdue) { box.appendChild(el("p", overdueText(item.overdue), "geo-popup-touch geo-text-" + safeClass(item.overdue.level, LEVELS, "never"))); }  // i18n: not shown (CSS classes)
    if (item.location_source) { box.appendChild(el("p", t("Placed by %(source)s", {source: sourceName(item.location_source) || item.location_source}), "muted small")); }  // i18n: not shown (CSS classes)
    var actions = el("p", null, "geo-popup-actions");
    var near = el("button", t("Nearby"), "btn");
    near.type = "button";
    near.addEventListener("click", function () { searchAround(item); });
    actions.appendChild(near);
    if (canEdit && item.location_source === "manual") {
      var reset = el("button", t("Back to its address"), "btn");
      reset.type = "button";
      reset.addEventListener("click", function () { resetPosition(item, marker); });
      actions.appendChild(reset);
    }
    box.appendChild(actions);
    return box;
  }

  function locationUrl(item) {
    return "/api/v1/" + (item.kind === "person" ? "people" : "accounts") + "/" + encodeURIComponent(item.id) + "/location";
  }

  function savePosition(item, marker, before) {
    var pos = marker.getLatLng();
    setStatus(mapStatus, t("Saving the position of %(label)s…", {label: item.label}));
    sendJson("PUT", locationUrl(item), {lat: pos.lat, lon: L.Util.wrapNum(pos.lng, [-180, 180], true)}).then(function () {
      item.location_source = "manual";
      item.lat = pos.lat;
      item.lon = pos.lng;
      cluster.removeLayer(marker);
      cluster.addLayer(marker);
      setStatus(mapStatus, t("Saved: %(label)s now stays where you put it.", {label: item.label}));
    }).catch(function (err) {
      marker.setLatLng(before);
      setStatus(mapStatus, err.message, true);
    });
  }

  function resetPosition(item, marker) {
    sendJson("DELETE", locationUrl(item)).then(function (state) {
      map.closePopup();
      if (state.location) {
        item.location_source = state.source;
        marker.setLatLng([state.location.lat, state.location.lon]);
        cluster.removeLayer(marker);
        cluster.addLayer(marker);
        setStatus(mapStatus, t("%(label)s is placed by its address again.", {label: item.label}));
      } else {
        cluster.removeLayer(marker);
        setStatus(mapStatus, t("%(label)s's address cannot be placed; it is listed under records that could not be placed.",
                                {label: item.label}));
      }
    }).catch(function (err) { setStatus(mapStatus, err.message, true); });
  }

  function makeMarker(item) {
    var marker = L.marker([item.lat, item.lon], {icon: icon(item), title: item.label, alt: item.label,
                                                 draggable: canEdit, keyboard: true});
    marker.bindPopup(function () { return popupContent(item, marker); });
    var before = null;
    marker.on("dragstart", function () { before = marker.getLatLng(); });
    marker.on("dragend", function () { savePosition(item, marker, before); });
    return marker;
  }

  var loadTimer = null;
  var loadSeq = 0;
  function loadMarkers() {
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
    var seq = ++loadSeq;
    getJson(root.getAttribute("data-markers-url") + "?bbox=" + encodeURIComponent(bbox)).then(function (body) {
      if (seq !== loadSeq) { return; }
      cluster.clearLayers();
      markersById = {};
      var layers = body.items.map(function (item) {
        var marker = makeMarker(item);
        markersById[item.id] = marker;
        return marker;
      });
      cluster.addLayers(layers);
      root.setAttribute("data-marker-count", String(layers.length));
      setStatus(mapStatus, body.truncated
        ? t("Showing %(count)s records in view (the first %(limit)s); zoom in to see all.",
            {count: layers.length, limit: body.limit})
        : tn("%(num)d records in view.", "%(num)d records in view.", layers.length));
    }).catch(function (err) { setStatus(mapStatus, err.message, true); });
  }
  map.on("moveend", function () {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(loadMarkers, 200);
  });

  // -- the nearby panel ------------------------------------------------------------------------
  var form = document.getElementById("nearby-form");
  var status = document.getElementById("nearby-status");
  var results = document.getElementById("nearby-results");
  var moreButton = document.getElementById("nearby-more");
  var nearInput = document.getElementById("nearby-near");
  var dealId = document.getElementById("nearby-deal-id");
  var nextCursor = null;
  var lastQuery = null;

  function mode() { return form.querySelector("input[name=from]:checked").value; }
  function showFields() {
    var current = mode();
    form.querySelectorAll("[data-from]").forEach(function (node) { node.hidden = node.getAttribute("data-from") !== current; });
    var connected = form.elements.connected.value;
    form.querySelectorAll("[data-connected]").forEach(function (node) { node.hidden = node.getAttribute("data-connected") !== connected; });
  }
  form.addEventListener("change", showFields);

  function picker(input, list, hidden, kinds) {
    var byName = {};
    var timer = null;
    input.addEventListener("input", function () {
      hidden.value = byName[input.value.trim().toLowerCase()] || "";
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2) { return; }
        getJson(root.getAttribute("data-search-url") + "?limit=10&q=" + encodeURIComponent(q)).then(function (body) {
          list.textContent = "";
          byName = {};
          (body.items || []).forEach(function (hit) {
            if (kinds.indexOf(hit.kind) < 0) { return; }
            var option = el("option");
            option.value = hit.label || hit.name || hit.id;
            list.appendChild(option);
            byName[option.value.toLowerCase()] = hit.id;
          });
          hidden.value = byName[input.value.trim().toLowerCase()] || hidden.value;
        }).catch(function () { /* suggestions are a convenience */ });
      }, 200);
    });
  }
  picker(document.getElementById("nearby-record"), document.getElementById("nearby-record-list"), nearInput,
         ["person", "account"]);
  picker(document.getElementById("nearby-deal"), document.getElementById("nearby-deal-list"), dealId, ["opportunity"]);

  function baseParams() {
    var params = new URLSearchParams();
    params.set("radius_km", form.elements.radius_km.value);
    ["kind", "owner", "account_type"].forEach(function (name) {
      if (form.elements[name].value) { params.set(name, form.elements[name].value); }
    });
    if (form.elements.active.checked) { params.set("active", "true"); }
    var connected = form.elements.connected.value;
    if (connected === "me") { params.set("connected_to", "me"); }
    if (connected === "opportunity") { params.set("connected_to", dealId.value || document.getElementById("nearby-deal").value.trim()); }
    if (connected) { params.set("hops", form.elements.hops.value); }
    return params;
  }

  function withCenter(params) {
    var current = mode();
    if (current === "address") {
      params.set("address", form.elements.address.value.trim());
      return Promise.resolve(params);
    }
    if (current === "record") {
      params.set("near", nearInput.value || document.getElementById("nearby-record").value.trim());
      return Promise.resolve(params);
    }
    if (current === "map") {
      var c = map.getCenter();
      params.set("lat", c.lat.toFixed(6));
      params.set("lon", L.Util.wrapNum(c.lng, [-180, 180], true).toFixed(6));
      return Promise.resolve(params);
    }
    return new Promise(function (resolve, reject) {
      if (!navigator.geolocation) { reject(new Error(t("This browser cannot tell its location."))); return; }
      setStatus(status, t("Asking the browser for your location…"));
      navigator.geolocation.getCurrentPosition(function (pos) {
        params.set("lat", pos.coords.latitude.toFixed(6));
        params.set("lon", pos.coords.longitude.toFixed(6));
        resolve(params);
      }, function (err) {
        reject(new Error(t("Your location is not available (%(reason)s).",
                           {reason: err.message || t("permission denied")})));
      }, {enableHighAccuracy: false, timeout: 10000, maximumAge: 300000});
    });
  }

  function showResults(body, append) {
    if (!append) {
      results.textContent = "";
      searchLayer.clearLayers();
      var center = [body.center.lat, body.center.lon];
      var circle = L.circle(center, {radius: body.radius_km * 1000, className: "geo-radius", interactive: false});
      searchLayer.addLayer(circle);
      searchLayer.addLayer(L.circleMarker(center, {radius: 5, className: "geo-center", interactive: false}));
      map.fitBounds(circle.getBounds(), {maxZoom: 15});
    }
    // Distances with the reader's decimal mark: 2,35 km in German and French, 2.35 km in English.
    function distance(km) {
      var digits = km < 10 ? 2 : 1;
      return new Intl.NumberFormat(Crm.locale, {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(km);
    }
    body.items.forEach(function (item) {
      var li = el("li", null, "geo-result geo-result-" + safeClass(item.kind, KINDS, "person"));  // i18n: not shown (CSS classes)
      var head = el("div", null, "geo-result-head");
      head.appendChild(link(item.kind, item.id, item.label));
      head.appendChild(el("span", distance(item.distance_km) + " km", "geo-distance"));
      li.appendChild(head);
      var meta = [kindName(item.kind)];
      if (item.title) { meta.push(item.title); }
      if (item.account && item.account.name) { meta.push(item.account.name); }
      if (item.type) { meta.push(typeName(item.type)); }
      if (item.city) { meta.push(item.city); }
      li.appendChild(el("div", meta.join(" · "), "muted small"));  // i18n: not shown (CSS classes)
      var show = el("button", t("Show on map"), "link geo-show");  // i18n: not shown (CSS classes)
      show.type = "button";
      show.addEventListener("click", function () {
        map.setView([item.lat, item.lon], Math.max(map.getZoom(), 15));
        var marker = markersById[item.id];
        if (marker) { cluster.zoomToShowLayer(marker, function () { marker.openPopup(); }); }
      });
      li.appendChild(show);
      results.appendChild(li);
    });
    nextCursor = body.next;
    moreButton.hidden = !body.next;
    var count = results.children.length;
    var text = count === 0 ? t("Nobody within %(radius)s km.", {radius: body.radius_km}) :
      t("%(count)s within %(radius)s km, nearest first.", {count: count + (body.next ? "+" : ""), radius: body.radius_km});
    if (body.connected) {
      var hops = body.connected.hops, anchors = {anchors: body.connected.anchors};
      var basis = body.connected.basis;
      if (basis === "my_contacts") {
        text += " " + tn("Connected within %(num)d hops of %(anchors)s of your contacts.", "Connected within %(num)d hops of %(anchors)s of your contacts.", hops, anchors);
      } else if (basis === "decision_makers") {
        text += " " + tn("Connected within %(num)d hops of %(anchors)s decision makers.", "Connected within %(num)d hops of %(anchors)s decision makers.", hops, anchors);
      } else {
        text += " " + tn("Connected within %(num)d hops of %(anchors)s people on the deal.", "Connected within %(num)d hops of %(anchors)s people on the deal.", hops, anchors);
      }
    }
    setStatus(status, text);
  }

  function runSearch(params, append) {
    lastQuery = params;
    setStatus(status, t("Searching…"));
    getJson(root.getAttribute("data-nearby-url") + "?" + params.toString()).then(function (body) {
      showResults(body, append);
    }).catch(function (err) { setStatus(status, err.message, true); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    withCenter(baseParams()).then(function (params) { runSearch(params, false); })
      .catch(function (err) { setStatus(status, err.message, true); });
  });
  moreButton.addEventListener("click", function () {
    if (!lastQuery || !nextCursor) { return; }
    var params = new URLSearchParams(lastQuery.toString());
    params.set("cursor", nextCursor);
    runSearch(params, true);
  });

  function searchAround(item) {
    map.closePopup();
    form.querySelector("input[name=from][value=record]").checked = true;
    document.getElementById("nearby-record").value = item.label;
    nearInput.value = item.id;
    showFields();
    var params = baseParams();
    params.set("near", item.id);
    runSearch(params, false);
  }

  showFields();
  if (nearInput.value) {
    form.querySelector("input[name=from][value=record]").checked = true;
    showFields();
    var initial = baseParams();
    initial.set("near", nearInput.value);
    runSearch(initial, false);
  }
  loadMarkers();
}());
