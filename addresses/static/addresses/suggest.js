// Address suggestions for any <input data-address-suggest="/addresses/suggest/">: after 3 characters the
// register's matches appear in a listbox (ARIA combobox pattern) chosen by mouse or by the arrow keys,
// Enter and Escape. The chosen address id goes to the input named by data-address-target (a hidden
// field of the form), so the server never has to parse free text. A file, not inline: CSP forbids those.
(function () {
  "use strict";
  var MIN_LENGTH = 3, DELAY_MS = 250, counter = 0;

  function setup(input) {
    var target = input.dataset.addressTarget ? document.getElementById(input.dataset.addressTarget) : null;
    var list = document.createElement("ul");
    var timer = null, active = -1, items = [], request = 0;
    list.id = "address-suggest-" + (++counter);
    list.className = "list-group address-suggest position-absolute w-100 shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    list.style.zIndex = "1050";  // above the form's next fields; CSSOM is allowed where style="" is not
    input.parentNode.classList.add("position-relative");
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      input.value = item.textContent;
      if (target) target.value = item.dataset.id;
      close();
      input.dispatchEvent(new CustomEvent("address:chosen", {bubbles: true, detail: {id: item.dataset.id}}));
    }

    function show(results) {
      list.replaceChildren();
      items = results.map(function (result, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.dataset.id = result.id;
        item.textContent = result.text;  // text, never HTML: addresses come from outside
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(item);
        return item;
      });
      if (!items.length) { close(); return; }
      list.hidden = false; input.setAttribute("aria-expanded", "true"); highlight(-1);
    }

    function fetchSuggestions() {
      var query = input.value.trim(), mine = ++request;
      if (query.length < MIN_LENGTH) { show([]); return; }
      var url = input.dataset.addressSuggest + "?q=" + encodeURIComponent(query);
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (data) { if (mine === request) show(data.results); })  // drop late answers
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      if (target) target.value = "";  // edited text no longer names the chosen address
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") {
        event.preventDefault(); highlight((active - 1 + items.length) % items.length);
      }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-address-suggest]").forEach(setup);
})();
