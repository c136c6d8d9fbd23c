/* hubchat chat UI, part 3 of 4 (after chat-thread.js): the store's AI
 * assistant in the thread (docs/chat-api.md). Its messages carry product
 * cards and may ask something of the shopper: "talk to a person?" (Yes /
 * No), to sign in, to leave an email address, or "did you mean…?" (its
 * choices as buttons). While it works on an answer, it is shown typing,
 * with the text so far when the store's model writes the answer
 * (message.draft events).
 *
 * Safety: as everywhere in the chat UI, server text goes in as text nodes
 * through el(); links accept storefront paths and http(s) URLs only. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts = hub.chatParts || {};
  var el = P.el, linkURL = P.linkURL, httpURL = P.httpURL, fmt = P.fmt, proxyPath = P.proxyPath;
  P.agent = agent;

  var TYPING_MS = 25000; // stop showing the assistant typing after this long
  var EMAIL = /^[^\s@"<>()]+@[^\s@"<>()]+\.[^\s@"<>().]{2,}$/; // as the app checks, roughly

  // language is the storefront's (request.locale), for the assistant's
  // answers.
  function language() {
    var l = hub.cfg.locale || document.documentElement.lang || (window.Shopify && window.Shopify.locale) || '';
    return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l) ? l : '';
  }

  // agent builds the assistant's part of the chat c (chat.js), drawing in
  // the thread th. It keeps what the server said of the conversation: is
  // the assistant answering it, and is its offer of a person open.
  function agent(c, th) {
    var T = c.T, uid = c.uid;
    var answering = false, latestAI = 0, waitingFor = 0;
    var typing = null, typingTimer = 0, handedNote = null;
    var offers = {}, emails = {}, picks = {}; // message id → its actions or form

    return {
      language: language, name: name, decorate: decorate, added: added,
      sync: sync, updated: updated, sent: sent, reset: reset, draft: draft
    };

    function name() { return fmt(T.assistant, { shop: c.cfg.shop_name || '' }).trim(); }

    // decorate adds to an assistant message's bubble what it carries: its
    // product cards and, for what it asks, its controls (shown by added()).
    function decorate(m, node) {
      if (Array.isArray(m.cards) && m.cards.length) node.appendChild(cards(m.cards));
      if (m.kind === 'sign_in') signIn(node);
    }
    // signIn adds a sign-in button, to the store's login returning to this
    // page, for a shopper not signed in.
    function signIn(node) {
      var href = linkURL(c.loginURL);
      if (!c.signedIn && href) node.appendChild(el('div', { class: 'hc-ask' }, el('a', { class: 'hc-btn', href: href }, T.sign_in_short)));
    }

    // added follows a message into the thread: the assistant's latest
    // message shows its Yes / No or email form, and the typing stops when
    // an answer comes.
    function added(m, node) {
      if (m.author === 'shopper') {
        closePicks(); // the shopper said something else: the choices are past
        if (typing) th.append(typing); // stays last
        return;
      }
      if (m.author === 'ai' || m.author === 'agent') {
        if (m.id >= waitingFor) stopTyping();
      }
      if (m.author !== 'ai' || m.id < latestAI) return;
      latestAI = m.id;
      closeAsks();
      if (m.kind === 'handoff_offer') offers[m.id] = offer(m, node);
      else if (m.kind === 'email') emails[m.id] = emailForm(m, node);
      else if (m.kind === 'choices' && Array.isArray(m.choices)) picks[m.id] = choices(m, node);
    }

    // sync takes the conversation's state (its messages already added).
    function sync(conv) {
      answering = !!conv.ai_answering;
      if (!conv.handoff_offered) closeOffers();
      if (!answering) {
        closeAsks();
        stopTyping();
        if (latestOffer()) handedOver(latestOffer());
      }
      var last = th.last();
      if (answering && !conv.handoff_offered && last && last.author === 'shopper' &&
          Date.now() - Date.parse(last.created_at) < TYPING_MS) {
        startTyping(last.id);
      }
    }

    // updated takes a conversation.updated event: the assistant's offer
    // answered, in this tab or another (Yes: handed off to the team).
    function updated(d) {
      if (!c.conv || d.id !== c.conv.id) return;
      if ('ai_answering' in d) answering = !!d.ai_answering;
      if ('handoff' in d) closeOffers();
      if (d.handoff && d.handoff !== 'none' || !answering) {
        closeAsks();
        stopTyping();
        if (d.handoff === 'inbox') handedOver(latestOffer());
      }
    }

    // sent follows the shopper's message as the app answered it: when the
    // assistant will answer, it is shown typing until it does.
    function sent(m, conv) {
      answering = !!(conv && conv.ai_answering);
      if (answering && m && m.id > latestAI) startTyping(m.id);
    }

    // reset forgets the conversation (a new one starts).
    function reset() {
      stopTyping();
      answering = false;
      latestAI = waitingFor = 0;
      offers = {};
      emails = {};
      picks = {};
      handedNote = null;
    }

    // --- Product cards -------------------------------------------------

    function cards(list) {
      var locale = c.lang;
      return el('ul', { class: 'hc-products', 'aria-label': T.products }, list.map(function (p) {
        var href = throughProxy(linkURL(p && p.url));
        if (!href) return null;
        var src = httpURL(p.image_url), blank = function () { return el('span', { class: 'hc-product__img', 'aria-hidden': 'true' }); };
        // An image that does not load leaves the grey square, not a broken icon.
        var img = src ? el('img', {
          class: 'hc-product__img', src: src, alt: '', width: 64, height: 64, loading: 'lazy', decoding: 'async',
          onerror: function () { img.replaceWith(blank()); }
        }) : blank();
        return el('li', null, el('a', { class: 'hc-product', href: href }, img,
          el('span', { class: 'hc-product__text' },
            el('span', { class: 'hc-product__title' }, String(p.title || '')),
            el('span', { class: 'hc-product__price' }, price(p.price, p.currency, locale)))));
      }));
    }
    // throughProxy points a card's link (hubchat writes it under the
    // default proxy path) at where this store's proxy is.
    function throughProxy(href) {
      var base = '/apps/hubchat/', here = proxyPath(c.cfg);
      return href && href.indexOf(base) === 0 && here !== base.slice(0, -1) ? here + '/' + href.slice(base.length) : href;
    }
    function price(amount, currency, locale) {
      var n = Number(amount);
      if (!isFinite(n)) return '';
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency: String(currency) }).format(n);
      } catch (e) {
        return amount + (currency ? ' ' + currency : '');
      }
    }

    // --- Talk to a person? ----------------------------------------------

    // offer shows Yes and No under the offer; the choice is posted once.
    function offer(m, node) {
      var yes = el('button', { type: 'button', class: 'hc-btn', onclick: function () { answer(true); } }, T.handoff_yes);
      var no = el('button', { type: 'button', class: 'hc-btn hc-btn--quiet', onclick: function () { answer(false); } }, T.handoff_no);
      var box = el('div', { class: 'hc-ask hc-choices', role: 'group', 'aria-label': T.handoff_label }, yes, no);
      node.appendChild(box);
      return box;

      function answer(accept) {
        if (yes.disabled) return;
        yes.disabled = no.disabled = true;
        box.setAttribute('aria-busy', 'true');
        c.net.api('POST', '/api/storefront/handoff', { conversation_id: m.conversation_id, accept: accept, language: language() }).then(function (r) {
          if (r.ok) {
            return r.json().then(function (d) {
              chosen(accept ? T.handoff_yes : T.handoff_no);
              answering = !!(d.conversation && d.conversation.ai_answering);
              (d.messages || []).forEach(function (x) { th.addMessage(x); });
              if (accept) handedOver(m.id);
              c.focusComposer();
            });
          }
          if (r.status === 403) {
            chosen('');
            c.notice(T.handoff_sign_in);
            signIn(node);
            return;
          }
          if (r.status === 409 || r.status === 404) {
            chosen('');
            c.notice(T.offer_closed);
            c.focusComposer();
            return;
          }
          throw new Error('handoff: HTTP ' + r.status);
        }).catch(function () {
          yes.disabled = no.disabled = false;
          box.removeAttribute('aria-busy');
          c.notice(T.handoff_error);
          (accept ? yes : no).focus();
        });
      }
      // chosen replaces the buttons with what the shopper chose.
      // (The stream's conversation.updated may have taken them already.)
      function chosen(text) {
        offers[m.id] = null;
        var line = text ? el('p', { class: 'hc-chosen' }, text) : null;
        if (box.isConnected && line) box.replaceWith(line);
        else if (line) node.appendChild(line);
        else box.remove();
      }
    }
    function latestOffer() {
      var id = 0;
      for (var k in offers) if (+k > id) id = +k;
      return id;
    }
    // handedOver says, once, under the offer the shopper accepted, that the
    // team has the conversation now.
    function handedOver(offerID) {
      if (handedNote) return;
      var at = th.node.querySelector('[data-id="' + Number(offerID) + '"]');
      if (!at) return;
      offers[offerID] = null;
      handedNote = el('div', { class: 'hc-sys hc-handed' }, el('p', null, T.handed_over));
      at.after(handedNote);
    }
    function closeOffers() {
      for (var id in offers) {
        if (offers[id]) { offers[id].remove(); offers[id] = null; }
      }
    }
    function closeAsks() {
      closeOffers();
      closePicks();
      for (var id in emails) {
        if (emails[id]) emails[id].remove();
        delete emails[id];
      }
    }

    // --- Did you mean…? ----------------------------------------------------

    // choices shows what the assistant offers to pick as buttons; a click
    // sends the choice as the shopper's message, as if typed, and the
    // buttons close.
    function choices(m, node) {
      var box = el('div', { class: 'hc-ask hc-choices hc-picks', role: 'group', 'aria-label': T.choices_label },
        m.choices.map(function (text) {
          text = String(text);
          return el('button', { type: 'button', class: 'hc-btn hc-btn--quiet', onclick: function () { pick(text); } }, text);
        }));
      node.appendChild(box);
      return box;
    }
    function pick(text) {
      closePicks(); // once: a second click sends nothing more
      c.send(text);
      c.focusComposer();
    }
    function closePicks() {
      for (var id in picks) {
        if (picks[id]) picks[id].remove();
        delete picks[id];
      }
    }

    // --- Leave your email --------------------------------------------------

    function emailForm(m, node) {
      var id = uid + '-email-' + m.id, errID = id + '-error';
      var input = el('input', {
        type: 'email', id: id, class: 'hc-field', name: 'email', autocomplete: 'email', inputmode: 'email',
        required: true, placeholder: T.email_placeholder, 'aria-describedby': errID
      });
      var error = el('p', { class: 'hc-field-error', id: errID, hidden: true });
      var submit = el('button', { type: 'submit', class: 'hc-btn' }, T.email_submit);
      var form = el('form', { class: 'hc-ask hc-email', novalidate: true, onsubmit: send },
        el('label', { class: 'hc-email__label', for: id }, T.email_label),
        el('div', { class: 'hc-email__row' }, input, submit), error);
      node.appendChild(form);
      input.addEventListener('input', function () { if (!error.hidden) problem(''); });
      return form;

      function problem(text) {
        error.textContent = text;
        error.hidden = !text;
        if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
      }
      function send(e) {
        e.preventDefault();
        if (submit.disabled) return;
        var email = input.value.trim();
        if (!EMAIL.test(email) || email.length > 254) {
          problem(email ? T.email_invalid : T.email_required);
          input.focus();
          return;
        }
        problem('');
        submit.disabled = input.readOnly = true;
        c.net.api('POST', '/api/storefront/email', { conversation_id: m.conversation_id, email: email, language: language() }).then(function (r) {
          if (r.ok) {
            return r.json().then(function (d) {
              form.remove();
              delete emails[m.id];
              if (d.message) th.addMessage(d.message);
              c.focusComposer();
            });
          }
          if (r.status === 422) {
            return r.json().catch(function () { return {}; }).then(function () {
              submit.disabled = input.readOnly = false;
              problem(T.email_invalid);
              input.focus();
            });
          }
          if (r.status === 409 || r.status === 404) {
            form.remove();
            delete emails[m.id];
            c.notice(T.request_closed);
            c.focusComposer();
            return;
          }
          throw new Error('email: HTTP ' + r.status);
        }).catch(function () {
          submit.disabled = input.readOnly = false;
          problem(T.email_error);
          input.focus();
        });
      }
    }

    // --- Typing ------------------------------------------------------------

    // startTyping shows the assistant typing after the shopper's message id,
    // until an answer comes or TYPING_MS pass.
    function startTyping(afterID) {
      waitingFor = afterID;
      if (!typing) {
        typing = el('div', { class: 'hc-msg hc-msg--ai hc-typing' },
          el('p', { class: 'hc-meta', 'aria-hidden': 'true' }, el('span', { class: 'hc-who' }, name()), ' ', el('span', { class: 'hc-tag' }, T.ai_tag)),
          el('div', { class: 'hc-text hc-dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span')),
          el('p', { class: 'hc-sr' }, fmt(T.typing, { name: name() })));
      }
      th.append(typing);
      th.scrollDown(true);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, TYPING_MS);
    }
    function stopTyping() {
      clearTimeout(typingTimer);
      if (typing) typing.remove();
      typing = null; // the next starts with dots again, not an old draft
    }
    // draft shows the answer's text so far in the typing bubble, while the
    // assistant still works on the answer it is a draft of: a draft that
    // comes after its answer (or for an earlier message) is ignored. The
    // answer, when it comes, replaces the bubble. Hidden from screen
    // readers, which announce the answer itself.
    function draft(d) {
      if (!typing || !c.conv || d.conversation_id !== c.conv.id || d.reply_to !== waitingFor || typeof d.text !== 'string') return;
      var box = typing.querySelector('.hc-text');
      box.className = 'hc-text hc-draft';
      box.textContent = d.text;
      th.scrollDown(true);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, TYPING_MS);
    }
  }
})();
