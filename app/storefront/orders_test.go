package storefront_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"hubchat/storage"
)

// A signed-in customer's Orders tab lists their own orders, newest first,
// with the totals and statuses Shopify synced and only web links for
// tracking; never another customer's, and an anonymous visitor is told to
// sign in.
func TestOrdersAreTheSignedInCustomersOwn(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	orders := storage.NewOrders(e.DB, time.Now)
	placed := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	save := func(id, customer int64, name string, at time.Time, tracking ...storage.Tracking) {
		t.Helper()
		_, err := orders.Save(context.Background(), e.shopID, storage.Order{ShopifyID: id, Name: name, CustomerID: customer,
			Total: "489.00", Currency: "USD", FinancialStatus: "paid", FulfillmentStatus: "fulfilled",
			CreatedAt: at, UpdatedAt: at, Tracking: tracking})
		if err != nil {
			t.Fatal(err)
		}
	}
	save(900001, 8101, "#5001", placed, storage.Tracking{Company: "UPS", Number: "1Z1", URL: "https://ups.example/1Z1"},
		storage.Tracking{Company: "Odd", Number: "X", URL: "javascript:alert(1)"})
	save(900002, 8101, "#5002", placed.Add(24*time.Hour))
	save(900003, 8102, "#5003", placed.Add(48*time.Hour)) // another customer's

	_, jane := e.session("8101")
	resp, body := e.api(jane.Token, "GET", "/api/storefront/orders", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("orders: %d %s", resp.StatusCode, body)
	}
	var got struct {
		Orders []struct {
			Name, Total, Currency, FinancialStatus string
			FulfillmentStatus                      string    `json:"fulfillment_status"`
			PlacedAt                               time.Time `json:"placed_at"`
			Tracking                               []struct{ Company, Number, URL string }
		}
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Orders) != 2 || got.Orders[0].Name != "#5002" || got.Orders[1].Name != "#5001" {
		t.Fatalf("orders = %s, want #5002 and #5001 only", body)
	}
	o := got.Orders[1]
	if o.Total != "489.00" || o.Currency != "USD" || o.FulfillmentStatus != "fulfilled" || !o.PlacedAt.Equal(placed) {
		t.Errorf("order = %+v", o)
	}
	if len(o.Tracking) != 2 || o.Tracking[0].URL != "https://ups.example/1Z1" || o.Tracking[1].URL != "" || o.Tracking[1].Number != "X" {
		t.Errorf("tracking = %+v, want the web link kept and the script link dropped", o.Tracking)
	}

	// The other customer sees theirs only.
	_, other := e.session("8102")
	_, body = e.api(other.Token, "GET", "/api/storefront/orders", nil)
	if err := json.Unmarshal(body, &got); err != nil || len(got.Orders) != 1 || got.Orders[0].Name != "#5003" {
		t.Fatalf("the other customer's orders = %s", body)
	}

	// An anonymous visitor (the shop lets everyone chat) has none to see.
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	_, anon := e.session("")
	if resp, body := e.api(anon.Token, "GET", "/api/storefront/orders", nil); resp.StatusCode != 403 {
		t.Fatalf("anonymous orders: %d %s, want 403", resp.StatusCode, body)
	}
	if resp, _ := e.api("", "GET", "/api/storefront/orders", nil); resp.StatusCode != 401 {
		t.Fatalf("orders without a token: %d, want 401", resp.StatusCode)
	}
}
