/* hubchat Customer Hub: the app embed's own script (deferred; kept under
 * theme-check's 10,000 bytes). It wires the launcher, the welcome bubble and
 * the drawer, and makes no request at page load: the chat UI (chat.js and
 * chat.css), which alone talks to hubchat, loads on the first open, or in the
 * background only for a shopper whose conversation this browser saw open. */
(function () {
  'use strict';
  var root = document.querySelector('[data-hubchat]');
  if (!root || root.hcReady) return;
  root.hcReady = true;
  var cfg;
  try { cfg = JSON.parse(root.querySelector('[data-hc-config]').textContent); } catch (e) { return; }
  var t = cfg.i18n || {};
  var q = function (s) { return root.querySelector(s); };
  var launcher = q('[data-hc-launcher]'), panel = q('[data-hc-panel]');
  var bubble = q('[data-hc-bubble]'), badge = q('[data-hc-badge]'), chatBox = q('[data-hc-chat]');
  var tabs = [].slice.call(root.querySelectorAll('[role=tab]'));
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

  // Text on the accent colour: whichever of white and near-black contrasts
  // more (WCAG relative luminance); and an accent dark enough to be text on
  // white. hub.css holds a CSS-only fallback until this runs.
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

  function views() { return [].slice.call(root.querySelectorAll('[data-hc-view]')); }
  function select(name, focusTab) {
    if (!tabs.length || !q('[data-hc-view="' + name + '"]')) return;
    current = name;
    tabs.forEach(function (b) {
      var on = b.getAttribute('data-hc-tab') === name;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      if (on && focusTab) b.focus();
    });
    views().forEach(function (v) { v.hidden = v.getAttribute('data-hc-view') !== name; });
    emit('tab');
  }

  function focusables() {
    return [].slice.call(panel.querySelectorAll('a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]),select:not([disabled]),[tabindex]:not([tabindex="-1"])'))
      .filter(function (n) { return n.getClientRects().length && !n.closest('[hidden]'); });
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
      if (launcher.hasAttribute('aria-label')) launcher.setAttribute('aria-label', t.close || 'Close');
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
    if (unread) label += ' (' + (t[unread === 1 ? 'unread_one' : 'unread_other'] || '').replace('{count}', unread) + ')';
    launcher.setAttribute('aria-label', label);
  }

  // The chat UI: chat.css and chat.js, fetched once, then mounted into the
  // Chat tab with this small API.
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
      var pending = 2, done = function () { if (!--pending) resolve(); };
      var css = document.createElement('link'), js = document.createElement('script');
      css.rel = 'stylesheet';
      css.href = cfg.chat_css;
      js.src = cfg.chat_js;
      js.async = true;
      css.onload = js.onload = done;
      css.onerror = js.onerror = reject;
      document.head.appendChild(css);
      document.head.appendChild(js);
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
      again.textContent = t.retry || 'Retry';
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
  // A click outside the open dialog (the page behind it) closes it, as a
  // modal's backdrop does; focus that wanders outside comes back.
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
  // chat UI in the background after the page has loaded, so agent replies
  // show as a badge. Anyone else: nothing until the hub is opened.
  var seen = null;
  try { seen = JSON.parse(store(localStorage, OPEN) || 'null'); } catch (e) { /* ignore */ }
  if (cfg.chat && seen && cfg.customer_id && seen.customer === cfg.customer_id) {
    var later = function () { if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 3000 }); else setTimeout(load, 1000); };
    if (document.readyState === 'complete') later(); else window.addEventListener('load', later);
  }
})();
