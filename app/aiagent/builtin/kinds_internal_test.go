package builtin

import (
	"testing"

	"hubchat/storage"
)

// A shopper's general word the shop never uses finds the products the
// thesaurus says are kinds of it: "flowerpots" finds the planter.
func TestAGeneralWordFindsTheProductsOfItsKind(t *testing.T) {
	snap := faqShop("en", [2]string{"How often should I water my fern?", "Once a week, when the top inch of soil is dry."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Speckled Ceramic Planter (6\")", Handle: "planter", Price: "24.00", Status: "active", Available: true,
			ProductType: "Planter", Description: "A glazed stoneware planter with a drainage hole."},
		{ShopifyID: 2, Title: "Boston Fern", Handle: "fern", Price: "30.00", Status: "active", Available: true,
			ProductType: "Houseplant", Description: "A lush fern for bright, humid rooms."},
	}
	idx, _ := indexesOf(t, snap,
		entry{"planter", []string{"(noun)|plantation owner|farmer (generic term)", "(noun)|pot (generic term)|flowerpot (generic term)"}},
		entry{"pot", []string{"(noun)|vessel (generic term)"}},
		entry{"flowerpot", []string{"(noun)|pot (generic term)"}})
	a := idx.respond(idx.kit, normalized("do you sell flowerpots"))
	if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "planter" {
		t.Errorf("flowerpots: answered %q with %v (handoff %v), want the planter", a.Text, a.Cards, a.Handoff)
	}
}
