// The notice form's address list: each address chosen in the suggestions (suggest.js fires
// "address:chosen") becomes a row with a hidden <input name="addresses"> and a remove button, so a
// notice can name several buildings. The server renders the same rows again when the form has errors.
(function () {
  "use strict";
  var list = document.getElementById("chosen-addresses");
  var search = document.getElementById("address-search");
  if (!list || !search) return;

  function alreadyChosen(id) {
    return Array.prototype.some.call(list.querySelectorAll("input[name=addresses]"),
      function (input) { return input.value === String(id); });
  }

  function addRow(id, text) {
    var row = document.createElement("li"), label = document.createElement("span");
    var hidden = document.createElement("input"), remove = document.createElement("button");
    row.className = "list-group-item d-flex justify-content-between align-items-center chosen-address";
    label.textContent = text;  // text, never HTML
    hidden.type = "hidden"; hidden.name = "addresses"; hidden.value = id;
    remove.type = "button"; remove.className = "btn btn-sm btn-outline-danger remove-address";
    remove.textContent = list.dataset.removeLabel;
    row.append(label, hidden, remove);
    list.appendChild(row);
  }

  search.addEventListener("address:chosen", function (event) {
    if (!alreadyChosen(event.detail.id)) addRow(event.detail.id, search.value);
    search.value = "";
    search.focus();
  });
  list.addEventListener("click", function (event) {
    var button = event.target.closest(".remove-address");
    if (button) button.closest("li").remove();
  });
  // Enter in the search box chooses a suggestion; it must never submit a half-filled form.
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault();
  });
})();
