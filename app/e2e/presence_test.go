package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// Typing indicators and alerts (issue [10/13]: typing both ways, the AI
// agent's too, and the agent's alerts in other tabs).

// The shopper writes and the agent's open ticket says so; the agent writes
// and the shopper's widget shows them typing, until the reply comes; the
// shopper leaves the box and the ticket stops saying it; in the inbox the
// row says "typing…".
func TestTypingShowsOnBothSides(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.settings(t, func(cs *storage.ChatSettings) { cs.OfficeHours = allWeek })
	shopper, admin := apptest.Browser(t), apptest.Browser(t)
	e.signIn(t, shopper, "/products/trailhead-merino-hoodie")
	openChat(t, shopper)
	send(t, shopper, "Do you ship to Canada?")
	e.WaitForJobs(t) // the customer's details, for the name
	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Do you ship to Canada?")
	if live := inApp(t, admin, "the typing line", func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(`[data-testid="ticket-typing"]`), "aria-live", chromedp.FromNode(frame))
	}); live.Value != "polite" {
		t.Fatalf("the typing line's aria-live is %q", live.Value)
	}

	// The shopper types (without sending): the ticket says who.
	typeUntilShown(t, shopper, "And to Mex", admin, `[data-testid="ticket-typing"]`, "Jane Cooper is typing…")
	apptest.Screenshot(t, admin, "ticket-shopper-typing")
	// Leaving the box stops it.
	if err := chromedp.Do(shopper, chromedp.Click(chromedp.CSS(`.hc-thread`))); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the typing line to empty", func() bool {
		return tkText(t, admin, `[data-testid="ticket-typing"]`) == ""
	})

	// The agent types: the widget shows them typing, with their name.
	tkType(t, admin, `[data-testid="composer-body"]`, "Yes, we ship to Canada")
	shown(t, shopper, `[data-testid="agent-typing"]`, 1)
	if got := evalString(t, shopper, `document.querySelector('[data-testid="agent-typing"]').textContent`); !strings.Contains(got, "Alex is typing…") {
		t.Fatalf("the widget's typing bubble says %q", got)
	}
	shots(t, shopper, "widget-agent-typing")
	// The reply ends it.
	appClick(t, admin, `[data-testid="composer-send"]`)
	threadText(t, shopper, "Yes, we ship to Canada")
	shown(t, shopper, `[data-testid="agent-typing"]`, 0)

	// In the inbox, the row says the shopper is typing.
	appClick(t, admin, `[data-testid="ticket-back"]`)
	appText(t, admin, `[data-testid="inbox-row"]`)
	typeUntilShown(t, shopper, "Thanks", admin, `[data-testid="inbox-row-typing"]`, "typing…")
	apptest.Screenshot(t, admin, "inbox-shopper-typing")
}

// typeUntilShown has the shopper type text in the composer, and a key more
// every few seconds, as a shopper writing goes on, until the admin's sel
// shows want. The widget sends a "typing" at the first key and then at
// most every 3 s: a page whose live stream connects after that first
// notice shows the next one.
func typeUntilShown(t *testing.T, shopper context.Context, text string, admin context.Context, sel, want string) {
	t.Helper()
	keys := text
	apptest.Eventually(t, 40*time.Second, sel+" to show "+want, func() bool {
		if err := chromedp.Do(shopper, chromedp.SendKeys(chromedp.CSS(`.hc-input`), keys)); err != nil {
			t.Fatal(err)
		}
		keys = "."
		deadline := time.Now().Add(3500 * time.Millisecond)
		for time.Now().Before(deadline) {
			if strings.Contains(tkText(t, admin, sel), want) {
				return true
			}
			time.Sleep(50 * time.Millisecond)
		}
		return false
	})
}

