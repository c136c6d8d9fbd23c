package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A shopper's number matches only the same number of the same thing: "for
// 2 cats" is not "a depth of 2 to 3 inches", while "30 days" of a policy
// still answers "30 day returns".
func TestANumberMatchesOnlyWhatItCounts(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you ship abroad?", "We ship within the United States only."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."},
		[2]string{"Can I return an item?", "Yes, within 30 days of delivery, unused."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Litter box tips", Published: true,
		Body: "Scoop the litter once a day and top it up to a depth of 2 to 3 inches.\n\n" +
			"Wash the box with mild soap every 2 to 3 weeks.\n\nThe usual rule is one litter box per cat, plus one."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Clumping Cat Litter", Handle: "litter", Price: "19.99", Status: "active",
			Description: "Clumping clay litter for cats."},
		{ShopifyID: 2, Title: "Covered Litter Box", Handle: "box", Price: "42.00", Status: "active",
			Description: "A hooded box for cats."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("how many litter boxes do i need for 2 cats")); a.Handoff || !strings.Contains(a.Text, "plus one") {
		t.Errorf("answered %q (handoff %v), want the rule of one box per cat", a.Text, a.Handoff)
	}
	if a := idx.respond(kit, normalized("30 day returns?")); a.Handoff || !strings.Contains(a.Text, "30 days") {
		t.Errorf("answered %q (handoff %v), want the returns' 30 days", a.Text, a.Handoff)
	}
	if got := quantities(kit.analyzer.tokens("a depth of 2 to 3 inches")); strings.Join(got, ",") != "2 inch,3 inch" {
		t.Errorf("quantities %q, want both numbers of inches", got)
	}
	// A range runs up; a larger number before a smaller one counts things of that size.
	if got := quantities(kit.analyzer.tokens("minimums: 12 8 oz candles per design")); strings.Join(got, ",") != ",8 oz" {
		t.Errorf("quantities %q, want no ounces for the 12 candles", got)
	}
}

// A size the shopper names that the product answering does not come in is
// handed off, not answered by the product of the nearest size: "the 24 lb
// bag" of a shop whose litter is 25 lb and whose dog food comes in 24 lb,
// "a 40 lb bag" of one that has none; the size a product gives is answered,
// and a count ("for 2 cats") is no size.
func TestASizeNoProductComesInIsHandedOff(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Shipping is free on orders over $85."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Clumping Clay Cat Litter (25 lb)", Handle: "litter", Price: "19.99", Status: "active", Available: true,
			Description: "Unscented clumping clay litter. One 25 lb bag lasts one cat about a month."},
		{ShopifyID: 2, Title: "Grain-Free Salmon Dog Food", Handle: "salmon", Price: "54.99", Status: "active", Available: true,
			Description: "Dry food for adult dogs with salmon and sweet potato.",
			Options:     []storage.ProductOption{{Name: "Size", Values: []string{"4 lb", "12 lb", "24 lb"}}}},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"how much is the 24 lb bag of litter", "do you have a 40 lb bag of litter"} {
		if a := idx.respond(kit, normalized(q)); !a.Handoff {
			t.Errorf("%q: answered %q with %v, want a handoff", q, a.Text, a.Cards)
		}
	}
	// Two mixes of 8 qt: "did you mean" either is no answer to the 16 qt.
	snap.Products = append(snap.Products,
		storage.Product{ShopifyID: 3, Title: "Indoor Potting Mix (8 qt)", Handle: "indoor-mix", Price: "14.00", Status: "active",
			Available: true, Description: "A light mix for most houseplants."},
		storage.Product{ShopifyID: 4, Title: "Aroid Potting Mix (8 qt)", Handle: "aroid-mix", Price: "18.00", Status: "active",
			Available: true, Description: "A chunky mix of bark and perlite."})
	idx = buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("how much is the 16 qt potting mix")); !a.Handoff {
		t.Errorf("16 qt mix: answered %q with %v, choices %v, want a handoff", a.Text, a.Cards, a.Choices)
	}
	for _, q := range []string{"how much is the 25 lb bag of litter", "how much litter for 2 cats"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "litter" {
			t.Errorf("%q: answered %q with %v (handoff %v), want the litter", q, a.Text, a.Cards, a.Handoff)
		}
	}
}

