// «Другая картинка»: ask django-simple-captcha for a new challenge and swap the picture, the hidden key
// and the audio link in place, so nothing typed in the rest of the form is lost.
(function () {
  "use strict";
  if (window.portalCaptchaBound) { return; }
  window.portalCaptchaBound = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-captcha-refresh]");
    if (!button) { return; }
    var box = button.closest("[data-captcha-refresh-url]");
    var form = box.closest("form") || document;
    button.disabled = true;
    fetch(box.dataset.captchaRefreshUrl, {headers: {"X-Requested-With": "XMLHttpRequest"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        box.querySelector("img.captcha").src = data.image_url;
        var audio = box.querySelector("[data-captcha-audio]");
        if (audio && data.audio_url) { audio.href = data.audio_url; }
        var key = form.querySelector("input[name$='captcha_0']");
        var answer = form.querySelector("input[name$='captcha_1']");
        if (key) { key.value = data.key; }
        if (answer) { answer.value = ""; answer.focus(); }
      })
      .finally(function () { button.disabled = false; });
  });
})();
