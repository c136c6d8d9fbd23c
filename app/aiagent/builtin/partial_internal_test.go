package builtin

import (
	"slices"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// plantShop is a small shop of FAQs on different topics, for the partial
// evidence tests.
func plantShop() storage.KnowledgeSnapshot {
	return faqShop("en",
		[2]string{"How often should I water my fern?", "Water your fern once a week and keep the soil moist, never soggy."},
		[2]string{"Do you have a discount code?", "Sign up to our newsletter for 10% off your first order."},
		[2]string{"How long does shipping take?", "Orders arrive in 3 to 5 business days."},
		[2]string{"Can I return a plant?", "A plant that arrives damaged can be returned within 14 days."},
		[2]string{"Do you sell gift cards?", "Yes, gift cards from $25 to $200, sent by email."},
		[2]string{"How much light does a cactus need?", "A cactus needs at least six hours of direct sun a day."},
		[2]string{"Which pot size should I choose?", "Pick a pot two inches wider than the root ball."})
}

// plantWords is the fixture thesaurus: "nurse" a noun, "thirsty" and
// "droopy" adjectives, so the shopper's words the shop never uses are
// known as what they are.
var plantWords = []entry{
	{"nurse", []string{"(noun)|caregiver"}},
	{"thirsty", []string{"(adj)|dry (similar term)"}},
	{"droopy", []string{"(adj)|sagging (similar term)"}},
}

// When no document passes the gates but one matches two of a question's
// words together, the engine asks "did you mean…?" with its title rather
// than hand off, and the pick answers the question from that document.
func TestPartialEvidenceAsksDidYouMean(t *testing.T) {
	idx, _ := indexesOf(t, plantShop(), plantWords...)
	const asked = "my fern is droopy and thirsty how often"
	a := idx.respond(idx.kit, asked)
	if a.Handoff || !slices.Contains(a.Choices, "How often should I water my fern?") || a.Text != idx.kit.texts.didYouMean {
		t.Fatalf("%q: %+v, want did you mean the watering FAQ", asked, a)
	}
	pick := []aiagent.Turn{{Author: "shopper", Text: asked}, {Author: "ai", Text: a.Text}}
	p, ok := idx.titlePicked(idx.kit, normalized("How often should I water my fern?"), pick)
	if !ok || p.Text != "Water your fern once a week and keep the soil moist, never soggy." {
		t.Errorf("the pick: %+v (%v), want the watering answer", p, ok)
	}
}

// A question that names a thing the shop never writes of hands off even
// when other words of it match a document together ("can a nurse water a
// fern": the shop's watering says nothing of nurses), and so does one
// whose evidence is a single word ("cactus"); a word no dictionary knows (a typo, a
// brand) is no such thing.
func TestWeakOrUnheardEvidenceHandsOff(t *testing.T) {
	idx, _ := indexesOf(t, plantShop(), plantWords...)
	for _, q := range []string{"can a nurse water a fern", "how fast do nurse orders arrive", "is my cactus zorblat"} {
		if a := idx.respond(idx.kit, q); !a.Handoff || len(a.Choices) > 0 {
			t.Errorf("%q: %+v, want a handoff", q, a)
		}
	}
	for _, q := range []string{"can a zorblat water a fern", "how fast do zorblat orders arrive"} {
		if a := idx.respond(idx.kit, q); a.Handoff || len(a.Choices) == 0 {
			t.Errorf("%q, of a word no dictionary knows: %+v, want did you mean", q, a)
		}
	}
}

// A legal text (the privacy policy, the terms of service) is never offered
// as what the shopper may have meant, however many of their words its
// breadth matches.
func TestLegalTextIsNoDidYouMean(t *testing.T) {
	snap := plantShop()
	snap.Policies = []storage.ShopPolicy{{Type: "PRIVACY_POLICY", Title: "Privacy policy", URL: "https://shop.example/policies/privacy-policy",
		Body: "How often we email you about your fern order is up to you; we keep your address for as long as your account is open."}}
	idx, _ := indexesOf(t, snap, plantWords...)
	a := idx.respond(idx.kit, "my fern is droopy and thirsty how often")
	if !slices.Contains(a.Choices, "How often should I water my fern?") || slices.Contains(a.Choices, "Privacy policy") {
		t.Errorf("choices %q: want the watering FAQ, not the privacy policy", a.Choices)
	}
}
