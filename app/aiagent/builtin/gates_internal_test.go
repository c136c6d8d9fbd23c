package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A passage that matches one of two services a question asks of together,
// and leaves out the other, answers of another service: "subscription
// discount?" is not the first order's discount, "return shipping cost?"
// is not the cost of shipping an order.
func TestAPassageOfAnotherServiceIsNoAnswer(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Is there a discount for a first order?", "Yes: sign up to our newsletter for a code worth 15% off your first order."},
		[2]string{"What do I get with a subscription?", "Every subscription delivery is 10% off and ships free."},
		[2]string{"How do I pause my subscription?", "Pause your subscription from your account."},
		[2]string{"When is my subscription charged?", "A subscription is charged on each renewal date."},
		[2]string{"Can I change the coffee of my subscription?", "Yes, change it in your account."},
		[2]string{"Can I cancel my subscription?", "Yes, cancel your subscription at any time."},
		[2]string{"Can I return a gift?", "Yes, gifts can be returned for store credit."},
		[2]string{"Can I return sale items?", "Sale items cannot be returned."},
		[2]string{"How do I start a return?", "Write to us to start a return."},
		[2]string{"When is my return refunded?", "Within 5 days of the return reaching us."},
		[2]string{"Do you ship to Canada?", "We ship within the United States only."},
		[2]string{"How do I wash the wool socks?", "Wash cold and dry flat."})
	snap.Policies = []storage.ShopPolicy{
		{Type: "SHIPPING_POLICY", Title: "Shipping policy",
			Body: "Standard shipping takes 2 to 5 business days and costs $6.99, free over $49."},
		{Type: "REFUND_POLICY", Title: "Refund policy",
			Body: "You can send back unused items within 30 days.\n\nA $7 label for sending an item back is taken from your refund."},
	}
	idx := buildIndex(snap, languageFor("en"), true)
	for question, wrong := range map[string]string{
		"subscription discount?": "first order",
		"return shipping cost?":  "$6.99",
	} {
		a := idx.respond(languageFor("en"), normalized(question))
		if !a.Handoff && strings.Contains(a.Text+strings.Join(a.Choices, " "), wrong) {
			t.Errorf("%q answered %q (choices %q), of another service", question, a.Text, a.Choices)
		}
	}
	// Both services in one passage: answered.
	if a := idx.respond(languageFor("en"), normalized("subscription shipping?")); a.Handoff || !strings.Contains(a.Text, "10% off") {
		t.Errorf("answered %q (handoff %v), want the subscription's FAQ", a.Text, a.Handoff)
	}
}
