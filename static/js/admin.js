// hubchat admin behaviours that htmx does not cover. Loaded deferred on every admin page.
(function () {
  "use strict";

  // Downloads go through fetch, which App Bridge signs with a session token: a plain
  // link would load the file as a page inside the admin's iframe, without one.
  document.addEventListener("click", async function (event) {
    var button = event.target.closest("[data-download]");
    if (!button) return;
    event.preventDefault();
    button.disabled = true;
    try {
      var response = await fetch(button.dataset.download, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error("status " + response.status);
      var url = URL.createObjectURL(await response.blob());
      var link = document.createElement("a");
      link.href = url;
      link.download = button.dataset.filename || "download";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    } catch (err) {
      if (window.shopify && shopify.toast) shopify.toast.show("The download failed. Please try again.", { isError: true });
    } finally {
      button.disabled = false;
    }
  });
})();
