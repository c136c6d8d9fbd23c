package sms

import "strings"

// aiTextWords are the lines the agent's texts add, in one language.
type aiTextWords struct {
	pickNumber string // above the numbered choices
	replyYesNo string // after an offer of a person; {yes} and {no} are the replies
}

var aiTextWordsByLanguage = map[string]aiTextWords{
	"en": {pickNumber: "Reply with the number of your choice:", replyYesNo: "Reply {yes} or {no}."},
	"es": {pickNumber: "Responde con el número de tu opción:", replyYesNo: "Responde {yes} o {no}."},
	"fr": {pickNumber: "Réponds avec le numéro de ton choix :", replyYesNo: "Réponds {yes} ou {no}."},
	"it": {pickNumber: "Rispondi con il numero della tua scelta:", replyYesNo: "Rispondi {yes} o {no}."},
	"pl": {pickNumber: "Odpowiedz numerem wybranej opcji:", replyYesNo: "Odpowiedz {yes} lub {no}."},
	"de": {pickNumber: "Antworte mit der Nummer deiner Wahl:", replyYesNo: "Antworte mit {yes} oder {no}."},
}

// textWordsFor is the lines in language (BCP 47), English when there are
// none in it.
func textWordsFor(language string) aiTextWords {
	base, _, _ := strings.Cut(strings.ToLower(language), "-")
	if w, ok := aiTextWordsByLanguage[base]; ok {
		return w
	}
	return aiTextWordsByLanguage["en"]
}
