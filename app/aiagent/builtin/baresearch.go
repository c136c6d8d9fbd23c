package builtin

// This file tells a product search written as the thing wanted, with no
// question around it: "a tree that actually grows lemons indoors", "small
// candle w a lid to take to the cottage", "kit completo para preparar
// matcha". Such a message asks for products as "do you have…" does, so a
// product that matches most of it is shown, though the message does not
// say "looking for". One that opens as a question ("is the earl grey
// organic", "¿el termo es de acero?") is not one.

// bareSearchCoverage is the least share of a bare search a product must
// match to be shown when no FAQ, article or policy answers it: between a
// product search's (minProductCoverage) and a question's (fallbackCoverage).
const bareSearchCoverage = 0.6

// bareSearch is how a message names what is wanted without a question.
type bareSearch int

const (
	notBare bareSearch = iota
	// namedWanted opens with a word that may name a product ("earl grey
	// organic"): a product it names must hold what else it says.
	namedWanted
	// describedWanted opens with an indefinite article ("a tree that
	// grows lemons"): the words after the product's kind describe it.
	describedWanted
)

// bareSearchOf tells whether a normalised message names what is wanted
// without a question: it opens with an indefinite article, or with a word
// that opens no question and that the shop's data, the synonym lists or
// the thesaurus knows (a typo may be of "how": "hwo"), in a message of at
// least three words (a lone "shipping costs" is a fragment of a question).
func (idx *index) bareSearchOf(kit *languageKit, msg string) bareSearch {
	ws := words(msg)
	lang := kit.analyzer.lang
	switch {
	case len(ws) == 0 || lang.questionOpeners == nil || lang.questionOpeners(fold(ws[0])):
		return notBare
	case lang.indefinite(fold(ws[0])):
		return describedWanted
	case len(ws) >= 3 && idx.knowsWord(ws[0]):
		return namedWanted
	}
	return notBare
}

// knowsWord reports whether the shop's data, the synonym lists or the
// thesaurus knows word as written: it is no typo.
func (idx *index) knowsWord(word string) bool {
	toks := idx.kit.analyzer.tokens(word)
	if len(toks) != 1 || toks[0].term == "" {
		return false
	}
	term := toks[0].term
	if idx.df[term] > 0 || idx.groupKey(term) != "" {
		return true
	}
	e := idx.lookUp(toks[0].word, term)
	return len(e.synonyms) > 0 || e.modifier || e.adverb
}

// englishQuestionOpeners are the words a question or a statement about
// the shopper's own order opens with.
var englishQuestionOpeners = wordSet("how", "what", "whats", "when", "where", "wheres", "why", "which", "who", "whose",
	"can", "could", "do", "does", "did", "is", "are", "was", "were", "will", "would", "should", "shall", "has",
	"have", "had", "may", "might", "must", "i", "im", "ive", "id", "my", "we", "our", "it", "its", "this", "that",
	"these", "those", "there", "theres", "please", "hi", "hello", "hey", "thanks", "thank", "you", "your", "u", "if",
	"any", "whens", "hows", "wanna", "want", "need", "help", "tell", "ok", "okay", "yes", "no", "so", "and", "but",
	"also", "just", "still", "not", "dont", "cant", "isnt", "arent", "doesnt", "didnt", "wont", "after", "before",
	"ordered", "order", "return", "returns", "refund", "cancel", "change", "track", "ship", "shipping", "deliver")

var spanishQuestionOpeners = wordSet("como", "que", "q", "cuando", "donde", "por", "porque", "cual", "cuales", "quien",
	"cuanto", "cuanta", "cuantos", "cuantas", "puedo", "puede", "pueden", "podria", "podrian", "se", "es", "son",
	"esta", "estan", "hay", "hacen", "haces", "aceptan", "el", "la", "los", "las", "mi", "mis", "yo", "me", "hola",
	"buenas", "buenos", "gracias", "si", "no", "y", "pero", "tambien", "ya", "todavia", "aun", "quiero", "quisiera",
	"necesito", "ayuda", "ok", "vale", "pedi", "compre", "pedido", "devolver", "devolucion", "cancelar", "cambiar",
	"envio", "envian", "enviar", "rastrear", "este", "esto", "eso", "ese", "esa")

var englishIndefinites = wordSet("a", "an", "some")

var spanishIndefinites = wordSet("un", "una", "unos", "unas", "algun", "alguna", "algunos", "algunas")
