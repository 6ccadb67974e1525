// Drafts of long texts (issue 11 item 6): every text area of a POST form is copied to this browser's
// local storage as it is typed and put back when the form opens empty, so a refused submission (an
// out-of-date CSRF token after logging in again elsewhere, a lost connection) loses nothing. A draft is
// dropped once the form has been sent and the server moved on (a success message or another page). Drafts
// belong to the logged-in user: when another user logs in on the same browser every other user's draft is
// deleted (a shared computer must not hand them on); they also expire after a day.
(function () {
  "use strict";
  var USER = (document.currentScript && document.currentScript.dataset.user) || "";
  var ROOT = "portal-draft:";
  var PREFIX = ROOT + USER + ":";
  var PENDING = "portal-draft-pending";
  var MAX_AGE = 24 * 3600 * 1000;
  var store;
  try { store = window.localStorage; store.getItem(PENDING); } catch (error) { return; }

  function key(form, area) {
    return PREFIX + (form.getAttribute("action") || window.location.pathname) + "#" + (area.name || area.id);
  }
  function read(name) {
    try { return JSON.parse(store.getItem(name)); } catch (error) { return null; }
  }

  function settlePending() {
    var pending = read(PENDING);
    if (!pending) { return; }
    var refused = document.querySelector("[data-csrf-failure], .alert-danger, .is-invalid");
    var succeeded = document.querySelector(".alert-success");
    if (refused || (!succeeded && pending.page === window.location.pathname + window.location.search)) {
      if (Date.now() - pending.at > 60000) { store.removeItem(PENDING); }
      return;  // the form came back (errors) or was refused: keep its drafts
    }
    pending.keys.forEach(function (name) { store.removeItem(name); });
    store.removeItem(PENDING);
  }

  function dropExpiredAndForeign() {
    for (var i = store.length - 1; i >= 0; i--) {
      var name = store.key(i);
      if (!name || name.indexOf(ROOT) !== 0) { continue; }
      var draft = read(name);
      var foreign = USER && name.indexOf(PREFIX) !== 0;
      if (foreign || !draft || Date.now() - draft.at > MAX_AGE) { store.removeItem(name); }
    }
  }

  function bind(form) {
    var areas = Array.prototype.slice.call(form.querySelectorAll("textarea[name]"));
    if (!areas.length) { return; }
    areas.forEach(function (area) {
      var draft = read(key(form, area));
      if (draft && !area.value.trim()) {
        area.value = draft.text;
        area.dispatchEvent(new Event("input", {bubbles: true}));
      }
      area.addEventListener("input", function () {
        if (area.value.trim()) {
          store.setItem(key(form, area), JSON.stringify({text: area.value, at: Date.now()}));
        } else {
          store.removeItem(key(form, area));
        }
      });
    });
    form.addEventListener("submit", function () {
      store.setItem(PENDING, JSON.stringify({
        page: window.location.pathname + window.location.search, at: Date.now(),
        keys: areas.map(function (area) { return key(form, area); }),
      }));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    settlePending();
    dropExpiredAndForeign();
    if (!USER) { return; }  // drafts are kept for logged-in users only
    document.querySelectorAll("form[method=post], form[method=POST]").forEach(bind);
  });
})();
