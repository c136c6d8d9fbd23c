package builtin_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
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

// A "did you mean…?" pick is answered with the passage of the document
// picked that answers the question asked before it, not with the
// document's opening.
func TestPickedTitleAnswersTheQuestionAsked(t *testing.T) {
	snap := faqShop("en", [2]string{"How do I reset my password?", "Use the link on the sign-in page."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy", URL: "https://shop.example/policies/shipping-policy",
		Body: "We pack every order by hand in our workshop and ship from Monday to Friday. Each parcel is wrapped in recycled paper " +
			"and sealed with paper tape, so the whole box goes in your recycling. We use the postal service for most parcels and a courier " +
			"for the heavy ones. You get an email with a tracking link as soon as your parcel leaves us.\n\n" +
			"Orders to islands and remote areas may take a few days longer than the times below, and we tell you before we ship.\n\n" +
			"Standard shipping costs $6 and is free on orders over $60.\n\nExpress shipping costs $15 and arrives in 2 days."}}
	k := newMemoryKnowledge()
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	pick := aiagent.Question{Text: "Shipping policy", Language: "en", History: []aiagent.Turn{
		{Author: "shopper", Text: "is there free shipping"}, {Author: "ai", Text: "Did you mean one of these?"}}}
	a, err := e.Answer(context.Background(), 1, pick)
	if err != nil {
		t.Fatal(err)
	}
	if a.Handoff || !strings.Contains(a.Text, "free on orders over $60") {
		t.Errorf("the pick: %q (handoff %v), want the free-shipping paragraph", a.Text, a.Handoff)

	}
}

// A pick of a FAQ whose title reads as a question about the shopper's own
// order ("When will my plant ship?") is that FAQ, not an order question to
// sign in for, after a "did you mean…?" of several choices or of one;
// asked afresh, the same words are.
func TestPickedTitleIsNotAnOrderQuestion(t *testing.T) {
	snap := faqShop("en", [2]string{"When will my plant ship?", "We ship plants Monday to Wednesday, so they never sit in a warehouse over a weekend."},
		[2]string{"Can I pick up my order at the greenhouse?", "Yes, Friday to Sunday from 9am to 4pm."})
	k := newMemoryKnowledge()
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, asked := range []string{"Did you mean one of these?", "Did you mean this?"} {
		pick := aiagent.Question{Text: "When will my plant ship?", Language: "en", History: []aiagent.Turn{
			{Author: "shopper", Text: "shipping days"}, {Author: "ai", Text: asked}}}
		a, err := e.Answer(context.Background(), 1, pick)
		if err != nil {
			t.Fatal(err)
		}
		if a.SignIn || !strings.Contains(a.Text, "Monday to Wednesday") {
			t.Errorf("the pick after %q: %q (sign-in %v), want the FAQ's answer", asked, a.Text, a.SignIn)
		}
	}
	fresh, err := e.Answer(context.Background(), 1, aiagent.Question{Text: "When will my plant ship?", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if !fresh.SignIn {
		t.Errorf("asked afresh: %q, want a sign-in", fresh.Text)
	}
}
