// The registration form asks for "ФИО" or "Наименование" depending on the applicant type (seed 001).
(function () {
  const form = document.getElementById("signup-form");
  if (!form) return;
  const nameInput = form.querySelector("input[name=full_name]");
  const nameLabel = nameInput && form.querySelector("label[for=" + nameInput.id + "]");
  function update() {
    const chosen = form.querySelector("input[name=applicant_type]:checked");
    if (!chosen || !nameLabel) return;
    const text = nameInput.dataset["label" + chosen.value.charAt(0).toUpperCase() + chosen.value.slice(1)];
    const asterisk = nameLabel.querySelector(".asteriskField");
    nameLabel.textContent = text + (asterisk ? " " : "");
    if (asterisk) nameLabel.appendChild(asterisk);
  }
  form.querySelectorAll("input[name=applicant_type]").forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
