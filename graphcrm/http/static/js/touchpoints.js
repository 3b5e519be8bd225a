// Quick log (touchpoints_log.html): local time prefilled, "Log this <kind>" follows the chosen kind,
// and the browser's UTC offset for the chosen time is sent along so the server stores the right instant.
(function () {
  "use strict";
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

  if (at && at.hasAttribute("data-touchpoints-now")) { at.value = localNow(); }
  document.querySelectorAll("[data-touchpoints-call]").forEach(function (link) {
    // The call starts when the number is dialled: that is the time to log.
    link.addEventListener("click", function () { if (at) { at.value = localNow(); } });
  });
  var lastKind = (form.querySelector("[name=kind]:checked") || {}).value || "call";
  form.querySelectorAll("[name=kind]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      var kind = radio.value;
      var label = kind === "email" ? "e-mail" : kind;
      if (title) { title.textContent = "Log this " + label; }
      if (submit) { submit.textContent = "Log this " + label; }
      var old = capital(lastKind === "email" ? "e-mail" : lastKind) + " with ";
      if (subject && subject.value.indexOf(old) === 0) {
        subject.value = capital(label) + " with " + subject.value.slice(old.length);
      }
      lastKind = kind;
    });
  });
  form.addEventListener("submit", function () {
    if (tz && at) { tz.value = offsetOf(at.value); }
  });
}());
