/* hubchat Customer Hub, the app embed's script (deferred, < 10,000 bytes):
 * adds hub.css, then shows and wires the launcher, welcome bubble and drawer.
 * It never calls hubchat: the chat UI (chat*.js, chat.css), which does, loads
 * on the first open, or early only for a shopper with an open conversation. */
(function () {
  'use strict';
  var root = document.querySelector('[data-hubchat]');
  if (!root || root.hcReady) return;
  root.hcReady = true;
  var cfg;
  try { cfg = JSON.parse(root.querySelector('[data-hc-config]').textContent); } catch (e) { return; }
  var t = cfg.i18n || {};
  function addCSS(href, ok, ko) {
    var l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = href;
    l.onload = ok;
    l.onerror = ko;
    document.head.appendChild(l);
  }
  function afterLoad(f) {
    if (document.readyState === 'complete') setTimeout(f); else window.addEventListener('load', f);
  }
  // Not the schema's "stylesheet", which would block rendering: hub.css
  // comes after the page has loaded, and the hub shows with it.
  afterLoad(function () { addCSS(cfg.hub_css, function () { root.hidden = false; }); });
  var q = function (s) { return root.querySelector(s); };
  var all = function (n, s) { return [].slice.call(n.querySelectorAll(s)); };
  var launcher = q('[data-hc-launcher]'), panel = q('[data-hc-panel]');
  var bubble = q('[data-hc-bubble]'), badge = q('[data-hc-badge]'), chatBox = q('[data-hc-chat]');
  var tabs = all(root, '[role=tab]');
  var BUBBLE = 'hubchat:bubble-dismissed', OPEN = 'hubchat:conversation';
  var isOpen = false, current = tabs.length ? 'home' : (chatBox ? 'chat' : 'home');
  var lastFocus = null, loading = null, unread = 0;

  function store(s, k, v) {
    try {
      if (v === undefined) return s.getItem(k);
      if (v === null) s.removeItem(k); else s.setItem(k, v);
    } catch (e) { /* storage blocked: behave as a fresh session */ }
  }
  function emit(type) { root.dispatchEvent(new CustomEvent('hubchat:' + type)); }

  // Text on the accent: white or near-black, whichever contrasts more (WCAG);
  // a too-light accent is not used as text on white.
  (function contrast() {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(getComputedStyle(root).getPropertyValue('--hc-accent').trim());
    if (!m) return;
    var h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    var L = [0, 2, 4].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var lum = 0.2126 * L[0] + 0.7152 * L[1] + 0.0722 * L[2];
    var white = 1.05 / (lum + 0.05), dark = (lum + 0.05) / 0.0565;
    root.style.setProperty('--hc-on-accent', white >= dark ? '#fff' : '#1a1a1a');
    if (white < 4.5) root.style.setProperty('--hc-accent-text', '#1a1a1a');
  })();

  // The welcome bubble: once per browser session until dismissed.
  if (bubble && cfg.bubble && (cfg.design_mode || !store(sessionStorage, BUBBLE))) bubble.hidden = false;
  function dismissBubble() {
    if (!bubble || bubble.hidden) return;
    bubble.hidden = true;
    store(sessionStorage, BUBBLE, '1');
  }

  function select(name, focusTab) {
    if (!tabs.length || !q('[data-hc-view="' + name + '"]')) return;
    current = name;
    tabs.forEach(function (b) {
      var on = b.getAttribute('data-hc-tab') === name;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      if (on && focusTab) b.focus();
    });
    all(root, '[data-hc-view]').forEach(function (v) { v.hidden = v.getAttribute('data-hc-view') !== name; });
    emit('tab');
  }

  function focusables() {
    return all(panel, 'a[href],button,textarea,input,select,[tabindex="0"]')
      .filter(function (n) { return !n.disabled && n.getClientRects().length; });
  }
  function focusInto() {
    if (tabs.length && current === 'home') {
      var tab = panel.querySelector('[role=tab][aria-selected=true]');
      if (tab) return tab.focus();
    }
    if (current === 'chat' && api.focusChat && api.focusChat()) return;
    panel.focus();
  }

  function open(name) {
    dismissBubble();
    if (name) select(name);
    if (!isOpen) {
      isOpen = true;
      lastFocus = document.activeElement;
      panel.hidden = false;
      root.classList.add('hc--open');
      document.documentElement.classList.add('hc-open');
      launcher.setAttribute('aria-expanded', 'true');
      if (launcher.hasAttribute('aria-label')) launcher.setAttribute('aria-label', t.close || '');
      load();
      emit('open');
    }
    focusInto();
  }
  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    root.classList.remove('hc--open');
    document.documentElement.classList.remove('hc-open');
    launcher.setAttribute('aria-expanded', 'false');
    setBadge(unread);
    emit('close');
    (lastFocus && lastFocus !== document.body && document.contains(lastFocus) && lastFocus !== panel ? lastFocus : launcher).focus();
  }

  function setBadge(n) {
    unread = n > 0 ? n : 0;
    if (!badge) return;
    badge.hidden = !unread;
    badge.textContent = unread > 9 ? '9+' : String(unread);
    if (!launcher.hasAttribute('aria-label') || isOpen) return;
    var label = t.open || '';
    // The chat UI, which counts the replies, says how many in words.
    if (unread && api.unreadText) label += ' (' + api.unreadText(unread) + ')';
    launcher.setAttribute('aria-label', label);
  }

  // The chat UI: chat.css and its scripts (chat_js, in order), fetched
  // once, then mounted into the Chat tab with this small API.
  var api = {
    cfg: cfg, root: root, panel: panel, chat: chatBox,
    isOpen: function () { return isOpen; },
    chatVisible: function () { return isOpen && current === 'chat'; },
    badge: setBadge,
    open: open, close: close
  };
  function load() {
    if (loading || !cfg.chat || !chatBox) return;
    loading = new Promise(function (resolve, reject) {
      var pending = cfg.chat_js.length + 1, done = function () { if (!--pending) resolve(); };
      addCSS(cfg.chat_css, done, reject);
      // All download at once; async = false runs them in the given order.
      cfg.chat_js.forEach(function (src) {
        var js = document.createElement('script');
        js.src = src;
        js.async = false;
        js.onload = done;
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }).then(function () {
      if (typeof api.mountChat !== 'function') throw new Error('chat.js did not load');
      api.mountChat(api);
    }).catch(function () {
      loading = null;
      var box = q('[data-hc-loading]');
      if (!box) return;
      box.textContent = t.load_error || '';
      var again = document.createElement('button');
      again.type = 'button';
      again.className = 'hc-link';
      again.textContent = t.retry || '';
      again.addEventListener('click', function () { box.textContent = t.loading || ''; load(); });
      box.appendChild(document.createTextNode(' '));
      box.appendChild(again);
    });
  }
  window.hubchat = api;

  launcher.addEventListener('click', function () { if (isOpen) close(); else open(); });
  root.addEventListener('click', function (e) {
    var n = e.target.closest('[data-hc-close],[data-hc-bubble-close],[data-hc-bubble-open],[data-hc-goto],[role=tab]');
    if (!n) return;
    if (n.hasAttribute('data-hc-close')) close();
    else if (n.hasAttribute('data-hc-bubble-close')) dismissBubble();
    else if (n.hasAttribute('data-hc-bubble-open')) open('chat');
    else if (n.hasAttribute('data-hc-goto')) { select(n.getAttribute('data-hc-goto')); focusInto(); }
    else select(n.getAttribute('data-hc-tab'), true);
  });
  root.addEventListener('keydown', function (e) {
    if (!isOpen) return;
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      close();
      return;
    }
    var i = tabs.indexOf(e.target);
    if (i >= 0 && /^(ArrowLeft|ArrowRight|Home|End)$/.test(e.key)) {
      e.preventDefault();
      var n = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
      select(tabs[n].getAttribute('data-hc-tab'), true);
      return;
    }
    if (e.key !== 'Tab') return;
    // Focus stays in the dialog while it is open.
    var f = focusables();
    if (!f.length) { e.preventDefault(); return; }
    var first = f[0], last = f[f.length - 1], at = document.activeElement;
    if (e.shiftKey && (at === first || at === panel)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && at === last) { e.preventDefault(); first.focus(); }
  });
  // A click on the page behind closes the dialog, like a modal's backdrop;
  // focus that wanders outside comes back.
  document.addEventListener('pointerdown', function (e) {
    if (isOpen && !root.contains(e.target)) close();
  });
  document.addEventListener('focusin', function (e) {
    if (isOpen && !panel.contains(e.target) && e.target !== launcher) focusInto();
  });
  // Links such as <a href="#hubchat"> anywhere on the page open the hub.
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href="#hubchat"],[data-hubchat-open]');
    if (!a) return;
    e.preventDefault();
    open(chatBox ? 'chat' : null);
  });

  // A signed-in shopper whose conversation this browser saw open gets the
  // chat UI after the page has loaded, so replies show as a badge. Anyone
  // else: nothing until the hub is opened.
  var seen = null;
  try { seen = JSON.parse(store(localStorage, OPEN) || 'null'); } catch (e) { /* ignore */ }
  if (cfg.chat && seen && cfg.customer_id && seen.customer === cfg.customer_id) {
    afterLoad(function () { if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 3000 }); else setTimeout(load, 1000); });
  }
})();
