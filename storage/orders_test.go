package storage_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// order is order 501 of customer 7001 as Shopify described it at updated.
func order(updated time.Time, financial string) storage.Order {
	created := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	return storage.Order{ShopifyID: 501, Name: "#1001", CustomerID: 7001, Email: "olga@example.com", Total: "89.00",
		Currency: "USD", FinancialStatus: financial, CreatedAt: created, UpdatedAt: updated,
		NoteAttributes: json.RawMessage(`[{"name":"hubchat_conversation","value":"12"}]`),
		LineItems:      json.RawMessage(`[{"title":"Mug","quantity":1,"price":"89.00"}]`)}
}

func TestOrderKeepsTheNewestStateWhateverTheOrder(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	orders := storage.NewOrders(f.db, time.Now)
	t0 := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	paid := order(t0.Add(time.Hour), "paid")
	paid.FulfillmentStatus = "fulfilled"
	steps := []struct {
		name    string
		o       storage.Order
		applied bool
	}{
		{"update before create", paid, true},
		{"the create, late", order(t0, "pending"), false},
		{"a duplicate", paid, false},
		{"an older update", order(t0.Add(30*time.Minute), "authorized"), false},
	}
	for _, s := range steps {
		applied, err := orders.Save(f.ctx, f.shop.ID, s.o)
		if err != nil || applied != s.applied {
			t.Fatalf("%s: applied %v, %v; want %v", s.name, applied, err, s.applied)
		}
	}
	var state struct {
		Financial, Fulfillment string
		Notes                  string
	}
	f.db.QueryRow(`SELECT financial_status, fulfillment_status, note_attributes::text FROM orders WHERE shop_id = $1 AND shopify_id = 501`,
		f.shop.ID).Scan(&state.Financial, &state.Fulfillment, &state.Notes)
	if state.Financial != "paid" || state.Fulfillment != "fulfilled" || !strings.Contains(state.Notes, "hubchat_conversation") {
		t.Fatalf("stored %+v, want the newest state", state)
	}
	var kinds []string
	f.db.Select(&kinds, `SELECT kind FROM profile_events e JOIN profiles p ON p.id = e.profile_id
		WHERE e.shop_id = $1 AND p.shopify_customer_id = 7001 ORDER BY kind`, f.shop.ID)
	if strings.Join(kinds, ",") != "order_fulfilled,order_paid,order_placed" {
		t.Fatalf("events %v, want each once", kinds)
	}
	// The other shop's order 501 is another order.
	if applied, err := orders.Save(f.ctx, f.other.ID, order(t0, "pending")); !applied || err != nil {
		t.Fatalf("the other shop's order: %v, %v", applied, err)
	}
}

func TestRefundIsAnEventOnceAndWaitsForItsOrder(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	orders := storage.NewOrders(f.db, time.Now)
	refund := storage.Refund{ShopifyID: 88, OrderShopifyID: 501, Amount: "10.00", CreatedAt: time.Now().Add(time.Hour)}
	if err := orders.RecordRefund(f.ctx, f.shop.ID, refund); err == nil {
		t.Fatal("a refund of an unknown order was accepted; it must wait for the order")
	}
	if _, err := orders.Save(f.ctx, f.shop.ID, order(time.Now(), "paid")); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := orders.RecordRefund(f.ctx, f.shop.ID, refund); err != nil {
			t.Fatal(err)
		}
	}
	profile, _ := storage.NewProfiles(f.db, time.Now).ForCustomer(f.ctx, f.shop.ID, 7001)
	history, err := storage.NewProfiles(f.db, time.Now).History(f.ctx, f.shop.ID, profile.ID, 10)
	if err != nil || len(history) != 3 || history[0].Kind != storage.EventOrderRefunded || history[0].Amount != "10.00" {
		t.Fatalf("history %+v, %v; want the refund first, once", history, err)
	}
}

