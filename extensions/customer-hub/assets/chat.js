/* hubchat chat UI for the Customer Hub's Chat tab. hub.js loads it (with
 * chat.css) the first time the hub opens and calls hubchat.mountChat(hub).
 *
 * It speaks docs/chat-api.md: POST {proxy_path}/session through the app proxy
 * (same origin) for a shopper token and the initial state; then, on hubchat's
 * own origin (api_base) with "Authorization: Bearer <token>": messages, end,
 * seen, state, and the live stream read with fetch (EventSource cannot send
 * the header), resumed with Last-Event-ID.
 *
 * Safety: every text that comes from a shopper, an agent, the merchant or the
 * server is inserted as a text node by el() below, never parsed as HTML
 * (SPEC.md §1.5); links and images accept http(s) URLs only. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  hub.mountChat = mount;

  var MAX = 5000; // characters in a message (the app answers 422 beyond)
  var WARN = 4500; // from here on the composer shows how many are left
  var OPEN_KEY = 'hubchat:conversation';

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
  // icon draws one of this file's own path strings (never data).
  function icon(d) {
    var ns = 'http://www.w3.org/2000/svg', s = document.createElementNS(ns, 'svg'), p = document.createElementNS(ns, 'path');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    p.setAttribute('d', d);
    s.appendChild(p);
    return s;
  }
  // httpURL returns an absolute http(s) URL, or '' for anything else
  // (javascript:, data:, relative or malformed).
  function httpURL(u) {
    try {
      var x = new URL(String(u));
      return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : '';
    } catch (e) { return ''; }
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
  function chars(s) { return Array.from(s).length; } // code points, not UTF-16 units
  function uuid() {
    var c = window.crypto;
    if (c.randomUUID) return c.randomUUID();
    var b = c.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }
  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function store(k, v) {
    try { if (v == null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (e) { /* blocked */ }
  }

  function mount(hub) {
    var cfg = hub.cfg, T = cfg.i18n || {}, box = hub.chat;
    var loadingEl = box.querySelector('[data-hc-loading]');
    var signin = box.querySelector('[data-hc-signin]');
    var uid = 'hc' + Math.random().toString(36).slice(2, 8);
    var timeFmt;
    try {
      timeFmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { hour: 'numeric', minute: '2-digit' });
    } catch (e) { timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }); }

    // Session and conversation state.
    var token = '', apiBase = '', expires = 0, refreshing = null, refreshTimer = 0;
    var settings = {}, faqs = [], canChat = !!cfg.signed_in, loginURL = cfg.login_url;
    var conv = null; // {id, status} of the open (or snoozed) conversation
    var ended = false; // the thread shows a closed conversation until the next message
    var messages = new Map(); // id → {m, node}
    var pendings = new Map(); // client id → {cid, body, node, tries, done}
    var queue = [], sending = false;
    var lastEventId = '', streamCtl = null, backoff = 0, retryMs = 0, reconnectTimer = 0;
    var seenUpTo = 0, welcomeShown = false, followUp = null, enterSent = false;

    // The tab's layout: a bar (status, End chat), the thread, the footer.
    var statusEl = el('p', { class: 'hc-status', role: 'status' });
    var endBtn = el('button', { type: 'button', class: 'hc-end', hidden: true, onclick: askEnd }, T.end);
    var bar = el('div', { class: 'hc-bar', hidden: true }, statusEl, endBtn);
    var thread = el('div', { class: 'hc-thread', role: 'log', 'aria-label': T.conversation, tabindex: '0' });
    var intro = el('div', { class: 'hc-intro' });
    var list = el('div', { class: 'hc-list' });
    var notice = el('p', { class: 'hc-notice', role: 'alert', hidden: true });
    var legal = el('p', { class: 'hc-legal', hidden: true });
    var count = el('p', { class: 'hc-count', id: uid + '-count', hidden: true });
    var ta = el('textarea', {
      class: 'hc-input', id: uid + '-input', rows: '1', placeholder: T.placeholder,
      'aria-describedby': uid + '-count', enterkeyhint: 'send',
      oninput: onInput, onkeydown: onKey,
      onkeyup: function () { enterSent = false; },
      // Some input methods (and DevTools-driven key presses) still deliver
      // the Enter's line break after keydown was cancelled: drop it.
      onbeforeinput: function (e) {
        if (enterSent && (e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph' || /^[\r\n]+$/.test(e.data || ''))) e.preventDefault();
      }
    });
    var sendBtn = el('button', { type: 'submit', class: 'hc-send', 'aria-label': T.send, disabled: true },
      icon('M12 19V5M5.5 11.5 12 5l6.5 6.5'));
    var form = el('form', { class: 'hc-composer', hidden: true, onsubmit: function (e) { e.preventDefault(); submit(); } },
      el('label', { class: 'hc-sr', for: uid + '-input' }, T.composer_label), ta, sendBtn);
    var confirmBox = el('div', { class: 'hc-confirm', hidden: true });
    var foot = el('div', { class: 'hc-foot' }, notice, confirmBox, legal, count, form);
    thread.appendChild(intro);
    thread.appendChild(list);

    hub.focusChat = function () {
      var n = !form.hidden ? ta : signin && !signin.hidden ? signin.querySelector('a') : null;
      if (!n || !n.getClientRects().length) return false;
      n.focus();
      return true;
    };

    start();

    function start() {
      session().then(function (state) {
        if (loadingEl) loadingEl.remove();
        box.appendChild(bar);
        box.appendChild(thread);
        box.appendChild(foot);
        if (signin) foot.appendChild(signin);
        thread.setAttribute('aria-busy', 'true'); // the history is not news
        applyState(state, true);
        thread.removeAttribute('aria-busy');
        if (hub.chatVisible() && (document.activeElement === hub.panel || !hub.panel.contains(document.activeElement))) hub.focusChat();
        scrollDown(!!conv);
      }, function (err) {
        if (!loadingEl) return;
        loadingEl.textContent = err && err.status ? T.unavailable : T.load_error;
        loadingEl.appendChild(document.createTextNode(' '));
        loadingEl.appendChild(el('button', {
          type: 'button', class: 'hc-link',
          onclick: function () { loadingEl.textContent = T.loading || ''; start(); }
        }, T.retry));
      });
    }

    // returnTo asks hubchat for a sign-in link (state.login_url) that comes
    // back to this page.
    function returnTo() {
      return '?return_to=' + encodeURIComponent(location.pathname + location.search);
    }
    // POST {proxy_path}/session: a new token (and the state with it).
    function session() {
      var path = /^\/(?!\/)[\w\-/.]*$/.test(cfg.proxy_path) ? cfg.proxy_path.replace(/\/+$/, '') : '/apps/hubchat';
      return fetch(path + '/session' + returnTo(), { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) {
          if (!r.ok) {
            var e = new Error('session: HTTP ' + r.status);
            if (r.status === 401 || r.status === 403) e.status = r.status;
            throw e;
          }
          return r.json();
        })
        .then(function (s) {
          var base = httpURL(s.api_base);
          if (!s.token || !base) throw new Error('session: no token or api_base');
          token = s.token;
          apiBase = base.replace(/\/+$/, '');
          expires = Date.parse(s.expires_at) || Date.now() + 30 * 60e3;
          clearTimeout(refreshTimer);
          refreshTimer = setTimeout(refresh, Math.max(expires - Date.now() - 5 * 60e3, 10e3));
          return s.state || {};
        });
    }
    // refresh renews the token before it expires (and after a 401), once
    // at a time, merging the state it comes with.
    function refresh() {
      if (!refreshing) {
        refreshing = session().then(function (state) {
          refreshing = null;
          applyState(state, false);
        }, function (e) {
          refreshing = null;
          throw e;
        });
      }
      return refreshing;
    }
    function api(method, path, body, again) {
      var headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
      if (body) headers['Content-Type'] = 'application/json';
      return fetch(apiBase + path, {
        method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
        credentials: 'omit', cache: 'no-store'
      }).then(function (r) {
        if (r.status === 401 && !again) return refresh().then(function () { return api(method, path, body, true); });
        return r;
      });
    }

    function applyState(st, first) {
      st = st || {};
      // The state is current to event_id: a stream not yet open resumes
      // after it, so nothing between the two is missed.
      if (!streamCtl && st.event_id) lastEventId = String(st.event_id);
      settings = st.settings || settings;
      if ('can_chat' in st) canChat = !!st.can_chat;
      if (linkURL(st.login_url)) loginURL = st.login_url;
      if (first) {
        faqs = Array.isArray(st.faqs) ? st.faqs : [];
        renderFaqs();
      }
      var c = st.conversation;
      if (c && c.id != null && c.status !== 'closed') {
        if (conv && conv.id !== c.id) resetThread();
        if (ended) { resetThread(); ended = false; }
        setConv(c);
        (c.messages || []).forEach(function (m) { addMessage(m); });
      } else if (conv && (!c || c.id === conv.id)) {
        finish(T.closed, true); // closed while we were away
      } else if (!conv) {
        store(OPEN_KEY, null);
      }
      if (first && (!faqs.length || conv)) showWelcome();
      renderFoot();
      updateUnread();
    }

    function setConv(c) {
      var fresh = !conv || conv.id !== c.id;
      conv = { id: c.id, status: c.status || 'open' };
      ended = false;
      endBtn.hidden = bar.hidden = false;
      if (cfg.customer_id) store(OPEN_KEY, JSON.stringify({ customer: cfg.customer_id, id: conv.id }));
      if (fresh) renderFoot();
      connect();
    }

    // --- The thread -----------------------------------------------------

    function renderFaqs() {
      intro.textContent = '';
      if (!faqs.length) return;
      var head = uid + '-faqs';
      intro.appendChild(el('section', { class: 'hc-faqs', 'aria-labelledby': head },
        el('h3', { class: 'hc-faqs__title', id: head }, T.faq_heading),
        el('ul', { class: 'hc-faqs__list' },
          faqs.map(function (f) {
            return el('li', null, el('button', { type: 'button', class: 'hc-chip', onclick: function () { answer(f); } }, f.question));
          }),
          el('li', null, el('button', { type: 'button', class: 'hc-chip hc-chip--quiet', onclick: needHelp }, T.faq_other)))));
    }
    // answer shows a FAQ as the shopper's question and its answer as an
    // automated message, at once and without a request.
    function answer(f) {
      if (ended) { resetThread(); ended = false; }
      list.appendChild(bubble('shopper', null, f.question, new Date()));
      list.appendChild(bubble('auto', null, f.answer, new Date()));
      if (followUp) followUp.remove();
      followUp = welcomeShown ? null : el('div', { class: 'hc-followup' },
        el('button', { type: 'button', class: 'hc-chip hc-chip--quiet', onclick: needHelp }, T.more_help));
      if (followUp) list.appendChild(followUp);
      scrollDown(true);
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
      var text = String(settings.welcome_message || cfg.welcome_message || '').trim();
      if (!text) return;
      var n = bubble('auto', null, text, null);
      n.classList.add('hc-msg--welcome');
      // Before the first message: above the history, after FAQ answers.
      var firstServer = list.querySelector('[data-id],[data-client]');
      list.insertBefore(n, firstServer);
    }

    // bubble builds one message: the author line, the text (links made
    // clickable, everything else as text), images, and a state line.
    function bubble(kind, m, body, at) {
      var who = kind === 'shopper' ? T.you : kind === 'agent' ? (m && m.author_name) || T.team : T.automated;
      var time = at && !isNaN(at) ? el('time', { datetime: at.toISOString() }, timeFmt.format(at)) : null;
      var head = kind === 'shopper'
        ? el('p', { class: 'hc-sr' }, fmt(T.sent_by, { name: who }))
        : el('p', { class: 'hc-meta' }, kind === 'auto' ? el('span', { class: 'hc-tag' }, T.automated) : el('span', { class: 'hc-who' }, who), time ? [' · ', time] : null);
      var text = String(body || '');
      var n = el('div', { class: 'hc-msg hc-msg--' + kind }, head,
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
      return m.author === 'shopper' ? 'shopper' : m.author === 'agent' ? 'agent' : m.author === 'system' ? 'system' : 'auto';
    }

    // addMessage shows a server message once, whatever delivers it first
    // (the POST's answer, the stream, a state): by id, and by client id for
    // the shopper's own optimistic copy.
    function addMessage(m) {
      if (!m || m.id == null) return;
      if (m.conversation_id != null) {
        if (conv && m.conversation_id !== conv.id) {
          if (m.conversation_id < conv.id) return; // a late event of an older conversation
          resetThread();
          setConv({ id: m.conversation_id, status: 'open' });
        } else if (!conv) {
          if (ended) { resetThread(); ended = false; }
          setConv({ id: m.conversation_id, status: 'open' });
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
      if (kind === 'shopper' && !welcomeShown) showWelcome();
      updateSeen();
      updateUnread();
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
      followUp = null;
      welcomeShown = false;
      seenUpTo = 0;
      if (!faqs.length) showWelcome();
      pendings.forEach(function (p) { list.appendChild(p.node); });
      updateUnread();
    }
    // systemNote says what happened to the conversation; it goes with the
    // next message the shopper sends.
    function systemNote(text) {
      list.appendChild(el('div', { class: 'hc-sys hc-note' }, el('p', null, text)));
      scrollDown(true);
    }
    function nearBottom() { return thread.scrollHeight - thread.scrollTop - thread.clientHeight < 80; }
    function scrollDown(force) { if (force) thread.scrollTop = thread.scrollHeight; }

    // --- Read receipts and the unread badge -------------------------------

    // fromTeam: the messages hubchat marks seen (an agent's or the AI
    // agent's) and counts as unread.
    function fromTeam(m) { return m.author === 'agent' || m.author === 'ai'; }
    // markSeen tells hubchat up to which of their messages the thread was
    // displayed: only while the Chat tab is open and the page visible.
    function markSeen() {
      if (!token || !hub.chatVisible() || document.visibilityState !== 'visible') return;
      var max = 0;
      messages.forEach(function (x) {
        if (fromTeam(x.m) && !x.m.seen_at && x.m.id > max) max = x.m.id;
      });
      if (max <= seenUpTo) return;
      var was = seenUpTo;
      seenUpTo = max;
      updateUnread();
      api('POST', '/api/storefront/seen', { up_to_id: max }).then(function (r) {
        if (!r.ok) throw new Error('seen: HTTP ' + r.status);
      }).catch(function () { seenUpTo = was; updateUnread(); });
    }
    function updateUnread() {
      var n = 0;
      messages.forEach(function (x) {
        if (fromTeam(x.m) && !x.m.seen_at && x.m.id > seenUpTo) n++;
      });
      hub.badge(hub.chatVisible() ? 0 : n);
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
    function onShow() {
      markSeen();
      updateUnread();
      scrollDown(hub.chatVisible() && list.children.length > 0);
    }
    hub.root.addEventListener('hubchat:open', onShow);
    hub.root.addEventListener('hubchat:tab', onShow);
    hub.root.addEventListener('hubchat:close', updateUnread);
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) return;
      if (token && Date.now() > expires - 60e3) refresh().catch(function () {});
      onShow();
    });
    window.addEventListener('online', function () {
      if (queue.length) { queue[0].tries = 0; pump(); }
      if (conv && !streamCtl) connect();
    });

    // --- The footer: composer or sign-in, legal links, notices -----------

    function renderFoot() {
      form.hidden = !canChat;
      if (!canChat) {
        if (!signin) {
          signin = el('div', { class: 'hc-signin' }, el('p', { class: 'hc-signin__text' }, cfg.signed_in ? T.unavailable : T.sign_in_text));
          foot.appendChild(signin);
        }
        var a = signin.querySelector('a');
        if (!a && !cfg.signed_in && linkURL(loginURL)) {
          signin.appendChild(el('a', { class: 'hc-btn', href: linkURL(loginURL) }, T.sign_in));
        } else if (a && linkURL(loginURL)) {
          a.setAttribute('href', linkURL(loginURL));
        }
      }
      if (signin) signin.hidden = canChat;
      // Privacy policy and terms: before the shopper's first message.
      var privacy = linkURL(settings.privacy_url || cfg.privacy_url), terms = linkURL(settings.terms_url || cfg.terms_url);
      legal.textContent = '';
      legal.hidden = !canChat || !!conv || (!privacy && !terms);
      if (!legal.hidden) {
        var link = function (href, text) { return el('a', { href: href, target: '_blank', rel: 'noopener' }, text); };
        add(legal, fill(privacy && terms ? T.legal_both : privacy ? T.legal_privacy : T.legal_terms, {
          privacy: privacy ? link(privacy, T.privacy) : '', terms: terms ? link(terms, T.terms) : ''
        }));
      }
      endBtn.hidden = !conv;
      bar.hidden = !conv && !statusEl.textContent;
    }
    function showNotice(text) {
      notice.textContent = text || '';
      notice.hidden = !text;
    }
    function onInput() {
      ta.style.height = 'auto';
      ta.style.height = Math.min(ta.scrollHeight, 140) + 'px';
      var n = chars(ta.value), over = n > MAX;
      sendBtn.disabled = !ta.value.trim() || over;
      count.hidden = n < WARN;
      count.textContent = over ? fmt(T.chars_over, { count: n - MAX }) : fmt(T.chars_left, { count: MAX - n });
      count.classList.toggle('hc-count--over', over);
      if (over) ta.setAttribute('aria-invalid', 'true'); else ta.removeAttribute('aria-invalid');
    }
    function onKey(e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        enterSent = true;
        submit();
      }
    }

    // --- Sending ------------------------------------------------------------

    // submit shows the message at once (optimistically) and queues it with a
    // client id; the queue sends one message at a time, in order.
    function submit() {
      var body = ta.value.trim();
      if (!body || !canChat) return;
      if (chars(body) > MAX) { showNotice(fmt(T.too_long, { max: MAX })); return; }
      if (ended) { resetThread(); ended = false; }
      if (followUp) { followUp.remove(); followUp = null; }
      list.querySelectorAll('.hc-note').forEach(function (n) { n.remove(); });
      showWelcome();
      showNotice('');
      var p = { cid: uuid(), body: body, tries: 0, done: false };
      p.node = bubble('shopper', null, body, new Date());
      p.node.setAttribute('data-client', p.cid);
      pendings.set(p.cid, p);
      queue.push(p);
      list.appendChild(p.node);
      setState(p, T.sending);
      ta.value = '';
      onInput();
      scrollDown(true);
      pump();
    }
    function setState(p, text, retry) {
      var s = p.node.querySelector('.hc-state');
      s.textContent = '';
      p.node.classList.toggle('hc-msg--failed', !!retry);
      add(s, [text, retry ? [' ', el('button', {
        type: 'button', class: 'hc-link',
        onclick: function () { p.tries = 0; setState(p, T.sending); pump(); }
      }, T.retry_send)] : null]);
    }
    function pump() {
      if (sending) return;
      while (queue.length && queue[0].done) queue.shift();
      var p = queue[0];
      if (!p) return;
      sending = true;
      p.tries++;
      var next = function () {
        if (queue[0] === p) queue.shift();
        sending = false;
        pump();
      };
      api('POST', '/api/storefront/messages', { client_id: p.cid, body: p.body }).then(function (r) {
        if (r.ok) {
          return r.json().then(function (d) {
            if (d.conversation && d.conversation.id != null && (!conv || conv.id !== d.conversation.id)) {
              if (ended) { ended = false; }
              setConv(d.conversation);
            }
            if (d.message) {
              if (d.message.client_id == null) d.message.client_id = p.cid;
              addMessage(d.message);
            }
            (d.automatic || []).forEach(function (m) { addMessage(m); });
            if (!p.done) drop(p); // answered without a message: nothing to show twice
            next();
          });
        }
        if (r.status === 429) {
          // Too fast: wait as told (the header needs Access-Control-Expose-Headers)
          // and send the same client id again.
          var v = r.headers.get('Retry-After'), s = /^\d+$/.test(v) ? +v : Math.ceil((Date.parse(v) - Date.now()) / 1000);
          s = Math.min(Math.max(s || 5, 1), 300);
          showNotice(fmt(T.rate_limited, { seconds: s }));
          return wait(s * 1000).then(function () {
            showNotice('');
            p.tries = 0;
            sending = false;
            pump();
          });
        }
        if (r.status >= 400 && r.status < 500) {
          // 422 (empty, too long), 403 (not allowed): say why, give the
          // text back to edit, and go on with the queue.
          return r.json().catch(function () { return {}; }).then(function (d) {
            drop(p);
            showNotice((d && typeof d.error === 'string' && d.error) || T.send_error);
            if (!ta.value) { ta.value = p.body; onInput(); }
            if (r.status === 403) { canChat = false; renderFoot(); }
            next();
          });
        }
        throw new Error('messages: HTTP ' + r.status);
      }).catch(function () {
        // Network failure or 5xx: the same client id again (hubchat stores
        // it once), backing off; after five tries, a Retry button.
        sending = false;
        if (p.done) return pump();
        if (p.tries < 5) setTimeout(pump, Math.min(1000 * Math.pow(2, p.tries - 1), 15000));
        else setState(p, T.failed, true);
      });
    }
    function drop(p) {
      p.done = true;
      pendings.delete(p.cid);
      if (p.node.parentNode) p.node.remove();
    }

    // --- Ending -------------------------------------------------------------

    function askEnd() {
      if (!conv) return;
      var q = uid + '-endq';
      var cancel = el('button', { type: 'button', class: 'hc-btn hc-btn--quiet', onclick: closeConfirm }, T.end_cancel);
      confirmBox.textContent = '';
      add(confirmBox, [
        el('p', { id: q }, T.end_question),
        el('div', { class: 'hc-confirm__actions' }, cancel,
          el('button', { type: 'button', class: 'hc-btn hc-btn--danger', onclick: endChat }, T.end_confirm))
      ]);
      confirmBox.setAttribute('role', 'group');
      confirmBox.setAttribute('aria-labelledby', q);
      confirmBox.onkeydown = function (e) {
        if (e.key === 'Escape') { e.preventDefault(); closeConfirm(); }
      };
      confirmBox.hidden = false;
      form.hidden = true;
      cancel.focus();
    }
    function closeConfirm() {
      confirmBox.hidden = true;
      form.hidden = !canChat;
      if (!endBtn.hidden) endBtn.focus();
    }
    function endChat() {
      var id = conv && conv.id;
      if (id == null) return closeConfirm();
      api('POST', '/api/storefront/end', { conversation_id: id }).then(function (r) {
        if (!r.ok && r.status !== 404 && r.status !== 409) throw new Error('end: HTTP ' + r.status);
        confirmBox.hidden = true;
        if (conv && conv.id === id) finish(T.ended, false);
        hub.focusChat();
      }).catch(function () {
        closeConfirm();
        showNotice(T.end_error);
      });
    }
    // finish forgets the conversation; its history stays on screen (with a
    // note) until the next message when the agent closed it, or goes at once
    // when the shopper ended it.
    function finish(text, keep) {
      conv = null;
      stopStream();
      store(OPEN_KEY, null);
      if (keep) ended = true; else resetThread();
      systemNote(text);
      renderFoot();
      form.hidden = !canChat;
    }

    // --- The live stream ----------------------------------------------------

    // connect reads GET {api_base}/api/storefront/stream with fetch while a
    // conversation is open, and reconnects with backoff and Last-Event-ID.
    function connect() {
      if (streamCtl || !conv || !token) return;
      clearTimeout(reconnectTimer);
      var ctl = new AbortController(), watchdog = 0, caughtUp = !!lastEventId;
      streamCtl = ctl;
      var kick = function () {
        clearTimeout(watchdog);
        watchdog = setTimeout(function () { ctl.abort(); }, 50e3); // a ping comes every 20 s
      };
      var headers = { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      fetch(apiBase + '/api/storefront/stream', { headers: headers, signal: ctl.signal, credentials: 'omit', cache: 'no-store' })
        .then(function (r) {
          if (r.status === 401) return refresh();
          if (r.status === 403 || r.status === 404 || r.status === 204) { ctl.stopped = true; return; }
          if (!r.ok || !r.body) throw new Error('stream: HTTP ' + r.status);
          backoff = 0;
          setStatus(false);
          // Without an event id yet, catch up on what happened between the
          // state and this stream.
          if (!caughtUp) {
            api('GET', '/api/storefront/state' + returnTo()).then(function (s) { return s.ok ? s.json() : null; })
              .then(function (st) { if (st) applyState(st, false); }).catch(function () {});
          }
          var reader = r.body.getReader(), dec = new TextDecoder(), feed = sse(onEvent);
          kick();
          var read = function () {
            return reader.read().then(function (x) {
              if (x.done) return;
              kick();
              feed(dec.decode(x.value, { stream: true }));
              return read();
            });
          };
          return read();
        })
        .catch(function () { /* reconnect below */ })
        .then(function () {
          clearTimeout(watchdog);
          if (streamCtl === ctl) streamCtl = null;
          if (ctl.stopped || !conv) return;
          var delay = Math.min((retryMs || 1000) * Math.pow(2, backoff++), 30e3) * (0.8 + Math.random() * 0.4);
          if (backoff > 1) setStatus(true);
          reconnectTimer = setTimeout(connect, delay);
        });
    }
    function stopStream() {
      clearTimeout(reconnectTimer);
      setStatus(false);
      if (streamCtl) {
        streamCtl.stopped = true;
        streamCtl.abort();
        streamCtl = null;
      }
    }
    function setStatus(bad) {
      statusEl.textContent = bad ? T.reconnecting : '';
      bar.hidden = !conv && !bad;
    }
    // sse parses text/event-stream: "field: value" lines, events ended by a
    // blank line, ":" comments (the pings) ignored; any line ending.
    function sse(emit) {
      var buf = '', data = [], type = '', id = null;
      return function (chunk) {
        buf += chunk;
        for (;;) {
          var m = /\r\n|\r|\n/.exec(buf);
          if (!m || (m[0] === '\r' && m.index === buf.length - 1)) break; // "\r\n" may be split
          var line = buf.slice(0, m.index);
          buf = buf.slice(m.index + m[0].length);
          if (line === '') {
            if (id !== null) lastEventId = id;
            if (data.length) emit(type || 'message', data.join('\n'));
            data = [];
            type = '';
            continue;
          }
          if (line.charAt(0) === ':') continue;
          var c = line.indexOf(':'), field = c < 0 ? line : line.slice(0, c), value = c < 0 ? '' : line.slice(c + 1);
          if (value.charAt(0) === ' ') value = value.slice(1);
          if (field === 'data') data.push(value);
          else if (field === 'event') type = value;
          else if (field === 'id' && value.indexOf('\0') < 0) id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) retryMs = +value;
        }
      };
    }
    function onEvent(type, raw) {
      var d;
      try { d = JSON.parse(raw); } catch (e) { return; }
      if (!d || typeof d !== 'object') return;
      if (type === 'message.created') {
        addMessage(d);
      } else if (type === 'message.seen') {
        (d.message_ids || []).forEach(function (id) {
          var x = messages.get(id);
          if (x && !x.m.seen_at) x.m.seen_at = d.seen_at || new Date().toISOString();
        });
        updateSeen();
        updateUnread();
      } else if (type === 'conversation.closed') {
        if (conv && d.conversation_id === conv.id) finish(d.closed_by === 'shopper' ? T.ended : T.closed, d.closed_by !== 'shopper');
      }
    }
  }
})();
