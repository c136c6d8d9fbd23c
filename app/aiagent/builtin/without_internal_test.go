package builtin

import (
	"testing"

	"hubchat/storage"
)

// "Non scented", "non-scented", "scentless", a typo of "unscented" and a
// product search for "no scent" ask for what the shop calls "unscented":
// the candle without a scent answers.
func TestAWordWithoutItsThingFindsTheShopsForm(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(chandlerShop(), kit, true)
	for _, q := range []string{"non scented candle", "non-scented candles?", "scentless candle", "unsented candles",
		"do you have a candle with no scent"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "pillar" {
			t.Errorf("%q: answered %q with %v (handoff %v, choices %v), want the unscented pillar", q, a.Text, a.Cards, a.Handoff, a.Choices)
		}
	}
}

// A product "without" a thing does not answer a question that asks for the
// thing: tubes are not a tubeless repair kit, nor bleached filters
// unbleached ones.
func TestAThingWithoutIsNotTheThing(t *testing.T) {
	kit := languageFor("en")
	snap := faqShop("en", [2]string{"Do you service bikes?", "Our workshop tunes any bike for $79."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Tubeless Repair Kit", Handle: "tubeless", Price: "24.00", Status: "active", Available: true,
			Description: "Plugs and a reamer to seal a puncture in a tubeless tyre on the trail."},
		{ShopifyID: 2, Title: "Mini Pump", Handle: "pump", Price: "30.00", Status: "active", Available: true,
			Description: "A small pump with a gauge for every valve."},
	}
	idx := buildIndex(snap, kit, true)
	for _, term := range kit.analyzer.terms("Tubeless Repair Kit") {
		if term == "tube" {
			t.Errorf("the title's terms %v hold the thing it is without", kit.analyzer.terms("Tubeless Repair Kit"))
		}
	}
	a := idx.respond(kit, normalized("do you sell inner tubes"))
	for _, c := range a.Cards {
		if c.Handle == "tubeless" {
			t.Errorf("inner tubes: answered %q with the tubeless kit", a.Text)
		}
	}
	if a := idx.respond(kit, normalized("tubeless tyre repair?")); len(a.Cards) == 0 || a.Cards[0].Handle != "tubeless" {
		t.Errorf("tubeless tyre repair: answered %q with %v, want the tubeless kit", a.Text, a.Cards)
	}
}

// Only the forms the rules are sure of say "without": "united", "under" and
// "unless" keep their own terms.
func TestOnlySureFormsSayWithout(t *testing.T) {
	a := languageFor("en").analyzer
	for text, want := range map[string]string{
		"unscented": "¬scent", "non slip": "¬slip", "non-slip": "¬slip", "nonstick": "¬stick",
		"scentless": "¬scent", "unbleached": "¬bleach", "united": "unit", "underrated": "underr", "unless": "unless",
		// The synonym lists' words and phrases mean what the lists say.
		"unopened": "unopen", "non toxic": "~toxic", "nontoxic": "nontox",
	} {
		terms := a.terms(text)
		got := ""
		if len(terms) > 0 {
			got = terms[0]
		}
		if got != want || len(terms) > 1 {
			t.Errorf("%q: terms %v, want [%s]", text, terms, want)
		}
	}
}

// A yes-or-no question about the thing is answered by the text that says
// it is without it, as by any "no": "are the filters bleached" by the
// unbleached filters. A product search for the thing does not show the
// product without it: "scented candles" are not the unscented pillar.
func TestAYesOrNoIsAnsweredByTheWithout(t *testing.T) {
	kit := languageFor("en")
	snap := chandlerShop()
	snap.Products = append(snap.Products, storage.Product{ShopifyID: 5, Title: "Cone Paper Filters", Handle: "filters", Price: "8.00",
		Status: "active", Available: true, Description: "100 unbleached paper filters for the pour over dripper."},
		storage.Product{ShopifyID: 6, Title: "Lavender Soy Candle", Handle: "lavender", Price: "28.00", Status: "active", Available: true,
			Description: "A soy candle scented with lavender and chamomile."})
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("are the filters bleached")); len(a.Cards) == 0 || a.Cards[0].Handle != "filters" {
		t.Errorf("are the filters bleached: answered %q with %v (handoff %v), want the unbleached filters", a.Text, a.Cards, a.Handoff)
	}
	for _, c := range idx.respond(kit, normalized("do you have scented candles")).Cards {
		if c.Handle == "pillar" {
			t.Errorf("scented candles: shown the unscented pillar")
		}
	}
}
