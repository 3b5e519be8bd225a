// Quick log (touchpoints_log.html): local time prefilled, "Log this <kind>" follows the chosen kind,
// and the browser's UTC offset for the chosen time is sent along so the server stores the right instant.
(function () {
  "use strict";
  var t = Crm.t;
  var form = document.getElementById("log-form");
  if (!form) { return; }
  var at = form.querySelector("[name=at]");
  var tz = form.querySelector("[data-touchpoints-tz]");
  var subject = form.querySelector("[name=subject]");
  var title = document.getElementById("log-title");
  var submit = document.getElementById("log-submit");

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localNow() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function offsetOf(value) {
    var d = value ? new Date(value) : new Date();
    if (isNaN(d.getTime())) { return ""; }
    var minutes = -d.getTimezoneOffset();
    var sign = minutes < 0 ? "-" : "+";
    minutes = Math.abs(minutes);
    return sign + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }
  function capital(word) { return word.charAt(0).toUpperCase() + word.slice(1); }
  function own(names, key) { return Object.prototype.hasOwnProperty.call(names, key) ? names[key] : undefined; }
  // The shown name of an activity kind ("e-mail" for email); unknown kinds as they come.
  function kindName(kind) {
    return own({meeting: t("meeting"), call: t("call"), email: t("e-mail"), event: t("event"), note: t("note")}, kind) || kind;
  }
  // The prefilled subject of a kind, e.g. "Call with Anna Keller" (the server prefills the call's).
  function subjectOf(kind, name) {
    var values = {name: name};
    return own({meeting: t("Meeting with %(name)s", values), call: t("Call with %(name)s", values),
                email: t("E-mail with %(name)s", values), event: t("Event with %(name)s", values),
                note: t("Note with %(name)s", values)}, kind) ||
      t("%(kind)s with %(name)s", {kind: capital(kindName(kind)), name: name});
  }
  // The name in a subject that is still the prefilled one of a kind, else null.
  function nameIn(subjectText, kind) {
    var mark = "\u0001";
    var parts = subjectOf(kind, mark).split(mark);
    var head = parts[0], tail = parts.slice(1).join(mark);
    if (parts.length < 2 || subjectText.length < head.length + tail.length || subjectText.indexOf(head) !== 0 ||
        subjectText.slice(subjectText.length - tail.length) !== tail) { return null; }
    return subjectText.slice(head.length, subjectText.length - tail.length);
  }

  if (at && at.hasAttribute("data-touchpoints-now")) { at.value = localNow(); }
  document.querySelectorAll("[data-touchpoints-call]").forEach(function (link) {
    // The call starts when the number is dialled: that is the time to log.
    link.addEventListener("click", function () { if (at) { at.value = localNow(); } });
  });
  var lastKind = (form.querySelector("[name=kind]:checked") || {}).value || "call";
  form.querySelectorAll("[name=kind]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      var kind = radio.value;
      var label = t("Log this %(kind)s", {kind: kindName(kind)});
      if (title) { title.textContent = label; }
      if (submit) { submit.textContent = label; }
      var name = subject ? nameIn(subject.value, lastKind) : null;
      if (name !== null) { subject.value = subjectOf(kind, name); }
      lastKind = kind;
    });
  });
  form.addEventListener("submit", function () {
    if (tz && at) { tz.value = offsetOf(at.value); }
  });
}());
