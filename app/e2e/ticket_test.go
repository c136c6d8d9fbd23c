package e2e_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// The ticket page end to end ([4/9]): a signed-in shopper writes; the agent
// opens the ticket from the inbox (its dot and the badge clear), replies
// with a macro and with an image, which the shopper's widget shows live,
// and sees them "Seen"; snoozing hides the ticket from Open until it wakes;
// closing ends the chat, and the shopper's next message opens a new ticket.
func TestAgentAnswersATicket(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := context.Background()
	storage.NewMacros(e.DB, time.Now).Create(ctx, e.shopID, "Greeting", "Hi {{customer.first_name}}! {{agent.first_name}} here, about {{customer.last_order_number}}.")

	// The shopper and the agent each in their own browser, both visible.
	shopper, admin := apptest.Browser(t), apptest.Browser(t)
	e.signIn(t, shopper, "/products/trailhead-merino-hoodie")
	openChat(t, shopper)
	send(t, shopper, "Do you ship to Canada?")
	var convID int64
	apptest.Eventually(t, 10*time.Second, "the ticket", func() bool {
		return e.DB.Get(&convID, `SELECT id FROM conversations WHERE status = 'open'`) == nil
	})
	e.WaitForJobs(t) // the customer's details from Shopify, for the macro's first name
	// The shopper's cart names the conversation, so the order carries it.
	apptest.Eventually(t, 10*time.Second, "the cart to name the conversation", func() bool {
		attr, err := chromedp.Run(shopper, chromedp.Evaluate[string](
			`fetch('/cart.js').then(r => r.json()).then(c => c.attributes.hubchat_conversation || '')`, chromedp.EvalAwaitPromise))
		return err == nil && attr == strconv.FormatInt(convID, 10)
	})

	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkCount(t, admin, `.inbox-row--unread`, 1)
	tkCount(t, admin, `[data-testid="unread-badge"]`, 1)
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Do you ship to Canada?")
	if status := appText(t, admin, `[data-testid="ticket-status"]`); status != "Open" {
		t.Fatalf("status %q", status)
	}

	// A macro, filled in for this ticket, then Enter; then an image.
	appClick(t, admin, `[data-testid="macro-open"]`)
	apptest.Screenshot(t, admin, "ticket-macros")
	appClick(t, admin, `[data-testid="macro"]`)
	appClick(t, admin, `[data-testid="emoji-open"]`)
	apptest.Screenshot(t, admin, "ticket-emoji")
	appClick(t, admin, `[data-emoji="🙂"]`) // at the cursor: after the macro
	macro := tkValue(t, admin, `[data-testid="composer-body"]`)
	if macro != "Hi Jane! Alex here, about "+lastOrderName(t, e)+".🙂" {
		t.Fatalf("the macro and the emoji filled in %q", macro)
	}
	tkType(t, admin, `[data-testid="composer-body"]`, kb.Enter)
	threadText(t, shopper, strings.TrimSpace(macro))
	inApp(t, admin, "to choose an image", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="composer-image"]`), []string{testPNG(t)}, chromedp.FromNode(frame))
	})
	appClick(t, admin, `[data-testid="composer-send"]`)
	apptest.Eventually(t, 15*time.Second, "the shopper's widget to show the image", func() bool {
		short, cancel := context.WithTimeout(shopper, tryTimeout)
		defer cancel()
		n, err := chromedp.Run(short, chromedp.Evaluate[int](`document.querySelectorAll('.hc-thread img[src*="/media/"]').length`))
		return err == nil && n == 1
	})
	tkCount(t, admin, `[data-testid="message-image"]`, 1)
	tkCount(t, admin, `[data-testid="message-receipt"]`, 2)
	apptest.Eventually(t, 15*time.Second, "both replies seen", func() bool {
		return strings.Count(tkText(t, admin, `[data-testid="ticket-thread"]`), "Seen") == 2
	})
	send(t, shopper, "Perfect, thanks!") // the shopper's answer appears live
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Perfect, thanks!")
	apptest.Screenshot(t, admin, "ticket")

	// Back in the inbox the ticket is read: no dot, no badge.
	appClick(t, admin, `[data-testid="ticket-back"]`)
	tkCount(t, admin, `[data-testid="inbox-row"]`, 1)
	tkCount(t, admin, `.inbox-row--unread`, 0)
	tkCount(t, admin, `[data-testid="unread-badge"]`, 0)

	// Snooze for an hour: gone from Open until it wakes.
	openTicket(t, admin)
	appClick(t, admin, `[data-testid="snooze-open"]`)
	apptest.Screenshot(t, admin, "ticket-snooze")
	appClick(t, admin, `[data-testid="snooze-hour"]`)
	tkWaitText(t, admin, `[data-testid="ticket-status"]`, "Snoozed until")
	appClick(t, admin, `[data-testid="ticket-back"]`)
	tkCount(t, admin, `[data-testid="inbox-empty"]`, 1)
	appClick(t, admin, `.tabs__tab:nth-child(2)`) // Snoozed
	tkCount(t, admin, `[data-testid="inbox-row"]`, 1)
	e.DB.MustExec(`UPDATE conversations SET snoozed_until = now() - interval '1 second' WHERE id = $1`, convID)
	if _, err := storage.NewJobs(e.DB, time.Now).Enqueue(ctx, storage.NewJob{Kind: "conversations.wake_snoozed"}); err != nil {
		t.Fatal(err)
	}
	e.WaitForJobs(t)
	appClick(t, admin, `.tabs__tab:nth-child(1)`) // Open: it is back
	tkCount(t, admin, `.inbox-row--unread`, 1)

	// Close, confirmed: the composer goes, and the shopper's next message
	// starts a new ticket.
	openTicket(t, admin)
	appClick(t, admin, `[data-testid="close-open"]`)
	appClick(t, admin, `[data-testid="close-confirm"]`)
	tkCount(t, admin, `[data-testid="composer-closed"]`, 1)
	tkWaitText(t, admin, `[data-testid="ticket-history"]`, "Conversation closed by an agent")
	if status := appText(t, admin, `[data-testid="ticket-status"]`); status != "Closed" {
		t.Fatalf("status after closing %q", status)
	}
	apptest.Screenshot(t, admin, "ticket-closed")
	send(t, shopper, "One more thing")
	apptest.Eventually(t, 10*time.Second, "a new ticket", func() bool {
		var n int
		e.DB.Get(&n, `SELECT count(*) FROM conversations WHERE status = 'open' AND id <> $1`, convID)
		return n == 1
	})
}

// tkCount waits until the app's page has n elements matching sel.
func tkCount(t *testing.T, ctx context.Context, sel string, n int) {
	t.Helper()
	apptest.Eventually(t, 30*time.Second, "the app to show "+sel, func() bool {
		nodes := inApp(t, ctx, "to count "+sel, func(frame *chromedp.Node) chromedp.Action[[]*chromedp.Node] {
			return chromedp.Nodes(chromedp.CSSAll(sel), chromedp.FromNode(frame), chromedp.AtLeast(0))
		})
		return len(nodes) == n
	})
}

// tkText is the text of sel in the app's page, now.
func tkText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return inApp(t, ctx, "the app to show "+sel, func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.TextContent(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// tkWaitText waits until sel in the app's page shows want.
func tkWaitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	apptest.Eventually(t, 30*time.Second, sel+" to show "+want, func() bool {
		return strings.Contains(tkText(t, ctx, sel), want)
	})
}

// tkValue is the value of the field sel in the app's page.
func tkValue(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return inApp(t, ctx, "the value of "+sel, func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.Value(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// tkType types keys into sel in the app's page.
func tkType(t *testing.T, ctx context.Context, sel, keys string) {
	t.Helper()
	inApp(t, ctx, "to type into "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(sel), keys, chromedp.FromNode(frame))
	})
}

// testPNG writes a small PNG for the composer to send and returns its path.
func testPNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for x := range 120 {
		for y := range 80 {
			img.Set(x, y, color.RGBA{R: uint8(x * 2), G: 96, B: uint8(y * 3), A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "parcel.png")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lastOrderName is the name of the signed-in demo customer's latest order
// at the local Shopify, which the install imported.
func lastOrderName(t *testing.T, e shopEnv) string {
	t.Helper()
	var last shopifytest.DemoOrder
	for _, o := range e.Shopify.Shop.Orders() {
		if o.CustomerID == e.Shopify.Shop.SignedInCustomerID() && o.CreatedAt.After(last.CreatedAt) {
			last = o
		}
	}
	if last.ID == 0 {
		t.Fatal("the demo customer has no orders")
	}
	return last.Name()
}
