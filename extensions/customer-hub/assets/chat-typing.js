/* hubchat chat UI, a part loaded before chat.js: typing, both ways (SPEC
 * §1.8; docs/chat-api.md, POST /api/storefront/typing and the stream's
 * typing events). Nothing of it is stored.
 *
 * The shopper's side: while they write in an open conversation a "typing"
 * goes to the team at most every REPEAT, and a "stopped" when the message
 * is sent, the box loses focus or keys stop for IDLE. The team's side: a
 * team member writing shows a typing bubble with their name at the end of
 * the thread, gone when their message comes, when they stop, or EXPIRY
 * after their last notice (a "stopped" may be lost). The AI agent's typing
 * is the assistant's part (chat-ai.js). The numbers are those of
 * app/realtime/typing.go.
 *
 * Safety: the name comes from the server and goes in as a text node (el()). */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts = hub.chatParts || {};
  var el = P.el, fmt = P.fmt;
  P.typing = typing;

  var REPEAT = 3000, IDLE = 4000, EXPIRY = 7000;

  // typing builds the typing part of the chat c (chat.js), drawing in the
  // thread th.
  function typing(c, th) {
    var T = c.T;
    var sentAt = 0, on = false, idleTimer = 0;
    var bubble = null, name = '', hideTimer = 0;

    return { input: input, stop: stop, event: event, added: added, reset: hide };

    // --- The shopper typing -------------------------------------------------

    function notify(now) {
      c.net.api('POST', '/api/storefront/typing', { typing: now }).catch(function () { /* expires on its own */ });
    }
    // input follows the composer's text: writing in an open conversation.
    function input(text) {
      if (!c.conv || !c.net.ready()) return;
      if (!String(text).trim()) return stop();
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, IDLE);
      var now = Date.now();
      if (on && now - sentAt < REPEAT) return;
      on = true;
      sentAt = now;
      notify(true);
    }
    function stop() {
      clearTimeout(idleTimer);
      if (!on) return;
      on = false;
      if (c.conv) notify(false);
    }

    // --- The team typing ----------------------------------------------------

    // event takes a typing event of the stream from a team member.
    function event(d) {
      if (!c.conv || d.conversation_id !== c.conv.id || d.who !== 'agent') return;
      if (!d.typing) return hide();
      show(typeof d.name === 'string' && d.name ? d.name : T.team);
    }
    // show draws the bubble, once per bout of typing: the thread (a polite
    // live region) announces it when it appears, not on every notice.
    function show(who) {
      if (!bubble || who !== name) {
        if (bubble) bubble.remove();
        name = who;
        bubble = el('div', { class: 'hc-msg hc-msg--agent hc-typing', 'data-testid': 'agent-typing' },
          el('p', { class: 'hc-meta', 'aria-hidden': 'true' }, el('span', { class: 'hc-who' }, who)),
          el('div', { class: 'hc-text hc-dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span')),
          el('p', { class: 'hc-sr' }, fmt(T.typing, { name: who })));
        th.append(bubble);
        th.scrollDown(true);
      }
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, EXPIRY);
    }
    function hide() {
      clearTimeout(hideTimer);
      if (bubble) bubble.remove();
      bubble = null;
    }
    // added follows a message into the thread: a team member's message ends
    // their typing; after anyone else's the bubble stays last.
    function added(m) {
      if (!bubble || !m) return;
      if (m.author === 'agent') hide();
      else th.append(bubble);
    }
  }
})();
