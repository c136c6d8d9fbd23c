package webhooks_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// An order's webhook carries its fulfillments: the tracking of those not
// cancelled is stored, each number with its link, for "where is my order?".
func TestOrderWebhookStoresTracking(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	body := orderBody(t0.Add(time.Hour), "paid", "fulfilled")
	body["fulfillments"] = []any{
		map[string]any{"id": 1, "status": "cancelled", "tracking_company": "USPS", "tracking_number": "OLD",
			"tracking_numbers": []any{"OLD"}, "tracking_url": "https://usps.example/OLD", "tracking_urls": []any{"https://usps.example/OLD"}},
		map[string]any{"id": 2, "status": "success", "tracking_company": "UPS", "tracking_number": "1Z1",
			"tracking_numbers": []any{"1Z1", "1Z2"}, "tracking_url": "https://ups.example/1Z1",
			"tracking_urls": []any{"https://ups.example/1Z1", "https://ups.example/1Z2"}},
		map[string]any{"id": 3, "status": "success", "tracking_company": nil, "tracking_number": "LOCAL-7",
			"tracking_numbers": []any{}, "tracking_url": nil, "tracking_urls": []any{}},
		map[string]any{"id": 4, "status": "success", "tracking_company": nil, "tracking_number": nil,
			"tracking_numbers": []any{}, "tracking_url": nil, "tracking_urls": []any{}},
	}
	send(t, env, shopifytest.Webhook{Topic: "orders/fulfilled", Payload: body})
	waitForDeliveries(t, env)
	shop, err := storage.NewShops(env.DB, env.Keys, time.Now).ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	got, err := storage.NewOrders(env.DB, time.Now).CustomerOrders(context.Background(), shop.ID, 7001, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := []storage.Tracking{{Company: "UPS", Number: "1Z1", URL: "https://ups.example/1Z1"},
		{Company: "UPS", Number: "1Z2", URL: "https://ups.example/1Z2"}, {Number: "LOCAL-7"}}
	for _, o := range got {
		if o.ShopifyID == testOrderID {
			if !reflect.DeepEqual(o.Tracking, want) {
				t.Errorf("tracking = %+v\nwant %+v", o.Tracking, want)
			}
			return
		}
	}
	t.Fatalf("order %d not stored: %+v", testOrderID, got)
}

// The local Shopify's order webhooks carry the demo orders' fulfillments
// as Shopify's REST JSON does, and they are stored.
func TestDemoOrderTrackingArrivesByWebhook(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	var shipped shopifytest.DemoOrder
	for _, o := range env.Shopify.Shop.Orders() {
		if len(o.Fulfillments) > 0 {
			shipped = o
		}
	}
	if shipped.ID == 0 {
		t.Fatal("the demo shop has no order with tracking")
	}
	send(t, env, shopifytest.Webhook{Topic: "orders/updated", Payload: env.Shopify.Shop.OrderPayload(shipped)})
	waitForDeliveries(t, env)
	var tracking string
	if err := env.DB.Get(&tracking, `SELECT tracking->0->>'url' FROM orders WHERE shopify_id = $1`, shipped.ID); err != nil {
		t.Fatal(err)
	}
	if tracking != shipped.Fulfillments[0].TrackingURL {
		t.Errorf("stored tracking url %q, want %q", tracking, shipped.Fulfillments[0].TrackingURL)
	}
}
