package builtin

import (
	"testing"

	"hubchat/storage"
)

// A word that only stems like a fact's word ("stocking" of "stock") names
// a thing, not the fact: "is the stocking bundle available" of a shop that
// sells no stocking is handed off, not answered by the bowl set ("bundle"
// is a synonym of "set") nor by the FAQ that says "in stock"; the fact's
// own words still ask it.
func TestAFormNoTextWritesOfAFactWordNamesAThing(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you price match?", "We match the price of any US online retailer for the same item in stock."},
		[2]string{"Is shipping free?", "Shipping is free on orders over $85."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Stainless Steel Bowl Set", Handle: "bowls", Price: "29.00", Status: "active", Available: true,
			Description: "Two stainless steel bowls on a non-slip stand."},
		{ShopifyID: 2, Title: "No-Pull Harness", Handle: "harness", Price: "34.00", Status: "active", Available: true,
			Description: "A padded harness that clips at the chest."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"is the stocking bundle available", "how much is the stocking bundle"} {
		if a := idx.respond(kit, normalized(q)); !a.Handoff {
			t.Errorf("%q: answered %q with %v, want a handoff", q, a.Text, a.Cards)
		}
	}
	for _, q := range []string{"is the bowl set in stock", "is the harness available"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || len(a.Cards) != 1 {
			t.Errorf("%q: answered %q with %v (handoff %v), want the product in stock", q, a.Text, a.Cards, a.Handoff)
		}
	}
}
