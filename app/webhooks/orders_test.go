package webhooks_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
)

// The test orders' ids are far from the demo shop's, which a backfill may
// bring in.
const testOrderID = 990001

var t0 = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

// orderBody is order 990001 of customer 7001 as its state was at updated.
func orderBody(updated time.Time, financial string, fulfillment any) map[string]any {
	return map[string]any{"id": testOrderID, "name": "#9901", "email": "olga@example.com", "total_price": "89.00",
		"currency": "USD", "financial_status": financial, "fulfillment_status": fulfillment, "cancelled_at": nil,
		"created_at": t0.Format(time.RFC3339), "updated_at": updated.Format(time.RFC3339),
		"customer":        map[string]any{"id": 7001, "email": "olga@example.com"},
		"note_attributes": []any{map[string]any{"name": "hubchat_conversation", "value": "5"}},
		"line_items":      []any{map[string]any{"product_id": 1, "title": "Mug", "quantity": 1, "price": "89.00"}}}
}

// waitForDeliveries waits until every delivery so far is processed or
// parked. Other jobs (a backfill, its next reconcile due tomorrow) are not
// waited for.
func waitForDeliveries(t *testing.T, env *apptest.Env) {
	t.Helper()
	apptest.Eventually(t, 10*time.Second, "the deliveries to be processed", func() bool {
		return count(t, env, `SELECT count(*) FROM jobs WHERE kind = 'webhook.process' AND status IN ('queued', 'running')`) == 0
	})
}

func orderState(t *testing.T, env *apptest.Env) string {
	t.Helper()
	var state string
	if err := env.DB.Get(&state, `SELECT financial_status || '/' || fulfillment_status FROM orders WHERE shopify_id = $1`, testOrderID); err != nil {
		t.Fatal(err)
	}
	return state
}

// Shopify delivers orders' webhooks duplicated, out of order and late: the
// stored order ends in the newest state and each event is recorded once.
func TestOrderWebhooksEndInTheNewestState(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	newest := send(t, env, shopifytest.Webhook{Topic: "orders/updated", Payload: orderBody(t0.Add(2*time.Hour), "paid", "fulfilled")})
	waitForDeliveries(t, env) // the update is processed before the create arrives
	send(t, env, shopifytest.Webhook{Topic: "orders/create", Payload: orderBody(t0, "pending", nil)})
	send(t, env, shopifytest.Webhook{Topic: "orders/updated", Payload: orderBody(t0.Add(time.Hour), "authorized", nil)})
	send(t, env, shopifytest.Webhook{Topic: "orders/paid", Payload: orderBody(t0.Add(30*time.Minute), "paid", nil),
		TriggeredAt: time.Now().Add(-24 * time.Hour)}) // a day late
	send(t, env, newest.Webhook) // a retry: same webhook id
	again := newest.Webhook
	again.WebhookID = "" // the same event in another delivery
	send(t, env, again)
	waitForDeliveries(t, env)
	if got := orderState(t, env); got != "paid/fulfilled" {
		t.Fatalf("order state %s, want the newest, paid/fulfilled", got)
	}
	if n := count(t, env, `SELECT count(*) FROM webhook_deliveries WHERE topic LIKE 'orders/%'`); n != 4 {
		t.Fatalf("%d deliveries stored, want the 4 distinct ones", n)
	}
	var kinds []string
	env.DB.Select(&kinds, `SELECT kind FROM profile_events e JOIN profiles p ON p.id = e.profile_id
		WHERE p.shopify_customer_id = 7001 AND e.data->>'order_id' = $1 ORDER BY kind`, strconv.Itoa(testOrderID))
	if strings.Join(kinds, ",") != "order_fulfilled,order_paid,order_placed" {
		t.Fatalf("events %v, want placed, paid and fulfilled once each", kinds)
	}

	// A refund then cancellation add their events, once.
	refund := map[string]any{"id": 4401, "order_id": testOrderID, "created_at": t0.Add(3 * time.Hour).Format(time.RFC3339),
		"transactions": []any{map[string]any{"kind": "refund", "status": "success", "amount": "89.00"}}}
	first := send(t, env, shopifytest.Webhook{Topic: "refunds/create", Payload: refund})
	send(t, env, first.Webhook)
	cancelled := orderBody(t0.Add(4*time.Hour), "refunded", "fulfilled")
	cancelled["cancelled_at"] = t0.Add(4 * time.Hour).Format(time.RFC3339)
	send(t, env, shopifytest.Webhook{Topic: "orders/cancelled", Payload: cancelled})
	waitForDeliveries(t, env)
	if n := count(t, env, `SELECT count(*) FROM profile_events
		WHERE kind IN ('order_refunded', 'order_cancelled') AND data->>'order_id' = $1`, strconv.Itoa(testOrderID)); n != 2 {
		t.Fatalf("%d refund/cancel events, want one each", n)
	}
	if got := orderState(t, env); got != "refunded/fulfilled" {
		t.Fatalf("order state %s after the cancellation", got)
	}
}

