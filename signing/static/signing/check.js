// «Проверка ЭП»: is the CryptoPro plug-in there, which version, which certificates can sign.
(function () {
  "use strict";
  var root = document.getElementById("plugin-check");
  if (!root || !window.PortalSigning) return;
  var messagesElement = document.getElementById("signing-messages");
  var text = messagesElement ? JSON.parse(messagesElement.textContent) : {};
  var status = document.getElementById("plugin-status");

  function show(element, message, tone) {
    element.textContent = message;
    element.className = "mb-2 fw-semibold text-" + tone;
  }

  function reveal(id) {
    document.getElementById(id).classList.remove("d-none");
  }

  function formatDate(date) {
    return isNaN(date) ? "—" : date.toLocaleDateString("ru-RU");
  }

  function cell(row, value) {
    var td = document.createElement("td");
    td.textContent = value;
    row.appendChild(td);
  }

  function listCertificates(certificates) {
    var note = document.getElementById("certificates-status");
    if (!certificates.length) {
      show(note, text.no_certificates, "danger");
      return;
    }
    note.classList.add("d-none");
    var body = document.querySelector("#certificates-table tbody");
    certificates.forEach(function (certificate) {
      var row = document.createElement("tr");
      var owner = certificate.owner + (certificate.organization && certificate.organization !== certificate.owner
        ? ", " + certificate.organization : "");
      cell(row, owner);
      cell(row, certificate.issuerName);
      cell(row, formatDate(certificate.validFrom));
      cell(row, formatDate(certificate.validTo));
      body.appendChild(row);
    });
    reveal("certificates-table-wrap");
  }

  async function run() {
    if (!(await PortalSigning.available())) {
      var noApi = !window.cadesplugin && root.dataset.vendorScript !== "1";
      show(status, noApi ? text.no_api : text.not_installed, "danger");
      reveal("plugin-install");
      show(document.getElementById("certificates-status"), text.not_installed, "secondary");
      return;
    }
    show(status, text.installed, "success");
    try {
      var about = await PortalSigning.aboutPlugin();
      document.getElementById("plugin-version").textContent = about.pluginVersion || about.version || text.unknown;
      document.getElementById("csp-version").textContent =
        about.cspVersion ? about.cspVersion + (about.cspName ? " (" + about.cspName + ")" : "") : text.unknown;
      reveal("plugin-versions");
    } catch (error) { /* the version is a nicety; the certificates matter more */ }
    try {
      listCertificates(await PortalSigning.listCertificates());
    } catch (error) {
      show(document.getElementById("certificates-status"),
        text.certificates_error.replace("{error}", PortalSigning.errorMessage(error)), "danger");
    }
  }

  run();
})();
