package builtin

import (
	"testing"

	"hubchat/storage"
)

// "Do you sell X?" of a thing no product names and no FAQ mentions is
// handed off, in English and in Spanish, not answered with a product whose
// description merely uses the word; a thing a product names, or a need
// described ("anything for…"), is still answered with products.
func TestAThingTheShopDoesNotListIsNotShownAsAnother(t *testing.T) {
	for _, c := range []struct {
		lang, description string
		unlisted, listed  []string
	}{
		{"en", "Loose-leaf green tea from Japan. All the lift of coffee without the jitters.",
			[]string{"do you sell coffee", "do you carry coffee too?"},
			[]string{"do you sell green tea", "do you have anything without the jitters of coffee"}},
		{"es", "Té verde de hoja suelta de Japón. La energía del café sin los nervios.",
			[]string{"venden cafe tambien?", "tienen cafe"},
			[]string{"venden te verde", "tienen algo sin los nervios del cafe"}},
	} {
		snap := faqShop(c.lang, [2]string{"Shipping / Envíos", "We ship in 3 days. / Enviamos en 3 días."})
		snap.Products = []storage.Product{{ShopifyID: 1, Title: map[string]string{"en": "Sencha Green Tea", "es": "Té Verde Sencha"}[c.lang],
			Handle: "sencha", Price: "12.00", Available: true, ProductType: map[string]string{"en": "Tea", "es": "Té"}[c.lang],
			Description: c.description}}
		kit := languageFor(c.lang)
		idx := buildIndex(snap, kit, true)
		for _, question := range c.unlisted {
			if a := idx.respond(kit, normalized(question)); !a.Handoff || len(a.Cards) > 0 {
				t.Errorf("%s %q: %q with %d cards (handoff %v), want a handoff without cards", c.lang, question, a.Text, len(a.Cards), a.Handoff)
			}
		}
		for _, question := range c.listed {
			if a := idx.respond(kit, normalized(question)); a.Handoff || !hasCard(a.Cards, "sencha") {
				t.Errorf("%s %q: %q (handoff %v), want the sencha's card", c.lang, question, a.Text, a.Handoff)
			}
		}
	}
}

