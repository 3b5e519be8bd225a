/* The one front-end module every page loads first: DOM helpers, the CSRF token, JSON calls to our API,
   record URLs and the palette. Record text only ever reaches the page through textContent. */
(function (global) {
  "use strict";

  /* Messages in the page's language, from the catalogue script the page loads before this one
     (/i18n/<locale>.js). A message the catalogue lacks shows in English, never as a key. */
  var catalogue = global.GRAPHCRM_I18N || {plural: "n!=1", messages: {}};

  function fill(text, vars) {
    return String(text).replace(/%\((\w+)\)[sd]/g, function (whole, name) {
      return vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole;
    });
  }

  /* t("Save"), t("%(n)s people", {n: 3}): the translated text with its placeholders filled. */
  function t(message, vars) {
    var found = catalogue.messages[message];
    return fill(typeof found === "string" ? found : message, vars);
  }

  /* tn("%(num)d person", "%(num)d people", n, vars): the plural form for n; %(num)d is n. */
  function tn(singular, plural, num, vars) {
    var many = catalogue.plural === "n>1" ? num > 1 : num !== 1;
    var found = catalogue.messages[singular];
    var forms = Array.isArray(found) ? found : [singular, plural];
    var all = {num: num};
    Object.keys(vars || {}).forEach(function (key) { all[key] = vars[key]; });
    return fill(forms[many ? 1 : 0], all);
  }

  /* The page's locale ("de-CH"), for Intl number and date formats. */
  var locale = catalogue.locale || document.documentElement.lang || "de-CH";

  var PAGES = {person: "/people/", account: "/accounts/", opportunity: "/opportunities/", campaign: "/campaigns/"};

  /* A new element with text (never markup) and a class. */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* The API's error as one line: its message and each field's complaint. */
  function errorText(body, fallback) {
    if (!body || !body.message) { return fallback; }
    var parts = [body.message];
    Object.keys(body.fields || {}).forEach(function (name) { parts.push(name + ": " + body.fields[name]); });
    return parts.join(" · ");
  }

  /* Call our API with JSON; resolves with the answer, rejects with an Error carrying the API's message.
     options: method, body (sent as JSON with the CSRF token), raw (resolve with the Response). */
  function api(url, options) {
    options = options || {};
    var method = options.method || (options.body === undefined ? "GET" : "POST");
    var headers = {"Accept": "application/json"}; // i18n: not shown
    if (method !== "GET") { headers["X-CSRF-Token"] = csrfToken(); }
    if (options.body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(url, {method: method, headers: headers, credentials: "same-origin",
                       body: options.body === undefined ? undefined : JSON.stringify(options.body)})
      .then(function (resp) {
        if (options.raw && resp.ok) { return resp; }
        return resp.json().catch(function () { return null; }).then(function (data) {
          if (!resp.ok) {
            var error = new Error(errorText(data, t("The request failed (%(status)s).", {status: resp.status})));
            error.status = resp.status;
            throw error;
          }
          return data;
        });
      });
  }

  /* The page of a record, or null for kinds without one. */
  function recordUrl(kind, id) {
    var base = PAGES[kind];
    return base ? base + encodeURIComponent(id) : null;
  }

  function link(kind, id, text) {
    var a = el("a", text);
    a.href = recordUrl(kind, id);
    return a;
  }

  /* The model's palette, given to every page on <body data-palette>. */
  var palette = {kinds: {}, shapes: {}, types: {}, other: "#bab0ac", edge: "#999999"};
  try {
    palette = JSON.parse(document.body.getAttribute("data-palette") || "null") || palette;
  } catch (ignored) { /* a page without the palette draws in the fallback colours */ }

  function kindColor(kind) { return palette.kinds[kind] || palette.other; }
  function typeColor(type) { return palette.types[type] || palette.edge; }

  /* Colour legend swatches (data-type / data-kind) and set --kind-* variables for the style sheets. */
  function paint(root) {
    Object.keys(palette.kinds).forEach(function (kind) {
      document.documentElement.style.setProperty("--kind-" + kind, palette.kinds[kind]);
    });
    (root || document).querySelectorAll("[data-type]").forEach(function (node) {
      node.style.background = typeColor(node.getAttribute("data-type"));
    });
    (root || document).querySelectorAll(".shape[data-kind]").forEach(function (node) {
      node.style.background = kindColor(node.getAttribute("data-kind"));
    });
  }
  paint(document);

  global.Crm = {t: t, tn: tn, locale: locale, el: el, clear: clear, csrfToken: csrfToken, errorText: errorText, api: api, recordUrl: recordUrl,
                link: link, palette: palette, kindColor: kindColor, typeColor: typeColor, paint: paint};
}(window));
