package e2e_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// streamTap wraps the page's fetch so the test can play the network: cut()
// drops the widget's live stream as a lost connection does, and while hold
// is true a new stream request waits in held until the test lets it go.
const streamTap = `(function () {
  var fetch = window.fetch, tap = window.__tap = { hold: false, held: [], cut: null };
  window.fetch = function (url) {
    var self = this, args = arguments;
    if (!/\/api\/storefront\/stream/.test(String(url))) return fetch.apply(self, args);
    function go() {
      return fetch.apply(self, args).then(function (r) {
        if (!r.body) return r;
        var reader = r.body.getReader();
        var body = new ReadableStream({
          start: function (c) { tap.cut = function () { c.error(new TypeError('connection lost')); reader.cancel(); }; },
          pull: function (c) { return reader.read().then(function (x) { if (x.done) c.close(); else c.enqueue(x.value); }); }
        });
        return new Response(body, { status: r.status, statusText: r.statusText, headers: r.headers });
      });
    }
    if (!tap.hold) return go();
    return new Promise(function (resolve, reject) { tap.held.push(function () { go().then(resolve, reject); }); });
  };
})();`

// pruneEvents deletes the whole event log, as the hourly clean-up deletes
// the events older than a week.
func pruneEvents(t *testing.T, e shopEnv) {
	t.Helper()
	if _, err := storage.NewEvents(e.DB, time.Now).DeleteBefore(context.Background(), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
}

// waitJS waits until the page's expression is true.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	apptest.Eventually(t, 15*time.Second, what, func() bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		return err == nil && ok
	})
}

// The widget loses its stream; while it is away an agent replies and the
// event log is pruned past what it saw. Reconnecting, it is sent a reset,
// reloads its state and shows the reply, then goes on live.
func TestWidgetReloadsItsStateAfterAReset(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: streamTap}); err != nil {
		t.Fatal(err)
	}
	e.signIn(t, ctx, "/products/trailhead-merino-hoodie")
	openChat(t, ctx)
	send(t, ctx, "Is the hoodie warm?")
	var convID int64
	apptest.Eventually(t, 10*time.Second, "the ticket", func() bool {
		return e.DB.Get(&convID, `SELECT id FROM conversations WHERE status = 'open'`) == nil
	})
	waitJS(t, ctx, "the widget's stream", `!!window.__tap.cut`)

	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`__tap.hold = true; __tap.cut()`)); err != nil {
		t.Fatal(err)
	}
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	convs := storage.NewConversations(e.DB, time.Now)
	if _, err := convs.PostFromAgent(context.Background(), e.shopID, convID, agent.ID,
		storage.AgentReply{ClientID: "c0000000-0000-4000-8000-000000000101", Body: "Very warm: merino wool.", Preview: "Very warm: merino wool."}); err != nil {
		t.Fatal(err)
	}
	pruneEvents(t, e)
	waitJS(t, ctx, "the widget to reconnect", `__tap.held.length === 1`)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`__tap.hold = false; __tap.held.forEach(function (go) { go(); })`)); err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Very warm: merino wool.")

	if _, err := convs.PostFromAgent(context.Background(), e.shopID, convID, agent.ID,
		storage.AgentReply{ClientID: "c0000000-0000-4000-8000-000000000102", Body: "Anything else?", Preview: "Anything else?"}); err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Anything else?")
	apptest.Screenshot(t, ctx, "storefront-after-reset")
}

// pageTap lets the test hide a page and see its live connection: setting
// data-test-hidden="true" on its <html> makes document.hidden true, with a
// visibilitychange event, as a tab put in the background has (then
// data-test-visibility says it was handled); <html> counts the live
// stream's connections (data-test-connections) and the resets it received
// (data-test-resets). It runs in every frame, the app's included, where DOM
// attributes reach more surely than scripts.
const pageTap = `(function () {
  var hidden = false;
  Object.defineProperty(document, "hidden", { configurable: true, get: function () { return hidden; } });
  function count(name) {
    var root = document.documentElement;
    root.setAttribute(name, String(+(root.getAttribute(name) || 0) + 1));
  }
  document.addEventListener("htmx:sse:after:connection", function () { count("data-test-connections"); });
  document.addEventListener("reset", function (e) { if (e.target.id === "live") count("data-test-resets"); });
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.documentElement;
    new MutationObserver(function () {
      var h = root.getAttribute("data-test-hidden") === "true";
      if (h === hidden) return;
      hidden = h;
      document.dispatchEvent(new Event("visibilitychange")); // its listeners have run when it returns
      root.setAttribute("data-test-visibility", h ? "hidden" : "visible");
    }).observe(root, { attributes: true, attributeFilter: ["data-test-hidden"] });
  });
})();`

// appHTMLAttr waits until the app page's <html> has the attribute name at
// value.
func appHTMLAttr(t *testing.T, ctx context.Context, name, value string) {
	t.Helper()
	apptest.Eventually(t, 15*time.Second, name+" to be "+value, func() bool {
		got := inApp(t, ctx, "the app's "+name, func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
			return chromedp.AttributeValue(chromedp.CSS("html"), name, chromedp.FromNode(frame))
		})
		return got.Value == value
	})
}

// The inbox's tab is hidden (its live stream pauses); meanwhile a shopper
// opens a ticket and the event log is pruned past what the inbox saw. Shown
// again, the inbox reconnects, is sent a reset and re-fetches its rows.
func TestInboxReloadsAfterAReset(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageTap}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="inbox-setup"]`) // no tickets yet
	appHTMLAttr(t, ctx, "data-test-connections", "1")
	hide := func(hidden bool) {
		t.Helper()
		inApp(t, ctx, "to hide the app", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
			return chromedp.SetAttributeValue(chromedp.CSS("html"), "data-test-hidden", strconv.FormatBool(hidden), chromedp.FromNode(frame))
		})
		appHTMLAttr(t, ctx, "data-test-visibility", map[bool]string{true: "hidden", false: "visible"}[hidden])
	}

	hide(true)
	p, _ := storage.NewProfiles(e.DB, time.Now).ForCustomer(context.Background(), e.shopID, 7001)
	storage.NewProfiles(e.DB, time.Now).UpdateDetails(context.Background(), e.shopID, p.ID, storage.CustomerDetails{FirstName: "Jane", LastName: "Cooper"})
	if _, err := storage.NewConversations(e.DB, time.Now).PostFromShopper(context.Background(), e.shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000101", Body: "Sent while the inbox was hidden", Preview: "Sent while the inbox was hidden"}); err != nil {
		t.Fatal(err)
	}
	pruneEvents(t, e)
	hide(false)
	appHTMLAttr(t, ctx, "data-test-resets", "1")
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Jane Cooper")
	appHTMLAttr(t, ctx, "data-test-connections", "2")
	apptest.Screenshot(t, ctx, "inbox-after-reset")
}