// The AI agent composing its answer shows it typing in the widget on the
// server's word: here the question comes from another tab of the shopper
// (through the chat API), so nothing in this page knew it was asked.
func TestAssistantTypingComesFromTheServer(t *testing.T) {
	t.Parallel()
	engine := heldEngine{release: make(chan struct{})}
	e := startShopWith(t, apptest.Options{Engine: engine})
	t.Cleanup(func() { close(engine.release) })
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/")
	openChat(t, ctx)
	send(t, ctx, "hello")
	engine.release <- struct{}{}
	threadText(t, ctx, "Hi! How can I help you today?")
	shown(t, ctx, ".hc-typing", 0)

	var customer int64
	if err := e.DB.Get(&customer, `SELECT p.shopify_customer_id FROM conversations c JOIN profiles p ON p.id = c.profile_id`); err != nil {
		t.Fatal(err)
	}
	otherTab := e.ShopperToken(t, customer)
	resp, err := http.DefaultClient.Do(e.ShopperRequest(t, otherTab, "POST", "/messages", map[string]string{
		"client_id": "d0000000-0000-4000-8000-000000000001", "body": "and do you ship abroad?"}))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("the other tab's question: %d", resp.StatusCode)
	}
	threadText(t, ctx, "and do you ship abroad?")
	shown(t, ctx, ".hc-typing", 1)
	shots(t, ctx, "widget-ai-typing-other-tab")
	engine.release <- struct{}{}
	shown(t, ctx, ".hc-typing", 0)
}

// alertTap records the notifications the app's page creates (in every
// frame), delegating to the browser's own Notification for the
// permission: <html data-test-notes> counts them, data-test-note-title is
// the last one's title and body, and setting data-test-click-note clicks
// the last one.
const alertTap = `(function () {
  var Real = window.Notification;
  if (!Real) return;
  var notes = [];
  function Recorded(title, options) {
    this.title = title;
    this.body = (options && options.body) || "";
    this.onclick = null;
    notes.push(this);
    var root = document.documentElement;
    root.setAttribute("data-test-notes", String(notes.length));
    root.setAttribute("data-test-note-title", title + " | " + this.body);
  }
  Recorded.prototype.close = function () {};
  Object.defineProperty(Recorded, "permission", { get: function () { return Real.permission; } });
  Recorded.requestPermission = function () { return Real.requestPermission(); };
  window.Notification = Recorded;
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.documentElement;
    new MutationObserver(function () {
      var last = notes[notes.length - 1];
      if (last && last.onclick) last.onclick(new Event("click"));
    }).observe(root, { attributes: true, attributeFilter: ["data-test-click-note"] });
  });
})();`

