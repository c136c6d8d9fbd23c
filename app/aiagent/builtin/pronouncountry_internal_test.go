package builtin

import (
	"strings"
	"testing"
)

// A shopper's "us" where a place stands is the country, answered by the
// paragraph on the US the shop writes in capitals, not by a paragraph
// that says "email us"; "us" as the pronoun asks nothing of the country.
func TestUsIsTheCountryWhereAPlaceStands(t *testing.T) {
	snap := placesShop("CAD")
	snap.Policies[0].Body = "We ship anywhere in Canada for $12, in 2 to 5 business days.\n\n" +
		"We ship to the US for a flat $19, in 6 to 10 business days.\n\n" +
		"If your tracking hasn't moved for 7 business days, email us and we'll open a trace."
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"us shipping time", "do you ship to us", "shipping to the us?"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, "$19") {
			t.Errorf("%q: answered %q (handoff %v), want the US paragraph", q, a.Text, a.Handoff)
		}
	}
	for q, want := range map[string]bool{"us shipping time": true, "ship to us": true, "a party game for 8 of us": false} {
		asks := false
		for _, c := range idx.analyse(normalized(q)).concepts {
			for _, f := range c.forms[:c.broaderFrom] {
				asks = asks || f.term == "~usa"
			}
		}
		if asks != want {
			t.Errorf("%q asks of the US: %v, want %v", q, asks, want)
		}
	}
	if idx.df["us"] > 0 {
		t.Errorf("the pronoun of the shop's 'email us' is indexed")
	}
	customs := buildIndex(faqShop("en", [2]string{"Who pays duties?", "Duties charged by US customs are paid by the recipient."}), kit, true)
	if customs.df["usa"] == 0 {
		t.Errorf("'US customs' in capitals is not read as the country")
	}
	for _, msg := range []string{"a party game for 8 of us", "can i pay in us dollars"} {
		if got := kit.analyzer.askedCountry(msg); got != msg {
			t.Errorf("%q read as %q", msg, got)
		}
	}
}
