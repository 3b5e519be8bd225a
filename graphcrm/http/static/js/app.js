// graphcrm page helpers. No inline scripts: this file is loaded with `defer` where needed.
(function () {
  "use strict";

  // Where each kind of picker looks things up, and how an answer becomes options.
  var SOURCES = {
    account: {
      url: function (q) { return "/api/v1/accounts?limit=10&q=" + encodeURIComponent(q); },
      options: function (body) {
        return (body.items || []).map(function (a) {
          return {value: a.name, label: a.city ? a.name + " · " + a.city : a.name, id: a.id};
        });
      }
    },
    person: {
      url: function (q) { return "/api/v1/search?limit=20&q=" + encodeURIComponent(q); },
      options: function (body) {
        return (body.items || []).filter(function (hit) { return hit.kind === "person"; }).map(function (p) {
          // The account in the text tells two people of the same name apart; the server ignores it.
          var text = p.account ? p.label + " · " + p.account : p.label;
          return {value: text, label: p.email || p.title || "", id: p.id};
        });
      }
    }
  };

  // A type-ahead: suggest records as the user types; the chosen one's id travels in a hidden field,
  // so two records with similar names are never confused. Typing the exact name works without it.
  function setUpPicker(input, kind, hidden) {
    var source = SOURCES[kind];
    var list = document.getElementById(input.getAttribute("list"));
    if (!source || !list) { return; }
    var byValue = {};
    var timer = null;
    var lastQuery = null;

    function fill(options) {
      byValue = {};
      Crm.clear(list);
      options.forEach(function (o) {
        var option = Crm.el("option");
        option.value = o.value;
        if (o.label && o.label !== o.value) { option.label = o.label; }
        list.appendChild(option);
        byValue[o.value.toLowerCase()] = o.id;
      });
    }

    function lookUp() {
      var query = input.value.split(" · ")[0].trim();
      if (query.length < 2 || query === lastQuery) { return; }
      lastQuery = query;
      Crm.api(source.url(query))
        .then(function (body) { fill(source.options(body)); })
        .catch(function () { /* suggestions are a convenience; typing the exact name still works */ });
    }

    input.addEventListener("input", function () {
      var id = byValue[input.value.trim().toLowerCase()];
      if (hidden) { hidden.value = id || ""; }
      clearTimeout(timer);
      timer = setTimeout(lookUp, 200);
    });
  }

  document.querySelectorAll("input[data-picker]").forEach(function (input) {
    setUpPicker(input, input.getAttribute("data-picker"),
                document.getElementById(input.getAttribute("data-picker-target")));
  });
  // The record forms' account field (form.html).
  document.querySelectorAll("input[data-account-picker]").forEach(function (input) {
    setUpPicker(input, "account", input.form.querySelector("[data-account-id]"));
  });

  // Forms that change or delete a lot ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
}());
