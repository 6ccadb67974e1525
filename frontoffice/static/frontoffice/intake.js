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
      if (kind === "organisations") { return item.name + " — ИНН " + item.inn + (item.address ? ", " + item.address : ""); }
      if (kind === "address") { return item.text; }
      return item.name + " — паспорт " + item.passport;
    }
    function pick(item) {
      if (kind === "organisations") { input.value = item.name + " (ИНН " + item.inn + ")"; }
      else if (kind === "address") { input.value = item.text; }
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
    var map = L.map(mapNode).setView(center, 15);
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
  }

  // --- attachments with descriptions ---
  var input = document.getElementById("files");
  var zone = document.getElementById("drop-zone");
  var listNode = document.getElementById("file-list");
  var chosen = [];
  function sync() {
    var transfer = new DataTransfer();
    chosen.forEach(function (item) { transfer.items.add(item.file); });
    input.files = transfer.files;
  }
  function render() {
    listNode.innerHTML = "";
    chosen.forEach(function (item, index) {
      var li = document.createElement("li");
      li.className = "d-flex flex-wrap gap-2 align-items-center mb-2 attachment";
      var name = document.createElement("span");
      name.className = "attachment-name text-break";
      name.textContent = item.file.name;
      var description = document.createElement("input");
      description.type = "text";
      description.name = "descriptions";
      description.required = true;
      description.className = "form-control";
      description.style.flex = "1 1 16rem";
      description.style.width = "auto";
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
      li.append(name, description, remove);
      listNode.appendChild(li);
    });
  }
  function add(files) {
    Array.prototype.forEach.call(files, function (file) { chosen.push({ file: file, description: "" }); });
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
