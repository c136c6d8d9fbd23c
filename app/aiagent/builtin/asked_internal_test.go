package builtin

import (
	"testing"

	"hubchat/app/aiagent"
)

// A "did you mean…?" of one choice asks of that one, in every language
// (the shopper sees one button); of several, "one of these"; any other
// answer is left as it is.
func TestADidYouMeanOfOneChoiceAsksOfIt(t *testing.T) {
	for _, lang := range []string{"en", "es", "fr", "it", "pl"} {
		tx := languageFor(lang).texts
		if tx.didYouMeanThis == "" || tx.didYouMeanThis == tx.didYouMean {
			t.Fatalf("%s: the question of one choice is %q", lang, tx.didYouMeanThis)
		}
		if lang != "en" && tx.didYouMeanThis == englishTexts.didYouMeanThis {
			t.Errorf("%s: the question of one choice is English", lang)
		}
		one := tx.asked(aiagent.Answer{Text: tx.didYouMean, Choices: []string{"Shipping policy"}})
		two := tx.asked(aiagent.Answer{Text: tx.didYouMean, Choices: []string{"Shipping policy", "Returns"}})
		answer := tx.asked(aiagent.Answer{Text: "We ship on Mondays.", Choices: []string{"Shipping policy"}})
		if one.Text != tx.didYouMeanThis || two.Text != tx.didYouMean || answer.Text != "We ship on Mondays." {
			t.Errorf("%s: one choice %q, two %q, an answer %q", lang, one.Text, two.Text, answer.Text)
		}
	}
}
