package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// oftenShop says how often only as "every 1 to 2 years", beside a FAQ
// titled "how often" about something else, and names its shipping days
// beside a monthly box.
func oftenShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{ShopName: "Leafmould", Currency: "USD",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "How often should I water my plant?", Answer: "Check the soil: water when the top inch is dry."},
			{ID: 2, Question: "What is your shipping schedule?", Answer: "We ship plants Monday to Wednesday."},
			{ID: 3, Question: "How does the plant box work?", Answer: "Each month we ship a new plant, for 3 months."},
		},
		Articles: []storage.Article{{ID: 1, Title: "Repotting: when and how",
			Body: "Most houseplants want a bigger pot every 1 to 2 years, in spring."}},
	}
}

// "How often" is answered by the passage that says every how long, and
// "what days" by the one that names the days, not the monthly box.
func TestHowOftenAndWhatDaysFindTheirAnswer(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(oftenShop(), kit, true)
	for q, want := range map[string]string{
		"how often should i repot":     "every 1 to 2 years",
		"what days do you ship plants": "Monday to Wednesday",
	} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || len(a.Choices) > 0 || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v, %d choices, confidence %.2f), want %q",
				q, a.Text, a.Handoff, len(a.Choices), a.Confidence, want)
		}
	}
}
