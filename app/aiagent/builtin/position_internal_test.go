package builtin

import (
	"slices"
	"testing"

	"hubchat/storage"
)

// A word after a subject ("can I rent") or after "want to" stands as a
// verb, one after an article or a possessive as a noun; elsewhere the
// position is not told.
func TestAWordsPositionIsToldByTheWordBefore(t *testing.T) {
	a := languageFor("en").analyzer
	toks := a.tokens("can i rent a bike or do you want to hire the tandem")
	got := map[string]wordPosition{}
	for i, pos := range a.positions(toks) {
		got[toks[i].word] = pos
	}
	for word, want := range map[string]wordPosition{"rent": verbPosition, "bike": nounPosition, "hire": verbPosition,
		"tandem": nounPosition, "can": anyPosition, "or": anyPosition} {
		if got[word] != want {
			t.Errorf("%q stands as %d, want %d", word, got[word], want)
		}
	}
}

// The thesaurus bridges a word through the meanings of the part of speech
// it stands as: "can I rent a bike" asks to hire one, not of a tear, which
// is what "a rent in my jacket" is; a word whose position is not told is
// bridged through its commonest meanings, whatever their part.
func TestABridgeTakesTheMeaningsOfTheWordsPosition(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you hire out bikes?", "Yes, our bikes hire for £20 a day."},
		[2]string{"My jacket has a tear, what now?", "Send us a photo and we will mend it."})
	idx, _ := indexesOf(t, snap, entry{"rent", []string{"(noun)|payment", "(noun)|rip|tear", "(noun)|economic rent", "(verb)|hire|lease"}})
	forms := func(q string) []string {
		var out []string
		for _, c := range idx.analyse(normalized(q)).concepts {
			if c.term == "rent" {
				for _, f := range c.forms {
					out = append(out, f.term)
				}
			}
		}
		return out
	}
	for q, want := range map[string][]string{
		"can i rent a bike":     {"rent", "hire"},
		"there is a rent in it": {"rent", "tear"},
		"rent?":                 {"rent", "tear"},
	} {
		if got := forms(q); !slices.Equal(got, want) {
			t.Errorf("%q: rent's forms %v, want %v", q, got, want)
		}
	}
}

// "Something to clean my dog's teeth" asks for a product that cleans
// teeth: "clean" is what it is to do, not a kind of product (a washable
// one), so the dental chews that say "tartar" are shown.
func TestWhatAThingIsToDoIsNoKindOfIt(t *testing.T) {
	snap := faqShop("en", [2]string{"How do I wash my pet's bed?", "Unzip the cover and machine-wash it cold."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Dental Chews for Dogs", Handle: "dental-chews", Price: "24.99", Available: true, ProductType: "Treats",
			Tags: []string{"dog", "dental"}, Description: "Daily chews that reduce tartar and freshen breath."},
		{ShopifyID: 2, Title: "Orthopedic Dog Bed", Handle: "dog-bed", Price: "89.00", Available: true, ProductType: "Bed",
			Tags: []string{"dog", "bed"}, Description: "Memory foam with a removable, machine-washable cover."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("something to clean my dog's teeth")); a.Handoff || !hasCard(a.Cards, "dental-chews") {
		t.Errorf("%q with %v (handoff %v, choices %v), want the dental chews' card", a.Text, a.Cards, a.Handoff, a.Choices)
	}
}
