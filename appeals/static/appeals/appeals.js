// Two small helpers; the CSP forbids inline scripts, so the data comes in data attributes.
(function () {
  // The staff answer page: choosing a reply template puts its text into the answer box, where it can
  // be edited before sending. Text already typed is only replaced after a confirmation.
  document.querySelectorAll("select[data-fills]").forEach(function (select) {
    const box = document.getElementById(select.dataset.fills);
    if (!box) return;
    let filled = box.value;
    select.addEventListener("change", function () {
      const option = select.options[select.selectedIndex];
      const text = option && option.dataset.text;
      if (!text) return;
      if (box.value.trim() && box.value !== filled && !window.confirm(select.dataset.confirm || "")) return;
      box.value = text;
      filled = text;
      box.focus();
    });
  });

  // The appeal form: offer only the topics of the chosen city (topics without a city fit every city).
  const branch = document.getElementById("id_branch");
  const topic = document.getElementById("id_topic");
  if (!branch || !topic) return;
  function filterTopics() {
    Array.prototype.forEach.call(topic.options, function (option) {
      const own = option.dataset.branch;
      const fits = !own || !branch.value || own === branch.value;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) topic.value = "";
    });
  }
  branch.addEventListener("change", filterTopics);
  filterTopics();
})();
