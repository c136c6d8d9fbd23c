package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product whose description opens with a question ("Can't decide?") is
// said to be what the sentence after it says, not the question.
func TestAProductIsSaidByItsFirstStatement(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and the US."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Mini Votive Discovery Set", Handle: "votives", Price: "32.00",
		Available: true, ProductType: "Gift Set", Tags: []string{"gift", "votive"},
		Description: "Can't decide? Five 2 oz votives in a kraft box: Harbour Fog and Lavender Fields among them. The best way to find your scent."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	a := idx.respond(kit, normalized("what's in the discovery set"))
	if !strings.Contains(a.Text, "Five 2 oz votives") || strings.Contains(a.Text, "Can't decide") {
		t.Errorf("what's in the set: %q, want the sentence that says what it is", a.Text)
	}
}
