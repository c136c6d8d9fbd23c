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
      if (!response.ok) {
        // The app says what is wrong (e.g. an export too large) in its JSON error.
        var problem = await response.json().catch(function () { return {}; });
        var refused = new Error("status " + response.status);
        refused.said = typeof problem.error === "string" ? problem.error : "";
        throw refused;
      }
      var url = URL.createObjectURL(await response.blob());
      var link = document.createElement("a");
      link.href = url;
      link.download = button.dataset.filename || "download";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    } catch (err) {
      var said = (err && err.said) || button.dataset.failedText || "The download failed. Please try again.";
      if (window.shopify && shopify.toast) shopify.toast.show(said, { isError: true });
    } finally {
      button.disabled = false;
    }
  });
})();

// ==== Settings: in-app navigation and save confirmations (views/pages/settings*.templ) ====
(function () {
  "use strict";
  var embedded = new URLSearchParams(window.location.search).get("embedded") === "1";

  // Inside the admin's iframe a page load needs a session token (id_token) and the
  // embedded parameters, which a plain link to another app page sends neither of: the
  // guard would refuse it. So go there with a fresh token from App Bridge, as the admin
  // itself loads the app; failing that, the guard's bounce page fetches one.
  function go(path) {
    var here = new URLSearchParams(window.location.search);
    var url = new URL(path, window.location.href);
    ["embedded", "shop", "host", "locale"].forEach(function (k) {
      if (here.has(k) && !url.searchParams.has(k)) url.searchParams.set(k, here.get(k));
    });
    var load = function () { window.location.assign(url.href); };
    if (!window.shopify || !shopify.idToken) return load();
    shopify.idToken().then(function (token) { url.searchParams.set("id_token", token); load(); }, load);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="/app"]');
    if (!embedded || !link || link.target || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(link.getAttribute("href"));
  });

  // A form that worked and leads elsewhere answers htmx with this event (app/admin/settings.go).
  document.addEventListener("hubchat:navigate", function (event) {
    if (event.detail && event.detail.path) go(event.detail.path);
  });

  // A page or fragment with data-toast confirms a save: show it once as an App Bridge toast.
  function toasts() {
    document.querySelectorAll("[data-toast]").forEach(function (el) {
      var message = el.getAttribute("data-toast");
      el.removeAttribute("data-toast");
      if (window.shopify && shopify.toast) shopify.toast.show(message);
    });
  }
  document.addEventListener("htmx:after:process", toasts);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", toasts); else toasts();
})();

// ==== The live connection (#live, views/layouts/admin.templ) starts where the page's data is current ====
// The server renders the page, then the browser loads it and connects: a change made in between would
// reach neither. So the first connection asks to replay the events after the one the page is current to
// (data-live-from); htmx's SSE extension keeps the last id it received for its reconnections.
(function () {
  "use strict";
  document.addEventListener("htmx:config:request", function (event) {
    var live = event.target;
    if (!live || live.id !== "live" || !live.dataset.liveFrom) return;
    event.detail.ctx.request.headers["Last-Event-ID"] = live.dataset.liveFrom;
    delete live.dataset.liveFrom; // once: a later connection resumes from what it received
  });
})();

