// hubchat admin: alerts in other tabs (the inbox's "Alert me in other tabs", views/pages/alerts.templ).
// Loaded deferred on every admin page.
//
// While the app is hidden (another tab, a minimised window) and the agent turned alerts on, a new
// ticket, or a shopper's message on a ticket assigned to them, plays a short chime and, when the
// browser allows it, shows a notification: who, and the start of the message. The server decides
// whether a change is worth an alert and words it (GET /app/tickets/:id/alert); a ticket alerts at
// most once every QUIET. Clicking the notification opens the ticket here.
(function () {
  "use strict";
  var QUIET = 5000;
  var enabled = false, last = {}, asking = {}, audio = null;

  fetch("/app/alerts", { headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (choice) { if (choice) enabled = !!choice.enabled; })
    .catch(function () {});

  // ---- The toggle ----
  function say(text) {
    var status = document.getElementById("alerts-status");
    if (status) status.textContent = text;
  }
  // permissionWords says why no notification will show, in the toggle's words; "" when they will.
  function permissionWords() {
    var form = document.querySelector("[data-alerts-form]");
    if (!form) return "";
    if (!("Notification" in window)) return form.dataset.unsupportedText;
    if (Notification.permission === "denied") return form.dataset.blockedText;
    return "";
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-alerts-form] input[name=enabled]")) return;
    enabled = box.checked;
    if (!enabled) return say("");
    unlockSound(); // the click is the gesture a browser wants before a page may play sound
    if ("Notification" in window && Notification.permission === "default") {
      Notification.requestPermission().then(function () { say(permissionWords()); }, function () { say(permissionWords()); });
    } else {
      say(permissionWords());
    }
  });
  // The saved toggle comes back from the server: say again what the browser allows.
  document.addEventListener("htmx:after:swap", function () {
    var box = document.querySelector("[data-alerts-form] input[name=enabled]");
    if (box) { enabled = box.checked; say(enabled ? permissionWords() : ""); }
  });

  // ---- The sound: two short tones, made here (nothing to download) ----
  function unlockSound() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume().catch(function () {});
  }
  // Browsers let a page play sound only after the person interacted with it.
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () { if (enabled) unlockSound(); }, { capture: true, passive: true });
  });
  function chime() {
    if (!audio || audio.state !== "running") return;
    var start = audio.currentTime;
    [880, 1320].forEach(function (hz, i) {
      var tone = audio.createOscillator(), gain = audio.createGain(), at = start + i * 0.12;
      tone.type = "sine";
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.2);
    });
    document.documentElement.dataset.alertChimedAt = String(Date.now()); // for tests and devtools
  }

  // ---- The alerts ----
  function show(id, alert) {
    chime();
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    var note = new Notification(alert.title, { body: alert.body, tag: "hubchat-ticket-" + id });
    note.onclick = function () {
      window.focus();
      note.close();
      // admin.js goes there with a fresh session token, as every in-app link does.
      document.dispatchEvent(new CustomEvent("hubchat:navigate", { detail: { path: alert.path } }));
    };
  }
  // consider alerts of a change the live stream announced ({id, kind}, as JSON) while the app is hidden.
  function consider(data) {
    if (!enabled || !document.hidden) return;
    var change;
    try { change = JSON.parse(data); } catch (err) { return; }
    if (!change || (change.kind !== "conversation.created" && change.kind !== "message.created")) return;
    var id = String(change.id), now = Date.now();
    // A new ticket announces itself and its first message: one alert, asked once.
    if (asking[id] || now - (last[id] || 0) < QUIET) return;
    asking[id] = true;
    fetch("/app/tickets/" + encodeURIComponent(id) + "/alert?kind=" + encodeURIComponent(change.kind), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .then(function (alert) {
        if (!alert || Date.now() - (last[id] || 0) < QUIET) return;
        last[id] = Date.now();
        show(id, alert);
      })
      .catch(function () {})
      .then(function () { delete asking[id]; });
  }
  document.addEventListener("hubchat:conversation", function (event) { consider(event.detail.data); });

  // ---- Hearing of changes while hidden ----
  // The page's live connection (#live) pauses while the app is hidden, to spare the server; with alerts
  // on, this stream of its own follows the same changes then, from where #live left off, and ends when
  // the app shows again (#live resumes and catches up itself).
  var live = null, lastEventID = 0, background = null;
  // htmx's SSE extension names its connection, which keeps the last event id it received.
  document.addEventListener("htmx:sse:after:connection", function (event) {
    if (event.detail && event.detail.connection) live = event.detail.connection;
  });
  function resumeFrom() { return Math.max(lastEventID, Number(live && live.lastEventId) || 0); }
  function follow() {
    if (background || !enabled || !document.hidden) return;
    var ctl = background = new AbortController();
    var headers = { Accept: "text/event-stream" };
    if (resumeFrom()) headers["Last-Event-ID"] = String(resumeFrom());
    fetch("/app/stream", { headers: headers, signal: ctl.signal })
      .then(function (r) {
        if (!r.ok || !r.body) throw new Error("stream: HTTP " + r.status);
        var reader = r.body.getReader(), decoder = new TextDecoder(), pending = "";
        function read() {
          return reader.read().then(function (x) {
            if (x.done) return;
            pending = frames(pending + decoder.decode(x.value, { stream: true }));
            return read();
          });
        }
        return read();
      })
      .catch(function () {})
      .then(function () {
        if (background !== ctl) return;
        background = null;
        if (!ctl.signal.aborted) setTimeout(follow, 5000); // lost: again, unless shown meanwhile
      });
  }
  // frames handles the complete server-sent events in text and returns the incomplete rest.
  function frames(text) {
    var blocks = text.split(/\r\n\r\n|\n\n|\r\r/), rest = blocks.pop();
    blocks.forEach(function (block) {
      var kind = "", data = [];
      block.split(/\r\n|\n|\r/).forEach(function (line) {
        var colon = line.indexOf(":"), field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") kind = value;
        else if (field === "data") data.push(value);
        else if (field === "id" && /^\d+$/.test(value)) lastEventID = Math.max(lastEventID, Number(value));
      });
      if (kind === "hubchat:conversation") consider(data.join("\n"));
    });
    return rest;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) return follow();
    if (background) {
      background.abort();
      background = null;
    }
  });
})();
