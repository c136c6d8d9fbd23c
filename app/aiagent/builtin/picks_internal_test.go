package builtin

import (
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// A picked document's title says nothing of which of its paragraphs
// answers: every paragraph holds its words. "Can I send back a plant I
// don't like", then "Refund policy", is answered by the paragraph on
// returning plants, not by one that only says "refund" in other words
// ("refunds go back") nor by the policy's opening.
func TestAPickIsAnsweredBeyondItsTitle(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you sell gift cards?", "Yes, gift cards from $25 to $200, sent by email."})
	snap.Policies = []storage.ShopPolicy{{Type: "REFUND_POLICY", Title: "Refund policy", URL: "https://shop.example/refund",
		Body: "Every plant we sell is grown in our greenhouse and checked by hand before it is boxed. Here is how we handle the times something goes wrong.\n\n" +
			"Returns of live plants\n\nWe can't accept returns of live plants. Once a plant has left our greenhouse we can't bring it back in without risking pests.\n\n" +
			"Refunds\n\nRefunds go back to your original payment method within 2 business days of our approving them.\n\n" +
			"Plant subscriptions\n\nA prepaid Plant Subscription can be cancelled for a refund of the months not yet shipped."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	const asked = "can i send back a plant i don't like"
	pick := []aiagent.Turn{{Author: "shopper", Text: asked}, {Author: "ai", Text: kit.texts.didYouMean}}
	a, ok := idx.titlePicked(kit, normalized("Refund policy"), pick)
	if !ok || !strings.Contains(a.Text, "can't accept returns of live plants") {
		t.Errorf("the pick: %q (%v), want the paragraph on returning plants", a.Text, ok)
	}
}
