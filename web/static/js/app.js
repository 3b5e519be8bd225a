// graphcrm page helpers. No inline scripts: this file is loaded with `defer` where needed.
(function () {
  "use strict";

  // Account picker: suggest accounts by name as the user types; the chosen one's id travels in a
  // hidden field so two accounts with similar names are never confused.
  function setUpAccountPicker(input) {
    var hidden = input.form.querySelector("[data-account-id]");
    var list = document.getElementById(input.getAttribute("list"));
    var byName = {};
    var timer = null;
    var lastQuery = null;

    function fill(items) {
      byName = {};
      list.textContent = "";
      items.forEach(function (account) {
        var option = document.createElement("option");
        option.value = account.name;
        if (account.city) { option.label = account.name + " · " + account.city; }
        list.appendChild(option);
        byName[account.name.toLowerCase()] = account.id;
      });
    }

    function lookUp() {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) { return; }
      lastQuery = query;
      fetch("/api/v1/accounts?limit=10&q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (resp) { return resp.ok ? resp.json() : {items: []}; })
        .then(function (body) { fill(body.items || []); })
        .catch(function () { /* suggestions are a convenience; typing the exact name still works */ });
    }

    input.addEventListener("input", function () {
      var id = byName[input.value.trim().toLowerCase()];
      if (hidden) { hidden.value = id || ""; }
      clearTimeout(timer);
      timer = setTimeout(lookUp, 200);
    });
  }

  document.querySelectorAll("input[data-account-picker]").forEach(setUpAccountPicker);
}());