// With alerts turned on (the browser's permission granted through the
// DevTools protocol) and the app hidden, a new ticket creates a
// notification saying who and what (the page's own live connection pauses
// while hidden; the alerts follow the changes meanwhile), and clicking it
// opens the ticket; with alerts off, a new ticket while hidden creates none.
func TestAlertsInOtherTabs(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	for _, script := range []string{pageTap, alertTap} {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
			t.Fatal(err)
		}
	}
	adminURL, _ := url.Parse(e.Shopify.AppHomeURL())
	appURL, _ := url.Parse(e.URL)
	permit := func(setting browser.PermissionSetting) {
		t.Helper()
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "notifications"}, Setting: setting,
			Origin: adminURL.Scheme + "://" + adminURL.Host, EmbeddedOrigin: appURL.Scheme + "://" + appURL.Host,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID, // this test's, not the browser's default
		}); err != nil {
			t.Fatal(err)
		}
	}
	saved := func(on bool) {
		t.Helper()
		apptest.Eventually(t, 15*time.Second, "alerts to be saved "+map[bool]string{true: "on", false: "off"}[on], func() bool {
			var got bool
			e.DB.Get(&got, `SELECT enabled FROM agent_alerts`)
			return got == on
		})
		appHTMLAttrOf(t, ctx, `[data-testid="alerts-toggle"]`, "data-alerts-enabled", strconv.FormatBool(on))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	appHTMLAttr(t, ctx, "data-test-connections", "1")

	// Blocked by the browser: alerts go on all the same (the sound), and
	// the toggle says why no notification will show.
	permit(browser.PermissionSettingDenied)
	appClick(t, ctx, `[data-testid="alerts-toggle"]`)
	saved(true)
	tkWaitText(t, ctx, `[data-testid="alerts-status"]`, "Notifications are blocked for this app in your browser: you'll hear a sound only.")
	apptest.Screenshot(t, ctx, "inbox-alerts-blocked")
	appClick(t, ctx, `[data-testid="alerts-toggle"]`)
	saved(false)

	permit(browser.PermissionSettingGranted)
	appClick(t, ctx, `[data-testid="alerts-toggle"]`)
	saved(true)
	if status := tkText(t, ctx, `[data-testid="alerts-status"]`); status != "" {
		t.Fatalf("with notifications allowed, the toggle says %q", status)
	}
	apptest.Screenshot(t, ctx, "inbox-alerts-on")
	hide := func(hidden bool) {
		t.Helper()
		inApp(t, ctx, "to hide the app", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
			return chromedp.SetAttributeValue(chromedp.CSS("html"), "data-test-hidden", strconv.FormatBool(hidden), chromedp.FromNode(frame))
		})
		appHTMLAttr(t, ctx, "data-test-visibility", map[bool]string{true: "hidden", false: "visible"}[hidden])
	}

	hide(true)
	conv := shopperWrites(t, e.Env, e.shopID, 7001, "Jane", "My parcel arrived damaged, the box was crushed and the hoodie inside is torn at the sleeve")
	appHTMLAttr(t, ctx, "data-test-notes", "1")
	title := appHTMLAttrValue(t, ctx, "data-test-note-title")
	if !strings.HasPrefix(title, "New chat from Jane Shopper | My parcel arrived damaged") || len([]rune(title)) > len("New chat from Jane Shopper | ")+80 {
		t.Fatalf("the notification says %q", title)
	}
	if chimed := appHTMLAttrValue(t, ctx, "data-alert-chimed-at"); chimed == "" {
		t.Fatal("no chime with the alert")
	}
	// Clicking it opens the ticket.
	hide(false)
	inApp(t, ctx, "to click the notification", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetAttributeValue(chromedp.CSS("html"), "data-test-click-note", "1", chromedp.FromNode(frame))
	})
	tkWaitText(t, ctx, `[data-testid="ticket-thread"]`, "My parcel arrived damaged")
	if id := inApp(t, ctx, "the ticket's id", func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(`[data-testid="ticket-page"]`), "data-ticket-id", chromedp.FromNode(frame))
	}); id.Value != strconv.FormatInt(conv.ID, 10) {
		t.Fatalf("the notification opened ticket %q, want %d", id.Value, conv.ID)
	}

	// Off: a new ticket, seen in the inbox, creates no notification.
	appClick(t, ctx, `[data-testid="ticket-back"]`)
	appHTMLAttr(t, ctx, "data-test-connections", "1")
	appClick(t, ctx, `[data-testid="alerts-toggle"]`)
	saved(false)
	hide(true)
	shopperWrites(t, e.Env, e.shopID, 7002, "Noah", "Is the rain shell waterproof?")
	hide(false) // the live connection catches up: the new ticket is in the list
	tkWaitText(t, ctx, `.inbox-list`, "Noah Shopper")
	if n := appHTMLAttrValue(t, ctx, "data-test-notes"); n != "" {
		t.Fatalf("%s notifications with alerts off", n)
	}
}

// appHTMLAttrValue is the app page's <html> attribute name, now ("" when
// it has none).
func appHTMLAttrValue(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return inApp(t, ctx, "the app's "+name, func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS("html"), name, chromedp.FromNode(frame))
	}).Value
}

// appHTMLAttrOf waits until sel in the app's page has the attribute name
// at value.
func appHTMLAttrOf(t *testing.T, ctx context.Context, sel, name, value string) {
	t.Helper()
	apptest.Eventually(t, 15*time.Second, sel+" "+name+" to be "+value, func() bool {
		got := inApp(t, ctx, "the app's "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
			return chromedp.AttributeValue(chromedp.CSS(sel), name, chromedp.FromNode(frame))
		})
		return got.Value == value
	})
}
