package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// "How much light does the bird of paradise need" asks how much light,
// and "how much" is no concept of it: the product's sentence about light
// answers, not its sentence about a fee, which "how much" read as a price
// word picks (its tags name the light, so the question's other words name
// the product); "how much is the bird of paradise" still asks its price.
func TestHowMuchOfAThingIsNoPriceConcept(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Bird of Paradise", Handle: "bird-of-paradise", Price: "79.00", Status: "active", Available: true,
			ProductType: "Large Plant", Tags: []string{"large plant", "bright light", "oversize"},
			Description: "Huge banana-like leaves, 4 feet tall in a 10\" nursery pot. Wants bright light, a few hours of direct sun is welcome. " +
				"Ships by UPS Ground only, with the $20 oversize fee."},
		{ShopifyID: 2, Title: "Peace Lily", Handle: "peace-lily", Price: "32.00", Status: "active", Available: true,
			Description: "Dark glossy leaves and white flowers. Tolerates low light."},
		{ShopifyID: 3, Title: "Snake Plant", Handle: "snake-plant", Price: "28.00", Status: "active", Available: true,
			Description: "Upright leaves with yellow edges. Tolerates low light and dry air."},
		{ShopifyID: 4, Title: "Calathea Medallion", Handle: "calathea", Price: "36.00", Status: "active", Available: true,
			Description: "Round leaves painted silver and green. Wants medium indirect light."},
		{ShopifyID: 5, Title: "Hoya Krimson Queen", Handle: "hoya", Price: "24.00", Status: "active", Available: true,
			Description: "Waxy leaves on trailing vines. Flowers in bright indirect light."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string]string{
		"how much light does the bird of paradise need": "bright light",
		"how much sun does the bird of paradise need":   "direct sun",
		"how much is the bird of paradise":              "79.00",
	} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v), want %q", q, a.Text, a.Handoff, want)
		}
	}
}
