package shopifytest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/shopify/shopifytest"
)

func TestBuiltInDemoShop(t *testing.T) {
	s, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	info := s.Info()
	if info.Domain != "hubchat-demo.myshopify.com" || info.TimeZone != "America/New_York" || info.Currency != "USD" || info.Email == "" {
		t.Errorf("info = %+v", info)
	}
	if id := s.SignedInCustomerID(); id != 7001 {
		t.Errorf("signed-in customer = %d, want the stable 7001", id)
	}
	if c, ok := s.Customer(7001); !ok || c.FirstName == "" || c.Email == "" {
		t.Errorf("customer 7001 = %+v, %v", c, ok)
	}
	types := map[string]bool{}
	for _, p := range s.Policies() {
		types[p.Type] = len(p.Body) > 200
	}
	for _, want := range []string{"PRIVACY_POLICY", "TERMS_OF_SERVICE", "REFUND_POLICY", "SHIPPING_POLICY"} {
		if !types[want] {
			t.Errorf("policy %s missing or without a real body", want)
		}
	}
	if n := len(s.Customers()); n != 5 {
		t.Errorf("%d customers, want 5", n)
	}
	products := s.Products()
	if len(products) != 12 {
		t.Errorf("%d products, want 12", len(products))
	}
	for _, p := range products {
		if p.Image != "/cdn/images/"+p.Handle+".svg" || p.Description == "" {
			t.Errorf("product %d: image %q, description %q", p.ID, p.Image, p.Description)
		}
	}
	orders := s.Orders()
	seen := map[string]bool{}
	for _, o := range orders {
		seen[o.FinancialStatus] = true
		seen[o.FulfillmentStatus] = true
		if o.CancelledAt != nil {
			seen["cancelled"] = true
		}
	}
	for _, want := range []string{"PAID", "FULFILLED", "UNFULFILLED", "REFUNDED", "PARTIALLY_REFUNDED", "PENDING", "cancelled"} {
		if !seen[want] {
			t.Errorf("no order is %s", want)
		}
	}
	if len(orders) != 20 || orders[0].Name() != "#1001" || orders[0].Total() != "113.00" {
		t.Errorf("%d orders; first %s totals %s", len(orders), orders[0].Name(), orders[0].Total())
	}
}

