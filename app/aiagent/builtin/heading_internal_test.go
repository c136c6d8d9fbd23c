package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question whose word only a section's heading holds ("pots" under
// "Returns of pots, tools and supplies") is about that section: "can I
// return a pot" quotes its paragraph, not the policy's opening, as a
// question of the words of the policy's title alone would.
func TestAWordOfAHeadingAsksItsSection(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Policies = []storage.ShopPolicy{{Type: "REFUND_POLICY", Title: "Refund policy", URL: "https://shop.example/policies/refund-policy",
		Body: "Every plant we sell is grown in our greenhouse and checked by hand before it is boxed. Living things don't " +
			"always enjoy the trip, though, so here is how we handle the times something goes wrong.\n\n" +
			"Returns of live plants\n\nWe can't accept returns of live plants.\n\n" +
			"Returns of pots, tools and supplies\n\nPlanters, tools and misters can be returned unused within 30 days of delivery."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"can i return a pot", "can i return tools"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, "30 days") {
			t.Errorf("%q: answered %q (handoff %v), want the section on pots", q, a.Text, a.Handoff)
		}
	}
}
