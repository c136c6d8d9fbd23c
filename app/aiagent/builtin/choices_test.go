package builtin_test

import (
	"context"
	"slices"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// When two documents answer a question about as well, the engine asks
// which one the shopper meant (their titles, the question in the shopper's
// language) rather than guess or hand off; picking one sends its title,
// which is then answered from that document with confidence.
func TestCloseAnswersAskDidYouMean(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, faqShop("en",
		[2]string{"Can I return an item?", "Unworn items can be returned within 30 days."},
		[2]string{"Can I return a sale item?", "Sale items are final and cannot be returned."},
		[2]string{"Do you ship to Canada?", "Yes, we ship to Canada in 5 to 8 days."}))
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	ask := func(text, lang string) aiagent.Answer {
		t.Helper()
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: text, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := ask("can I return my item", "en")
	want := []string{"Can I return an item?", "Can I return a sale item?"}
	if a.Handoff || a.Text != "Did you mean one of these?" || !sameSet(a.Choices, want) || len(a.Sources) != 2 ||
		a.Tag != aiagent.TagReturns {
		t.Fatalf("close answers: %+v, want the choices %q", a, want)
	}
	if es := ask("can I return my item", "es"); es.Text != "¿Te refieres a alguna de estas?" {
		t.Errorf("the question in Spanish: %q", es.Text)
	}
	for i, choice := range want {
		picked := ask(choice, "en")
		wantText := []string{"Unworn items can be returned within 30 days.", "Sale items are final and cannot be returned."}[i]
		if picked.Text != wantText || picked.Handoff || len(picked.Choices) > 0 || picked.Confidence < 0.9 {
			t.Errorf("picked %q: %+v, want %q with confidence", choice, picked, wantText)
		}
	}
	if one := ask("do you ship to canada", "en"); len(one.Choices) > 0 || one.Text != "Yes, we ship to Canada in 5 to 8 days." {
		t.Errorf("a question one document answers: %+v", one)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
