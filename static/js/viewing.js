// Keyboard for the photo page and its large view: ← and → follow the page's rel=prev and
// rel=next links, Esc its way back (the list, or the photo page from the large view),
// Enter on the photo opens the large view (it is a link). Keys typed into a form field,
// or pressed with a modifier, are left alone. Without JavaScript the links still work.
(function () {
  "use strict";
  var KEYS = { ArrowLeft: "prev", ArrowRight: "next", Escape: "back" };

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable]")) ||
      target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    var role = KEYS[event.key];
    if (!role || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey ||
        event.shiftKey || typing(event.target)) return;
    if (role === "back" && document.querySelector("details.menu[open]")) return;
    var link = document.querySelector('.photo-nav a[data-key="' + role + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  });
})();
