package builtin

import (
	"testing"

	"hubchat/storage"
)

// A question about one's kids is answered by what the merchant wrote of
// families; a product search for a cat's bed is not shown a dog's bed "for
// pets".
func TestAKindAnswersForItsMembersOutsideProductSearches(t *testing.T) {
	kit := languageFor("en")
	snap := storage.KnowledgeSnapshot{ShopName: "Hearth", Currency: "USD",
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you welcome families?",
			Answer: "Yes, families are welcome at the studio every day until 6 pm."}},
		Products: []storage.Product{{ShopifyID: 1, Title: "Dog Bed", Handle: "dog-bed", Price: "40.00", Status: "active",
			Description: "A soft bed for pets.", Available: true}},
	}
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("are kids welcome")); firstSource(a) != "Do you welcome families?" {
		t.Errorf("kids welcome: answered from %q (handoff %v, confidence %.2f)", firstSource(a), a.Handoff, a.Confidence)
	}
	if a := idx.respond(kit, normalized("do you have a bed for my cat")); len(a.Cards) > 0 {
		t.Errorf("a bed for a cat: shown %v", a.Cards)
	}
}
