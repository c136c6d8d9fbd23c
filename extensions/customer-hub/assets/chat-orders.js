/* hubchat chat UI, the Orders tab (after chat-thread.js, for el()): a
 * signed-in customer's recent orders, read from hubchat with the chat's
 * token when the tab is shown. The name, date, total in the shop's money
 * format, the statuses in words, and tracking links (http(s) only).
 *
 * Safety: every text is a text node (el()); a link's href must pass
 * httpURL. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts;
  P.orders = orders;

  // orders wires the Orders tab for the chat c (chat.js) and returns its
  // show(): called when the chat's session is ready and on every tab change.
  function orders(c) {
    var el = P.el, T = c.T, cfg = c.cfg, box = hub.root.querySelector('[data-hc-orders]');
    var loadedAt = 0, busy = false, lang = document.documentElement.lang || undefined;
    if (!box) return function () {};
    return show;

    function show() {
      var view = box.closest('[data-hc-view]');
      if (!hub.isOpen() || (view && view.hidden) || busy || !c.net.ready()) return;
      if (loadedAt && Date.now() - loadedAt < 60e3) return;
      busy = true;
      c.net.api('GET', '/api/storefront/orders').then(function (r) {
        if (!r.ok) throw new Error('orders: HTTP ' + r.status);
        return r.json();
      }).then(function (d) {
        loadedAt = Date.now();
        render(Array.isArray(d.orders) ? d.orders : []);
      }).catch(function () {
        box.textContent = '';
        box.appendChild(el('p', { class: 'hc-loading', role: 'status' }, T.orders_error, ' ',
          el('button', { type: 'button', class: 'hc-link', onclick: show }, T.retry)));
      }).then(function () { busy = false; });
    }
    function render(list) {
      box.textContent = '';
      if (!list.length) {
        box.appendChild(el('p', { class: 'hc-loading' }, T.orders_empty));
        return;
      }
      box.appendChild(el('ul', { class: 'hc-orderlist', 'aria-label': T.orders_label }, list.map(order)));
    }
    function order(o) {
      var at = new Date(o.placed_at), S = T.orders_status || {};
      var status = o.cancelled ? [S.cancelled] : [S[o.financial_status], S[o.fulfillment_status || 'unfulfilled']];
      var tracks = (Array.isArray(o.tracking) ? o.tracking : []).map(function (t) {
        var u = P.httpURL(t && t.url);
        return u ? el('a', { class: 'hc-order__track', href: u, target: '_blank', rel: 'noopener noreferrer' },
          P.fmt(T.orders_track, { carrier: t.company || '', number: t.number || '' }).trim()) : null;
      });
      return el('li', { class: 'hc-order' },
        el('p', { class: 'hc-order__head' }, el('span', { class: 'hc-order__name' }, o.name),
          el('span', { class: 'hc-order__total' }, money(o.total, o.currency))),
        isNaN(at) ? null : el('p', { class: 'hc-order__date' },
          P.fmt(T.orders_placed, { date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(at) })),
        el('p', { class: 'hc-order__status' }, status.filter(Boolean).join(' · ')),
        tracks);
    }
    // money formats an amount with the shop's money format (as the theme's
    // money filter does) when it is in the shop's currency, else with the
    // browser's formatting of that currency.
    function money(amount, currency) {
      var n = +amount, f = String(cfg.money_format || '');
      if (isNaN(n)) return '';
      if (currency === cfg.currency && /\{\{\s*\w+\s*\}\}/.test(f)) {
        return f.replace(/<[^>]*>/g, '').replace(/\{\{\s*(\w+)\s*\}\}/, function (_, k) { return amountAs(n, k); });
      }
      try { return new Intl.NumberFormat(lang, { style: 'currency', currency: currency }).format(n); } catch (e) { return n.toFixed(2) + ' ' + currency; }
    }
  }
  // amountAs writes n as a money format's placeholder asks.
  function amountAs(n, key) {
    var seps = {
      amount: [',', '.'], amount_no_decimals: [',', ''], amount_with_comma_separator: ['.', ','],
      amount_no_decimals_with_comma_separator: ['.', ''], amount_with_apostrophe_separator: ["'", '.'],
      amount_no_decimals_with_space_separator: [' ', ''], amount_with_space_separator: [' ', ','],
      amount_with_period_and_space_separator: [' ', '.']
    }[key] || [',', '.'];
    var parts = n.toFixed(seps[1] ? 2 : 0).split('.');
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, seps[0]) + (seps[1] ? seps[1] + parts[1] : '');
  }
})();
