package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// When two paragraphs of a policy answer a short question's words as well
// as each other, the answer quotes both: the one that scores best (short,
// naming the words twice) states an exception, the other the rule.
func TestTiedPassagesOfAPolicyAreBothQuoted(t *testing.T) {
	snap := faqShop("en", [2]string{"How do I reset my password?", "Use the link on the sign-in page."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Delivery policy", URL: "https://shop.example/policies/shipping-policy",
		Body: "We pack orders by hand in our workshop from Monday to Friday.\n\n" +
			"Standard shipping costs $6 anywhere in the country and is free on orders over $60, delivered by the postal service in 3 to 5 business days.\n\n" +
			"Express shipping costs $15. Express is not part of our free shipping offer.\n\n" +
			"Pick up in store costs nothing: choose it at checkout."}}
	k := newMemoryKnowledge()
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: "free shipping?", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Handoff || len(a.Choices) > 0 || !strings.Contains(a.Text, "free on orders over $60") {
		t.Errorf("%q (handoff %v, choices %v), want the free-shipping rule", a.Text, a.Handoff, a.Choices)
	}
	if strings.Contains(a.Text, "Pick up in store") {
		t.Errorf("%q quotes a paragraph that matches by a synonym only", a.Text)
	}
}
