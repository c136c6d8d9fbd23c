package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// clockShop states its cutoff and its opening hours as times of day only.
func clockShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{ShopName: "Tallow Barn", Currency: "USD",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "When will my order leave?", Answer: "Orders placed before 2pm on a weekday are packed and leave that day."},
			{ID: 2, Question: "How long does delivery take?", Answer: "Delivery takes 3 to 5 business days after your order leaves."},
			{ID: 3, Question: "Can I visit the barn?", Answer: "Yes, the barn shop is open Friday to Sunday from 9am to 4pm."},
			{ID: 4, Question: "Can I bring my dog to the barn?", Answer: "Yes, dogs on a lead are welcome in the barn shop."},
		}}
}

// A time of day a question names, a part of the day, or a bare "hours"
// find the passage that states a time; "how many hours" does not ask one.
func TestATimeOfDayFindsThePassageThatStatesOne(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(clockShop(), kit, true)
	for q, want := range map[string]string{
		"if i order at 3pm does it leave the same day": "2pm",
		"barn hours": "9am",
		"if i order in the morning when does it leave": "2pm",
	} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v, confidence %.2f), want %q", q, a.Text, a.Handoff, a.Confidence, want)
		}
	}
	q := idx.analyse(normalized("how many hours does it take"))
	for _, c := range q.concepts {
		for _, f := range c.forms {
			if f.term == clockTerm {
				t.Errorf("how many hours: %q asks a time of day", c.term)
			}
		}
	}
}
