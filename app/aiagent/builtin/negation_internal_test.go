package builtin

import (
	"reflect"
	"strings"
	"testing"

	"hubchat/storage"
)

// A value question ("what do I have to spend for free shipping?") is
// answered by the passage that states the value, not by a shorter one of
// the same policy that says there is none; a yes-or-no question still
// gets the "no".
func TestAValueQuestionQuotesThePassageThatStatesIt(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you sell gift cards?", "Yes, from $10 to $200."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		URL: "https://shop.example/policies/shipping-policy",
		Body: "Domestic orders\n\nEvery parcel travels tracked by Canada Post from our studio in Halifax; it costs a flat $12 " +
			"and free shipping starts at $85 spent, before tax, on any order.\n\n" +
			"Overseas orders\n\nNo free shipping threshold applies.\n\n" +
			"Gift wrap\n\nWe don't wrap parcels in paper."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, c := range []struct{ question, want string }{
		{"what is the free shipping threshold", "$85"},
		{"do you wrap parcels in paper", "don't wrap"},
	} {
		a := idx.respond(kit, normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: %q (handoff %v), want %q", c.question, a.Text, a.Handoff, c.want)
		}
	}
}

func TestNegatedWordsReachWithinTheirClauseAndNotAfterIf(t *testing.T) {
	en := languageFor("en").analyzer.lang.negator
	for _, c := range []struct {
		text string
		want []bool
	}{
		{"no free threshold, but express", []bool{false, true, true, false, false}},
		{"we don't ship", []bool{false, false, false, true}},
		{"if you don't have one", []bool{false, false, false, false, false, false}},
	} {
		if got := negatedWords(c.text, en); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}
