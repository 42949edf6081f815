// Keyboard shortcuts for the moderation queue and case pages (issue 17). Listed on the
// page (templates/moderation/_shortcuts.html); never while typing in a field or with a
// modifier key held. Everything they do is also a link or a button.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function links() {
    return Array.prototype.slice.call(document.querySelectorAll("a[data-case-link]"));
  }

  function move(step) {
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step));
    all[next].focus();
    all[next].closest("tr").scrollIntoView({ block: "nearest" });
  }

  function go(id) {
    var link = document.getElementById(id);
    if (link) link.click();
  }

  function decide() {
    var form = document.getElementById("decision-form");
    if (!form) return;
    var first = form.querySelector("select[name=action]");
    if (first) first.focus();
  }

  function claim() {
    var form = document.getElementById("claim-form");
    if (form) form.requestSubmit();
  }

  function help() {
    var box = document.getElementById("shortcuts");
    if (!box) return;
    box.open = !box.open;
    if (box.open) box.querySelector("summary").focus();
  }

  var keys = {
    j: function () { move(1); },
    k: function () { move(-1); },
    o: function () {
      var all = links();
      if (all.indexOf(document.activeElement) >= 0) document.activeElement.click();
      else if (all.length) all[0].click();
    },
    n: function () { go("next-case"); },
    a: claim,
    d: decide,
    "?": help,
    "/": function () {
      var filter = document.getElementById("queue-filter");
      var search = document.getElementById("filter-q");
      if (filter) filter.open = true;
      if (search) search.focus();
    },
  };

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = target && target.closest && target.closest("#decision-form");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(target)) return;
    var handler = keys[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  });

  // A rule's statement template follows the chosen rule while the moderator has not
  // changed the text (what they typed is never replaced).
  var data = document.getElementById("statement-templates");
  var form = document.getElementById("decision-form");
  if (data && form) {
    var templates = JSON.parse(data.textContent);
    var rule = form.querySelector("select[name=rule]");
    var text = form.querySelector("textarea[name=rule_explanation]");
    if (rule && text) {
      rule.addEventListener("change", function () {
        var untouched = text.value.trim() === "" || Object.keys(templates).some(function (code) {
          return templates[code].trim() === text.value.trim();
        });
        if (untouched) text.value = templates[rule.value] || "";
      });
    }
  }
})();
