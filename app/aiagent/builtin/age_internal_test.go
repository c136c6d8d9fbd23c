package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// gameShop sells games whose descriptions state their ages, one of them
// also as a traded-in copy.
func gameShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"Can I play games in the café?", "Yes, for £4 per person for up to 3 hours."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Pirate Parrots", Handle: "pirate-parrots", Price: "16.99", Status: "active", Available: true,
			Description: "Help the parrots find the buried treasure. Short rules that children can read themselves. 2-4 players, 15 minutes, ages 5+."},
		{ShopifyID: 2, Title: "Midnight at Marrowgate", Handle: "marrowgate", Price: "39.99", Status: "active", Available: true,
			Description: "A cooperative murder mystery set in a Victorian boarding house. Three cases in the box. 1-6 players, 90 minutes, ages 14+."},
		{ShopifyID: 3, Title: "Pre-owned: Midnight at Marrowgate", Handle: "marrowgate-used", Price: "24.00", Status: "active", Available: true,
			Description: "A traded-in copy, counted and checked complete by our staff. Two of the three cases have been played."},
	}
	return snap
}

// "What age", "how old" ask the age a product is for, which its
// description states as a figure ("ages 5+").
func TestAnAgeIsAskedByHowOld(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(gameShop(), kit, true)
	a := idx.respond(kit, normalized("what age is pirate parrots for"))
	if a.Handoff || len(a.Choices) > 0 || !strings.Contains(a.Text, "ages 5+") {
		t.Errorf("answered %q (choices %v, handoff %v), want its ages", a.Text, a.Choices, a.Handoff)
	}
}

// A question that names a product by its whole title ("midnight at
// marrowgate") names it, not the traded-in copy whose title says more:
// no "did you mean" between the two.
func TestAWholeTitleNamesItsProduct(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(gameShop(), kit, true)
	a := idx.respond(kit, normalized("how much is midnight at marrowgate"))
	if len(a.Choices) > 0 || len(a.Cards) == 0 || a.Cards[0].Handle != "marrowgate" || !strings.Contains(a.Text, "39.99") {
		t.Errorf("answered %q with %v (choices %v), want the game's price", a.Text, a.Cards, a.Choices)
	}
}
