package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A shopper's American spelling of a Canadian shop's word ("harbor" of
// "Harbour Fog") is the shop's word, though the thesaurus knows it as a
// word of the language; words that are no spellings of one another are
// not one.
func TestBritishAndAmericanSpellingsAreOneWord(t *testing.T) {
	snap := faqShop("en", [2]string{"Can I cancel my order?", "Orders can be cancelled within 2 hours."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Harbour Fog Soy Candle", Handle: "harbour-fog", Price: "28.00",
		Status: "active", Available: true, Description: "Sea salt and driftwood."}}
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8", entry{"harbor", []string{"(noun)|seaport|port"}})
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	idx.thesaurus = thesaurusFor(dir, "en")
	a := idx.respond(kit, normalized("harbor fog price"))
	if a.Handoff || !strings.Contains(a.Text, "28.00") {
		t.Errorf("answered %q (handoff %v), want the Harbour Fog candle's price", a.Text, a.Handoff)
	}
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"harbor", "harbour", true}, {"colours", "colors", true}, {"organiser", "organizer", true},
		{"centre", "center", true}, {"cancelled", "canceled", true}, {"grey", "gray", true},
		{"four", "for", false}, {"store", "ster", false}, {"salt", "halt", false},
	} {
		if got := kit.sameSpelling(tt.a, tt.b); got != tt.same {
			t.Errorf("sameSpelling(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
	if languageFor("es").sameSpelling("color", "colour") {
		t.Error("Spanish has no British spellings")
	}
}
