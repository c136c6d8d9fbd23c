package builtin

import (
	"slices"
	"testing"
)

// "can" is dropped as the modal verb it most often is, and kept as the noun
// where its form or the words around it say so: a plural, after an article
// or a number, before "of", after a word in "-ing" that it ends.
func TestAModalSpeltAsANounIsKept(t *testing.T) {
	a := languageFor("en").analyzer
	for text, want := range map[string]bool{
		"cans of cat food?":              true,
		"do you sell a watering can":     true,
		"a watering can for the balcony": true,
		"12 cans of pate":                true,
		"is the can recyclable":          true,
		"can of tuna":                    true,
		"can i return it":                false,
		"how can i track my order":       false,
		"this can be returned":           false,
		"shipping can take a week":       false,
		"what you can do":                false,
	} {
		if got := slices.Contains(a.terms(text), "can"); got != want {
			t.Errorf("%q: terms %v hold \"can\": %v, want %v", text, a.terms(text), got, want)
		}
	}
}

// A fragment that names cans finds the product of cans, where the stop
// word left nothing to search for.
func TestCansAreAThingAsked(t *testing.T) {
	kit := languageFor("en")
	snap := chandlerShop()
	snap.Products[3].Title = "Pate Variety Pack for Cats (12 cans)"
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"cans?", "do you sell cans"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || len(a.Cards) == 0 || a.Cards[0].Handle != "pate" {
			t.Errorf("%q: answered %q with %v (handoff %v), want the pate's cans", q, a.Text, a.Cards, a.Handoff)
		}
	}
}
