// hubchat admin: typing indicators (SPEC §1.8). Loaded deferred on every admin page.
//
// Both ways, nothing stored: while the agent writes a reply, the ticket's shopper sees "typing…" in
// the widget; while the shopper writes, the open ticket says "<name> is typing…" and the inbox row
// says "typing…". The numbers are those of app/realtime/typing.go: a "typing" is sent at most every
// REPEAT while keys are pressed, a "stopped" when the reply is sent, the box loses focus or keys stop
// for IDLE; a shown "typing" goes away EXPIRY after the last one, should its "stopped" be lost.
(function () {
  "use strict";
  var REPEAT = 3000, IDLE = 4000, EXPIRY = 7000;

  // ---- The agent typing: notices for the shopper ----
  var sentAt = 0, typing = false, idleTimer = 0, typingIn = "";

  function ticketID() {
    var page = document.getElementById("ticket-page");
    return page ? page.dataset.ticketId : "";
  }
  function notify(id, now) {
    var body = new URLSearchParams({ typing: now ? "true" : "false" });
    // App Bridge signs the request with a session token, as every admin request is.
    fetch("/app/tickets/" + encodeURIComponent(id) + "/typing", { method: "POST", body: body })
      .catch(function () { /* a lost notice expires on its own */ });
  }
  function stop() {
    clearTimeout(idleTimer);
    if (!typing) return;
    typing = false;
    notify(typingIn, false);
  }
  function isReplyBox(el) {
    return el && el.name === "body" && el.closest && el.closest("[data-composer]");
  }

  document.addEventListener("input", function (event) {
    if (!isReplyBox(event.target)) return;
    var id = ticketID(), now = Date.now();
    if (!id) return;
    if (!event.target.value.trim()) return stop(); // emptied: nothing is being written
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, IDLE);
    if (typing && now - sentAt < REPEAT) return;
    typing = true;
    typingIn = id;
    sentAt = now;
    notify(id, true);
  });
  document.addEventListener("focusout", function (event) { if (isReplyBox(event.target)) stop(); });
  // Sending a reply (htmx posts the composer) ends the typing.
  document.addEventListener("htmx:config:request", function (event) {
    if (event.target.matches && event.target.matches("[data-composer]")) stop();
  });
  window.addEventListener("pagehide", stop);

  // ---- The shopper typing: what the agent sees ----
  var shown = {}; // ticket id → the timer that hides its "typing"

  function ticketLine() { return document.getElementById("ticket-typing"); }
  function render(id) {
    var on = !!shown[id], line = ticketLine();
    // The live region changes only when the state does: announced once, not on every notice.
    if (line && ticketID() === id) {
      var text = on ? line.dataset.typingText : "";
      if (line.textContent !== text) line.textContent = text;
    }
    document.querySelectorAll('.inbox-row[data-ticket="' + id + '"]').forEach(function (row) {
      var hint = row.querySelector(".inbox-row__typing");
      row.classList.toggle("inbox-row--typing", on);
      if (on && !hint) {
        hint = document.createElement("span");
        hint.className = "inbox-row__typing";
        hint.setAttribute("data-testid", "inbox-row-typing");
        var rows = document.getElementById("inbox-rows");
        hint.textContent = (rows && rows.dataset.typingText) || "typing…";
        row.querySelector(".inbox-row__main").appendChild(hint);
      } else if (!on && hint) {
        hint.remove();
      }
    });
  }
  function set(id, on) {
    clearTimeout(shown[id]);
    delete shown[id];
    if (on) shown[id] = setTimeout(function () { set(id, false); }, EXPIRY);
    render(id);
  }

  document.addEventListener("hubchat:typing", function (event) {
    var notice;
    try { notice = JSON.parse(event.detail.data); } catch (err) { return; }
    if (notice && notice.id != null) set(String(notice.id), !!notice.typing);
  });
  // The shopper's message itself ends their typing.
  document.addEventListener("hubchat:conversation", function (event) {
    var change;
    try { change = JSON.parse(event.detail.data); } catch (err) { return; }
    if (change && change.kind === "message.created" && shown[String(change.id)]) set(String(change.id), false);
  });
  // Rows re-rendered by a live refresh get their hint back.
  document.addEventListener("htmx:after:swap", function () { Object.keys(shown).forEach(render); });
})();
