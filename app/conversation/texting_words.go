package conversation

import (
	"slices"
	"strings"
	"unicode"
)

// textWords are the agent's own sentences and answers in a text
// conversation, in one language.
type textWords struct {
	// cannotVerify replaces "please sign in" for orders: a text has no
	// sign-in, and the number is on no customer's account.
	cannotVerify string
	// teamWillReply confirms a YES when there is no office-hours reply.
	teamWillReply string
	// yes and no are the words that answer the offer of a person besides
	// 1 and 2, which the text asks for, lower case. (Twilio keeps YES, like
	// START, as a keyword that subscribes a number again: the text asks for
	// numbers so that no carrier answers for the shop.)
	yes, no []string
}

var textWordsByLanguage = map[string]textWords{
	"en": {
		cannotVerify:  "I can't verify who you are by text, so I can't look up orders for this number.",
		teamWillReply: "Thanks! A person from our team will text you back here.",
		yes:           []string{"yes", "y", "yeah", "yep", "sure", "ok", "okay"}, no: []string{"no", "n", "nope", "no thanks"},
	},
	"es": {
		cannotVerify:  "No puedo verificar quién eres por SMS, así que no puedo consultar pedidos de este número.",
		teamWillReply: "¡Gracias! Una persona de nuestro equipo te responderá aquí por SMS.",
		yes:           []string{"si", "sí", "s", "vale", "claro"}, no: []string{"no", "n", "no gracias"},
	},
	"fr": {
		cannotVerify:  "Je ne peux pas vérifier ton identité par SMS, je ne peux donc pas consulter les commandes de ce numéro.",
		teamWillReply: "Merci ! Une personne de notre équipe te répondra ici par SMS.",
		yes:           []string{"oui", "o", "ok", "d'accord"}, no: []string{"non", "n", "non merci"},
	},
	"it": {
		cannotVerify:  "Non posso verificare chi sei via SMS, quindi non posso controllare gli ordini di questo numero.",
		teamWillReply: "Grazie! Una persona del nostro team ti risponderà qui via SMS.",
		yes:           []string{"si", "sì", "s", "ok", "certo"}, no: []string{"no", "n", "no grazie"},
	},
	"pl": {
		cannotVerify:  "Nie mogę zweryfikować Twojej tożsamości przez SMS, więc nie mogę sprawdzić zamówień tego numeru.",
		teamWillReply: "Dziękujemy! Osoba z naszego zespołu odpisze Ci tutaj SMS-em.",
		yes:           []string{"tak", "t", "ok"}, no: []string{"nie", "n"},
	},
	"de": {
		cannotVerify:  "Ich kann per SMS nicht prüfen, wer du bist, daher kann ich keine Bestellungen zu dieser Nummer nachsehen.",
		teamWillReply: "Danke! Eine Person aus unserem Team antwortet dir hier per SMS.",
		yes:           []string{"ja", "j", "ok", "klar"}, no: []string{"nein", "n", "nein danke"},
	},
}

func textWordsFor(language string) textWords {
	base, _, _ := strings.Cut(strings.ToLower(language), "-")
	if t, ok := textWordsByLanguage[base]; ok {
		return t
	}
	return textWordsByLanguage["en"]
}

// isYesOrNo reads a reply to the offer of a person: 1 for yes, -1 for no,
// 0 for anything else (a new question): 1 or 2 as the text asks, or a
// word for yes or no, in the language or in English.
func yesOrNo(language, reply string) int {
	r := strings.ToLower(strings.TrimFunc(reply, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }))
	t, en := textWordsFor(language), textWordsByLanguage["en"]
	switch {
	case r == "1" || slices.Contains(t.yes, r) || slices.Contains(en.yes, r):
		return 1
	case r == "2" || slices.Contains(t.no, r) || slices.Contains(en.no, r):
		return -1
	}
	return 0
}
