package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// serviceShop states its prices as amounts, with no word for a price, and
// writes tyres the British way.
func serviceShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{ShopName: "Spoke & Chain", Currency: "USD", FAQs: []storage.FAQ{
		{ID: 1, Question: "Do you service bikes?", Answer: "Yes: a basic tune-up is $79 and takes two days."},
		{ID: 2, Question: "What tyre pressure should I ride?", Answer: "Road tyres 80 to 100 psi, gravel 30 to 45 psi."},
		{ID: 3, Question: "How do I look after my chain?", Answer: "Lube the chain every 150 to 200 km and wipe off the excess."},
	}}
}

// "How much to…" asks a price that an amount answers; an American
// spelling finds the British one; "won't" is no word of the question.
func TestPriceAskedWithoutAPriceWordAndSpellings(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(serviceShop(), kit, true)
	cases := []struct{ question, want string }{
		{"how much to get my bike tuned up", "$79"},
		{"what pressure for gravel tires", "30 to 45"},
		{"how do I oil my chain", "150 to 200"},
	}
	for _, c := range cases {
		a := idx.respond(kit, normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: answered %q (handoff %v, confidence %.2f), want %q", c.question, a.Text, a.Handoff, a.Confidence, c.want)
		}
	}
	if asksPrice(kit.analyzer.lang, normalized("how much wick should I leave")) {
		t.Error(`"how much wick": a quantity, not a price`)
	}
	for _, c := range idx.analyse(normalized("won't the tyres go flat")).concepts {
		if c.term == "won" {
			t.Error(`"won't" analysed as the word "won"`)
		}
	}
}

// "How much" of a thing a verb follows asks an amount of it, not the
// price of the product named: "how much light does a fiddle leaf fig
// need" is not answered by the fig's price, while "how much is the fiddle
// leaf fig" and "how much shipping does the fig cost" still ask a price.
func TestHowMuchOfAThingAsksNoPrice(t *testing.T) {
	kit := languageFor("en")
	for q, want := range map[string]bool{
		"how much light does a fiddle leaf fig need": false,
		"how much water should i give it":            false,
		"how much is the fiddle leaf fig":            true,
		"how much shipping does the fig cost":        true,
		"how much wax melts":                         true,
	} {
		if got := askedFacts(kit, normalized(q)).price; got != want {
			t.Errorf("%q: price asked %v, want %v", q, got, want)
		}
	}
	snap := faqShop("en", [2]string{"Do you ship large plants?", "Yes, by UPS Ground, with a $20 oversize fee."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Fiddle Leaf Fig", Handle: "fig", Price: "89.00", Status: "active",
		Available: true, Description: "A statement plant, 3 to 4 feet tall. Needs a spot right by a bright window."}}
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("how much light does a fiddle leaf fig need")); !a.Handoff && len(a.Choices) == 0 && strings.Contains(a.Text, "89.00") {
		t.Errorf("answered %q, want no price", a.Text)
	}
}