// A malformed or unexpected order payload is parked with its reason, and
// the worker goes on with the next delivery.
func TestMalformedOrderIsParkedWithItsReason(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	send(t, env, shopifytest.Webhook{Topic: "orders/create", Body: []byte(`{"id": 99`)})
	noID := orderBody(t0, "paid", nil)
	delete(noID, "id")
	send(t, env, shopifytest.Webhook{Topic: "orders/create", Payload: noID})
	badTotal := orderBody(t0, "paid", nil)
	badTotal["total_price"] = "lots"
	send(t, env, shopifytest.Webhook{Topic: "orders/updated", Payload: badTotal})
	for _, reason := range []string{"not valid JSON", "names no order id", "no valid total_price"} {
		apptest.Eventually(t, 10*time.Second, "the job to park: "+reason, func() bool {
			return count(t, env, `SELECT count(*) FROM jobs WHERE status = 'parked' AND last_error LIKE '%' || $1 || '%'`, reason) == 1
		})
	}
	send(t, env, shopifytest.Webhook{Topic: "orders/create", Payload: orderBody(t0, "paid", nil)})
	waitForDeliveries(t, env)
	if got := orderState(t, env); got != "paid/" {
		t.Fatalf("the next delivery was not processed: %s", got)
	}
}

// customers/* create or update the customer's profile, never with older
// details; products/* keep the catalog.
func TestCustomerAndProductWebhooks(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	customer := map[string]any{"id": 880001, "first_name": "Nina", "last_name": "Okafor", "email": "nina@example.com",
		"phone": "+15550002", "orders_count": 2, "total_spent": "40.00", "currency": "USD",
		"created_at": t0.Format(time.RFC3339), "updated_at": time.Now().Format(time.RFC3339)}
	send(t, env, shopifytest.Webhook{Topic: "customers/create", Payload: customer})
	waitForDeliveries(t, env)
	stale := map[string]any{"id": 880001, "first_name": "N.", "email": "old@example.com"} // no updated_at
	send(t, env, shopifytest.Webhook{Topic: "customers/update", Payload: stale, TriggeredAt: time.Now().Add(-24 * time.Hour)})
	waitForDeliveries(t, env)
	var name string
	env.DB.Get(&name, `SELECT first_name || ' ' || email || ' ' || orders_count || ' ' || total_spent FROM profiles WHERE shopify_customer_id = 880001`)
	if name != "Nina nina@example.com 2 40.00" {
		t.Fatalf("profile %q, want Nina's newest details", name)
	}

	product := map[string]any{"id": 770001, "title": "Linen shirt", "handle": "linen-shirt", "status": "active",
		"body_html": "<p>Cool &amp; airy</p>", "updated_at": t0.Format(time.RFC3339),
		"variants": []any{map[string]any{"price": "45.00"}, map[string]any{"price": "39.50"}}, "image": map[string]any{"src": "https://cdn.example/shirt.jpg"}}
	send(t, env, shopifytest.Webhook{Topic: "products/create", Payload: product})
	waitForDeliveries(t, env)
	var row string
	env.DB.Get(&row, `SELECT title || '|' || description || '|' || price || '|' || image_url FROM products WHERE shopify_id = 770001`)
	if row != "Linen shirt|Cool & airy|39.50|https://cdn.example/shirt.jpg" {
		t.Fatalf("product %q", row)
	}
	send(t, env, shopifytest.Webhook{Topic: "products/delete", Payload: map[string]any{"id": 770001}})
	waitForDeliveries(t, env)
	if n := count(t, env, `SELECT count(*) FROM products WHERE shopify_id = 770001`); n != 0 {
		t.Fatal("deleted product still stored")
	}
}
