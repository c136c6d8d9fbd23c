/* hubchat chat UI, part 1 of 4: the transport. hub.js loads chat-net.js,
 * chat-thread.js, chat-ai.js and chat.js, in that order, the first time the
 * hub opens; they share one object, hubchat.chatParts, and chat.js mounts
 * the UI.
 *
 * It speaks docs/chat-api.md: POST {proxy_path}/session through the app proxy
 * (same origin) for a shopper token and the initial state; then, on hubchat's
 * own origin (api_base) with "Authorization: Bearer <token>": messages, end,
 * seen, state, and the live stream read with fetch (EventSource cannot send
 * the header), resumed with Last-Event-ID. */
(function () {
  'use strict';
  var hub = window.hubchat;
  if (!hub) return;
  var P = hub.chatParts = hub.chatParts || {};
  P.httpURL = httpURL;
  P.net = net;
  P.uuid = uuid;
  P.wait = wait;
  P.store = store;
  P.tagCart = tagCart;
  P.proxyPath = proxyPath;

  var VISITOR_KEY = 'hubchat.visitor';

  // visitorKey is this browser's visitor key: 32 random hex digits made
  // once and kept, sent with every session. Under "All users" it lets an
  // anonymous visitor talk to the store's AI assistant, and when they sign
  // in their conversation goes with them. With storage blocked it lasts as
  // long as the page.
  var memoryKey = '';
  function visitorKey() {
    var k = '';
    try { k = localStorage.getItem(VISITOR_KEY) || ''; } catch (e) { /* blocked */ }
    if (/^[0-9a-f]{32}$/.test(k)) return k;
    if (!memoryKey) {
      memoryKey = Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(16)), function (x) {
        return (x + 256).toString(16).slice(1);
      }).join('');
    }
    try { localStorage.setItem(VISITOR_KEY, memoryKey); } catch (e) { /* blocked */ }
    return memoryKey;
  }

  // DEFAULT_PROXY is the app proxy's path as shopify.app.toml declares it.
  var DEFAULT_PROXY = '/apps/hubchat';

  // proxyPath is where this store's app proxy is: the block's setting (a
  // merchant may move the proxy in the admin) when it is a path on this
  // origin, the default otherwise.
  function proxyPath(cfg) {
    var p = String(cfg.proxy_path || '');
    return /^\/(?!\/)[\w\-/.]*$/.test(p) ? p.replace(/\/+$/, '') || DEFAULT_PROXY : DEFAULT_PROXY;
  }

  // httpURL returns an absolute http(s) URL, or '' for anything else
  // (javascript:, data:, relative or malformed).
  function httpURL(u) {
    try {
      var x = new URL(String(u));
      return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : '';
    } catch (e) { return ''; }
  }

  // net is the shopper's connection to hubchat: the token, requests and the
  // live stream. It calls on.state(state) with a state to merge (one that
  // came with a new token, or a catch-up, as after a reset event: the stream
  // could not replay what was missed), on.event(type, data) with each
  // stream event's JSON object, on.status(bad) when the stream starts or
  // stops reconnecting, and asks on.active() whether a conversation is open:
  // only then is there a stream.
  function net(cfg, on) {
    var token = '', apiBase = '', expires = 0, refreshing = null, refreshTimer = 0;
    var lastEventId = '', streamCtl = null, backoff = 0, retryMs = 0, reconnectTimer = 0;

    return {
      session: session, refresh: refresh, api: api, connect: connect, stop: stopStream,
      ready: function () { return !!token; },
      // stale: the token expires within a minute.
      stale: function () { return !!token && Date.now() > expires - 60e3; },
      // resume: the state is current to event id: a stream not yet open
      // resumes after it, so nothing between the two is missed.
      resume: function (id) { if (!streamCtl && id) lastEventId = String(id); }
    };

    // returnTo asks hubchat for a sign-in link (state.login_url) that comes
    // back to this page.
    function returnTo() {
      return '?return_to=' + encodeURIComponent(location.pathname + location.search);
    }
    // POST {proxy_path}/session: a new token (and the state with it).
    function session() {
      return fetch(proxyPath(cfg) + '/session' + returnTo(), {
        method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ visitor: visitorKey() }), credentials: 'same-origin', cache: 'no-store'
      })
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
          on.state(state);
        }, function (e) {
          refreshing = null;
          throw e;
        });
      }
      return refreshing;
    }
    // api calls the chat API: body is sent as JSON, or as it is when it is
    // a FormData (an image; the browser sets its multipart type).
    function api(method, path, body, again) {
      var headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
      var form = typeof FormData !== 'undefined' && body instanceof FormData;
      if (body && !form) headers['Content-Type'] = 'application/json';
      return fetch(apiBase + path, {
        method: method, headers: headers, body: form ? body : body ? JSON.stringify(body) : undefined,
        credentials: 'omit', cache: 'no-store'
      }).then(function (r) {
        if (r.status === 401 && !again) return refresh().then(function () { return api(method, path, body, true); });
        return r;
      });
    }

    // connect reads GET {api_base}/api/storefront/stream with fetch while a
    // conversation is open, and reconnects with backoff and Last-Event-ID.
    function connect() {
      if (streamCtl || !on.active() || !token) return;
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
          on.status(false);
          // Without an event id yet, catch up on what happened between the
          // state and this stream.
          if (!caughtUp) catchUp();
          var reader = r.body.getReader(), dec = new TextDecoder();
          var feed = sse(function (type, raw) {
            // reset: the log no longer reaches back to our event id, so
            // reload the state. If that fails, reconnect without an id,
            // which catches up again.
            if (type === 'reset') catchUp(function () { lastEventId = ''; ctl.abort(); });
            else onEvent(type, raw);
          });
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
          if (ctl.stopped || !on.active()) return;
          var delay = Math.min((retryMs || 1000) * Math.pow(2, backoff++), 30e3) * (0.8 + Math.random() * 0.4);
          if (backoff > 1) on.status(true);
          reconnectTimer = setTimeout(connect, delay);
        });
    }
    // catchUp merges a fresh state (GET /api/storefront/state).
    function catchUp(failed) {
      api('GET', '/api/storefront/state' + returnTo())
        .then(function (s) { if (!s.ok) throw new Error('state: HTTP ' + s.status); return s.json(); })
        .then(on.state, failed || function () {});
    }
    function stopStream() {
      clearTimeout(reconnectTimer);
      on.status(false);
      if (streamCtl) {
        streamCtl.stopped = true;
        streamCtl.abort();
        streamCtl = null;
      }
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
    // onEvent hands on each event whose data is a JSON object.
    function onEvent(type, raw) {
      var d;
      try { d = JSON.parse(raw); } catch (e) { return; }
      if (!d || typeof d !== 'object') return;
      on.event(type, d);
    }
  }

  // Small helpers the chat (chat.js) uses around the transport.
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

  // tagCart names the conversation in the cart's attributes, so that an
  // order placed from this cart carries it and a guest's purchase can be
  // credited to the conversation. It is done again on each page that shows
  // the conversation, since a new cart (after a checkout) starts empty. A
  // failure changes nothing for the chat.
  function tagCart(id) {
    var root = (window.Shopify && window.Shopify.routes && window.Shopify.routes.root) || '/';
    fetch(root + 'cart/update.js', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ attributes: { hubchat_conversation: String(id) } })
    }).catch(function () { /* the chat works without it */ });
  }
})();
