// Seed 001 fig. 10: a row of "Мои заявки" expands to its history. The rows are fetched on the first
// opening only, so the list itself stays small; without JavaScript the link opens the application.
document.querySelectorAll("details.history-details").forEach(function (details) {
  details.addEventListener("toggle", function () {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "1";
    const slot = details.querySelector(".history-slot");
    fetch(details.dataset.historyUrl, {credentials: "same-origin"})
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) { slot.className = "history-slot"; slot.innerHTML = html; })
      .catch(function () { details.dataset.loaded = ""; });
  });
});
