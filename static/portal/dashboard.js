// Bar widths come from data attributes: the CSP forbids inline style attributes.
document.querySelectorAll("[data-width]").forEach(function (element) {
  element.style.width = element.dataset.width + "%";
});
