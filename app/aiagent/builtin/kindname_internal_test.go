package builtin

import (
	"testing"

	"hubchat/storage"
)

// "Do you sell tealight candles" is not answered by a product that only
// mentions a tealight in its description (wax melts "for a tealight wax
// warmer"); a product that names the thing by its head or by the word
// before it is still shown ("pillar candles", "votive candles" of a set of
// votives).
func TestAThingIsShownByProductsThatNameIt(t *testing.T) {
	snap := faqShop("en", [2]string{"How long do your candles burn?", "Our candles burn for 45 to 50 hours."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Soy Wax Melts", Handle: "melts", Price: "9.50", Available: true, ProductType: "Wax Melt",
			Tags: []string{"wax melts", "flameless"}, Description: "Six cubes of scented soy wax for an electric or tealight wax warmer."},
		{ShopifyID: 2, Title: "Unscented Pillar Candle", Handle: "pillar", Price: "20.00", Available: true, ProductType: "Candle",
			Tags: []string{"candle", "pillar"}, Description: "A pillar of soy wax with no fragrance at all."},
		{ShopifyID: 3, Title: "Mini Votive Discovery Set", Handle: "votives", Price: "32.00", Available: true, ProductType: "Gift Set",
			Tags: []string{"gift", "votive"}, Description: "Five small votives in a kraft box."},
		{ShopifyID: 4, Title: "Harbour Fog Soy Candle", Handle: "fog", Price: "28.00", Available: true, ProductType: "Candle",
			Tags: []string{"candle", "soy"}, Description: "Sea salt and driftwood in an amber jar."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("do you sell tealight candles")); !a.Handoff || len(a.Cards) > 0 {
		t.Errorf("tealight candles: %q with %v (handoff %v), want a handoff without cards", a.Text, a.Cards, a.Handoff)
	}
	for q, handle := range map[string]string{"do you have pillar candles": "pillar", "do you have votive candles": "votives"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !hasCard(a.Cards, handle) {
			t.Errorf("%q: %q with %v (handoff %v), want the %s card", q, a.Text, a.Cards, a.Handoff, handle)
		}
	}
}

// A thing described rather than named ("a sturdy bag for groceries that
// looks nice") is not held to the words of a name: its last word need not
// be the thing's, and the bag that fits it is shown.
func TestADescribedThingIsNotHeldToAName(t *testing.T) {
	snap := faqShop("en", [2]string{"How long does shipping take?", "Orders arrive in 3 to 5 business days."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Basecamp Canvas Tote", Handle: "tote", Price: "38.00", Available: true, ProductType: "Bag",
			Tags: []string{"tote", "canvas", "bag", "everyday"}, Description: "A heavy waxed-canvas tote with leather handles and an inside zip pocket. Big enough for a weekend's groceries or a laptop and lunch."},
		{ShopifyID: 2, Title: "Trail Water Bottle", Handle: "bottle", Price: "24.00", Available: true, ProductType: "Bottle",
			Tags: []string{"bottle"}, Description: "A steel bottle that keeps water cold all day."},
		{ShopifyID: 3, Title: "Ridge Rain Jacket", Handle: "jacket", Price: "120.00", Available: true, ProductType: "Jacket",
			Tags: []string{"jacket", "rain"}, Description: "A light shell that keeps the rain out."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	q := "a sturdy bag for groceries that looks nice"
	if a := idx.respond(kit, normalized(q)); a.Handoff || !hasCard(a.Cards, "tote") {
		t.Errorf("%q: %q with %v (handoff %v), want the tote card", q, a.Text, a.Cards, a.Handoff)
	}
}
