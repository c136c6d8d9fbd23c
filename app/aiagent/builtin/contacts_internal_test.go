package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question for a way to reach the shop is answered by a passage that
// gives one: "what's your phone number" of a shop whose privacy policy
// says it collects "your phone number" and that gives no number hands
// off, and "what's your email address" quotes the paragraph with the
// address, not the one of the data collected.
func TestAContactIsAskedOfAPassageThatGivesOne(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Policies = []storage.ShopPolicy{{Type: "PRIVACY_POLICY", Title: "Privacy policy", URL: "https://shop.example/policies/privacy-policy",
		Body: "When you buy from us we collect your name, email address, shipping address and phone number.\n\n" +
			"To see or delete what we hold about you, write to help@shop.example and we answer within 45 days."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"what's your phone number", "is there a number i can call", "customer service phone"} {
		if a := idx.respond(kit, normalized(q)); !a.Handoff {
			t.Errorf("%q: answered %q, want a handoff", q, a.Text)
		}
	}
	for _, q := range []string{"what's your email address", "how can i contact you"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, "help@shop.example") {
			t.Errorf("%q: answered %q (handoff %v), want the address", q, a.Text, a.Handoff)
		}
	}
	snap.Policies[0].Body += "\n\nCall us on (503) 555-0142, Monday to Friday."
	idx = buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("what's your phone number")); a.Handoff || !strings.Contains(a.Text, "555-0142") {
		t.Errorf("answered %q (handoff %v), want the number", a.Text, a.Handoff)
	}
}
