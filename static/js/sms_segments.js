// ==== SMS segments: the count under an SMS ticket's composer (views/pages/ticket_thread.templ) ====
// A text goes to the phone in segments. In GSM-7, Twilio's default alphabet, one segment holds 160
// characters, and each part of a longer text 153 (the rest carries the header that joins them); the
// characters of GSM-7's extension table (^ { } \ [ ] ~ | € and form feed) take two places. One character
// outside GSM-7 makes the whole text UCS-2: 70 per segment, 67 per part, counted in UTF-16 units, so an
// emoji takes two. A character is never split across two parts, so a part may hold one place less.
(function (root) {
  "use strict";

  var BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡" +
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXTENDED = "\f^{}\\[~]|€";
  var LIMITS = { gsm: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } };

  // segments counts text as Twilio will send it: characters (code points), the places they take, the
  // segments, and the alphabet ("gsm" or "ucs2"). An empty text is 0 segments.
  function segments(text) {
    var chars = Array.from(text || "");
    var gsm = chars.every(function (c) { return BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0; });
    var sizes = chars.map(function (c) { return gsm ? (EXTENDED.indexOf(c) >= 0 ? 2 : 1) : c.length; });
    var units = sizes.reduce(function (a, b) { return a + b; }, 0);
    var limit = gsm ? LIMITS.gsm : LIMITS.ucs2;
    var count = units === 0 ? 0 : 1;
    if (units > limit.single) {
      count = 1;
      var used = 0;
      sizes.forEach(function (size) {
        if (used + size > limit.part) { count++; used = 0; }
        used += size;
      });
    }
    return { chars: chars.length, units: units, segments: count, encoding: gsm ? "gsm" : "ucs2" };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { segments: segments };
    return;
  }
  root.hubchatSMS = { segments: segments };

  var lang = document.documentElement.lang || undefined;
  function number(n) { return n.toLocaleString(lang); }
  var last = "";

  // update writes the count under the composer; the polite live line changes only with the number of
  // segments or the alphabet, so a screen reader is not told of every key.
  function update() {
    var box = document.querySelector("[data-composer] textarea[name=body]");
    var out = document.querySelector("[data-sms-count]");
    if (!box || !out) return;
    var form = box.form, picture = form && form.elements.image && form.elements.image.files.length > 0;
    var c = segments(box.value);
    var words = (picture ? out.dataset.withPicture : out.dataset.count)
      .replace("{chars}", number(c.chars)).replace("{segments}", number(c.segments));
    out.querySelector("[data-sms-count-text]").textContent = words;
    var unicode = out.querySelector("[data-sms-count-unicode]");
    unicode.hidden = c.encoding !== "ucs2";
    out.dataset.segments = String(c.segments);
    out.dataset.encoding = c.encoding;
    var state = (picture ? "mms" : c.segments) + " " + c.encoding;
    var live = document.querySelector("[data-sms-count-live]");
    if (live && last && state !== last && c.chars > 0) live.textContent = words + (unicode.hidden ? "" : " " + unicode.textContent);
    last = state;
  }

  // Text reaches the box by typing, by an emoji or a macro (inserted without an input event), and is
  // emptied by a send; the composer itself is swapped in when the page refreshes it.
  ["input", "change", "click", "keyup", "htmx:finally:request", "htmx:config:request", "htmx:after:swap"].forEach(function (type) {
    // After the event's own handlers (a send empties the box); not on an animation frame, which a
    // page in a background tab may not get.
    document.addEventListener(type, function () { window.setTimeout(update, 0); });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update); else update();
})(this);
