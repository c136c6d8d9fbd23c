package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product's description that says how often ("use it every other
// watering") answers "how often should I fertilize" of the product, with
// that sentence: the frequency it states is what is asked, not beyond its
// data, and a bare list of cards would not say it.
func TestAProductsFrequencyAnswersHowOften(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."},
		[2]string{"Should I repot my plant when it arrives?", "Wait 2 to 3 weeks, and hold off on fertilizer too."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Liquid Houseplant Fertilizer (8 fl oz)", Handle: "fertilizer", Price: "14.00", Status: "active", Available: true,
			Tags:        []string{"fertilizer", "plant food"},
			Description: "A gentle 3-1-2 liquid feed for all houseplants. Mix 1/4 teaspoon into a quart of water and use it every other watering from spring to early fall."},
		{ShopifyID: 2, Title: "Soil Moisture Meter", Handle: "meter", Price: "12.00", Status: "active", Available: true,
			Description: "Push the probe into the soil and read whether it is dry, moist or wet."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"how often should i fertilize", "how often do i use the fertilizer"} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, "every other watering") {
			t.Errorf("%q: answered %q (handoff %v), want how often", q, a.Text, a.Handoff)
		}
	}
}
