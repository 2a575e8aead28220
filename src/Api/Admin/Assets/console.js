// The operator console's only script: live lists, select-all, confirmations. No framework, nothing fetched elsewhere.
(function () {
  "use strict";
  var every = 3000; // keep in step with Live.EveryMilliseconds

  function refresh(region) {
    var active = document.activeElement;
    // Never swap what someone is typing into.
    if (active && region.contains(active) && active.type !== "checkbox") { return; }
    fetch(region.getAttribute("data-live"), { credentials: "same-origin", headers: { "X-Requested-With": "console" } })
      .then(function (response) {
        // Signed out meanwhile (or the key was revoked): show the sign-in page.
        if (response.redirected || response.status === 401) { window.location.reload(); return null; }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) { return; }
        var ticked = {};
        region.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { ticked[box.value] = true; });
        region.innerHTML = html;
        region.querySelectorAll("input[type=checkbox]").forEach(function (box) { if (ticked[box.value]) { box.checked = true; } });
        region.setAttribute("data-refreshed", String(Number(region.getAttribute("data-refreshed") || 0) + 1));
      })
      .catch(function () { /* the next round tries again */ });
  }

  setInterval(function () { document.querySelectorAll("[data-live]").forEach(refresh); }, every);

  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-select-all]");
    if (!all) { return; }
    document.querySelectorAll("input[name=keys]").forEach(function (box) { box.checked = all.checked; });
  });

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
