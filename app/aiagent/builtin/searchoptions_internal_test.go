package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product search that names an option of the product it finds by the
// option's name ("what varieties of pothos do you have" of the pothos
// whose option is "Variety") is answered with the option's values, as
// "what varieties does the pothos come in" is, and so is one that names a
// value of one word ("the neon pothos"); one that names none keeps its
// cards.
func TestASearchNamingAnOptionGetsItsValues(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Trailing Pothos", Handle: "pothos", Price: "16.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant", "trailing"},
			Options:     storage.ProductOptions{{Name: "Variety", Values: []string{"Golden", "Marble Queen", "Neon"}}},
			Description: "Long trailing vines from a 4\" hanging nursery pot."},
		{ShopifyID: 3, Title: "Plant Subscription (3 months)", Handle: "subscription", Price: "99.00", Status: "active", Available: true,
			ProductType: "Subscription", Options: storage.ProductOptions{{Name: "Light", Values: []string{"Low light", "Bright light"}}},
			Description: "A new plant every month for 3 months. Pick low light or bright light for the room it will live in."},
		{ShopifyID: 4, Title: "Snake Plant", Handle: "snake", Price: "28.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant", "low light"}, Description: "Tolerates low light and dry air."},
		{ShopifyID: 2, Title: "Succulent Sampler (6 plants)", Handle: "sampler", Price: "34.00", Status: "active", Available: true,
			ProductType: "Succulent", Description: "Six different succulents in 2\" pots, picked by our growers."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"what varieties of pothos do you have", "which pothos varieties do you have", "do you have the neon pothos"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, "Marble Queen") {
			t.Errorf("%q: answered %q with %v (handoff %v), want the varieties", q, a.Text, a.Cards, a.Handoff)
		}
	}
	// "Light" is the subscription's option and a word of its values: "low
	// light plants" names a kind of plant, not the option.
	for _, q := range []string{"do you have trailing plants", "do you have low light plants"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || len(a.Cards) == 0 || strings.Contains(a.Text, "options") {
			t.Errorf("%q: answered %q with %v, want the cards alone", q, a.Text, a.Cards)
		}
	}
}
