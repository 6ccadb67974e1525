// Front-office intake (seed 004 figs. 6-8): suggestions after 3 characters, the map drawing a point,
// a line or a polygon into the GeoJSON field, and described attachments chosen or dropped.
(function () {
  "use strict";
  var script = document.currentScript;
  var MIN = 3;

  function suggestions(input) {
    var kind = input.dataset.suggest;
    var list = document.getElementById(input.id + "-list");
    var hidden = { organisations: "id_applicant", address: "id_address" }[kind];
    var timer = null;
    function close() { list.classList.add("d-none"); list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); }
    function label(item) {
      if (kind === "organisations" && item.kind === "person") { return item.name + (item.snils ? " — СНИЛС " + item.snils : ""); }
      if (kind === "organisations") { return item.name + " — ИНН " + item.inn + (item.address ? ", " + item.address : ""); }
      if (kind === "address") { return item.text; }
      return item.name + " — паспорт " + item.passport;
    }
    function pick(item) {
      if (kind === "organisations") { input.value = item.kind === "person" ? item.name : item.name + " (ИНН " + item.inn + ")"; }
      else if (kind === "address") {
        input.value = item.text;
        // The map opens on the chosen address when the register knows where it is (seed 004 fig. 7).
        if (window.intakeMap && item.lat !== null && item.lon !== null) { window.intakeMap.setView([item.lat, item.lon], 17); }
      }
      else { document.getElementById("id_representative_name").value = item.name; }
      if (hidden) { document.getElementById(hidden).value = item.id; }
      close();
    }
    input.addEventListener("input", function () {
      if (hidden) { document.getElementById(hidden).value = ""; }
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN) { close(); return; }
      timer = setTimeout(function () {
        fetch(script.dataset[kind] + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            list.innerHTML = "";
            if (document.activeElement !== input) { close(); return; }
            data.results.forEach(function (item) {
              var li = document.createElement("li");
              li.className = "list-group-item list-group-item-action";
              li.setAttribute("role", "option");
              li.tabIndex = 0;
              li.textContent = label(item);
              li.addEventListener("click", function () { pick(item); });
              li.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); pick(item); } });
              list.appendChild(li);
            });
            list.classList.toggle("d-none", !data.results.length);
            input.setAttribute("aria-expanded", data.results.length ? "true" : "false");
          });
      }, 200);
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
    // Let a click on a suggestion land before the list closes.
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }
  document.querySelectorAll("[data-suggest]").forEach(suggestions);

  // --- the map ---
  var field = document.getElementById("id_geometry");
  var mapNode = document.getElementById("map");
  if (mapNode && window.L) {
    var center = (mapNode.dataset.center || "50.5955,36.5873").split(",").map(Number);
    var map = window.intakeMap = L.map(mapNode).setView(center, 15);
    if (mapNode.dataset.tiles) { L.tileLayer(mapNode.dataset.tiles, { maxZoom: 19, attribution: mapNode.dataset.attribution || "" }).addTo(map); }
    var mode = "Polygon", points = [], layer = null;
    function geojson() {
      var coords = points.map(function (p) { return [Number(p.lng.toFixed(7)), Number(p.lat.toFixed(7))]; });
      if (mode === "Point") { return { type: "Point", coordinates: coords[0] }; }
      if (mode === "LineString") { return { type: "LineString", coordinates: coords }; }
      return { type: "Polygon", coordinates: [coords.concat([coords[0]])] };
    }
    function redraw() {
      if (layer) { map.removeLayer(layer); layer = null; }
      if (!points.length) { field.value = ""; return; }
      if (mode === "Point") { layer = L.circleMarker(points[0], { radius: 8 }); }
      else if (mode === "LineString" || points.length < 3) { layer = L.polyline(points); }
      else { layer = L.polygon(points); }
      layer.addTo(map);
      var enough = mode === "Point" || (mode === "LineString" ? points.length >= 2 : points.length >= 3);
      field.value = enough ? JSON.stringify(geojson()) : "";
    }
    map.on("click", function (e) {
      if (mode === "Point") { points = [e.latlng]; } else { points.push(e.latlng); }
      redraw();
    });
    document.querySelectorAll("#draw-modes [data-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        document.querySelectorAll("#draw-modes [data-mode]").forEach(function (b) { b.classList.remove("active"); });
        button.classList.add("active");
        mode = button.dataset.mode;
        points = mode === "Point" ? points.slice(0, 1) : points;
        redraw();
      });
    });
    document.getElementById("draw-clear").addEventListener("click", function () { points = []; redraw(); });
    // A form the server refused comes back with the drawn shape in the field: show it again.
    try {
      var kept = JSON.parse(field.value);
      var rings = { Point: [kept.coordinates], LineString: kept.coordinates, Polygon: (kept.coordinates || [[]])[0] };
      var coords = rings[kept.type] || [];
      if (kept.type === "Polygon") { coords = coords.slice(0, -1); }
      if (coords.length) {
        mode = kept.type;
        points = coords.map(function (c) { return L.latLng(c[1], c[0]); });
        document.querySelectorAll("#draw-modes [data-mode]").forEach(function (b) { b.classList.toggle("active", b.dataset.mode === mode); });
        redraw();
        map.fitBounds(L.latLngBounds(points), { maxZoom: 17 });
      }
    } catch (ignored) { /* typed coordinates, not GeoJSON: the field keeps them as they are */ }
  }

  // --- attachments with descriptions and the service's document kinds ---
  var input = document.getElementById("files");
  var zone = document.getElementById("drop-zone");
  var listNode = document.getElementById("file-list");
  var kindsNode = document.getElementById("service-documents-data");
  var kinds = kindsNode ? JSON.parse(kindsNode.textContent) : [];
  var chosen = [];
  // Files kept by the server from a refused form: removing one drops its row (and its token).
  listNode.querySelectorAll(".attachment-remove").forEach(function (button) {
    button.addEventListener("click", function () { button.closest("li").remove(); });
  });
  function sync() {
    var transfer = new DataTransfer();
    chosen.forEach(function (item) { transfer.items.add(item.file); });
    input.files = transfer.files;
  }
  function kindSelect(item) {
    var select = document.createElement("select");
    if (!kinds.length) {
      select = document.createElement("input");
      select.type = "hidden";
      select.name = "kinds";
      select.value = "";
      return select;
    }
    select.name = "kinds";
    select.className = "form-select attachment-kind";
    select.setAttribute("aria-label", script.dataset.kind + ": " + item.file.name);
    [{ id: "", name: script.dataset.other }].concat(kinds).forEach(function (kind) {
      var option = document.createElement("option");
      option.value = kind.id;
      option.textContent = kind.name;
      option.selected = String(kind.id) === String(item.kind);
      select.appendChild(option);
    });
    select.addEventListener("change", function () { item.kind = select.value; });
    return select;
  }
  function render() {
    listNode.querySelectorAll("li.fresh").forEach(function (node) { node.remove(); });
    chosen.forEach(function (item, index) {
      var li = document.createElement("li");
      li.className = "d-flex flex-wrap gap-2 align-items-center mb-2 attachment fresh";
      var name = document.createElement("span");
      name.className = "attachment-name text-break";
      name.textContent = item.file.name;
      var description = document.createElement("input");
      description.type = "text";
      description.name = "descriptions";
      description.className = "form-control attachment-description";
      description.value = item.description;
      description.setAttribute("aria-label", script.dataset.description + ": " + item.file.name);
      description.placeholder = script.dataset.description;
      description.addEventListener("input", function () { item.description = description.value; });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-outline-danger btn-sm";
      remove.textContent = script.dataset.remove;
      remove.setAttribute("aria-label", script.dataset.remove + ": " + item.file.name);
      remove.addEventListener("click", function () { chosen.splice(index, 1); sync(); render(); });
      li.append(name, description, kindSelect(item), remove);
      listNode.appendChild(li);
    });
  }
  function add(files) {
    Array.prototype.forEach.call(files, function (file) { chosen.push({ file: file, description: "", kind: "" }); });
    sync();
    render();
  }
  if (input) {
    input.addEventListener("change", function () {
      var fresh = Array.prototype.slice.call(input.files);
      var known = chosen.map(function (item) { return item.file; });
      fresh = fresh.filter(function (file) { return known.indexOf(file) === -1; });
      add(fresh);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("dragover"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (e) { add(e.dataTransfer.files); });
  }
})();
