package sms

import "strings"

// aiTextWords are the lines the agent's texts add, in one language.
type aiTextWords struct {
	pickNumber string // above the numbered choices
	replyYesNo string // after an offer of a person
}

var aiTextWordsByLanguage = map[string]aiTextWords{
	"en": {pickNumber: "Reply with the number of your choice:", replyYesNo: "Reply 1 for yes or 2 for no."},
	"es": {pickNumber: "Responde con el número de tu opción:", replyYesNo: "Responde 1 para sí o 2 para no."},
	"fr": {pickNumber: "Réponds avec le numéro de ton choix :", replyYesNo: "Réponds 1 pour oui ou 2 pour non."},
	"it": {pickNumber: "Rispondi con il numero della tua scelta:", replyYesNo: "Rispondi 1 per sì o 2 per no."},
	"pl": {pickNumber: "Odpowiedz numerem wybranej opcji:", replyYesNo: "Odpowiedz 1 (tak) lub 2 (nie)."},
	"de": {pickNumber: "Antworte mit der Nummer deiner Wahl:", replyYesNo: "Antworte mit 1 für Ja oder 2 für Nein."},
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
