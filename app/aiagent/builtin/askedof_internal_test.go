package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// roasterShop is a roaster whose roast guide names its blends in passing.
func roasterShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"Can I visit the roastery?", "Yes, on Saturdays from 9am to noon."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Roast levels explained", Published: true,
		Body: "Light roasts. Bright and fruity, like our Ethiopia Kochere.\n\n" +
			"Medium roasts balance sweetness and acidity, with notes of caramel and chocolate, like our House Blend.\n\n" +
			"Espresso. The Night Shift Espresso is roasted for espresso and makes a thick crema."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Lantern House Blend", Handle: "house-blend", Price: "15.00", Status: "active", Available: true,
			Description: "Our everyday medium roast of Brazilian and Colombian coffees. Smooth with milk or black."},
		{ShopifyID: 2, Title: "Night Shift Espresso", Handle: "night-shift", Price: "16.50", Status: "active", Available: true,
			Description: "Our espresso blend, roasted medium-dark for a thick crema."},
		{ShopifyID: 3, Title: "Ethiopia Kochere", Handle: "ethiopia", Price: "19.50", Status: "active", Available: true,
			Description: "A washed single origin, roasted light. Tasting notes: jasmine and lemon curd."},
		{ShopifyID: 4, Title: "Swiss Water Decaf Peru", Handle: "decaf", Price: "17.00", Status: "active", Available: true,
			Description: "An organic Peruvian coffee decaffeinated with water only, 99.9% caffeine-free."},
	}
	return snap
}

// A question that names a product and asks something of it ("is the
// house blend organic") is not answered by a passage that names the
// product and says nothing of what is asked; a passage that says it
// ("which roast is the house blend") still answers.
func TestAPassageThatOnlyNamesTheProductAskedOfAnswersNothing(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(roasterShop(), kit, true)
	for _, q := range []string{"is the house blend organic", "is the night shift espresso decaf"} {
		a := idx.respond(kit, normalized(q))
		if !a.Handoff {
			t.Errorf("%q: answered %q from %v, want a handoff", q, a.Text, a.Sources)
		}
	}
	a := idx.respond(kit, normalized("what roast level is the house blend"))
	if a.Handoff || !strings.Contains(a.Text, "Medium roasts") {
		t.Errorf("answered %q (handoff %v), want the roast guide's medium roasts", a.Text, a.Handoff)
	}
}
