package e2e_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
)

// waitForDueJobs waits until every job that is due has run: unlike
// WaitForJobs it does not wait for jobs queued for later (a reconcile due
// tomorrow).
func waitForDueJobs(t *testing.T, e shopEnv) {
	t.Helper()
	apptest.Eventually(t, 15*time.Second, "the due jobs to run", func() bool {
		var n int
		if err := e.DB.Get(&n, `SELECT count(*) FROM jobs WHERE status = 'running' OR (status = 'queued' AND run_at <= now())`); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}

// The ticket page's History ([5/9]): the signed-in demo customer has a
// ticket; they place an order through Shopify, whose webhooks bring it in,
// and the agent's ticket page lists "Order #… placed" with a link to the
// order in the Shopify admin.
func TestTicketHistoryShowsThePlacedOrder(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{Shopify: apptest.WithCustomerHub(t)})
	env.Install(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	e := shopEnv{Env: env, shopID: shopID}
	waitForDueJobs(t, e) // the chat settings are published for the storefront

	shopper, admin := apptest.Browser(t), apptest.Browser(t)
	e.signIn(t, shopper, "/products/trailhead-merino-hoodie")
	openChat(t, shopper)
	send(t, shopper, "Is the hoodie warm enough for winter?")
	apptest.Eventually(t, 10*time.Second, "the ticket", func() bool {
		var n int
		return e.DB.Get(&n, `SELECT count(*) FROM conversations WHERE status = 'open'`) == nil && n == 1
	})
	waitForDueJobs(t, e)

	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Is the hoodie warm enough")

	customer := e.Shopify.Shop.SignedInCustomerID()
	order, err := e.Shopify.PlaceOrder(context.Background(), customer, []shopifytest.DemoLineItem{
		{Title: "Trailhead Merino Hoodie", Quantity: 1, Price: "89.00"}})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the order's webhooks to be processed", func() bool {
		var n int
		return e.DB.Get(&n, `SELECT count(*) FROM profile_events WHERE data->>'order_id' = $1`, strconv.FormatInt(order.ID, 10)) == nil && n == 2
	})
	// The History is not live: opening the ticket again shows the order.
	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-history"]`, "Order "+order.Name()+" placed — $89.00")
	tkWaitText(t, admin, `[data-testid="ticket-history"]`, "Order "+order.Name()+" paid")
	links := inApp(t, admin, "the order links", func(frame *chromedp.Node) chromedp.Action[[]map[string]string] {
		return chromedp.AttributesAll(chromedp.CSSAll(`[data-testid="history-order"]`), chromedp.FromNode(frame))
	})
	wantHref := e.Config.ShopifyAdminURL.String() + "/store/" + strings.TrimSuffix(e.Shop(), ".myshopify.com") +
		"/orders/" + strconv.FormatInt(order.ID, 10)
	// The newest two (paid, placed) are this order's; earlier orders a
	// backfill brought in follow.
	if len(links) < 2 || links[0]["href"] != wantHref || links[1]["href"] != wantHref || links[0]["target"] != "_top" {
		t.Fatalf("order links %v, want the newest two to %s in the top frame", links, wantHref)
	}
	appScroll(t, admin, `[data-testid="ticket-history"]`)
	apptest.Screenshot(t, admin, "ticket-history-orders")
}
