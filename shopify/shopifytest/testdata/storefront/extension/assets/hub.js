// Fixture script for the fake storefront's tests.
document.querySelectorAll('[data-testid="hub-embed"]').forEach(function (el) {
  el.dataset.ready = "true";
});