// "Do you sell espresso machines" asks for machines: a thing whose last
// word (its head, before "for", "with"…) no product names is not listed,
// however well its other words match ("espresso" of a blend, a guide's
// paragraph); a head a product names still finds it ("espresso blends for
// a moka pot").
func TestAThingWhoseHeadNoProductNamesIsNotListed(t *testing.T) {
	snap := faqShop("en", [2]string{"Which coffee should I use for espresso?", "Our Night Shift Espresso blend makes a thick crema in an espresso machine or a moka pot."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Night Shift Espresso", Handle: "night-shift", Price: "16.50", Available: true,
		ProductType: "Coffee", Tags: []string{"blend", "espresso"}, Description: "Our espresso blend, roasted medium-dark for a thick crema."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("do you sell espresso machines")); !a.Handoff || len(a.Cards) > 0 {
		t.Errorf("%q with %v (handoff %v), want a handoff", a.Text, a.Cards, a.Handoff)
	}
	if a := idx.respond(kit, normalized("do you sell espresso blends for a moka pot")); a.Handoff || !hasCard(a.Cards, "night-shift") {
		t.Errorf("%q (handoff %v), want the blend's card", a.Text, a.Handoff)
	}
}

// "Do you sell grow lights" asks for lights: products that say "light" or
// "oil" only in a tag of several words ("low light" of a plant,
// "essential oil" of a candle) are of another kind, and none is shown as
// if it were the thing; a head a product's type names ("cat food" of the
// "Cat Food" type) or a tag of one word ("jerky") still finds it.
func TestAThingWhoseHeadNoProductIsIsNotShown(t *testing.T) {
	snap := faqShop("en", [2]string{"Which plants do well in low light?", "Our snake plant and pothos; for the rest, a grow light or an essential oil candle will not help."})
	snap.Articles = []storage.Article{{ID: 1, Title: "A light guide for houseplants", Body: "Bright light is by a south window. Low light is a north room.", Published: true}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Trailing Pothos", Handle: "pothos", Price: "18.00", Available: true, ProductType: "Houseplant",
			Tags: []string{"low light", "trailing"}, Description: "Grows fast in low light."},
		{ShopifyID: 2, Title: "Lavender Fields Soy Candle", Handle: "lavender", Price: "28.00", Available: true, ProductType: "Candle",
			Tags: []string{"essential oil", "floral"}, Description: "Scented with lavender essential oil."},
		{ShopifyID: 3, Title: "Indoor Cat Turkey Recipe", Handle: "turkey", Price: "21.00", Available: true, ProductType: "Cat Food",
			Tags: []string{"cat", "turkey"}, Description: "Dry food for indoor cats."},
		{ShopifyID: 4, Title: "Harbor Bites", Handle: "harbor-bites", Price: "9.50", Available: true, ProductType: "Treats",
			Tags: []string{"jerky", "single ingredient"}, Description: "Slow-dried strips of beef for dogs."},
		{ShopifyID: 5, Title: "Trail Strips", Handle: "trail-strips", Price: "11.00", Available: true, ProductType: "Treats",
			Tags: []string{"jerky", "grain free"}, Description: "Beef and sweet potato strips for dogs."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, question := range []string{"do you sell grow lights", "do you have essential oils on their own"} {
		if a := idx.respond(kit, normalized(question)); len(a.Cards) > 0 {
			t.Errorf("%q: %q with %v, want no product shown", question, a.Text, a.Cards)
		}
	}
	for question, handles := range map[string][]string{"do you sell cat food": {"turkey"}, "do you have beef jerky": {"harbor-bites", "trail-strips"}} {
		a := idx.respond(kit, normalized(question))
		for _, handle := range handles {
			if a.Handoff || !hasCard(a.Cards, handle) {
				t.Errorf("%q: %q with %v (handoff %v), want the %s card", question, a.Text, a.Cards, a.Handoff, handle)
			}
		}
	}
}

// A word of option values of several words is no kind of product alone:
// "grow lights" of a shop whose plant subscription comes in "Low light" or
// "Bright light" is handed off, and so is the guide that says "no plant
// grows well" apart from "bright light", since it never names the thing;
// "the marble queen" (a pothos's variety) still shows the pothos, and a
// FAQ that names the thing ("gift cards") still answers.
func TestAThingOfAnOptionsWordIsNotTheOption(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you sell gift cards?", "Yes: from $25 to $200, sent by email."})
	snap.Articles = []storage.Article{{ID: 1, Title: "A light guide for houseplants", Published: true,
		Body: "Light is what a plant eats. Our listings use three light levels.\n\n" +
			"Low light. A room with a north-facing window. No plant grows well in a dark corner, but snake plants and pothos cope.\n\n" +
			"Bright indirect light. Right by an east window. Monsteras, fiddle leaf figs and hoyas want this to grow well and keep their colors.\n\n" +
			"Signs of too little light: long pale stems, small new leaves and variegation fading."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Plant Subscription (3 months)", Handle: "subscription", Price: "99.00", Available: true, ProductType: "Subscription",
			Description: "A new plant every month.", Options: storage.ProductOptions{{Name: "Light", Values: []string{"Low light", "Bright light"}}}},
		{ShopifyID: 2, Title: "Trailing Pothos", Handle: "pothos", Price: "18.00", Available: true, ProductType: "Houseplant",
			Description: "Grows fast anywhere.", Options: storage.ProductOptions{{Name: "Variety", Values: []string{"Golden", "Marble Queen"}}}},
		{ShopifyID: 3, Title: "Fiddle Leaf Fig", Handle: "fig", Price: "65.00", Available: true, ProductType: "Large Plant",
			Tags: []string{"bright light", "large plant"}, Description: "A tall fig with big violin-shaped leaves for a bright room."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("do you sell grow lights")); !a.Handoff || len(a.Cards) > 0 {
		t.Errorf("grow lights: %q with %v (handoff %v), want a handoff", a.Text, a.Cards, a.Handoff)
	}
	if a := idx.respond(kit, normalized("do you have the marble queen")); a.Handoff || !hasCard(a.Cards, "pothos") {
		t.Errorf("marble queen: %q with %v (handoff %v), want the pothos", a.Text, a.Cards, a.Handoff)
	}
	if a := idx.respond(kit, normalized("do you sell gift cards")); a.Handoff {
		t.Errorf("gift cards: %q, want the FAQ's answer", a.Text)
	}
}
