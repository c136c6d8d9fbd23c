package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product answered from its description is named in the answer's text
// (a transcript or an email shows no card), and a question that uses the
// merchant's own name of an option ("scents") gets that option's values.
func TestProductAnswersNameTheProductAndTheOptionAsked(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and Mexico."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Rosemary Shampoo Bar", Handle: "rosemary-shampoo-bar", Price: "9.00", Available: true,
			Description: "Cleans oily hair without silicones. One bar lasts about 60 washes.",
			Options:     storage.ProductOptions{{Name: "Scent", Values: []string{"Rosemary", "Unscented"}}}},
		{ShopifyID: 2, Title: "Olive Body Soap", Handle: "olive-body-soap", Price: "6.00", Available: true,
			Description: "A gentle soap of olive oil for dry skin."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, c := range []struct{ question, want string }{
		{"what helps with oily hair", "Rosemary Shampoo Bar: Cleans oily hair without silicones."},
		{"which scents does the shampoo bar have", "Rosemary, Unscented"},
	} {
		a := idx.respond(kit, normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: %q (handoff %v), want %q", c.question, a.Text, a.Handoff, c.want)
		}
	}
}
