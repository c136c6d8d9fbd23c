package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A product's description that says how often ("use it every other
// watering", "each week") answers "how often should I fertilize" of the
// product, with that sentence: the frequency it states is what is asked,
// not beyond its data, and a bare list of cards would not say it. One
// that says no frequency does not answer how often, whatever else of the
// question it holds ("how often should I mist the calathea" of the mister
// "for calatheas").
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
		{ShopifyID: 3, Title: "Glass Plant Mister", Handle: "mister", Price: "18.00", Status: "active", Available: true,
			Tags:        []string{"tool", "mister"},
			Description: "A 10 oz glass spray bottle with a brass pump that gives a fine mist. For calatheas, ferns and air plants."},
		{ShopifyID: 4, Title: "Chinese Money Plant", Handle: "pilea", Price: "22.00", Status: "active", Available: true,
			Description: "Round coin-shaped leaves on long stems. Turn it a quarter turn each week so it grows straight."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string]string{
		"how often should i fertilize":            "every other watering",
		"how often do i use the fertilizer":       "every other watering",
		"how often should i turn the money plant": "each week",
	} {
		if a := idx.respond(kit, normalized(q)); a.Handoff || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v), want %q", q, a.Text, a.Handoff, want)
		}
	}
	// The mister's description says how to mist, not how often.
	if a := idx.respond(kit, normalized("how often should i mist the calathea")); !a.Handoff && len(a.Choices) == 0 {
		t.Errorf("answered %q, want no answer", a.Text)
	}
}

// "Each week" says how often as "every week" does; "each other" does not.
func TestEachWeekSaysHowOften(t *testing.T) {
	for text, want := range map[string]bool{
		"Turn it a quarter turn each week.": true,
		"Soak them once a week.":            true,
		"The leaves touch each other.":      false,
	} {
		if got := howOften.MatchString(text); got != want {
			t.Errorf("%q: says how often %v, want %v", text, got, want)
		}
	}
}
