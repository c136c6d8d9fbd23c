package storage_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"hubchat/storage"
)

// A customer's orders come newest first with their tracking and items, and only
// theirs: not another customer's, not a guest's with the same email, not
// another shop's.
func TestCustomerOrdersAreTheirOwnNewestFirst(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	orders := storage.NewOrders(f.db, time.Now)
	t0 := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	ups := storage.Tracking{Company: "UPS", Number: "1Z999", URL: "https://ups.example/1Z999"}
	items := json.RawMessage(`[{"title":"Gooseneck Kettle","quantity":1},{"title":"Paper Filters","quantity":2}]`)
	save := func(shopID, id, customer int64, name string, placed time.Time, tracking ...storage.Tracking) {
		t.Helper()
		_, err := orders.Save(f.ctx, shopID, storage.Order{ShopifyID: id, Name: name, CustomerID: customer,
			Email: "olga@example.com", Total: "10.00", Currency: "USD", FinancialStatus: "paid",
			CreatedAt: placed, UpdatedAt: placed, Tracking: tracking, LineItems: items})
		if err != nil {
			t.Fatal(err)
		}
	}
	save(f.shop.ID, 1, 7001, "#1001", t0, ups)
	save(f.shop.ID, 2, 7001, "#1002", t0.Add(48*time.Hour))
	save(f.shop.ID, 3, 7002, "#1003", t0.Add(72*time.Hour))
	save(f.shop.ID, 4, 0, "#1004", t0.Add(96*time.Hour)) // a guest with her email
	save(f.other.ID, 5, 7001, "#1005", t0.Add(120*time.Hour))

	got, err := orders.CustomerOrders(f.ctx, f.shop.ID, 7001, 10)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range got {
		names = append(names, o.Name)
	}
	if !slices.Equal(names, []string{"#1002", "#1001"}) {
		t.Fatalf("orders = %v, want her two, newest first", names)
	}
	if len(got[0].Tracking) != 0 || !slices.Equal(got[1].Tracking, []storage.Tracking{ups}) {
		t.Errorf("tracking = %+v / %+v", got[0].Tracking, got[1].Tracking)
	}
	if !got[1].CreatedAt.Equal(t0) || got[1].FinancialStatus != "paid" || got[1].Total != "10.00" || got[1].Currency != "USD" ||
		!slices.Equal(got[1].Items, []string{"Gooseneck Kettle", "Paper Filters"}) {
		t.Errorf("order = %+v", got[1])
	}
	one, _ := orders.CustomerOrders(f.ctx, f.shop.ID, 7001, 1)
	if len(one) != 1 || one[0].Name != "#1002" {
		t.Errorf("limit 1: %+v", one)
	}
	if _, err := orders.CustomerOrders(f.ctx, f.shop.ID, 0, 10); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("an anonymous visitor's orders: %v, want invalid", err)
	}

	// A later delivery with new tracking replaces it.
	save(f.shop.ID, 1, 7001, "#1001", t0.Add(time.Hour))
	got, _ = orders.CustomerOrders(f.ctx, f.shop.ID, 7001, 10)
	if len(got[1].Tracking) != 0 {
		t.Errorf("tracking after a newer state without it: %+v", got[1].Tracking)
	}
}
