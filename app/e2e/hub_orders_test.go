package e2e_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// hubText waits until the element sel shows want and returns its text: up
// to 30 s, as the other waits, for the widget loads its scripts when the
// browser is idle, which on a busy machine is late.
func hubText(t *testing.T, ctx context.Context, sel, want string) string {
	t.Helper()
	var text string
	apptest.Eventually(t, 30*time.Second, sel+" to show "+want, func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
		defer cancel()
		var err error
		text, err = chromedp.Run(short, chromedp.TextContent(chromedp.CSS(sel)))
		return err == nil && strings.Contains(text, want)
	})
	return text
}

// The hub's Orders tab: the signed-in customer sees their recent orders
// (name, date, total in the shop's money format, statuses in words, the
// carrier's web link and never a script link), and not another customer's;
// an anonymous visitor is asked to sign in.
func TestOrdersTabShowsTheCustomersOwnOrders(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.settings(t, func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	orders := storage.NewOrders(e.DB, time.Now)
	placed := time.Now().Add(-48 * time.Hour)
	save := func(id, customer int64, name string, tracking ...storage.Tracking) {
		t.Helper()
		_, err := orders.Save(context.Background(), e.shopID, storage.Order{ShopifyID: id, Name: name, CustomerID: customer,
			Total: "1489.50", Currency: "USD", FinancialStatus: "paid", FulfillmentStatus: "fulfilled",
			CreatedAt: placed, UpdatedAt: placed, Tracking: tracking})
		if err != nil {
			t.Fatal(err)
		}
	}
	save(990001, e.Shopify.Shop.SignedInCustomerID(), "#9001",
		storage.Tracking{Company: "UPS", Number: "1Z999", URL: "https://ups.example/track/1Z999"},
		storage.Tracking{Company: "Sly", Number: "X1", URL: "javascript:alert(1)"})
	save(990002, 424242, "#9002") // another customer's

	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/products/trailhead-merino-hoodie")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)),
		chromedp.Click(chromedp.CSS(`[data-hc-launcher]`)),
	)
	if err != nil {
		t.Fatalf("open the hub: %v", err)
	}
	openHubTab(t, ctx, "orders")
	text := hubText(t, ctx, `[data-hc-orders]`, "#9001")
	for _, want := range []string{"$1,489.50", "Paid · Shipped", "Track UPS 1Z999"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Orders tab says %q, want %q in it", text, want)
		}
	}
	if strings.Contains(text, "#9002") {
		t.Errorf("the Orders tab shows another customer's order: %q", text)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('[data-hc-orders] a')].map(a => a.getAttribute('href'))`))
	if err != nil || !slices.Contains(links, "https://ups.example/track/1Z999") {
		t.Errorf("tracking links = %v (%v), want the carrier's web link", links, err)
	}
	for _, l := range links { // the demo customer's earlier orders have theirs
		if !strings.HasPrefix(l, "https://") {
			t.Errorf("a tracking link to %q", l)
		}
	}
	apptest.Screenshot(t, ctx, "hub-orders")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, "hub-orders-phone")

	// An anonymous visitor gets the sign-in prompt, and no request for
	// orders is made.
	anon := apptest.Browser(t)
	err = chromedp.Do(anon,
		chromedp.Navigate(e.Shopify.StorefrontURL+"/products/trailhead-merino-hoodie"),
		chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)),
		chromedp.Click(chromedp.CSS(`[data-hc-launcher]`)),
	)
	if err != nil {
		t.Fatalf("the anonymous visitor's hub: %v", err)
	}
	openHubTab(t, anon, "orders")
	if err := chromedp.Do(anon, chromedp.WaitVisible(chromedp.CSS(`[data-hc-orders-signin] a[data-hc-login]`))); err != nil {
		t.Fatalf("the anonymous visitor's Orders tab: %v", err)
	}
	apptest.Screenshot(t, anon, "hub-orders-anonymous")
}

// When the chat's session cannot start (here the block names a proxy path
// that leads nowhere), the Orders tab says so and offers to try again
// instead of showing "Loading your orders…" for ever.
func TestOrdersTabSaysWhenTheSessionFails(t *testing.T) {
	t.Parallel()
	e := startShopWith(t, apptest.Options{Shopify: func(c *shopifytest.Config) {
		hub := shopifytest.CustomerHub
		hub.Settings = map[string]any{"proxy_path": "/apps/nowhere"}
		c.Embeds = shopifytest.SwitchedOn(hub)
	}})
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/products/trailhead-merino-hoodie")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)),
		chromedp.Click(chromedp.CSS(`[data-hc-launcher]`)),
	)
	if err != nil {
		t.Fatalf("open the hub: %v", err)
	}
	openHubTab(t, ctx, "orders")
	hubText(t, ctx, `[data-hc-orders]`, "Try again")
	if n := evalString(t, ctx, `String(document.querySelectorAll('[data-hc-orders] button').length)`); n != "1" {
		t.Fatalf("%s retry buttons in the Orders tab, want 1", n)
	}
}