// ==== Ticket page: live refresh of this ticket, the composer's keys, emoji, macros and image (views/pages/ticket*.templ) ====
(function () {
  "use strict";

  // #live announces changes to every ticket of the shop. The page's parts listen only for their own
  // ticket's, as hubchat:ticket on #ticket-page (and hubchat:ticket-closed when it ended). An htmx trigger
  // filter (hubchat:conversation[…]) would say the same in the markup, but htmx evaluates filters with
  // new Function, which our Content-Security-Policy forbids (no 'unsafe-eval').
  document.addEventListener("hubchat:conversation", function (event) {
    var page = document.getElementById("ticket-page");
    var change;
    try { change = JSON.parse(event.detail.data); } catch (err) { return; }
    if (!page || !change || String(change.id) !== page.dataset.ticketId) return;
    page.dispatchEvent(new CustomEvent("hubchat:ticket", { detail: { kind: change.kind } }));
    if (change.kind === "conversation.closed") page.dispatchEvent(new CustomEvent("hubchat:ticket-closed"));
  });

  // The thread keeps to its newest message unless the agent scrolled up to read.
  var thread = function () { return document.getElementById("ticket-thread"); };
  var atEnd = true;
  function toEnd() { var t = thread(); if (t) t.scrollTop = t.scrollHeight; }
  document.addEventListener("htmx:before:swap", function () {
    var t = thread();
    if (t) atEnd = t.scrollHeight - t.scrollTop - t.clientHeight < 48;
  });
  document.addEventListener("htmx:after:swap", function () { if (atEnd) toEnd(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", toEnd); else toEnd();

  function composer(el) { return el && el.closest ? el.closest("[data-composer]") : null; }
  function hasImage(form) { return form.elements.image.files.length > 0; }
  function clearImage(form) {
    form.elements.image.value = "";
    form.querySelector("[data-composer-file]").hidden = true;
  }

  // Enter sends; Shift+Enter (or an input method composing a character) adds to the text.
  document.addEventListener("keydown", function (event) {
    var form = composer(event.target);
    if (!form || event.target.name !== "body" || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (event.target.value.trim() || hasImage(form)) form.requestSubmit();
  });

  // Each send gets its own client id (the server stores a repeated one once), and the composer empties
  // at once so the next message can be typed while this one is on its way; a refused one is put back.
  document.addEventListener("htmx:config:request", function (event) {
    var form = composer(event.target);
    if (!form || event.target !== form) return;
    if (window.crypto && crypto.randomUUID) event.detail.ctx.request.body.set("client_id", crypto.randomUUID());
    form.sent = form.elements.body.value;
    form.elements.body.value = "";
    clearImage(form);
  });
  document.addEventListener("htmx:finally:request", function (event) {
    var ctx = event.detail.ctx, ok = ctx.response && ctx.response.status < 400;
    var form = composer(event.target);
    if (form && event.target === form) {
      if (!ok && !form.elements.body.value) form.elements.body.value = form.sent || "";
      form.elements.body.focus();
    }
    // An action chosen in a popover (snooze, close) closes it once done.
    var popover = ok && event.target.closest && event.target.closest("#ticket-page [popover]");
    if (popover && popover.matches(":popover-open")) popover.hidePopover();
  });

  // The chosen image is named beside the buttons, with a way to take it back.
  document.addEventListener("change", function (event) {
    var form = composer(event.target);
    if (!form || event.target.name !== "image") return;
    var file = event.target.files[0], chip = form.querySelector("[data-composer-file]");
    chip.querySelector("[data-composer-file-name]").textContent = file ? file.name : "";
    chip.hidden = !file;
  });

  // An emoji or a macro goes in at the cursor (replacing any selection); the composer keeps the focus.
  document.addEventListener("click", function (event) {
    var form = composer(event.target);
    if (form && event.target.closest("[data-composer-clear-file]")) {
      clearImage(form);
      return form.elements.body.focus();
    }
    var pick = event.target.closest && event.target.closest("[data-emoji], [data-macro]");
    var box = document.querySelector("[data-composer] textarea[name=body]");
    if (!pick || !box) return;
    var text = pick.hasAttribute("data-emoji") ? pick.dataset.emoji : pick.dataset.macro;
    box.setRangeText(text, box.selectionStart, box.selectionEnd, "end");
    box.focus();
    var popover = pick.closest("[popover]");
    if (popover) popover.hidePopover();
  });
})();

// ==== Navigation: the unread count beside Inbox, kept live (views/layouts/admin.templ) ====
// App Bridge shows the <ui-nav-menu> links in the admin's sidebar; the Inbox link's text
// carries the count of unread tickets, refreshed on every change the live stream reports.
(function () {
  "use strict";
  var timer = 0;
  function refresh() {
    var link = document.querySelector('ui-nav-menu a[href="/app"]:not([rel="home"])');
    if (!link) return;
    fetch("/app/inbox/unread", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        var text = body.label; // in the staff member's language (app/admin/inbox.go InboxUnread)
        if (link.textContent !== text) link.textContent = text;
      })
      .catch(function () {});
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250); // a burst of changes costs one request
  }
  document.addEventListener("hubchat:conversation", soon);
  // reset: the live stream could not replay what it missed (a form's own reset event is not it).
  document.addEventListener("reset", function (event) { if (event.target.id === "live") soon(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh); else refresh();
})();

// ==== Inbox: waiting times advance between renders (views/pages/inbox.templ) ====
// Each "Waiting" badge carries the wait when it was rendered (data-waited-ms); one timer re-words the
// badges when the next of them reaches a new minute, asking the server for nothing. The words and the
// 3-minute highlight are those of app/admin/inbox.go (humanDuration, waitingLong); the list carries
// the messages in the staff member's language (data-waiting-words, i18n.ClientMessages), whose plural
// forms Intl.PluralRules of the page's lang picks.
(function () {
  "use strict";
  var minute = 60000, highlight = 3 * minute, timer = 0;
  function say(messages, key, count) {
    var m = messages[key], lang = document.documentElement.lang || "en";
    if (typeof m === "object") m = m[new Intl.PluralRules(lang).select(count)] || m.other;
    return String(m).replace("{count}", count.toLocaleString(lang));
  }
  function span(messages, ms) {
    if (ms < minute) return say(messages, "inbox.row.waiting_short", 0);
    if (ms < 60 * minute) return say(messages, "time.span.minutes", Math.floor(ms / minute));
    if (ms < 48 * 60 * minute) return say(messages, "time.span.hours", Math.floor(ms / (60 * minute)));
    return say(messages, "time.span.days", Math.floor(ms / (24 * 60 * minute)));
  }
  function words(badge, ms) {
    var list = badge.closest("[data-waiting-words]");
    var messages = list ? JSON.parse(list.dataset.waitingWords) : {};
    return String(messages["inbox.row.waiting"] || "{span}").replace("{span}", span(messages, ms));
  }
  function tick() {
    clearTimeout(timer);
    var now = performance.now(), next = Infinity;
    document.querySelectorAll("[data-waited-ms]").forEach(function (badge) {
      if (badge.hubchatSeenAt === undefined) badge.hubchatSeenAt = now;
      var waited = Number(badge.dataset.waitedMs) + (now - badge.hubchatSeenAt);
      var text = words(badge, waited);
      if (badge.textContent !== text) badge.textContent = text;
      badge.classList.toggle("badge--attention", waited >= highlight);
      next = Math.min(next, minute - (waited % minute));
    });
    if (next !== Infinity) timer = setTimeout(tick, next + 20);
  }
  document.addEventListener("htmx:after:swap", tick);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tick); else tick();
})();

// ==== Settings → AI agent (views/pages/settings_ai_try.templ) ====
// A product image that does not load (gone from the store, or refused by the page's policy) leaves
// its card's grey square rather than the browser's broken-image frame. Load errors do not bubble:
// they are caught on their way down.
document.addEventListener("error", function (event) {
  var img = event.target;
  if (img && img.matches && img.matches("img[data-hide-broken]")) img.hidden = true;
}, true);

// ==== Copy buttons: data-copy names the field whose value is copied (views/pages/settings_sms.templ) ====
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    var field = button && document.querySelector(button.dataset.copy);
    if (!field) return;
    var said = button.dataset.copied || "Copied";
    var copied = function () { if (window.shopify && shopify.toast) shopify.toast.show(said); };
    // The clipboard API needs the admin's iframe to allow it; else select the text, which a
    // browser's copy command (and the merchant's Ctrl+C) then takes.
    var fallback = function () {
      field.focus();
      field.select();
      if (document.execCommand && document.execCommand("copy")) copied();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(copied, fallback);
    } else {
      fallback();
    }
  });
})();
