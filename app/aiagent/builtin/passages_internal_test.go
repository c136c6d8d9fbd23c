package builtin

import (
	"reflect"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// A heading is the context of the paragraphs under it, never a passage of
// its own: a question about a section quotes its paragraph, not its
// heading; a list's items stay with the line that introduces them.
func TestAHeadingIsQuotedWithItsParagraphNeverAlone(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you sell gift cards?", "Yes, from $10 to $200."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		URL: "https://shop.example/policies/shipping-policy",
		Body: "Orders leave our studio within 2 business days.\n\nShipping within Canada\n\nIt costs a flat $12 anywhere in Canada, free over $85.\n\n" +
			"Shipping to the United States\n\nA flat $19, delivered in 6 to 10 business days.\n\nLost parcels\n\nIf tracking stalls for 7 days, we open a trace."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, c := range []struct{ question, want string }{
		{"do you ship to the united states", "$19"},
		{"how much is shipping within canada", "$12"},
	} {
		a := idx.respond(kit, normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: %q (handoff %v), want %q", c.question, a.Text, a.Handoff, c.want)
		}
	}
	for _, p := range idx.passages {
		if isHeading(p.text) {
			t.Errorf("a heading is a passage of its own: %q", p.text)
		}
	}
}

func TestParagraphsKeepHeadingsAndListsWithTheirText(t *testing.T) {
	got := paragraphs("Returns\n\nWithin 30 days.\n\nUnworn items only.\n\nWe accept:\n\nVisa\n\nPayPal\n\nSale items are final.\n\n" +
		"Refunds\n\nBy card\n\nIn 5 days.\n\nExchanges:\n\nWe swap sizes for free.\n\nLast words")
	want := []section{
		{heading: "Returns", text: "Within 30 days."},
		{heading: "Returns", text: "Unworn items only."},
		{heading: "Returns", text: "We accept:\nVisa\nPayPal"},
		{heading: "Returns", text: "Sale items are final."},
		{heading: "Refunds . By card", text: "In 5 days."},
		{heading: "Refunds . By card", text: "Exchanges:\nWe swap sizes for free.\nLast words"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
	if got := paragraphs("Can I change my order?\n\nWithin 2 hours of placing it."); !reflect.DeepEqual(got,
		[]section{{heading: "Can I change my order?", text: "Within 2 hours of placing it."}}) {
		t.Errorf("a question heads its answer: %q", got)
	}
	if got := paragraphs("Free shipping over $50"); !reflect.DeepEqual(got, []section{{text: "Free shipping over $50"}}) {
		t.Errorf("a text that is one short line: %q", got)
	}
}

// An answer that names one of the shop's products shows its card, in the
// order named, by its title or the shorter run of it only that product's
// title holds (case and accents aside); a generic word alone, or an
// option's value, names none.
func TestAnAnswerThatNamesAProductShowsItsCard(t *testing.T) {
	snap := faqShop("en",
		[2]string{"What bed do anxious cats like?", "Anxious cats usually prefer the cozy cave cat bed; big cats take the Plush Donut Bed."},
		[2]string{"Is mate caffeinated?", "Yes: a cup of the Yerba Mate has about a third of coffee's caffeine."},
		[2]string{"How do I wash a bed cover?", "Wash any bed cover cold and let it dry flat."},
		[2]string{"Which grind should I pick?", "Pick the French Press grind for a coarse cup."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Cozy Cave Cat Bed", Handle: "cozy-cave", Price: "39.00", Status: "active", Available: true},
		{ShopifyID: 2, Title: "Plush Donut Bed", Handle: "plush-donut", Price: "45.00", Status: "active", Available: true},
		{ShopifyID: 3, Title: "Yerba Mate Orgánica", Handle: "yerba-mate", Price: "12.00", Status: "active", Available: true},
		{ShopifyID: 4, Title: "Yerba Mate Cup", Handle: "mate-cup", Price: "15.00", Status: "active", Available: true},
		{ShopifyID: 5, Title: "Glass French Press", Handle: "press", Price: "30.00", Status: "active", Available: true},
		{ShopifyID: 6, Title: "House Blend", Handle: "blend", Price: "14.00", Status: "active", Available: true,
			Options: storage.ProductOptions{{Name: "Grind", Values: []string{"Whole Bean", "French Press"}}}},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, c := range []struct {
		question string
		want     []string
	}{
		{"what bed do anxious cats like", []string{"cozy-cave", "plush-donut"}},
		{"is mate caffeinated", nil}, // "Yerba Mate" is in two titles: it names neither
		{"how do i wash a bed cover", nil},
		{"which grind should i pick", nil}, // an option's value, not the end of "Glass French Press"
	} {
		a := idx.respond(kit, normalized(c.question))
		var got []string
		for _, card := range a.Cards {
			got = append(got, card.Handle)
		}
		if a.Handoff || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: cards %v (handoff %v, %q), want %v", c.question, got, a.Handoff, a.Text, c.want)
		}
	}
	snap.Products = append(snap.Products[:3], snap.Products[4:]...)
	idx = buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("is mate caffeinated")); len(a.Cards) != 1 || a.Cards[0].Handle != "yerba-mate" {
		t.Errorf("the shorter name of a title: cards %v", a.Cards)
	}
	if a := idx.respond(kit, normalized("looking for something for anxious cats")); len(a.Cards) == 0 || a.Cards[0].Handle != "cozy-cave" ||
		a.Handoff || a.Intent != aiagent.IntentProducts {
		t.Errorf("a product search a passage answers: %+v", a)
	}
}

// A question that names a product but asks what its data does not say is
// handed off, not answered with the facts it has; a fact its text gives
// ("is it ceramic") is answered; a sold-out product asked for in one of
// its options' values is said to be sold out.
func TestAProductQuestionItsDataDoesNotAnswerIsHandedOff(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and Mexico."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Summit Rain Shell", Handle: "rain-shell", Price: "149.00", Available: true,
			Description: "A seam-taped waterproof jacket with pit zips."},
		{ShopifyID: 2, Title: "Rope Tug Toy", Handle: "rope-toy", Price: "12.00", Available: true,
			Description: "Braided cotton rope that cleans teeth while dogs play."},
		{ShopifyID: 3, Title: "Glass Teapot", Handle: "teapot", Price: "35.00", Available: true,
			Description: "Borosilicate glass that resists heat, with a steel infuser."},
		{ShopifyID: 4, Title: "Three-Wick Bowl Candle", Handle: "bowl-candle", Price: "58.00", Available: true,
			Description: "A wide ceramic bowl with three cotton wicks for big rooms."},
		{ShopifyID: 5, Title: "Gravel King Carbon", Handle: "gravel-king", Price: "2400.00", Available: false,
			Description: "A carbon gravel bike with room for wide tyres.",
			Options:     storage.ProductOptions{{Name: "Size", Values: []string{"50", "52", "54", "56"}}}},
		// Other products use the words the questions ask about.
		{ShopifyID: 6, Title: "Catnip Mouse", Handle: "catnip-mouse", Price: "6.00", Available: true,
			Description: "Filled with organic catnip; it weighs 20 g."},
		{ShopifyID: 7, Title: "Cast Iron Kettle", Handle: "kettle", Price: "80.00", Available: true,
			Description: "Works on gas, electric and induction hobs."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, question := range []string{
		"how much does the summit rain shell weigh",
		"is the rope tug toy organic cotton",
		"can the glass teapot go on an induction hob",
	} {
		if a := idx.respond(kit, normalized(question)); !a.Handoff {
			t.Errorf("%q: answered %q, want a handoff", question, a.Text)
		}
	}
	for _, c := range []struct{ question, want string }{
		{"how much is the summit rain shell", "149.00"},
		{"is the bowl candle ceramic", "ceramic"},
		{"can i get the gravel king carbon in a 54 right now", "sold out"},
	} {
		if a := idx.respond(kit, normalized(c.question)); a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: %q (handoff %v), want %q", c.question, a.Text, a.Handoff, c.want)
		}
	}
}
