package conversation

import (
	"slices"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/storage"
)

// What the agent's turn is, for each answer, handoff setting and shopper.
func TestDecideReply(t *testing.T) {
	en := wordsFor("en")
	answered := aiagent.Answer{Text: "We ship to Canada in 5 days.", Confidence: 0.9, Intent: aiagent.IntentQuestion, Tag: aiagent.TagShipping}
	unsure := aiagent.Answer{Handoff: true, HandoffReason: "low confidence", Intent: aiagent.IntentQuestion, Tag: aiagent.TagOther}
	human := aiagent.Answer{Intent: aiagent.IntentHuman, Tag: aiagent.TagOther}
	orders := aiagent.Answer{Intent: aiagent.IntentOrderStatus, Tag: aiagent.TagOrderStatus, SignIn: true}
	signedIn, anonymous := Shopper{SignedIn: true, Email: "jo@example.com"}, Shopper{}
	inbox := AIConfig{Enabled: true, Handoff: chat.HandoffInbox}
	custom := AIConfig{Enabled: true, Handoff: chat.HandoffCustom, CustomMessage: "Email us at help@shop.example"}
	zendesk := AIConfig{Enabled: true, Handoff: chat.HandoffZendesk}
	for _, tc := range []struct {
		name     string
		cfg      AIConfig
		ans      aiagent.Answer
		who      Shopper
		kind     string
		body     string
		handoff  string
		external bool
	}{
		{"an answer", inbox, answered, signedIn, storage.KindText, answered.Text, "", false},
		{"an answer to a visitor", inbox, answered, anonymous, storage.KindText, answered.Text, "", false},
		{"unsure: offer a person", inbox, unsure, signedIn, storage.KindHandoffOffer, en.offerPerson, "", false},
		{"asks for a person", inbox, human, signedIn, storage.KindHandoffOffer, en.offerPerson, "", false},
		{"a visitor asks for a person: sign in first", inbox, human, anonymous, storage.KindSignIn, en.signInForTeam, "", false},
		{"custom message", custom, unsure, signedIn, storage.KindText, custom.CustomMessage, string(storage.HandoffCustomMessage), false},
		{"custom message to a visitor", custom, human, anonymous, storage.KindText, custom.CustomMessage, string(storage.HandoffCustomMessage), false},
		{"zendesk with an email", zendesk, human, signedIn, storage.KindText, "jo@example.com", string(storage.HandoffZendesk), true},
		{"zendesk without an email: ask for it", zendesk, unsure, anonymous, storage.KindEmail, en.askEmail, "", false},
		{"where is my order, anonymous", inbox, orders, anonymous, storage.KindSignIn, en.signInForOrders, "", false},
	} {
		d := decideReply(tc.cfg, tc.ans, tc.who, en)
		r := d.reply
		if r.Kind != tc.kind || !strings.Contains(r.Body, tc.body) || string(r.Handoff) != tc.handoff || d.external != tc.external ||
			r.Tag != string(tc.ans.Tag) {
			t.Errorf("%s: %+v, external %v; want kind %s, body with %q, handoff %q, external %v, tag %s",
				tc.name, r, d.external, tc.kind, tc.body, tc.handoff, tc.external, tc.ans.Tag)
		}
	}
}

// An answer with choices asks "did you mean…?" with them as buttons,
// cleaned and bounded; one choice is one button, and a handoff wins.
func TestDecideReplyOffersChoices(t *testing.T) {
	en := wordsFor("en")
	inbox := AIConfig{Enabled: true, Handoff: chat.HandoffInbox}
	who := Shopper{SignedIn: true}
	long := strings.Repeat("é", maxChoiceLength+5)
	for _, tc := range []struct {
		name    string
		ans     aiagent.Answer
		kind    string
		body    string
		choices []string
	}{
		{"two choices", aiagent.Answer{Text: "Which one?", Choices: []string{"Size guide", "Returns"}},
			storage.KindChoices, "Which one?", []string{"Size guide", "Returns"}},
		{"no text: the agent asks", aiagent.Answer{Choices: []string{"A", "B"}}, storage.KindChoices, en.didYouMean, []string{"A", "B"}},
		{"cleaned and bounded", aiagent.Answer{Text: "?", Choices: []string{" Size  guide ", "", "Size guide", "B", "C", "D", "E", long}},
			storage.KindChoices, "?", []string{"Size guide", "B", "C", "D"}},
		{"a long one is cut", aiagent.Answer{Text: "?", Choices: []string{"A", long}},
			storage.KindChoices, "?", []string{"A", strings.Repeat("é", maxChoiceLength-1) + "…"}},
		{"one choice is one button", aiagent.Answer{Text: "Did you mean this?", Choices: []string{"Size guide", " size guide "}},
			storage.KindChoices, "Did you mean this?", []string{"Size guide"}},
		{"no text, one choice: the agent asks of it", aiagent.Answer{Choices: []string{"Size guide"}}, storage.KindChoices, en.didYouMeanThis, []string{"Size guide"}},
		{"no choice left", aiagent.Answer{Text: "Our size guide.", Choices: []string{" ", ""}}, storage.KindText, "Our size guide.", nil},
		{"a handoff wins", aiagent.Answer{Handoff: true, Choices: []string{"A", "B"}}, storage.KindHandoffOffer, en.offerPerson, nil},
	} {
		r := decideReply(inbox, tc.ans, who, en).reply
		if r.Kind != tc.kind || !strings.Contains(r.Body, tc.body) || !slices.Equal(r.Choices, tc.choices) {
			t.Errorf("%s: kind %s, body %q, choices %q; want %s, %q, %q", tc.name, r.Kind, r.Body, r.Choices, tc.kind, tc.body, tc.choices)
		}
	}
}

// The agent's sentences follow the storefront's language, English when it
// has none in it.
func TestWordsFollowTheLanguage(t *testing.T) {
	if wordsFor("es-MX").offerPerson == wordsFor("en").offerPerson || wordsFor("pt-BR").offerPerson != wordsFor("en").offerPerson {
		t.Fatal("es-MX should be Spanish; a language without sentences English")
	}
	// The widget's six languages each have every sentence, in its own words.
	en := wordsFor("en")
	for _, lang := range []string{"es", "fr", "it", "pl", "de"} {
		w, ok := wordsByLanguage[lang]
		if !ok {
			t.Fatalf("no sentences in %s", lang)
		}
		for name, pair := range map[string][2]string{
			"offerPerson": {w.offerPerson, en.offerPerson}, "signInForTeam": {w.signInForTeam, en.signInForTeam},
			"signInForOrders": {w.signInForOrders, en.signInForOrders}, "askEmail": {w.askEmail, en.askEmail},
			"declined": {w.declined, en.declined}, "followUp": {w.followUp, en.followUp}, "didYouMean": {w.didYouMean, en.didYouMean},
			"didYouMeanThis": {w.didYouMeanThis, en.didYouMeanThis},
		} {
			if pair[0] == "" || pair[0] == pair[1] {
				t.Errorf("%s.%s is missing or English: %q", lang, name, pair[0])
			}
		}
		if got := w.followUpByEmail("a@b.example"); !strings.Contains(got, "a@b.example") {
			t.Errorf("%s follow-up does not name the address: %q", lang, got)
		}
	}
}
