package builtin

import (
	"slices"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// chandlerShop sells a candle with no fragrance beside scented ones whose
// oils are "phthalate-free", and says its products are "cruelty-free".
func chandlerShop() storage.KnowledgeSnapshot {
	snap := faqShop("en",
		[2]string{"Are your products vegan and cruelty-free?", "Yes: soy wax, no beeswax, and nothing is tested on animals."},
		[2]string{"Is shipping free?", "Shipping is free on orders over $85."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Harbour Fog Soy Candle", Handle: "harbour-fog", Price: "28.00", Status: "active", Available: true,
			Description: "Sea salt and driftwood. 8 oz of soy wax with phthalate-free fragrance oils."},
		{ShopifyID: 2, Title: "Unscented Pillar Candle", Handle: "pillar", Price: "20.00", Status: "active", Available: true,
			Tags:        []string{"candle", "fragrance free"},
			Description: "A pillar of soy and coconut wax with no fragrance at all, for dinner tables and allergies."},
		{ShopifyID: 3, Title: "Grain-Free Salmon Dog Food", Handle: "salmon", Price: "54.99", Status: "active", Available: true,
			Description: "Dry food for adult dogs with salmon, sweet potato and peas."},
		{ShopifyID: 4, Title: "Pate Variety Pack for Cats", Handle: "pate", Price: "21.99", Status: "active", Available: true,
			Description: "Twelve cans of wet food. Grain free."},
	}
	return snap
}

// "Fragrance free" asks for no fragrance: the candle that has none
// answers, not the one whose oils are phthalate-free nor the FAQ that
// says "cruelty-free".
func TestAWordBeforeFreeIsAsked(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(chandlerShop(), kit, true)
	for _, q := range []string{"fragrance free candles?", "do you have a fragrance-free candle"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "pillar" {
			t.Errorf("%q: answered %q with %v (handoff %v), want the unscented pillar", q, a.Text, a.Cards, a.Handoff)
		}
	}
}

// A compound's first word is said in the negative in the shop's texts,
// hyphenated, in a tag, or written apart where the shop's texts join it
// elsewhere ("Grain free." of a shop that sells "Grain-Free" food); the
// suffix written apart after a service is its cost, and a word the shop
// never joins so is no absence ("kids play free").
func TestACompoundWithFreeIsAnAbsence(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(chandlerShop(), kit, true)
	for _, term := range []string{"phthalat", "fragranc", "grain", "cruelti"} {
		if !idx.absentTerms[term] {
			t.Errorf("%q is not among the absent terms %v", term, idx.absentTerms)
		}
	}
	negated := func(term, handle string) bool {
		for _, p := range idx.postings[term] {
			if d := idx.docs[idx.passages[p.passage].doc]; d.product.Handle == handle {
				return p.negated
			}
		}
		t.Fatalf("no posting of %q in %s", term, handle)
		return false
	}
	if !negated("grain", "pate") || !negated("grain", "salmon") || !negated("fragranc", "pillar") {
		t.Error("grain of the pate or the salmon food, or fragrance of the pillar, is stated")
	}
	if negated("fragranc", "harbour-fog") {
		t.Error("the fragrance oils of the harbour fog candle are read as no fragrance")
	}
	a := kit.analyzer
	for _, q := range []struct {
		text   string
		absent []string
	}{
		{"is the pate grain free", []string{"grain"}},
		{"is shipping free", nil},
		{"kids play free?", nil},
		{"is ther free shiping", nil},
	} {
		got, _ := a.absentQuestionWords(idx.understood(a.tokens(normalized(q.text))), idx.absentTerms, idx.saysAbsent)
		var words []string
		for w := range got {
			words = append(words, w)
		}
		slices.Sort(words)
		if strings.Join(words, " ") != strings.Join(q.absent, " ") {
			t.Errorf("%q: absent %v, want %v", q.text, words, q.absent)
		}
	}
}

// "Without X" asks for X absent, as "X free" does: the candle with no
// fragrance answers "candles without fragrance", not the snuffer that puts
// a flame out "without smoke" nor the candle of fragrance oils; and the grain-free food answers "food
// without grain", not the FAQ that refunds "without a return".
func TestAWordAfterWithoutIsAsked(t *testing.T) {
	snap := chandlerShop()
	snap.Products = append(snap.Products, storage.Product{ShopifyID: 5, Title: "Brass Candle Snuffer", Handle: "snuffer",
		Price: "18.00", Status: "active", Available: true, Description: "Puts the flame out without smoke or hot wax splatter."})
	snap.FAQs = append(snap.FAQs, storage.FAQ{Question: "My pet won't eat the food, can I get a refund?",
		Answer: "Yes: tell us within 30 days and we will refund it without a return."})
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string][]string{
		"candles without fragrance":                  {"pillar"},
		"do you have a candle without any fragrance": {"pillar"},
		"food without grain":                         {"salmon", "pate"},
	} {
		a := idx.respond(kit, normalized(q))
		stated := slices.ContainsFunc(a.Cards, func(c aiagent.ProductCard) bool { return c.Handle == "harbour-fog" })
		if a.Handoff || len(a.Cards) == 0 || !slices.Contains(want, a.Cards[0].Handle) || stated {
			t.Errorf("%q: answered %q with %v (handoff %v), want one of %v", q, a.Text, a.Cards, a.Handoff, want)
		}
	}
	a := kit.analyzer
	for text, want := range map[string]string{
		"candles without fragrance":         "fragrance",
		"can I return it without a receipt": "",
	} {
		got, quiet := a.absentQuestionWords(idx.understood(a.tokens(normalized(text))), idx.absentTerms, idx.saysAbsent)
		var words []string
		for w := range got {
			words = append(words, w)
		}
		if strings.Join(words, " ") != want || quiet["without"] != (want != "") {
			t.Errorf("%q: absent %v, quiet %v; want %q", text, words, quiet, want)
		}
	}
}
