package builtin_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// Retrieve gives the passages a generated answer is grounded on, best
// first, with the engine's own confidence; drafts and products not for
// sale are never among them.
func TestRetrieveGivesTheBestPassages(t *testing.T) {
	f := newFixture(t)
	r, err := f.engine.Retrieve(f.ctx, f.shopID, aiagent.Question{Text: "hi! how long does shipping take", Language: "en"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Passages) == 0 || len(r.Passages) > 3 || r.Passages[0].Source.Title != "How long does shipping take?" ||
		!strings.Contains(r.Passages[0].Text, "3 to 5 business days") || r.Confidence < 0.5 || r.Passages[0].Coverage < 0.6 {
		t.Fatalf("retrieval %+v", r)
	}
	r, err = f.engine.Retrieve(f.ctx, f.shopID, aiagent.Question{Text: "student discounts", Language: "en"}, builtin.MaxPassages)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Passages {
		if strings.Contains(p.Text, "Draft") {
			t.Fatalf("a draft FAQ retrieved: %+v", p)
		}
	}
	// A product's passage is its facts.
	r, _ = f.engine.Retrieve(f.ctx, f.shopID, aiagent.Question{Text: "merino hoodie", Language: "en"}, 1)
	if len(r.Passages) != 1 || r.Passages[0].Source.Kind != aiagent.SourceProduct || !strings.Contains(r.Passages[0].Text, "Price: 89.00 USD") {
		t.Fatalf("product passage %+v", r.Passages)
	}
}

// SearchProducts finds products as the engine's product answers do, with
// their cards and facts; a search nothing matches finds none.
func TestSearchProducts(t *testing.T) {
	f := newFixture(t)
	found, err := f.engine.SearchProducts(f.ctx, f.shopID, "en", "waterproof jacket", 3)
	if err != nil || len(found) == 0 || found[0].Card.ProductID != 8002 || found[0].Card.Currency != "USD" ||
		!strings.Contains(found[0].Facts, "Summit Rain Shell") {
		t.Fatalf("found %+v (%v)", found, err)
	}
	for _, p := range found {
		if p.Card.ProductID == 8005 {
			t.Fatal("a draft product was found")
		}
	}
	if none, err := f.engine.SearchProducts(f.ctx, f.shopID, "en", "garden furniture", 3); err != nil || len(none) != 0 {
		t.Fatalf("found %+v (%v)", none, err)
	}
}

// CustomerOrders tells a signed-in customer's own orders only, newest
// first; an anonymous visitor has none.
func TestCustomerOrdersAreTheCustomersOwn(t *testing.T) {
	f := newFixture(t)
	placed := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	f.saveOrder(t, 1, 7001, "#1001", "paid", "fulfilled", placed, storage.Tracking{Company: "UPS", Number: "1Z", URL: "https://ups.example/1Z"})
	f.saveOrder(t, 2, 7001, "#1002", "paid", "", placed.Add(24*time.Hour))
	f.saveOrder(t, 3, 7002, "#1003", "paid", "", placed.Add(48*time.Hour))
	got, err := f.engine.CustomerOrders(f.ctx, f.shopID, 7001, "en", 5)
	if err != nil || len(got) != 2 || got[0].Name != "#1002" || got[1].Name != "#1001" || !strings.Contains(got[1].Text, "https://ups.example/1Z") {
		t.Fatalf("orders %+v (%v)", got, err)
	}
	if none, err := f.engine.CustomerOrders(f.ctx, f.shopID, 0, "en", 5); err != nil || none != nil {
		t.Fatalf("anonymous: %+v (%v)", none, err)
	}
}
