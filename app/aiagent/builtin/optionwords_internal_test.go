package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A word the shop writes only inside a product option's value of several
// words ("bean" of the grind "Whole Bean") asks nothing alone: "how fresh
// will the beans be" is answered by the FAQ on freshness, not by the one on
// whole bean or ground, which "whole beans or ground" still finds.
func TestAWordOnlyOfAnOptionsValueAsksNothingAlone(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Should I buy whole bean or ground coffee?", "Whole bean stays fresh longest: grind just before brewing if you can."},
		[2]string{"How fresh is the coffee?", "Every bag shows its roast date. Coffee tastes best from 5 to 30 days after roasting."},
		[2]string{"Do you sell coffee pods?", "No, we only sell whole bean and ground coffee."})
	grind := []storage.ProductOption{{Name: "Grind", Values: []string{"Whole Bean", "Espresso", "French Press"}}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "House Blend", Handle: "house", Price: "15.00", Status: "active", Available: true,
			Description: "Our everyday medium roast.", Options: grind},
		{ShopifyID: 2, Title: "Sumatra Gayo", Handle: "sumatra", Price: "17.00", Status: "active", Available: true,
			Description: "A dark roast with low acidity.", Options: grind},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string]string{
		"how fresh will the beans be when they get to me": "roast date",
		"whole beans or ground, which should i buy":       "grind just before",
	} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v, choices %v), want %q", q, a.Text, a.Handoff, a.Choices, want)
		}
	}
}
