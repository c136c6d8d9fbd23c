package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question that names a product and, as written, one of its options'
// names ("wax melts scents") is answered with the option's values, not
// with the sentence of its description that says the word ("scented soy
// wax"); a word of sizes that asks how a thing fits ("run big") does not
// ask for its list of sizes.
func TestAnOptionsNameAsksItsValues(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and the US."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Soy Wax Melts", Handle: "melts", Price: "9.50", Available: true, ProductType: "Wax Melt",
			Options:     storage.ProductOptions{{Name: "Scent", Values: []string{"Harbour Fog", "Lavender Fields"}}},
			Description: "Six snap-apart cubes of scented soy wax for a wax warmer. Each cube scents a room for 8 hours."},
		{ShopifyID: 2, Title: "Merino Hoodie", Handle: "hoodie", Price: "89.00", Available: true, ProductType: "Hoodie",
			Options:     storage.ProductOptions{{Name: "Size", Values: []string{"S", "M", "L"}}},
			Description: "A relaxed fit that runs slightly large: size down for a trim fit."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("wax melts scents")); !strings.Contains(a.Text, "Lavender Fields") {
		t.Errorf("wax melts scents: %q, want its scents", a.Text)
	}
	if a := idx.respond(kit, normalized("does the merino hoodie run big?")); strings.Contains(a.Text, "Size options") {
		t.Errorf("run big: %q, want how it fits, not its sizes", a.Text)
	}
}