// A size written with the inch's sign is inches: "a 10 inch terracotta pot"
// of a shop whose terracotta pot is 6" is handed off, and so is "the fiddle
// leaf fig in a 6 inch pot" of a fig in a 10" pot, though the shipping
// policy speaks of the fig and of "10-inch nursery pots"; the 6 inch pot
// the shop has is shown, and a quotation's closing mark is no inch.
func TestASizeInInchMarksIsAProductsSize(t *testing.T) {
	snap := faqShop("en", [2]string{"Can I pick up my order?", "Yes, from our greenhouse, Friday to Sunday."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy", Body: "<p>Large plants in 10-inch nursery " +
		"pots or bigger, such as the Fiddle Leaf Fig, carry an oversize fee of $20 each.</p>"}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Terracotta Pot with Saucer (6\")", Handle: "terracotta", Price: "12.00", Status: "active", Available: true,
			Description: "A classic unglazed clay pot with a drainage hole and saucer."},
		{ShopifyID: 2, Title: "Fiddle Leaf Fig", Handle: "fig", Price: "89.00", Status: "active", Available: true,
			Description: "A statement plant, 3 to 4 feet tall in a 10\" nursery pot."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"do you have a 10 inch terracotta pot", "can i get the fiddle leaf fig in a 6 inch pot"} {
		if a := idx.respond(kit, normalized(q)); !a.Handoff {
			t.Errorf("%q: answered %q with %v, want a handoff", q, a.Text, a.Cards)
		}
	}
	if a := idx.respond(kit, normalized("do you have a 6 inch terracotta pot")); a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "terracotta" {
		t.Errorf("6 inch pot: answered %q with %v (handoff %v), want the terracotta pot", a.Text, a.Cards, a.Handoff)
	}
	// The pot's name gives its size: the policy's fee of 10-inch pots is
	// not the price of the 6 inch pot.
	if a := idx.respond(kit, normalized("how much is the 6 inch terracotta pot")); strings.Contains(a.Text, "oversize") {
		t.Errorf("price of the 6 inch pot: answered %q with %v", a.Text, a.Cards)
	}
	for text, want := range map[string]string{
		"Planter (6\")":         "Planter (6 inch)",
		"a 24” pole":            "a 24 inch pole",
		"the \"6\" label":       "the \"6\" label",
		"size 6\" and 8\" pots": "size 6 inch and 8 inch pots",
	} {
		if got := readInchMarks(text, "inch"); got != want {
			t.Errorf("readInchMarks(%q) = %q, want %q", text, got, want)
		}
	}
}

// A size given the thing a product is named as is of the product, whatever
// unit the products' names give sizes in: "a 10 foot leash" of a shop whose
// leash is 6-foot (said in its description only) is handed off, "a 6 foot
// leash" shown; a size of the shopper's own thing ("a 30 lb dog") asks
// nothing of the harness.
func TestASizeOfTheNamedThingIsAProductsSize(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Shipping is free on orders over $49."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Reflective Nylon Leash", Handle: "leash", Price: "18.00", Status: "active", Available: true,
			Description: "A 6-foot nylon leash with reflective stitching and a padded handle."},
		{ShopifyID: 2, Title: "No-Pull Harness", Handle: "harness", Price: "34.00", Status: "active", Available: true,
			Description: "A front-clip harness that gently discourages pulling, for dogs of any size."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("do you have a 10 foot leash")); !a.Handoff {
		t.Errorf("10 foot leash: answered %q with %v, want a handoff", a.Text, a.Cards)
	}
	for q, want := range map[string]string{"do you have a 6 foot leash": "leash", "do you have a harness for a 30 lb dog": "harness"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != want {
			t.Errorf("%q: answered %q with %v (handoff %v), want the %s", q, a.Text, a.Cards, a.Handoff, want)
		}
	}
}

// A size the thing a "do you sell" question names is given is of what the
// shopper would buy, whatever its unit: "a 2 lb jar" of a shop whose kit
// holds "1 lb of wax" and "2 jars" (no name gives sizes in pounds) is
// handed off, as is "5 lb bags of wax"; "8 oz candles" of a shop whose
// candles are 8 oz shows them.
func TestASizeOfTheThingAskedIsAProductsSize(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Shipping is free on orders over $85."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Candle Making Kit", Handle: "kit", Price: "48.00", Status: "active", Available: true,
			Description: "Pour two 8 oz candles at home: 1 lb of soy wax flakes, 2 cotton wicks with stickers and centring bars, " +
				"30 ml of fragrance oil, 2 amber jars, a pouring pitcher and our step-by-step card.", Tags: []string{"diy", "kit", "candle making"}},
		{ShopifyID: 2, Title: "Harbour Fog Soy Candle", Handle: "candle", Price: "28.00", Status: "active", Available: true,
			Description: "Sea salt and driftwood in a hand-poured soy candle. 8 oz, 45 to 50 hours.",
			Options:     storage.ProductOptions{{Name: "Jar", Values: []string{"Amber glass", "Frosted white"}}}},
		{ShopifyID: 3, Title: "Soy Wax Flakes 1 kg", Handle: "flakes", Price: "22.00", Status: "active", Available: true,
			Description: "The same natural soy wax we pour our candles with, in easy-melt flakes. 1 kg makes about four 8 oz candles."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"do you have a 2 lb jar", "do you have 5 lb bags of wax"} {
		if a := idx.respond(kit, normalized(q)); !a.Handoff {
			t.Errorf("%q: answered %q with %v, want a handoff", q, a.Text, a.Cards)
		}
	}
	if a := idx.respond(kit, normalized("do you sell 8 oz candles")); a.Handoff || len(a.Cards) == 0 {
		t.Errorf("8 oz candles: answered %q (handoff %v), want the candles", a.Text, a.Handoff)
	}
}
