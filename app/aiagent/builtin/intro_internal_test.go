package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// introShop has an article whose opening paragraph names its subject in
// general words and states no fact, above the paragraphs that do.
func introShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{
		ShopName: "Lumen Lamps", Currency: "USD",
		Articles: []storage.Article{{ID: 1, Title: "The bulb return program", Body: "Old bulbs deserve better than " +
			"the landfill, so we would rather take them back than see them in the recycling bin.\n\n" +
			"Bring your used bulbs to our shop and we take $2 off a new bulb for each one, up to 6 bulbs per visit.\n\n" +
			"We cannot take bulbs by mail: the postage would cost more than the discount."}},
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you sell dimmer switches?", Answer: "Yes, in white and brass."}},
	}
}

// A short question that the opening matches as well as the paragraph that
// states the fact is answered with the fact, not with the opening alone.
func TestAnOpeningIsNotQuotedAlone(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(introShop(), kit, true)
	for _, question := range []string{"bulb recycling?", "do you recycle old bulbs"} {
		a := idx.respond(kit, normalized(question))
		if a.Handoff || !strings.Contains(a.Text, "$2 off") {
			t.Errorf("%q: answered %q (handoff %v), want the $2 off", question, a.Text, a.Handoff)
		}
	}
}
