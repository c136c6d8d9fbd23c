/* hubchat chat UI, part 2 of 4 (after chat-net.js): el(), the one way the
 * chat UI builds the page, and the thread: FAQs, the welcome, messages, read
 * receipts and the unread badge. The store's AI assistant adds to its
 * messages (chat-ai.js, c.ai).
 *
 * Safety: every text that comes from a shopper, an agent, the merchant or the
 * server is inserted as a text node by el() below, never parsed as HTML
 * (SPEC.md §1.5); links and images accept http(s) URLs only. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts = hub.chatParts || {};
  var httpURL = P.httpURL; // chat-net.js ran first
  P.el = el;
  P.add = add;
  P.icon = icon;
  P.linkURL = linkURL;
  P.fill = fill;
  P.fmt = fmt;
  P.locale = locale;
  P.plural = plural;
  P.thread = thread;
  var GROUP_MS = 3 * 60e3; // messages this close share one time

  // el(tag, attrs, ...children) builds an element. A child is a Node built
  // here or anything else, which becomes a text node: there is no way to pass
  // markup. Attributes go through setAttribute; an on* attribute only takes a
  // function (a listener), so no string can become a handler.
  function el(tag, attrs) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k.slice(0, 2) === 'on') {
        if (typeof v === 'function') n.addEventListener(k.slice(2), v);
      } else {
        n.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (var i = 2; i < arguments.length; i++) add(n, arguments[i]);
    return n;
  }
  function add(n, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) c.forEach(function (x) { add(n, x); });
    else n.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // icon draws one of the chat UI's own path strings (never data).
  function icon(d) {
    var ns = 'http://www.w3.org/2000/svg', s = document.createElementNS(ns, 'svg'), p = document.createElementNS(ns, 'path');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    p.setAttribute('d', d);
    s.appendChild(p);
    return s;
  }
  // linkURL also accepts a path on the storefront ("/policies/…").
  function linkURL(u) {
    return typeof u === 'string' && /^\/(?!\/)/.test(u) ? u : httpURL(u);
  }
  // fill replaces {name} in a translation with texts or nodes, as a list of
  // children for el().
  function fill(s, vars) {
    return String(s || '').split(/(\{\w+\})/).map(function (part) {
      var m = /^\{(\w+)\}$/.exec(part);
      return m && m[1] in vars ? vars[m[1]] : part;
    });
  }
  function fmt(s, vars) { return fill(s, vars).join(''); }
  // locale is the storefront's language (request.locale, else the page's
  // lang), never the browser's: dates, times, numbers and plural forms
  // follow it. With none that Intl can read, Intl's default.
  function locale(cfg) {
    try { return Intl.getCanonicalLocales(String(cfg.locale || document.documentElement.lang || ''))[0]; } catch (e) { return undefined; }
  }
  // plural picks the form of a counted translation ({one, few, many,
  // other}: hub-plural.liquid) that n takes in the language lang, and fills
  // in {count} written as lang writes numbers.
  function plural(forms, n, lang) {
    forms = forms || {};
    return fmt(forms[new Intl.PluralRules(lang).select(n)] || forms.other, { count: new Intl.NumberFormat(lang).format(n) });
  }

  // thread builds the Chat tab's thread for the chat c that chat.js mounts.
  // It reads and sets c.conv and c.ended, reads c.settings and c.faqs,
  // shares c.pendings (the messages being sent), calls c.setConv when a
  // message starts a conversation, and hands the assistant's messages to
  // c.ai.
  function thread(c) {
    var cfg = c.cfg, T = c.T, hub = c.hub, net = c.net, uid = c.uid, pendings = c.pendings;
    var messages = new Map(); // id → {m, node}
    var seenUpTo = 0, welcomeShown = false, followUp = null, lastMessage = null, readFaqs = {};
    var around = P.around(c, answer); // the hub around the thread (chat-hub.js)
    var timeFmt = new Intl.DateTimeFormat(c.lang, { hour: 'numeric', minute: '2-digit' });
    hub.unreadText = function (n) { return plural(T.unread, n, c.lang); };
    var box = el('div', { class: 'hc-thread', role: 'log', 'aria-label': T.conversation, tabindex: '0' });
    var intro = el('div', { class: 'hc-intro' });
    var list = el('div', { class: 'hc-list' });
    box.appendChild(intro);
    box.appendChild(list);

    return {
      node: box, renderFaqs: renderFaqs, showWelcome: showWelcome, bubble: bubble,
      addMessage: addMessage, resetThread: resetThread, reopen: reopen, beforeSend: beforeSend,
      append: function (n) { list.appendChild(n); },
      last: function () { return lastMessage; },
      systemNote: systemNote, scrollDown: scrollDown, seen: seen, onShow: onShow, updateUnread: updateUnread,
      updateHome: updateHome, regroup: regroup
    };

    function renderFaqs() {
      intro.textContent = '';
      around.faqs();
      if (!c.faqs.length) return;
      var head = uid + '-faqs';
      intro.appendChild(el('section', { class: 'hc-faqs', 'aria-labelledby': head },
        el('h3', { class: 'hc-faqs__title', id: head }, T.faq_heading),
        el('ul', { class: 'hc-faqs__list' },
          c.faqs.map(function (f) {
            return el('li', null, el('button', { type: 'button', class: 'hc-chip', onclick: function () { answer(f); } }, f.question));
          }),
          el('li', null, el('button', { type: 'button', class: 'hc-chip hc-chip--quiet', onclick: needHelp }, T.faq_other)))));
    }
    // answer shows a FAQ as the shopper's question and its answer as an
    // automated message, at once and without a request; then it tells
    // hubchat, once per page, for the story the team reads on the ticket.
    function answer(f) {
      reportRead(f);
      reopen();
      list.appendChild(bubble('shopper', null, f.question, new Date()));
      list.appendChild(bubble('auto', null, f.answer, new Date()));
      if (followUp) followUp.remove();
      followUp = welcomeShown ? null : el('div', { class: 'hc-followup' },
        el('button', { type: 'button', class: 'hc-chip hc-chip--quiet', onclick: needHelp }, T.more_help));
      if (followUp) list.appendChild(followUp);
      scrollDown(true);
    }
    function reportRead(f) {
      if (f.id == null || readFaqs[f.id] || !net.ready()) return;
      readFaqs[f.id] = true;
      net.api('POST', '/api/storefront/faq-reads', { faq_id: f.id }).catch(function () { readFaqs[f.id] = false; });
    }
    function needHelp() {
      if (followUp) { followUp.remove(); followUp = null; }
      showWelcome();
      scrollDown(true);
      hub.focusChat();
    }
    function showWelcome() {
      if (welcomeShown) return;
      welcomeShown = true;
      var text = String(c.settings.welcome_message || cfg.welcome_message || '').trim();
      if (!text) return;
      var n = bubble('auto', null, text, null);
      n.classList.add('hc-msg--welcome');
      // Before the first message: above the history, after FAQ answers.
      var firstServer = list.querySelector('[data-id],[data-client]');
      list.insertBefore(n, firstServer);
    }

    // bubble builds one message: the author line, the text (links made
    // clickable, everything else as text), images, and a state line.
    // The store's AI assistant is named as such, with an "AI" tag.
    function bubble(kind, m, body, at) {
      var who = kind === 'shopper' ? T.you : kind === 'agent' ? (m && m.author_name) || T.team : kind === 'ai' ? c.ai.name() : T.automated;
      var time = at && !isNaN(at) ? el('time', { datetime: at.toISOString() }, timeFmt.format(at)) : null;
      var label = kind === 'auto' ? el('span', { class: 'hc-tag' }, T.automated)
        : [el('span', { class: 'hc-who' }, who), kind === 'ai' ? [' ', el('span', { class: 'hc-tag' }, T.ai_tag)] : null];
      var head = kind === 'shopper'
        ? el('p', { class: 'hc-sr' }, fmt(T.sent_by, { name: who }))
        : el('p', { class: 'hc-meta' }, label, time ? [' · ', time] : null);
      var text = String(body || '');
      var n = el('div', { class: 'hc-msg hc-msg--' + kind, 'data-who': kind + ':' + who, 'data-at': time ? at.getTime() : null }, head,
        text ? el('div', { class: 'hc-text' }, linkify(text)) : null);
      if (m && Array.isArray(m.attachments)) {
        m.attachments.forEach(function (a) {
          var u = httpURL(a && a.url);
          if (!u) return;
          if (/^image\//.test(a.content_type)) {
            var w = Math.round(+a.width) || null, h = Math.round(+a.height) || null;
            n.appendChild(el('a', { class: 'hc-img', href: u, target: '_blank', rel: 'noopener noreferrer' },
              el('img', { src: u, alt: fmt(T.image_from, { name: who }), width: w > 0 ? w : null, height: h > 0 ? h : null, loading: 'lazy', decoding: 'async' })));
          } else {
            n.appendChild(el('a', { class: 'hc-file', href: u, target: '_blank', rel: 'noopener noreferrer' }, T.attachment));
          }
        });
      }
      if (kind === 'ai' && m) c.ai.decorate(m, n);
      if (kind === 'shopper') n.appendChild(el('p', { class: 'hc-state' }, time));
      return n;
    }
    function linkify(text) {
      return text.split(/(https?:\/\/[^\s<>"']+)/).map(function (part, i) {
        if (i % 2 === 0) return part;
        var tail = /[.,!?;:)\]]+$/.exec(part), url = tail ? part.slice(0, -tail[0].length) : part;
        var u = httpURL(url);
        return u ? [el('a', { href: u, target: '_blank', rel: 'noopener noreferrer nofollow' }, url), tail ? tail[0] : ''] : part;
      });
    }
    function kindOf(m) {
      return m.author === 'shopper' || m.author === 'agent' || m.author === 'system' || m.author === 'ai' ? m.author : 'auto';
    }

    // addMessage shows a server message once, whatever delivers it first
    // (the POST's answer, the stream, a state): by id, and by client id for
    // the shopper's own optimistic copy.
    function addMessage(m) {
      if (!m || m.id == null) return;
      if (m.conversation_id != null) {
        if (c.conv && m.conversation_id !== c.conv.id) {
          if (m.conversation_id < c.conv.id) return; // a late event of an older conversation
          resetThread();
          c.setConv({ id: m.conversation_id, status: 'open' });
        } else if (!c.conv) {
          reopen();
          c.setConv({ id: m.conversation_id, status: 'open' });
        }
      }
      var have = messages.get(m.id);
      if (have) {
        if (m.seen_at && !have.m.seen_at) { have.m.seen_at = m.seen_at; updateSeen(); }
        return;
      }
      var stick = nearBottom();
      var kind = kindOf(m), at = new Date(m.created_at);
      var node = kind === 'system'
        ? el('div', { class: 'hc-sys' }, el('p', null, String(m.body || '')))
        : bubble(kind, m, m.body, at);
      node.setAttribute('data-id', m.id);
      var p = m.client_id != null && pendings.get(m.client_id);
      if (p) {
        p.done = true;
        pendings.delete(p.cid);
        p.node.replaceWith(node);
      } else {
        insert(node, m.id);
      }
      messages.set(m.id, { m: m, node: node });
      if (!lastMessage || m.id > lastMessage.id) lastMessage = m;
      c.ai.added(m, node);
      if (kind === 'shopper' && !welcomeShown) showWelcome();
      regroup();
      updateSeen();
      updateUnread();
      updateHome();
      markSeen();
      scrollDown(stick || kind === 'shopper');
    }
    // insert keeps server messages in id order, above unsent ones.
    function insert(node, id) {
      var after = null;
      list.querySelectorAll('[data-id],[data-client]').forEach(function (n) {
        if (!after && (n.hasAttribute('data-client') || +n.getAttribute('data-id') > id)) after = n;
      });
      list.insertBefore(node, after);
    }
    // resetThread empties the thread for a new conversation; messages still
    // being sent stay (they belong to it).
    function resetThread() {
      list.textContent = '';
      messages.clear();
      lastMessage = null;
      c.ai.reset();
      followUp = null;
      welcomeShown = false;
      seenUpTo = 0;
      if (!c.faqs.length) showWelcome();
      pendings.forEach(function (p) { list.appendChild(p.node); });
      regroup();
      updateUnread();
      updateHome();
    }
    // reopen clears the ended conversation still on screen, before anything
    // new goes in the thread.
    function reopen() {
      if (c.ended) { resetThread(); c.ended = false; }
    }
    // beforeSend readies the thread for the shopper's new message: the FAQ
    // follow-up and the notes go, the welcome shows.
    function beforeSend() {
      reopen();
      if (followUp) { followUp.remove(); followUp = null; }
      list.querySelectorAll('.hc-note').forEach(function (n) { n.remove(); });
      showWelcome();
    }
    // systemNote says what happened to the conversation; it goes with the
    // next message the shopper sends.
    function systemNote(text) {
      list.appendChild(el('div', { class: 'hc-sys hc-note' }, el('p', null, text)));
      scrollDown(true);
    }
    function nearBottom() { return box.scrollHeight - box.scrollTop - box.clientHeight < 80; }
    function scrollDown(force) { if (force) box.scrollTop = box.scrollHeight; }

    // --- Read receipts and the unread badge -------------------------------

    // fromTeam: the messages hubchat marks seen (an agent's or the AI
    // agent's) and counts as unread.
    function fromTeam(m) { return m.author === 'agent' || m.author === 'ai'; }
    // markSeen tells hubchat up to which of their messages the thread was
    // displayed: only while the Chat tab is open and the page visible.
    function markSeen() {
      if (!net.ready() || !hub.chatVisible() || document.visibilityState !== 'visible') return;
      var max = 0;
      messages.forEach(function (x) {
        if (fromTeam(x.m) && !x.m.seen_at && x.m.id > max) max = x.m.id;
      });
      if (max <= seenUpTo) return;
      var was = seenUpTo;
      seenUpTo = max;
      updateUnread();
      net.api('POST', '/api/storefront/seen', { up_to_id: max }).then(function (r) {
        if (!r.ok) throw new Error('seen: HTTP ' + r.status);
      }).catch(function () { seenUpTo = was; updateUnread(); });
    }
    // updateUnread shows the replies the shopper has not seen: a count on
    // the launcher, a dot on the Chat tab, and the newest in the bubble
    // above the launcher while the hub is closed.
    function updateUnread() {
      var n = 0, newest = null;
      messages.forEach(function (x) {
        if (fromTeam(x.m) && !x.m.seen_at && x.m.id > seenUpTo) {
          n++;
          if (!newest || x.m.id > newest.m.id) newest = x;
        }
      });
      var shown = hub.chatVisible() ? 0 : n;
      hub.badge(shown);
      var dot = hub.root.querySelector('[data-hc-unread]');
      if (dot) dot.hidden = !shown;
      around.bubble(shown && !hub.isOpen() ? newest.m : null);
    }
    function updateHome() { around.home(c.conv && lastMessage); }
    // regroup gives a burst of messages from one sender, each within
    // GROUP_MS of the one before, one time: above the first of the shop's
    // side, under the last of the shopper's.
    // Anything else in between (a note, a card) ends a burst.
    function regroup() {
      var prev = null;
      [].forEach.call(list.children, function (n) {
        var msg = n.matches('.hc-msg[data-who][data-at]');
        var burst = msg && prev && prev.getAttribute('data-who') === n.getAttribute('data-who') &&
          +n.getAttribute('data-at') - +prev.getAttribute('data-at') < GROUP_MS;
        n.classList.toggle('hc-msg--cont', !!burst);
        if (prev) prev.classList.toggle('hc-msg--more', !!burst);
        prev = msg ? n : null;
      });
      if (prev) prev.classList.remove('hc-msg--more');
    }
    // updateSeen shows "Seen" under the shopper's latest message an agent saw.
    function updateSeen() {
      var last = null;
      messages.forEach(function (x) {
        if (x.m.author === 'shopper' && x.m.seen_at && (!last || x.m.id > last.m.id)) last = x;
      });
      list.querySelectorAll('.hc-seen').forEach(function (n) { n.remove(); });
      var state = last && last.node.querySelector('.hc-state');
      if (state) state.appendChild(el('span', { class: 'hc-seen' }, state.firstChild ? ' · ' : '', T.seen));
    }
    // seen takes a message.seen event: an agent saw these messages.
    function seen(d) {
      (d.message_ids || []).forEach(function (id) {
        var x = messages.get(id);
        if (x && !x.m.seen_at) x.m.seen_at = d.seen_at || new Date().toISOString();
      });
      updateSeen();
      updateUnread();
    }
    function onShow() {
      markSeen();
      updateUnread();
      scrollDown(hub.chatVisible() && list.children.length > 0);
    }
  }
})();
