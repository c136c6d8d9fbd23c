package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question of a product whose description says nothing of what is asked
// while one of its tags does ("is the raven zz rare" of a plant tagged
// "rare") is answered with the tag, then the description's first
// sentence; a question its description answers keeps the sentence alone.
func TestATagAnswersWhatTheDescriptionDoesNotSay(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Raven ZZ Plant", Handle: "raven-zz", Price: "48.00", Status: "active", Available: true,
			Tags:        []string{"houseplant", "low light", "rare"},
			Description: "The ZZ's moody cousin: new leaves come in bright green and turn a deep purple-black. 6\" nursery pot."},
		{ShopifyID: 2, Title: "Arbequina Olive Tree", Handle: "olive", Price: "59.00", Status: "active", Available: true,
			Tags:        []string{"fruit tree", "full sun"},
			Description: "A self-fruitful olive with silvery leaves. Hardy to about 15°F once established."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string][]string{
		"is the raven zz rare":              {"Rare.", "moody cousin"},
		"does the olive tree need full sun": {"Full sun."},
		"is the olive tree hardy":           {"15°F"},
		"what pot size is the raven zz in":  {"6\" nursery pot"},
	} {
		a := idx.respond(kit, normalized(q))
		for _, w := range want {
			if a.Handoff || !strings.Contains(a.Text, w) {
				t.Errorf("%q: answered %q (handoff %v), want %q", q, a.Text, a.Handoff, w)
			}
		}
	}
}
