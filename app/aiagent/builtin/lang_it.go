package builtin

import (
	"fmt"
	"regexp"

	"hubchat/app/aiagent"
)

func init() { register("it", italianLanguage) }

// italianLanguage is Italian, a language without a stemmer here: its
// words index as written (accents folded), and its synonym lists name the
// inflected forms shoppers use. Its sensitive-topic rules are not written
// yet.
func italianLanguage() *language {
	return &language{
		code:     "it",
		stopword: stopwords(func(string) bool { return false }, italianStopwords...),
		synonyms: italianSynonyms,
		intents:  italianIntents,
		texts:    italianTexts,
	}
}

var italianStopwords = []string{
	"il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "di", "a", "da", "in", "con", "su", "per", "tra", "fra",
	"del", "dello", "della", "dei", "degli", "delle", "al", "allo", "alla", "ai", "agli", "alle", "dal", "nel",
	"nella", "sul", "sulla", "e", "o", "ma", "che", "chi", "come", "dove", "quando", "quanto", "quanti", "quanta", "quante", "quale", "quali", "cosa",
	"mi", "ti", "si", "ci", "vi", "ne", "non", "è", "sono", "ho", "hai", "ha", "avete", "posso", "potete",
	"può", "vorrei", "voglio", "ciao", "buongiorno", "grazie", "favore", "mio", "mia", "miei", "mie", "vostro",
	"vostra", "questo", "questa", "quello", "quella",
}

var italianSynonyms = []synonymGroup{
	{"spedizione", aiagent.TagShipping, []string{"spedizione", "spedizioni", "spedire", "spedite", "spedito",
		"consegna", "consegne", "consegnare", "consegnate", "consegnato", "pacco", "corriere", "arrivare", "arriva"}},
	{"internazionale", aiagent.TagShipping, []string{"internazionale", "internazionali", "estero", "paese", "paesi"}},
	{"reso", aiagent.TagReturns, []string{"reso", "resi", "restituire", "restituzione", "rimborso", "rimborsi",
		"rimborsare", "cambio", "cambiare", "sostituzione"}},
	{"annullare", aiagent.TagOrderStatus, []string{"annullare", "annullamento", "annullato", "cancellare"}},
	{"sconto", aiagent.TagDiscounts, []string{"sconto", "sconti", "codice sconto", "coupon", "promozione",
		"promozioni", "saldi", "offerta", "offerte"}},
	{"account", aiagent.TagAccount, []string{"account", "password", "accesso", "accedere", "registrazione",
		"registrarsi", "profilo"}},
	{"taglia", aiagent.TagProduct, []string{"taglia", "taglie", "misura", "misure", "grande", "piccolo", "piccola",
		"vestibilità", "guida alle taglie"}},
	{"prezzo", "", []string{"prezzo", "prezzi", "costo", "costa", "costano", "tariffa", "caro"}},
	{"pagamento", "", []string{"pagamento", "pagamenti", "pagare", "carta di credito", "paypal"}},
}

var italianIntents = intentRules{
	human: regexps(
		`\b(parlare|chattare) con (un|una|il|la|qualcuno|un vero|una vera)? ?(umano|persona|operatore|operatrice|agente|qualcuno|assistenza clienti)\b`,
		`^(operatore|umano|persona|agente)( per favore)?$`),
	orderStatus: regexps(
		`\b(dove|stato|tracciare|tracciamento|arriva|quando|spedito|spedita|partito)\b.*\b(mio|mia|il mio|nostro) (ordine|pacco|spedizione)\b`,
		`\b(mio|mia) (ordine|pacco)\b.*\b(dove|arriva|quando|spedito|ritardo)\b`),
	products:    regexps(`\b(vendete|avete)\b`, `\b(cerco|sto cercando)\b`, `\b(consigliate|consigli|suggerite)\b`),
	greeting:    regexp.MustCompile(`^(buongiorno|buonasera|ciao|salve)\b`),
	thanks:      regexp.MustCompile(`^(grazie mille|grazie|perfetto|ottimo|e tutto)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\bordine\s*(?:numero|n[o°º]\.?|#)?\s*#?\s*)(\d{1,12})\b`),
}

var italianTexts = texts{
	greeting:             "Ciao! Come posso aiutarti?",
	thanks:               "Prego! Posso aiutarti con qualcos'altro?",
	signIn:               "Accedi al tuo account così posso consultare i tuoi ordini.",
	noAnswer:             "Mi dispiace, non ho trovato una risposta nelle informazioni del nostro negozio.",
	sensitive:            "Mi dispiace. È meglio che se ne occupi personalmente qualcuno del nostro team.",
	didYouMean:           "Intendevi una di queste?",
	didYouMeanThis:       "Intendevi questo?",
	productsLead:         "Ecco alcuni prodotti che corrispondono a ciò che cerchi:",
	productLead:          "Questo prodotto potrebbe essere quello che cerchi:",
	priceFact:            "Prezzo di %s: %s %s.",
	inStock:              "%s: disponibile.",
	soldOut:              "%s: esaurito al momento.",
	optionFact:           "%s, opzioni di %s: %s.",
	moreIn:               "Maggiori informazioni in %s: %s",
	noOrders:             "Non ho trovato ordini sul tuo account.",
	orderNotFound:        "Non ho trovato l'ordine %s sul tuo account.",
	orderCancelled:       "Il tuo ordine %s, effettuato il %s, è stato annullato.",
	orderRefunded:        "Il tuo ordine %s, effettuato il %s, è stato rimborsato.",
	orderShipped:         "Il tuo ordine %s, effettuato il %s, è stato spedito.",
	orderPartlyShipped:   "Parte del tuo ordine %s, effettuato il %s, è stata spedita; il resto è in preparazione.",
	orderPreparing:       "Il tuo ordine %s, effettuato il %s, è in preparazione e non è ancora stato spedito.",
	orderAwaitingPayment: "Il tuo ordine %s, effettuato il %s, è in attesa del completamento del pagamento.",
	orderRestocked:       "Il tuo ordine %s, effettuato il %s, non è stato spedito: gli articoli sono tornati in magazzino.",
	trackOne:             "Puoi seguirlo qui: %s",
	trackMany:            "Puoi seguirlo qui:",
	trackNumber:          "Numero di tracciamento: %s %s",
	months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
		"ottobre", "novembre", "dicembre"},
	dateFormat: func(day int, month string, year int) string { return fmt.Sprintf("%d %s %d", day, month, year) },
}
