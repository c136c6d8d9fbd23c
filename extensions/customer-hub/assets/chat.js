/* hubchat chat UI for the Customer Hub's Chat tab, the last part. hub.js
 * loads it (after chat-net.js, the transport; chat-thread.js, el() and the
 * thread; chat-hub.js, the Orders tab and the hub around the chat; and
 * chat-ai.js, the store's AI assistant; with chat.css) the first time the
 * hub opens and calls hubchat.mountChat(hub). This part holds the
 * chat's state and the rest of the tab: the bar, the composer or sign-in,
 * sending, and ending the chat.
 *
 * Safety: every text that comes from a shopper, an agent, the merchant or the
 * server is inserted as a text node by el() (chat-thread.js), never parsed
 * as HTML (SPEC.md §1.5); links and images accept http(s) URLs only, but
 * for the preview of the shopper's own image being sent (a blob: URL of
 * the file they chose). */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts || {};
  var el = P.el, add = P.add, icon = P.icon, linkURL = P.linkURL, fill = P.fill, fmt = P.fmt;
  var uuid = P.uuid, wait = P.wait, store = P.store, tagCart = P.tagCart;
  hub.mountChat = mount;

  var MAX = 5000; // characters in a message (the app answers 422 beyond)
  var WARN = 4500; // from here on the composer shows how many are left
  var OPEN_KEY = 'hubchat:conversation';
  var IMAGE_BYTES = 5 << 20; // the largest image hubchat takes (422 beyond)
  var IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

  function chars(s) { return Array.from(s).length; } // code points, not UTF-16 units
  function mount(hub) {
    var cfg = hub.cfg, T = cfg.i18n || {}, box = hub.chat;
    var loadingEl = box.querySelector('[data-hc-loading]');
    var signin = box.querySelector('[data-hc-signin]');

    // The chat's state, shared with the thread (chat-thread.js).
    var c = {
      hub: hub, cfg: cfg, T: T, uid: 'hc' + Math.random().toString(36).slice(2, 8),
      lang: P.locale(cfg), // the storefront's language, for Intl
      conv: null, // {id, status} of the open (or snoozed) conversation
      ended: false, // the thread shows a closed conversation until the next message
      settings: {}, faqs: [],
      pendings: new Map(), // client id → {cid, body, node, tries, done}
      signedIn: !!cfg.signed_in, loginURL: cfg.login_url, // as the state says
      setConv: setConv, notice: showNotice, send: submit, // send(text): as if typed and sent
      focusComposer: function () { if (!form.hidden) ta.focus(); else hub.focusChat(); }
    };
    var uid = c.uid, pendings = c.pendings;
    var number = function (n) { return new Intl.NumberFormat(c.lang).format(n); };
    var canChat = !!cfg.signed_in;
    var queue = [], sending = false, enterSent = false;
    var net = c.net = P.net(cfg, {
      state: function (st) { applyState(st, false); },
      event: onEvent, status: setStatus,
      active: function () { return !!c.conv; }
    });
    var th = P.thread(c);
    var ai = c.ai = P.agent(c, th);
    var showOrders = P.orders(c);

    // The tab's layout: a bar (the connection's status), the thread, the
    // footer (notices, the composer, then End chat: below the thread, never
    // over it, and next after the composer for the keyboard).
    var statusEl = el('p', { class: 'hc-status', role: 'status' });
    var endBtn = el('button', { type: 'button', class: 'hc-end', hidden: true, onclick: askEnd }, T.end);
    var bar = el('div', { class: 'hc-bar', hidden: true }, statusEl);
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
    // Images: a signed-in shopper's only (anonymous visitors talk to the AI
    // agent, which reads text).
    var picker = el('input', { type: 'file', class: 'hc-sr', tabindex: '-1', 'aria-hidden': 'true', accept: IMAGE_TYPES.join(','), onchange: onPick });
    var attachBtn = el('button', { type: 'button', class: 'hc-attach', 'aria-label': T.image_attach, hidden: !cfg.signed_in, onclick: function () { picker.click(); } },
      icon('M4 6.5A1.5 1.5 0 0 1 5.5 5h13A1.5 1.5 0 0 1 20 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 17.5zM4 15l4.5-4.5 4 4 2.5-2.5L20 17M15 9.5h.01'));
    var form = el('form', { class: 'hc-composer', hidden: true, onsubmit: function (e) { e.preventDefault(); submit(); } },
      el('label', { class: 'hc-sr', for: uid + '-input' }, T.composer_label), picker, attachBtn, ta, sendBtn);
    var confirmBox = el('div', { class: 'hc-confirm', hidden: true });
    var foot = el('div', { class: 'hc-foot' }, notice, confirmBox, legal, count, form, endBtn);

    hub.focusChat = function () {
      var n = !form.hidden ? ta : signin && !signin.hidden ? signin.querySelector('a') : null;
      if (!n || !n.getClientRects().length) return false;
      n.focus();
      return true;
    };

    start();

    hub.root.addEventListener('hubchat:open', th.onShow);
    hub.root.addEventListener('hubchat:tab', th.onShow);
    hub.root.addEventListener('hubchat:open', showOrders);
    hub.root.addEventListener('hubchat:tab', showOrders);
    hub.root.addEventListener('hubchat:close', th.updateUnread);
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) return;
      if (net.stale()) net.refresh().catch(function () {});
      th.onShow();
    });
    window.addEventListener('online', function () {
      if (queue.length) { queue[0].tries = 0; pump(); }
      if (c.conv) net.connect();
    });

    function start() {
      net.session().then(function (state) {
        if (loadingEl) loadingEl.remove();
        box.appendChild(bar);
        box.appendChild(th.node);
        box.appendChild(foot);
        if (signin) foot.appendChild(signin);
        th.node.setAttribute('aria-busy', 'true'); // the history is not news
        applyState(state, true);
        th.node.removeAttribute('aria-busy');
        if (hub.chatVisible() && (document.activeElement === hub.panel || !hub.panel.contains(document.activeElement))) hub.focusChat();
        th.scrollDown(!!c.conv);
        showOrders();
      }, function (err) {
        if (!loadingEl) return;
        var retry = function () { loadingEl.textContent = T.loading || ''; start(); };
        loadingEl.textContent = err && err.status ? T.unavailable : T.load_error;
        loadingEl.appendChild(document.createTextNode(' '));
        loadingEl.appendChild(el('button', { type: 'button', class: 'hc-link', onclick: retry }, T.retry));
        showOrders.failed(retry);
      });
    }

    function applyState(st, first) {
      st = st || {};
      net.resume(st.event_id);
      c.settings = st.settings || c.settings;
      if ('can_chat' in st) canChat = !!st.can_chat;
      if (st.shopper) c.signedIn = !!st.shopper.signed_in;
      if (linkURL(st.login_url)) c.loginURL = st.login_url;
      if (first) {
        c.faqs = Array.isArray(st.faqs) ? st.faqs : [];
        th.renderFaqs();
      }
      var s = st.conversation;
      if (s && s.id != null && s.status !== 'closed') {
        if (c.conv && c.conv.id !== s.id) th.resetThread();
        th.reopen();
        setConv(s);
        (s.messages || []).forEach(function (m) { th.addMessage(m); });
        ai.sync(s);
      } else if (c.conv && (!s || s.id === c.conv.id)) {
        finish(T.closed, true); // closed while we were away
      } else if (!c.conv) {
        store(OPEN_KEY, null);
      }
      if (first && (!c.faqs.length || c.conv)) th.showWelcome();
      renderFoot();
      th.updateUnread();
    }

    function setConv(s) {
      var fresh = !c.conv || c.conv.id !== s.id;
      c.conv = { id: s.id, status: s.status || 'open' };
      c.ended = false;
      endBtn.hidden = false;
      if (cfg.customer_id) store(OPEN_KEY, JSON.stringify({ customer: cfg.customer_id, id: c.conv.id }));
      if (fresh) {
        renderFoot();
        tagCart(c.conv.id);
      }
      net.connect();
    }
    function setStatus(bad) {
      statusEl.textContent = bad ? T.reconnecting : '';
      bar.hidden = !bad;
    }
    function onEvent(type, d) {
      if (type === 'message.created') {
        th.addMessage(d);
      } else if (type === 'message.seen') {
        th.seen(d);
      } else if (type === 'message.draft') {
        ai.draft(d);
      } else if (type === 'conversation.updated') {
        ai.updated(d);
      } else if (type === 'conversation.closed') {
        if (c.conv && d.conversation_id === c.conv.id) finish(d.closed_by === 'shopper' ? T.ended : T.closed, d.closed_by !== 'shopper');
      }
    }

    // --- The footer: composer or sign-in, legal links, notices -----------

    function renderFoot() {
      form.hidden = !canChat;
      if (!canChat) {
        if (!signin) {
          signin = el('div', { class: 'hc-signin' }, el('p', { class: 'hc-signin__text' }, cfg.signed_in ? T.unavailable : T.sign_in_text));
          foot.appendChild(signin);
        }
        var a = signin.querySelector('a'), login = linkURL(c.loginURL);
        if (!a && !cfg.signed_in && login) {
          signin.appendChild(el('a', { class: 'hc-btn', href: login }, T.sign_in));
        } else if (a && login) {
          a.setAttribute('href', login);
        }
      }
      if (signin) signin.hidden = canChat;
      // Privacy policy and terms: before the shopper's first message.
      var privacy = linkURL(c.settings.privacy_url || cfg.privacy_url), terms = linkURL(c.settings.terms_url || cfg.terms_url);
      legal.textContent = '';
      legal.hidden = !canChat || !!c.conv || (!privacy && !terms);
      if (!legal.hidden) {
        var link = function (href, text) { return el('a', { href: href, target: '_blank', rel: 'noopener' }, text); };
        add(legal, fill(privacy && terms ? T.legal_both : privacy ? T.legal_privacy : T.legal_terms, {
          privacy: privacy ? link(privacy, T.privacy) : '', terms: terms ? link(terms, T.terms) : ''
        }));
      }
      endBtn.hidden = !c.conv || !confirmBox.hidden;
      bar.hidden = !statusEl.textContent;
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
      count.textContent = over ? P.plural(T.chars_over, n - MAX, c.lang) : P.plural(T.chars_left, MAX - n, c.lang);
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

    // submit shows the message typed, or text, at once (optimistically) and
    // queues it with a client id; the queue sends one at a time, in order.
    function submit(text) {
      var typed = typeof text !== 'string', body = (typed ? ta.value : text).trim();
      if (!body || !canChat) return;
      if (chars(body) > MAX) { showNotice(fmt(T.too_long, { max: number(MAX) })); return; }
      th.beforeSend();
      showNotice('');
      var p = { cid: uuid(), body: body, tries: 0, done: false };
      p.node = th.bubble('shopper', null, body, new Date());
      p.node.setAttribute('data-client', p.cid);
      pendings.set(p.cid, p);
      queue.push(p);
      th.append(p.node);
      th.regroup();
      setState(p, T.sending);
      if (typed) { ta.value = ''; onInput(); }
      th.scrollDown(true);
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
      var req = p.file ? imageForm(p) : { client_id: p.cid, body: p.body, language: ai.language() };
      net.api('POST', p.file ? '/api/storefront/images' : '/api/storefront/messages', req).then(function (r) {
        if (r.ok) {
          return r.json().then(function (d) {
            if (d.conversation && d.conversation.id != null && (!c.conv || c.conv.id !== d.conversation.id)) {
              if (c.ended) { c.ended = false; }
              setConv(d.conversation);
            }
            if (d.message) {
              if (d.message.client_id == null) d.message.client_id = p.cid;
              th.addMessage(d.message);
              ai.sent(d.message, d.conversation);
            }
            (d.automatic || []).forEach(function (m) { th.addMessage(m); });
            if (!p.done) drop(p); // answered without a message: nothing to show twice
            next();
          });
        }
        if (r.status === 429) {
          // Too fast: wait as told (the header needs Access-Control-Expose-Headers)
          // and send the same client id again.
          var v = r.headers.get('Retry-After'), s = /^\d+$/.test(v) ? +v : Math.ceil((Date.parse(v) - Date.now()) / 1000);
          s = Math.min(Math.max(s || 5, 1), 300);
          showNotice(fmt(T.rate_limited, { seconds: number(s) }));
          return wait(s * 1000).then(function () {
            showNotice('');
            p.tries = 0;
            sending = false;
            pump();
          });
        }
        if (r.status >= 400 && r.status < 500) {
          // 422 (not sendable as it is), 403 (not allowed): say why in the
          // storefront's language, give the text back to edit, and go on
          // with the queue.
          return r.json().catch(function () { return {}; }).then(function (d) {
            drop(p);
            showNotice(refusal(r.status, d && d.code, !!p.file));
            if (!ta.value && p.body) { ta.value = p.body; onInput(); }
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
    // onPick sends the image the shopper chose as a message of its own,
    // shown at once from the file; the text being typed stays as it is. A
    // file hubchat would refuse is refused here first, saying why.
    function onPick() {
      var f = picker.files && picker.files[0];
      picker.value = '';
      if (!f || !canChat) return;
      if (IMAGE_TYPES.indexOf(f.type) < 0) return showNotice(T.image_type);
      if (f.size > IMAGE_BYTES) return showNotice(fmt(T.image_too_big, { max: number(IMAGE_BYTES >> 20) }));
      th.beforeSend();
      showNotice('');
      var p = { cid: uuid(), body: '', file: f, tries: 0, done: false };
      p.node = th.bubble('shopper', null, '', new Date());
      p.node.insertBefore(el('span', { class: 'hc-img' }, el('img', { src: URL.createObjectURL(f), alt: T.image_yours })), p.node.lastChild);
      p.node.setAttribute('data-client', p.cid);
      pendings.set(p.cid, p);
      queue.push(p);
      th.append(p.node);
      th.regroup();
      setState(p, T.sending);
      th.scrollDown(true);
      pump();
    }
    function imageForm(p) {
      var d = new FormData();
      d.append('client_id', p.cid);
      d.append('language', ai.language());
      d.append('image', p.file, p.file.name);
      return d;
    }
    // refusal says why hubchat refused a message, from the error's code
    // (docs/chat-api.md): the server's own words are English, so the
    // widget's translations say it.
    function refusal(status, code, image) {
      if (status === 413) return fmt(T.image_too_big, { max: number(IMAGE_BYTES >> 20) });
      if (code === 'invalid') return image ? T.image_type : T.send_invalid;
      if (code === 'forbidden') return c.signedIn ? T.unavailable : '';
      return T.send_error;
    }
    function drop(p) {
      p.done = true;
      pendings.delete(p.cid);
      if (p.node.parentNode) p.node.remove();
    }

    // --- Ending -------------------------------------------------------------

    function askEnd() {
      if (!c.conv) return;
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
      form.hidden = endBtn.hidden = true;
      cancel.focus();
    }
    function closeConfirm() {
      confirmBox.hidden = true;
      form.hidden = !canChat;
      endBtn.hidden = !c.conv;
      if (!endBtn.hidden) endBtn.focus();
    }
    function endChat() {
      var id = c.conv && c.conv.id;
      if (id == null) return closeConfirm();
      net.api('POST', '/api/storefront/end', { conversation_id: id }).then(function (r) {
        if (!r.ok && r.status !== 404 && r.status !== 409) throw new Error('end: HTTP ' + r.status);
        confirmBox.hidden = true;
        if (c.conv && c.conv.id === id) finish(T.ended, false);
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
      c.conv = null;
      net.stop();
      store(OPEN_KEY, null);
      if (keep) c.ended = true; else th.resetThread();
      th.systemNote(text);
      th.updateHome();
      renderFoot();
      form.hidden = !canChat;
    }
  }
})();
