// Filter panels are <details>: on a phone they start closed so the first result is on the
// first screen; on a wider screen, where they sit beside the results, they open. Without
// script they stay closed and open with a tap, a click or Enter on their summary.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48.0625rem)");
  function follow() {
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) {
      panel.open = wide.matches;
    });
  }
  follow();
  wide.addEventListener("change", follow);
})();
