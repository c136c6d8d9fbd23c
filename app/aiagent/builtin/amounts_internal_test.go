package builtin

import (
	"strings"
	"testing"
)

// A price word ("cost", "fee") is answered by a passage that states an
// amount of money without naming a price ("a basic tune-up is $79"); "how
// much", which asks a quantity as often, is not ("how much coffee for a
// pour over" is no shipping fee).
func TestAnAmountOfMoneyAnswersAPriceWord(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you offer bike servicing?", "Yes, our workshop services any brand. A basic tune-up is $79 and a full overhaul $199."},
		[2]string{"How much is shipping?", "USPS Priority Mail is $5.95 and takes 2 to 3 business days."},
		[2]string{"How do I brew a pour over?", "Rinse the filter, then pour slowly in circles."},
		[2]string{"Do you ship abroad?", "We ship within the United States only."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."})
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("what does a tune up cost")); a.Handoff || !strings.Contains(a.Text, "$79") {
		t.Errorf("answered %q (handoff %v), want the tune-up's $79", a.Text, a.Handoff)
	}
	if a := idx.respond(kit, normalized("how much coffee for a pour over")); strings.Contains(a.Text, "$5.95") {
		t.Errorf("answered %q: a quantity of coffee is no shipping fee", a.Text)
	}
}