// demoJSON returns the built-in seed with edit applied.
func demoJSON(t *testing.T, edit func(doc map[string]any)) []byte {
	t.Helper()
	raw, err := os.ReadFile("demo-shop.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoadDemoShopRejectsBadSeeds(t *testing.T) {
	first := func(doc map[string]any, list string) map[string]any { return doc[list].([]any)[0].(map[string]any) }
	tests := map[string]func(doc map[string]any){
		"unknown field":     func(d map[string]any) { d["colour"] = "blue" },
		"bad domain":        func(d map[string]any) { d["shop"].(map[string]any)["domain"] = "demo.example.com" },
		"bad time zone":     func(d map[string]any) { d["shop"].(map[string]any)["iana_timezone"] = "Mars/Olympus" },
		"bad currency":      func(d map[string]any) { d["shop"].(map[string]any)["currency"] = "usd" },
		"no now":            func(d map[string]any) { delete(d, "now") },
		"repeated customer": func(d map[string]any) { d["customers"] = append(d["customers"].([]any), first(d, "customers")) },
		"unknown customer":  func(d map[string]any) { first(d, "orders")["customer_id"] = 999 },
		"unknown status":    func(d map[string]any) { first(d, "orders")["financial_status"] = "SHIPPED" },
		"bad line price": func(d map[string]any) {
			first(d, "orders")["line_items"].([]any)[0].(map[string]any)["price"] = "12.345"
		},
		"no line items":       func(d map[string]any) { first(d, "orders")["line_items"] = []any{} },
		"bad product price":   func(d map[string]any) { first(d, "products")["price"] = "-3.00" },
		"bad product status":  func(d map[string]any) { first(d, "products")["status"] = "LIVE" },
		"repeated order id":   func(d map[string]any) { d["orders"] = append(d["orders"].([]any), first(d, "orders")) },
		"signed-in not found": func(d map[string]any) { d["signed_in_customer_id"] = 4 },
	}
	for name, edit := range tests {
		if _, err := shopifytest.LoadDemoShop(bytes.NewReader(demoJSON(t, edit))); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
	if _, err := shopifytest.LoadDemoShop(bytes.NewReader(demoJSON(t, func(map[string]any) {}))); err != nil {
		t.Errorf("the unedited seed: %v", err)
	}
}

func TestLoadDemoShopFromEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.json")
	custom := demoJSON(t, func(d map[string]any) { d["shop"].(map[string]any)["name"] = "Custom Seed" })
	if err := os.WriteFile(path, custom, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{shopifytest.DemoShopEnv: path}
	s, err := shopifytest.LoadDemoShopFromEnv(func(k string) string { return env[k] })
	if err != nil || s.Info().Name != "Custom Seed" {
		t.Fatalf("custom seed: %v, %v", s, err)
	}
	s, err = shopifytest.LoadDemoShopFromEnv(func(string) string { return "" })
	if err != nil || s.Info().Name != "Hubchat Demo Outfitters" {
		t.Fatalf("default seed: %v", err)
	}
	env[shopifytest.DemoShopEnv] = filepath.Join(t.TempDir(), "missing.json")
	if _, err := shopifytest.LoadDemoShopFromEnv(func(k string) string { return env[k] }); err == nil {
		t.Error("a missing file loaded")
	}
}

func TestAddOrderAndUpsertCustomer(t *testing.T) {
	s, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.UpsertCustomer(shopifytest.DemoCustomer{FirstName: "New", Email: "new@example.com"})
	if err != nil || c.ID != 7006 {
		t.Fatalf("new customer = %+v, %v; want id 7006", c, err)
	}
	c.LastName = "Person"
	if _, err := s.UpsertCustomer(c); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Customer(7006); got.LastName != "Person" || len(s.Customers()) != 6 {
		t.Errorf("update did not replace: %+v", got)
	}
	now := s.Now()
	o, err := s.AddOrder(shopifytest.DemoOrder{CustomerID: 7006, CreatedAt: now, FinancialStatus: "PAID", FulfillmentStatus: "UNFULFILLED",
		LineItems: []shopifytest.DemoLineItem{{Title: "Mug", Quantity: 3, Price: "18.5"}}})
	if err != nil {
		t.Fatal(err)
	}
	if o.Name() != "#1021" || o.ID != 5000000021 || !o.UpdatedAt.Equal(now) || o.Total() != "55.50" {
		t.Errorf("added order = %+v (%s, %s)", o, o.Name(), o.Total())
	}
	if n, spent := s.CustomerTotals(7006); n != 1 || spent != "55.50" {
		t.Errorf("totals = %d, %s", n, spent)
	}
	if n, spent := s.CustomerTotals(7001); n != 5 || spent != "489.00" {
		t.Errorf("7001 totals = %d, %s (the refunded order must not count)", n, spent)
	}
	orders := s.Orders()
	orders[len(orders)-1].LineItems[0].Title = "changed"
	if s.Orders()[len(orders)-1].LineItems[0].Title != "Mug" {
		t.Error("Orders returned the shop's own slices")
	}
	bad := []shopifytest.DemoOrder{
		{CustomerID: 42, CreatedAt: now, FinancialStatus: "PAID", FulfillmentStatus: "FULFILLED", LineItems: o.LineItems},
		{CreatedAt: now, FinancialStatus: "PAID", FulfillmentStatus: "FULFILLED"},
		{FinancialStatus: "PAID", FulfillmentStatus: "FULFILLED", LineItems: o.LineItems},
		{ID: o.ID, CreatedAt: now, FinancialStatus: "PAID", FulfillmentStatus: "FULFILLED", LineItems: o.LineItems},
	}
	for _, b := range bad {
		if _, err := s.AddOrder(b); err == nil {
			t.Errorf("AddOrder accepted %+v", b)
		}
	}
}

func TestGenerateOrders(t *testing.T) {
	gen := func(seed int64) ([]shopifytest.DemoOrder, *shopifytest.DemoShop) {
		s, err := shopifytest.NewDemoShop()
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.GenerateOrders(5000, seed)
		if err != nil {
			t.Fatal(err)
		}
		return out, s
	}
	a, s := gen(7)
	b, _ := gen(7)
	c, _ := gen(8)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Fatal("generation is not deterministic per seed")
	}
	if len(s.Orders()) != 5020 {
		t.Fatalf("%d orders after generating 5000", len(s.Orders()))
	}
	now, guests := s.Now(), 0
	for i, o := range a {
		if o.CreatedAt.Before(now.Add(-90*24*time.Hour)) || o.CreatedAt.After(now) || o.UpdatedAt.Before(o.CreatedAt) || o.UpdatedAt.After(now) {
			t.Fatalf("order %d times %v / %v outside the 90 days before %v", o.ID, o.CreatedAt, o.UpdatedAt, now)
		}
		if i > 0 && (o.CreatedAt.Before(a[i-1].CreatedAt) || o.ID != a[i-1].ID+1 || o.Number != a[i-1].Number+1) {
			t.Fatalf("order %d is out of sequence", o.ID)
		}
		if o.CustomerID == 0 {
			guests++
		} else if _, ok := s.Customer(o.CustomerID); !ok {
			t.Fatalf("order %d for unknown customer %d", o.ID, o.CustomerID)
		}
	}
	if guests < 300 || guests > 700 {
		t.Errorf("%d guest orders of 5000, want about one in ten", guests)
	}
}

func TestDemoShopConcurrentUse(t *testing.T) {
	s, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				c, err := s.UpsertCustomer(shopifytest.DemoCustomer{FirstName: strings.Repeat("x", w+1)})
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := s.AddOrder(shopifytest.DemoOrder{CustomerID: c.ID, CreatedAt: s.Now(), FinancialStatus: "PAID",
					FulfillmentStatus: "FULFILLED", LineItems: []shopifytest.DemoLineItem{{Title: "t", Quantity: i + 1, Price: "1"}}}); err != nil {
					t.Error(err)
					return
				}
				_ = s.Orders()
				s.CustomerTotals(c.ID)
			}
		})
	}
	wg.Wait()
	if n := len(s.Orders()); n != 20+200 {
		t.Errorf("%d orders, want 220", n)
	}
	if n := len(s.Customers()); n != 5+200 {
		t.Errorf("%d customers, want 205", n)
	}
}
