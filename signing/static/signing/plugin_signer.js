// The signer partial (signing/partials/plugin_signer.html): pick a certificate, sign every listed
// document with the CryptoPro plug-in, post {document_id, signature} and show the portal's answer.
(function () {
  "use strict";
  var messagesElement = document.getElementById("signing-messages");
  var text = messagesElement ? JSON.parse(messagesElement.textContent) : {};

  function say(key, values) {
    var message = text[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      message = message.split("{" + name + "}").join(values[name]);
    });
    return message;
  }

  function formatDate(date) {
    return isNaN(date) ? "—" : date.toLocaleDateString("ru-RU");
  }

  function setStatus(element, message, tone) {
    element.textContent = message;
    element.className = element.className.replace(/\btext-\w+\b/g, "").trim() + " text-" + (tone || "secondary");
  }

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function describe(certificate) {
    return say("owner") + ": " + certificate.owner +
      (certificate.organization && certificate.organization !== certificate.owner
        ? ", " + certificate.organization : "") +
      " · " + say("issuer") + ": " + certificate.issuerName +
      " · " + say("validity", {start: formatDate(certificate.validFrom), end: formatDate(certificate.validTo)});
  }

  function fillCertificates(root, certificates) {
    var select = root.querySelector(".signer-certificate");
    var details = root.querySelector(".signer-certificate-details");
    certificates.forEach(function (certificate) {
      var option = document.createElement("option");
      option.value = certificate.thumbprint;
      option.textContent = certificate.owner + " (" + say("valid_until", {end: formatDate(certificate.validTo)}) + ")";
      select.appendChild(option);
    });
    function showDetails() {
      var chosen = certificates.filter(function (c) { return c.thumbprint === select.value; })[0];
      details.textContent = chosen ? describe(chosen) : "";
    }
    select.addEventListener("change", showDetails);
    if (certificates.length === 1) select.value = certificates[0].thumbprint;
    showDetails();
    select.disabled = false;
  }

  function showResult(item, message, tone, reportUrl) {
    var result = item.querySelector(".signer-result");
    result.textContent = message;
    result.className = "signer-result small text-" + tone;
    if (reportUrl) {
      var link = document.createElement("a");
      link.href = reportUrl;
      link.className = "ms-2";
      link.textContent = say("open_report");
      result.appendChild(link);
    }
  }

  async function post(root, documentId, signature) {
    var body = new FormData();
    body.append("document_id", documentId);
    body.append("signature", signature);
    var response = await fetch(root.dataset.signUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrfToken(root), "Accept": "application/json"}
    });
    var answer = {};
    try { answer = await response.json(); } catch (e) { answer = {}; }
    if (!response.ok && !answer.summary) throw new Error(say("server_error", {status: response.status}));
    return answer;
  }

  async function signOne(root, item, thumbprint) {
    var name = item.dataset.name;
    showResult(item, say("downloading", {name: name}), "secondary");
    var response = await fetch(item.dataset.contentUrl, {credentials: "same-origin"});
    if (!response.ok) throw new Error(say("server_error", {status: response.status}));
    var blob = await response.blob();
    showResult(item, say("signing", {name: name}), "secondary");
    var signature = await PortalSigning.signBlob(blob, thumbprint, function (fraction) {
      showResult(item, say("hashing", {name: name, percent: Math.round(fraction * 100)}), "secondary");
    });
    showResult(item, say("sending", {name: name}), "secondary");
    var answer = await post(root, item.dataset.documentId, signature);
    showResult(item, answer.summary || "", answer.ok && answer.valid ? "success" : "danger", answer.report_url);
    return answer;
  }

  async function signAll(root) {
    var select = root.querySelector(".signer-certificate");
    var button = root.querySelector(".signer-button");
    var status = root.querySelector(".signer-status");
    if (!select.value) { setStatus(status, say("no_certificate_chosen"), "danger"); return; }
    button.disabled = true;
    var allGood = true;
    var items = root.querySelectorAll(".signer-document");
    for (var index = 0; index < items.length; index++) {
      try {
        var answer = await signOne(root, items[index], select.value);
        allGood = allGood && Boolean(answer.ok && answer.valid);
      } catch (error) {
        allGood = false;
        var reason = PortalSigning.errorMessage(error);
        showResult(items[index], say("failed", {name: items[index].dataset.name, error: reason}), "danger");
      }
    }
    if (allGood) setStatus(status, say("all_done"), "success");
    button.disabled = false;
  }

  // What is missing, the plug-in's install pages, «Проверка ЭП» and the .sig upload (hidden until needed).
  function showHelp(root, connectorPresent) {
    var help = root.querySelector(".signer-help");
    if (!help) return;
    var plugin = help.querySelector(".signer-help-plugin");
    if (plugin) plugin.classList.toggle("d-none", !connectorPresent);
    help.classList.remove("d-none");
  }

  async function start(root) {
    var status = root.querySelector(".signer-status");
    if (!(await PortalSigning.available())) {
      setStatus(status, say(window.cadesplugin ? "not_installed" : "no_api"), "danger");
      showHelp(root, Boolean(window.cadesplugin));
      return;
    }
    var certificates;
    try {
      certificates = await PortalSigning.listCertificates();
    } catch (error) {
      setStatus(status, say("certificates_error", {error: PortalSigning.errorMessage(error)}), "danger");
      return;
    }
    if (!certificates.length) { setStatus(status, say("no_certificates"), "danger"); return; }
    setStatus(status, say("installed"), "success");
    fillCertificates(root, certificates);
    var button = root.querySelector(".signer-button");
    button.disabled = false;
    button.addEventListener("click", function () { signAll(root); });
  }

  document.querySelectorAll(".plugin-signer").forEach(function (root) {
    if (root.dataset.signerReady) return;
    root.dataset.signerReady = "1";
    start(root);
  });
})();