func TestCustomerDetailsKeepTheNewest(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	profiles := storage.NewProfiles(f.db, time.Now)
	t0 := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	newer := storage.CustomerDetails{FirstName: "Olga", Email: "olga@example.com", OrdersCount: 3, TotalSpent: "120.50"}
	older := storage.CustomerDetails{FirstName: "O.", Email: "old@example.com"}
	if applied, err := profiles.SaveCustomer(f.ctx, f.shop.ID, 7001, newer, t0.Add(time.Hour)); !applied || err != nil {
		t.Fatalf("first save: %v, %v", applied, err)
	}
	if applied, err := profiles.SaveCustomer(f.ctx, f.shop.ID, 7001, older, t0); applied || err != nil {
		t.Fatalf("an older save: applied %v, %v", applied, err)
	}
	p, _ := profiles.ForCustomer(f.ctx, f.shop.ID, 7001)
	if p.FirstName != "Olga" || p.OrdersCount != 3 || p.TotalSpent != "120.50" || p.SyncedAt == nil {
		t.Fatalf("profile %+v", p)
	}
}

func TestProductsKeepTheNewestAndDelete(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	products := storage.NewProducts(f.db)
	t0 := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	mug := storage.Product{ShopifyID: 9, Title: "Mug", Price: "12.00", Status: "active", UpdatedAt: t0.Add(time.Hour)}
	old := mug
	old.Title, old.UpdatedAt = "Old mug", t0
	for _, p := range []storage.Product{mug, old} {
		if _, err := products.Save(f.ctx, f.shop.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := products.List(f.ctx, f.shop.ID)
	if len(list) != 1 || list[0].Title != "Mug" || list[0].Price != "12.00" {
		t.Fatalf("products %+v", list)
	}
	if other, _ := products.List(f.ctx, f.other.ID); len(other) != 0 {
		t.Fatalf("the other shop sees %+v", other)
	}
	if err := products.Delete(f.ctx, f.shop.ID, 9); err != nil {
		t.Fatal(err)
	}
	if list, _ := products.List(f.ctx, f.shop.ID); len(list) != 0 {
		t.Fatalf("deleted product still listed: %+v", list)
	}
}

// A customer's orders (a guest order under their email included) and
// events are in their export and gone after their erasure; another
// customer's order stays.
func TestOrdersAreExportedAndErased(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	orders := storage.NewOrders(f.db, time.Now)
	guest := order(time.Now(), "paid")
	guest.ShopifyID, guest.Name, guest.CustomerID = 502, "#1002", 0
	other := order(time.Now(), "paid")
	other.ShopifyID, other.CustomerID, other.Email = 503, 8002, "someone@example.com"
	for _, o := range []storage.Order{order(time.Now(), "paid"), guest, other} {
		if _, err := orders.Save(f.ctx, f.shop.ID, o); err != nil {
			t.Fatal(err)
		}
	}
	privacy := storage.NewPrivacy(f.db, time.Now)
	ref := storage.CustomerRef{ID: 7001, Email: "olga@example.com"}
	req, err := privacy.ExportCustomer(f.ctx, f.shop.ID, "dr", ref, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var export storage.CustomerExport
	json.Unmarshal(req.Export, &export)
	if o := string(export.Tables["orders"]); !strings.Contains(o, "#1001") || !strings.Contains(o, "#1002") || strings.Contains(o, "someone@") {
		t.Errorf("export's orders: %s", o)
	}
	if e := string(export.Tables["profile_events"]); !strings.Contains(e, "order_placed") || !strings.Contains(e, "order_paid") {
		t.Errorf("export's events: %s", e)
	}
	if _, err := privacy.RedactCustomer(f.ctx, f.shop.ID, "", ref, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, trace := range []string{"olga@example.com", "#1002"} {
		if tables := rowsContaining(t, f.db, trace); len(tables) > 0 {
			t.Errorf("%q still in %v", trace, tables)
		}
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM profile_events WHERE shop_id = $1`, f.shop.ID); n != 2 {
		t.Errorf("%d events left, want the other customer's (placed, paid) only", n)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM orders WHERE shopify_id = 503`); n != 1 {
		t.Error("the other customer's order was erased")
	}
}
