package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product asked for in one of its options' values ("the helmet in
// medium", "the house blend in 2 lb") is answered from its fields: whether
// it is for sale and the values of that option; a size word stands for
// the letter the shop labels it by.
func TestAProductAskedForInAValueTellsItsStockAndValues(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship within the United States only."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Helix MIPS Helmet", Handle: "helmet", Price: "129.00", Status: "active", Available: true,
			Description: "A road helmet with MIPS.", Options: storage.ProductOptions{{Name: "Size", Values: []string{"S", "M", "L"}}}},
		{ShopifyID: 2, Title: "House Blend Coffee", Handle: "house-blend", Price: "17.00", Status: "active", Available: true,
			Description: "Our everyday medium roast.", Options: storage.ProductOptions{{Name: "Size", Values: []string{"12 oz", "2 lb"}}}},
		{ShopifyID: 3, Title: "Stoneware Mug", Handle: "mug", Price: "22.00", Status: "active", Available: true,
			Description: "A glazed mug.", Options: storage.ProductOptions{{Name: "Color", Values: []string{"Ember", "Slate"}}}},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for question, want := range map[string]string{
		"do you have the helmet in medium":     "S, M, L",
		"do you have the house blend in 2 lb":  "12 oz, 2 lb",
		"can i get the stoneware mug in slate": "Ember, Slate",
	} {
		a := idx.respond(kit, normalized(question))
		if a.Handoff || !strings.Contains(a.Text, "in stock") || !strings.Contains(a.Text, want) {
			t.Errorf("%q: %q (handoff %v), want it in stock and %q", question, a.Text, a.Handoff, want)
		}
	}
	// Not one of its values: no answer of its values as if it were.
	if a := idx.respond(kit, normalized("do you have the mug in blue")); strings.Contains(a.Text, "in stock") {
		t.Errorf("the mug in blue: %q", a.Text)
	}
}
