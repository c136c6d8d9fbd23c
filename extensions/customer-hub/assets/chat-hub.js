/* hubchat chat UI, the hub around the chat (after chat-thread.js, for
 * el()): the Orders tab, a signed-in customer's recent orders read from
 * hubchat with the chat's token when the tab is shown (name, date, total in
 * the shop's money format, statuses in words, tracking links); and what the
 * rest of the hub shows of the chat: Home's chat card and FAQs, and the
 * bubble above the launcher.
 *
 * Safety: every text is a text node (el()); a link's href must pass
 * httpURL. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts;
  P.orders = orders;
  P.around = around;
  var HOME_FAQS = 4; // FAQs the Home tab shows

  // around is what the hub shows of the chat c outside its tab. answer(f)
  // answers a FAQ in the thread.
  function around(c, answer) {
    var el = P.el, T = c.T, root = hub.root, welcome = null, bubbleShows = 0, homeCard = null;
    return { faqs: faqs, bubble: bubble, home: home };

    // faqs puts the first FAQs on the Home tab too, where they fill the
    // space under the cards; one picked is answered in the Chat tab.
    function faqs() {
      var slot = root.querySelector('[data-hc-home-faqs]');
      if (!slot) return;
      slot.textContent = '';
      slot.hidden = !c.faqs.length;
      if (!c.faqs.length) return;
      var head = c.uid + '-home-faqs';
      slot.appendChild(el('section', { class: 'hc-faqs', 'aria-labelledby': head },
        el('h3', { class: 'hc-faqs__title', id: head }, T.faq_heading),
        el('ul', { class: 'hc-faqs__list' }, c.faqs.slice(0, HOME_FAQS).map(function (f) {
          return el('li', null, el('button', {
            type: 'button', class: 'hc-chip',
            onclick: function () { hub.open('chat'); answer(f); }
          }, f.question));
        }))));
    }
    // bubble puts m, an unread reply, in the welcome bubble in place of the
    // welcome text (once per reply: dismissing it hides it until the next),
    // and with no m gives the welcome back once the reply is read.
    function bubble(m) {
      var b = root.querySelector('[data-hc-bubble]');
      var from = b && b.querySelector('.hc-bubble__from'), text = b && b.querySelector('.hc-bubble__text');
      if (!from || !text) return;
      if (!welcome) welcome = { from: from.textContent, text: text.textContent };
      if (m) {
        if (bubbleShows === m.id) return;
        bubbleShows = m.id;
        from.textContent = m.author === 'ai' ? c.ai.name() : m.author_name || T.team;
        text.textContent = String(m.body || '') || T.attachment;
        b.hidden = false;
      } else if (bubbleShows) {
        bubbleShows = 0;
        from.textContent = welcome.from;
        text.textContent = welcome.text;
        b.hidden = true;
      }
    }
    // home turns the Home tab's chat card into the way back to the
    // conversation going on, showing m, its latest message; with no m it
    // says what it said at first.
    function home(m) {
      var title = root.querySelector('[data-hc-home-title]'), text = root.querySelector('[data-hc-home-text]');
      if (!title || !text) return;
      if (!homeCard) homeCard = { title: title.textContent, text: text.textContent };
      title.textContent = m ? title.getAttribute('data-continue') || homeCard.title : homeCard.title;
      text.textContent = !m ? homeCard.text
        : (m.author === 'shopper' ? T.you + ': ' : '') + (String(m.body || '') || T.attachment);
    }
  }

  // orders wires the Orders tab for the chat c (chat.js) and returns its
  // show(): called when the chat's session is ready and on every tab change.
  function orders(c) {
    var el = P.el, T = c.T, cfg = c.cfg, box = hub.root.querySelector('[data-hc-orders]');
    var loadedAt = 0, busy = false, lang = c.lang;
    if (!box) {
      var none = function () {};
      none.failed = none;
      return none;
    }
    // failed tells the tab the chat's session could not start: there is
    // nothing to load, so it offers to try again rather than wait for ever.
    show.failed = function (retry) {
      box.textContent = '';
      box.appendChild(el('p', { class: 'hc-loading', role: 'status' }, T.orders_error, ' ',
        el('button', { type: 'button', class: 'hc-link', onclick: retry }, T.retry)));
    };
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
    // money formats an amount as the theme's money filter does, with the
    // shop's money format, when it is in the shop's currency and the
    // storefront is in the shop's primary language (the format is written
    // in that language's way); else as the storefront's language writes
    // that currency.
    function money(amount, currency) {
      var n = +amount, f = String(cfg.money_format || '');
      if (isNaN(n)) return '';
      if (currency === cfg.currency && cfg.primary_locale !== false && /\{\{\s*\w+\s*\}\}/.test(f)) {
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
