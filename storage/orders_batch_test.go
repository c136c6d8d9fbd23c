package storage_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// A batch of orders is one transaction (every row shares one xmin) that
// keeps each order's newest state whatever the order of its states in the
// batch, records every state's events once, and says which states it
// applied; a later batch with an older state changes nothing.
func TestOrdersSavedTogetherShareOneCommitAndKeepTheNewest(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	t0 := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	paid := order(t0.Add(time.Hour), "paid")
	paid.FulfillmentStatus = "fulfilled"
	batch := []storage.Order{paid, order(t0, "pending")}
	for i := range 30 {
		guest := attributedOrder(0, time.Hour, "", 0)
		guest.ShopifyID = 9000 - int64(i) // out of id order
		batch = append(batch, guest)
	}
	applied, err := f.orders.SaveAllAttributed(f.ctx, f.shop.ID, batch)
	if err != nil {
		t.Fatal(err)
	}
	if !applied[0] || applied[1] || !applied[2] {
		t.Errorf("applied %v: want the newest state of 501 and each guest order applied, the older state not", applied[:3])
	}
	var xmins []string
	if err := f.db.Select(&xmins, `SELECT DISTINCT xmin::text FROM orders WHERE shop_id = $1`, f.shop.ID); err != nil {
		t.Fatal(err)
	}
	if len(xmins) != 1 {
		t.Errorf("the batch's orders were written by transactions %v, want one", xmins)
	}
	var state, kinds string
	if err := f.db.Get(&state, `SELECT financial_status || '/' || fulfillment_status FROM orders
		WHERE shop_id = $1 AND shopify_id = 501`, f.shop.ID); err != nil || state != "paid/fulfilled" {
		t.Fatalf("order 501 is %q (%v), want the newest state, paid/fulfilled", state, err)
	}
	if err := f.db.Get(&kinds, `SELECT string_agg(kind, ',' ORDER BY kind) FROM profile_events e
		JOIN profiles p ON p.id = e.profile_id WHERE e.shop_id = $1 AND p.shopify_customer_id = 7001 AND kind LIKE 'order%'`,
		f.shop.ID); err != nil || kinds != "order_fulfilled,order_paid,order_placed" {
		t.Fatalf("events %q (%v), want each once", kinds, err)
	}
	var count int
	if err := f.db.Get(&count, `SELECT count(*) FROM orders WHERE shop_id = $1`, f.shop.ID); err != nil || count != 31 {
		t.Fatalf("%d orders stored (%v), want 31", count, err)
	}
	again, err := f.orders.SaveAllAttributed(f.ctx, f.shop.ID, []storage.Order{order(t0.Add(30*time.Minute), "authorized")})
	if err != nil || again[0] {
		t.Fatalf("an older state alone: applied %v, %v; want kept out", again, err)
	}
	if err := f.db.Get(&state, `SELECT financial_status FROM orders WHERE shop_id = $1 AND shopify_id = 501`, f.shop.ID); err != nil ||
		!strings.HasPrefix(state, "paid") {
		t.Fatalf("order 501 is %q after an older state, want paid", state)
	}
}
