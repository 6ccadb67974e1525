// Seed 003: a chosen file is sent to the server at once, with a progress bar; without JavaScript the
// same form posts normally. The page is not reloaded, so unsaved fields of the application stay.
(function () {
  const form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const input = form.querySelector("input[type=file]");
  const progress = document.getElementById("upload-progress");
  const bar = progress.querySelector(".progress-bar");
  const status = document.getElementById("upload-status");
  const button = document.getElementById("upload-button");
  button.classList.add("d-none");

  function show(message, ok) {
    status.textContent = message;
    status.className = "small mb-2 " + (ok ? "text-success" : "text-danger");
  }

  function addToSlot(slot, name, url) {
    const item = document.querySelector('.document-slots [data-slot="' + slot + '"]');
    if (!item) return;
    const badge = item.querySelector(".badge");
    if (badge) badge.remove();
    const row = document.createElement("div");
    row.className = "small";
    const link = document.createElement("a");
    link.href = url;
    link.textContent = name;
    row.appendChild(link);
    item.appendChild(row);
  }

  input.addEventListener("change", function () {
    if (!input.files.length) return;
    const slot = form.querySelector("[name=slot]").value;
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      bar.style.width = percent + "%";
      progress.setAttribute("aria-valuenow", String(percent));
    });
    request.addEventListener("load", function () {
      progress.classList.add("d-none");
      let answer = {};
      try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
      if (request.status === 200 && answer.ok) {
        show(answer.message, true);
        addToSlot(slot, answer.name, answer.url);
      } else {
        show(answer.error || form.dataset.failed, false);
      }
      input.value = "";
    });
    request.addEventListener("error", function () {
      progress.classList.add("d-none");
      show(form.dataset.failed, false);
    });
    bar.style.width = "0%";
    progress.classList.remove("d-none");
    show(form.dataset.uploading, true);
    request.send(new FormData(form));
  });
})();
