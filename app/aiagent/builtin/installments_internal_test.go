package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// "Split" is a word of paying in parts only in its phrases: "afterpay?"
// of a plant shop is not answered by its "split-leaf" monstera, while
// "can I split the payment" still finds the installments FAQ.
func TestSplitAloneIsNoInstallment(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Monstera Deliciosa", Handle: "monstera", Price: "42.00", Status: "active",
		Available: true, Description: "The classic split-leaf Swiss cheese plant, grown in our greenhouse from cuttings."}}
	kit := languageFor("en")
	if a := buildIndex(snap, kit, true).respond(kit, normalized("afterpay?")); !a.Handoff {
		t.Errorf("afterpay?: answered %q with %v, want a handoff", a.Text, a.Cards)
	}
	snap.FAQs = append(snap.FAQs, storage.FAQ{ID: 9, Question: "Can I pay in installments?", Published: true,
		Answer: "Yes: choose Shop Pay Installments at checkout to pay in 4 interest-free payments."})
	if a := buildIndex(snap, kit, true).respond(kit, normalized("can i split the payment")); a.Handoff ||
		!strings.Contains(a.Text, "interest-free") {
		t.Errorf("answered %q (handoff %v), want the installments FAQ", a.Text, a.Handoff)
	}
}
