// The local Shopify's stand-in for App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js):
// the parts hubchat uses, speaking to the admin page that frames the app by postMessage.
(function () {
  "use strict";
  var ADMIN_ORIGIN = "{{ADMIN_ORIGIN}}";
  var meta = document.querySelector('meta[name="shopify-api-key"]');
  var params = new URLSearchParams(window.location.search);
  var pending = {};
  var seq = 0;

  function ask(type, data) {
    return new Promise(function (resolve, reject) {
      var id = ++seq;
      pending[id] = { resolve: resolve, reject: reject };
      window.parent.postMessage({ source: "shopifytest-appbridge", id: id, type: type, data: data }, ADMIN_ORIGIN);
    });
  }

  window.addEventListener("message", function (event) {
    var m = event.data;
    if (event.origin !== ADMIN_ORIGIN || !m || m.source !== "shopifytest-admin" || !pending[m.id]) return;
    var p = pending[m.id];
    delete pending[m.id];
    if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result);
  });

  var shopify = {
    config: { apiKey: meta ? meta.content : "", shop: params.get("shop"), host: params.get("host") },
    idToken: function () { return ask("idToken"); },
    toast: {
      show: function (message, options) {
        ask("toast", { message: String(message), isError: !!(options && options.isError) });
      }
    }
  };
  window.shopify = shopify;

  // Like App Bridge: fetch calls to the app's own origin carry a fresh session
  // token, and a 401 asking for it is retried once with a new token.
  var originalFetch = window.fetch.bind(window);
  window.fetch = async function (input, init) {
    var request = new Request(input, init);
    if (new URL(request.url).origin !== window.location.origin || request.headers.has("Authorization")) {
      return originalFetch(request);
    }
    var retry = request.clone();
    request.headers.set("Authorization", "Bearer " + (await shopify.idToken()));
    var response = await originalFetch(request);
    if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
      retry.headers.set("Authorization", "Bearer " + (await shopify.idToken()));
      response = await originalFetch(retry);
    }
    return response;
  };

  // open(url, "_top") leaves the admin's iframe through the admin.
  var originalOpen = window.open.bind(window);
  window.open = function (url, target) {
    if (target === "_top") {
      ask("navigate", { url: new URL(url, window.location.href).href });
      return null;
    }
    return originalOpen.apply(null, arguments);
  };

  // The bounce page: reload the target with a fresh id_token (same origin only).
  var reload = params.get("shopify-reload");
  if (reload) {
    var target = new URL(reload, window.location.href);
    if (target.origin === window.location.origin) {
      shopify.idToken().then(function (token) {
        ["embedded", "shop", "host"].forEach(function (k) {
          if (params.get(k) && !target.searchParams.get(k)) target.searchParams.set(k, params.get(k));
        });
        target.searchParams.set("id_token", token);
        window.location.replace(target.href);
      });
    }
  }

  // The app's navigation (<ui-nav-menu>) is shown by the admin, in its sidebar.
  function sendNav() {
    var menu = document.querySelector("ui-nav-menu");
    if (!menu) return;
    var links = Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
      return { label: a.textContent.trim(), href: a.getAttribute("href"), home: a.getAttribute("rel") === "home" };
    });
    ask("nav", links);
  }
  // Like App Bridge, follow changes to the menu (a count in a link's text, say).
  function watchNav() {
    sendNav();
    var menu = document.querySelector("ui-nav-menu");
    if (menu) new MutationObserver(sendNav).observe(menu, { subtree: true, childList: true, characterData: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchNav); else watchNav();
})();
