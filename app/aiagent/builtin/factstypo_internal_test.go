package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product's fact asked with a typo in the word that asks it ("in
// stok") is answered as the fact asked, not searched for as words.
func TestAProductsFactAskedWithATypoIsAnswered(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and the US."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Cabin Fire Soy Candle", Handle: "cabin", Price: "30.00",
		Available: false, ProductType: "Candle", Description: "Woodsmoke, cedarwood and leather, with a wooden wick."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("is cabin fire in stok")); a.Handoff || !strings.Contains(a.Text, "sold out") {
		t.Errorf("in stok: %q (handoff %v, choices %v), want that it is sold out", a.Text, a.Handoff, a.Choices)
	}
}
