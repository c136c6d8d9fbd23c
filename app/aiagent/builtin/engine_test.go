package builtin_test

import (
	"strings"
	"testing"

	"hubchat/app/aiagent"
)

// Shoppers' questions in their own words find the document that answers
// them, and questions the shop's data cannot answer are handed off.
func TestQuestionsFindTheirSource(t *testing.T) {
	f := newFixture(t)
	probes := []struct {
		question string
		want     string // "kind:title" of the first source, or "handoff"
	}{
		{"does this hoodie run big?", "article:Size guide"},
		{"Should I size down in the hoodies?", "article:Size guide"},
		{"how long does delivery take", "faq:How long does shipping take?"},
		{"do you deliver to canada", "faq:Do you ship internationally?"},
		{"I forgot my pasword", "faq:How do I reset my password?"},
		{"can i stack coupons?", "faq:Can I use more than one discount code?"},
		{"can I put my merino sweater in the washing machine", "faq:How do I wash merino wool?"},
		{"do you take paypal", "faq:What payment methods do you accept?"},
		{"what is your return policy", "policy:Refund policy"},
		{"how long do refunds take", "policy:Refund policy"},
		{"do gift cards expire", "article:Gift cards"},
		{"do you offer a student discount", "handoff"},
		// A way to pay the shop does not list is answered by the ways it does.
		{"can I pay in bitcoin", "faq:What payment methods do you accept?"},
		{"do you have a store in Paris", "handoff"},
		{"what is the meaning of life", "handoff"},
	}
	var failed []string
	for _, p := range probes {
		a := f.ask(t, p.question)
		got := source(a)
		t.Logf("%-55q → %-45s conf %.2f", p.question, got, a.Confidence)
		if got != p.want {
			failed = append(failed, p.question+": got "+got+", want "+p.want)
		}
		if got == "handoff" && (a.HandoffReason == "" || len(a.Cards) > 0) {
			t.Errorf("%q: a handoff needs a reason and shows nothing: %+v", p.question, a)
		}
	}
	if len(failed) > 0 {
		t.Errorf("%d of %d probes wrong:\n%s", len(failed), len(probes), strings.Join(failed, "\n"))
	}
}

// Answers are quoted from the source: a FAQ's answer, an article's
// paragraph that answers, a policy's paragraph with its link.
func TestAnswersQuoteTheirSource(t *testing.T) {
	f := newFixture(t)
	size := f.ask(t, "does this hoodie run big?")
	if size.Text != "Hoodies and sweatshirts have a relaxed cut: if you are between sizes or prefer a closer fit, order one size down." {
		t.Errorf("size guide answer = %q, want its hoodie paragraph", size.Text)
	}
	refund := f.ask(t, "how long do refunds take")
	wantRefund := "Once we receive your return we refund the original payment method within 5 business days. Sale items cannot be returned." +
		"\n\nMore in our Refund policy: https://outdoor.example/policies/refund-policy"
	if refund.Text != wantRefund || refund.Tag != aiagent.TagReturns {
		t.Errorf("refund answer = %q (%s), want %q (returns)", refund.Text, refund.Tag, wantRefund)
	}
	faq := f.ask(t, "how long does delivery take")
	if faq.Text != outdoorFAQs[0][1] || faq.Handoff || faq.Confidence < 0.5 || faq.Tag != aiagent.TagShipping {
		t.Errorf("FAQ answer = %+v, want the FAQ's answer, tagged shipping", faq)
	}
}

// Asking for a person hands off at once, in English and Spanish; greetings
// and thanks are answered, not handed off.
func TestIntents(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		text, lang string
		intent     aiagent.Intent
		handoff    bool
	}{
		{"talk to a person", "en", aiagent.IntentHuman, true},
		{"Can I speak with a human please?", "en", aiagent.IntentHuman, true},
		{"I want a real agent", "en", aiagent.IntentHuman, true},
		{"representative", "en", aiagent.IntentHuman, true},
		{"quiero hablar con una persona", "es", aiagent.IntentHuman, true},
		{"¿Puedo hablar con un agente?", "es", aiagent.IntentHuman, true},
		{"Hello!", "en", aiagent.IntentGreeting, false},
		{"hi there", "en", aiagent.IntentGreeting, false},
		{"good morning", "en", aiagent.IntentGreeting, false},
		{"Hola", "es", aiagent.IntentGreeting, false},
		{"buenas tardes", "es", aiagent.IntentGreeting, false},
		{"thanks, that's all", "en", aiagent.IntentThanks, false},
		{"Muchas gracias", "es", aiagent.IntentThanks, false},
		{"hi, how long does shipping take?", "en", aiagent.IntentQuestion, false},
	} {
		a := f.askAs(t, tt.text, tt.lang, 0)
		if a.Intent != tt.intent || a.Handoff != tt.handoff {
			t.Errorf("%q: intent %s handoff %v, want %s %v", tt.text, a.Intent, a.Handoff, tt.intent, tt.handoff)
		}
		if a.Intent == aiagent.IntentHuman && a.HandoffReason == "" {
			t.Errorf("%q: a request for a person needs a reason", tt.text)
		}
		if !a.Handoff && a.Text == "" {
			t.Errorf("%q: answered with nothing", tt.text)
		}
	}
	if es, en := f.askAs(t, "hola", "es", 0).Text, f.ask(t, "hello").Text; es == en {
		t.Errorf("the Spanish greeting is the English one: %q", es)
	}
}

// A product search shows up to three cards of active products, priced in
// the shop's currency; a draft product is never shown.
func TestProductSearchShowsCards(t *testing.T) {
	f := newFixture(t)
	a := f.ask(t, "do you have rain jackets?")
	if a.Intent != aiagent.IntentProducts || a.Tag != aiagent.TagProduct || a.Handoff || a.Text == "" {
		t.Fatalf("answer = %+v, want product cards with a lead-in", a)
	}
	if len(a.Cards) == 0 || len(a.Cards) > 3 || a.Cards[0].Title != "Summit Rain Shell" {
		t.Fatalf("cards = %+v, want the rain shell first, at most 3", a.Cards)
	}
	c := a.Cards[0]
	if c.Currency != "USD" || c.Price != "149.00" || c.Handle != "summit-rain-shell" || c.ProductID != 8002 || c.ImageURL == "" {
		t.Errorf("card = %+v", c)
	}
	for _, card := range a.Cards {
		if card.Title == "Storm Prototype Jacket" {
			t.Errorf("a draft product was shown: %+v", a.Cards)
		}
	}
	if len(a.Sources) != len(a.Cards) {
		t.Errorf("sources %+v do not name the cards", a.Sources)
	}
	none := f.ask(t, "do you sell kayaks?")
	if len(none.Cards) > 0 || !none.Handoff {
		t.Errorf("a product the shop does not sell: %+v, want a handoff", none)
	}
}
