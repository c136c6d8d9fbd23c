package builtin

import (
	"testing"

	"hubchat/storage"
)

// brewShop sells a grinder, a mug and a moka pot, and has a FAQ that
// names a cup.
func brewShop() storage.KnowledgeSnapshot {
	snap := faqShop("en",
		[2]string{"What coffee-to-water ratio do you recommend?", "Start with 1 gram of coffee to 16 grams of water (about 2 tablespoons per 6 oz cup)."},
		[2]string{"Can I visit the roastery?", "Yes, on Saturdays from 9am to noon."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Lantern Conical Burr Grinder", Handle: "grinder", Price: "149.00", Status: "active", Available: true,
			Description: "An electric conical burr grinder with 40 grind settings. Quiet motor, removable hopper."},
		{ShopifyID: 2, Title: "Lantern Stoneware Mug", Handle: "mug", Price: "22.00", Status: "active", Available: true,
			Description: "A hand-glazed 12 oz stoneware mug with our lantern logo. Dishwasher and microwave safe."},
		{ShopifyID: 3, Title: "Moka Pot (6 cup)", Handle: "moka", Price: "36.00", Status: "active", Available: true,
			Description: "A classic aluminium stovetop espresso maker that brews 6 small cups."},
	}
	return snap
}

// A question that names one product by its title ("is the grinder
// dishwasher safe") is not answered by another whose text says the rest
// ("Dishwasher and microwave safe" of the mug); asked of that product, it
// is.
func TestAProductDoesNotAnswerForAnotherNamed(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(brewShop(), kit, true)
	a := idx.respond(kit, normalized("is the grinder dishwasher safe"))
	if !a.Handoff {
		t.Errorf("answered %q with %v, want a handoff: the grinder's text does not say", a.Text, a.Cards)
	}
	a = idx.respond(kit, normalized("is the mug dishwasher safe"))
	if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "mug" {
		t.Errorf("answered %q with %v (handoff %v), want the mug", a.Text, a.Cards, a.Handoff)
	}
}
