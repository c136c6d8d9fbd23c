package builtin

import (
	"testing"

	"hubchat/storage"
)

// "A white pot" names the thing wanted with an article, as "do you have a
// white pot" does: the products are looked at first, and the planter that
// comes in white is shown, not the terms' paragraph on pot sizes and how
// much pink or white a plant shows.
func TestAThingWantedWithAnArticleIsLookedForAmongTheProducts(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Policies = []storage.ShopPolicy{{Type: "TERMS_OF_SERVICE", Title: "Terms of service", URL: "https://shop.example/policies/terms",
		Body: "Every plant is an individual.\n\nPot sizes are the diameter of the nursery pot the plant grows in. " +
			"Variegated plants vary a lot in how much pink or white each plant shows."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Speckled Ceramic Planter (6\")", Handle: "planter", Price: "28.00", Status: "active", Available: true,
			ProductType: "Planter", Tags: []string{"planter", "pot", "ceramic"},
			Options:     storage.ProductOptions{{Name: "Color", Values: []string{"Speckled White", "Sage"}}},
			Description: "A stoneware planter glazed by hand, with a drainage hole and a matching saucer."},
		{ShopifyID: 2, Title: "Monstera Deliciosa", Handle: "monstera", Price: "42.00", Status: "active", Available: true,
			Description: "The classic split-leaf plant, in a 6\" nursery pot."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"a white pot", "do you have a white pot"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "planter" {
			t.Errorf("%q: answered %q with %v (handoff %v), want the planter", q, a.Text, a.Cards, a.Handoff)
		}
	}
}
