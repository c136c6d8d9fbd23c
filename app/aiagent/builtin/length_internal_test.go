package builtin

import (
	"testing"

	"hubchat/storage"
)

// "How long is the chain" of a shop that sells chains asks a length: a
// care article that says "after a few minutes" does not answer it, while
// "how long is the warranty" is a duration the warranty FAQ gives.
func TestHowLongIsAThingAsksItsLength(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(storage.KnowledgeSnapshot{ShopName: "Spoke & Cog", Currency: "USD",
		FAQs: []storage.FAQ{{ID: 1, Question: "Is there a warranty?", Answer: "Frames have a warranty of 2 years."}},
		Articles: []storage.Article{{ID: 1, Title: "Keeping your chain happy",
			Body: "Wipe the chain with a rag, apply one drop of lube per link, then wipe off the excess after a few minutes."}},
		Products: []storage.Product{{ShopifyID: 1, Title: "Trail Chain", Handle: "trail-chain", Price: "30.00",
			Status: "active", Description: "An 11-speed chain.", Available: true}},
	}, kit, true)
	if a := idx.respond(kit, normalized("how long is the chain")); !a.Handoff {
		t.Errorf("how long is the chain: answered %q, want a handoff", a.Text)
	}
	if a := idx.respond(kit, normalized("how long is the warranty")); a.Handoff {
		t.Errorf("how long is the warranty: handed off (confidence %.2f)", a.Confidence)
	}
}
