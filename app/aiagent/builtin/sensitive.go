package builtin

import (
	"regexp"
	"unicode"

	"hubchat/app/aiagent"
)

// Reasons for handing off a sensitive topic, as Answer.HandoffReason gives
// them: these always go to a person, whatever the shop's data says, since a
// wrong or cold answer costs the merchant more than a handoff.
const (
	ReasonPaymentDispute = "chargeback or payment dispute"
	ReasonLegal          = "legal threat"
	ReasonDamagedItem    = "damaged or defective item reported"
	ReasonInjury         = "injury or allergic reaction"
	ReasonFraud          = "fraud"
	ReasonAngry          = "angry shopper"
)

// sensitiveRule is a topic that always goes to a person. A message any of
// its patterns match is that topic, unless the rule is askable and the
// message asks about the policy rather than reporting ("what if my parcel
// arrives damaged?" is a question the shop's data may answer; "my parcel
// arrived damaged" is a report).
type sensitiveRule struct {
	reason   string
	tag      aiagent.Tag // "" when the message's own topics tell it
	askable  bool
	patterns []*regexp.Regexp
}

// sensitiveTopic is the rule a message matches, if any: msg is the
// normalised message, raw the message as typed (for shouting).
func sensitiveTopic(kit *languageKit, msg, raw string) (sensitiveRule, bool) {
	for _, r := range kit.intents.sensitive {
		if !matchesAny(r.patterns, msg) {
			continue
		}
		if r.askable && matchesAny(kit.intents.hypothetical, msg) {
			continue
		}
		return r, true
	}
	if shouting(raw) {
		return sensitiveRule{reason: ReasonAngry}, true
	}
	return sensitiveRule{}, false
}

// sensitiveAnswer hands a sensitive topic off with a short apology.
func sensitiveAnswer(kit *languageKit, r sensitiveRule, msg string) aiagent.Answer {
	tag := r.tag
	if tag == "" {
		tag = tagOf(topicsOf(kit, msg), "", "")
	}
	return aiagent.Answer{Text: kit.texts.sensitive, Handoff: true, HandoffReason: r.reason, Confidence: 1,
		Intent: aiagent.IntentQuestion, Tag: tag}
}

// shouting reports whether a message is written in capitals: three words
// or more, and at least ten letters, nearly all upper-case ("WHERE IS MY
// ORDER"), not a size or an acronym in a sentence ("does it come in XL").
func shouting(text string) bool {
	letters, upper, words, inWord := 0, 0, 0, false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
			if !inWord {
				words++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return words >= 3 && letters >= 10 && float64(upper) >= 0.9*float64(letters)
}
