package builtin

import (
	"regexp"

	"github.com/kljensen/snowball/english"
)

func init() { register("en", englishLanguage) }

func englishLanguage() *language {
	return &language{
		code:     "en",
		stem:     cachedStemmer(keepingShortStems(func(w string) string { return english.Stem(w, true) })),
		stopword: stopwords(english.IsStopWord, englishStopwords...),
		negator: wordSet("no", "not", "never", "without", "cannot", "nor", "t", "dont", "cant", "wont", "doesnt",
			"isnt", "arent", "didnt", "none", "neither"),
		situations:      &englishSituations,
		questionOpeners: englishQuestionOpeners,
		indefinite:      englishIndefinites,
		valueWord:       wordSet("how", "what", "when", "which", "where", "whats", "hows", "wheres", "whens"),
		synonyms:        englishSynonyms,
		factGroups:      []string{"price", "stock", "restock"},
		priceGroup:      "price",
		buyingGroup:     "buy",
		// "how much is shipping", "gift cards, how much?"; not "how much is
		// in a bag" nor "how much is too much".
		priceQuestion:    regexp.MustCompile(`\bhow much (does|do|did|would|will|should|to|for|extra|is|are|s|was|were)\b|\bhow much$`),
		notPriceQuestion: regexp.MustCompile(`\bhow much (is|are|s|was|were) (in|inside|left|there|too|enough)\b`),
		sizeGroup:        "size",
		optionGroups:     []string{"size", "colour"},
		broader:          englishBroader,
		places:           englishPlaces,
		frequencyGroup:   "frequency",
		clock: clockRules{groups: []string{"hours", "cutoff"},
			word: regexp.MustCompile(`^(\d{1,2}(am|pm)|pm|noon|midday|midnight|morning|afternoon|evening|tonight|oclock)$`),
			// "hours" alone, last: "greenhouse hours", "store hours?";
			// not "how many hours", "3 hours".
			hours: regexp.MustCompile(`^[^0-9]*\b(hours|hrs)$`)},
		functionWords: []string{"does", "what", "where", "when", "which", "your", "have", "with", "there", "about",
			"would", "could", "should", "this", "that", "they", "their", "them", "from", "into", "were", "will"},
		variantFrames: []string{"in", "in a", "in an", "in the", "in size", "in sizes", "in a size", "in colour", "in color"},
		sizeLetters: map[string]string{"extra small": "xs", "x small": "xs", "small": "s", "medium": "m", "med": "m",
			"large": "l", "extra large": "xl", "x large": "xl", "xx large": "xxl", "extra extra large": "xxl", "2xl": "xxl"},
		intents: englishIntents,
		texts:   englishTexts,
	}
}

// englishStopwords are words of shoppers' questions that tell nothing of
// what they ask about, beyond the stemmer library's list.
var englishStopwords = []string{
	"please", "pls", "hi", "hello", "hey", "thanks", "thank", "cheers", "thx", "ty", "would", "could", "like", "want", "know", "tell",
	"need", "get", "also", "just", "really", "question", "help", "ok", "okay", "yes", "anyone", "guys", "u", "ur",
	"im", "dont", "cant", "wont", "whats", "wheres", "hows", "thats", "s", "t", "go", "one", "way", "put", "take",
	"let", "see", "give", "keep", "find", "got", "getting", "something", "anything", "thing", "things", "offer",
	"provide", "still", "stuff", "guys", "folks", "people", "today", "real", "actually", "anyway", "make", "made",
	"sure", "wondering", "wonder", "maybe", "kind", "sort", "lot", "bit", "come", "comes", "came", "sell", "sells",
	"selling", "carry", "carries", "m", "d", "ll", "re", "ve", "many", "much", "vs", "versus", "per", "every", "each",
	"going", "gonna", "wanna", "wants", "wanted", "best", "better", "recommend", "back", "look", "looking", "searching", "happen",
	"happens", "happened", "work", "works", "didn", "doesn", "isn", "wasn", "aren", "haven", "hasn", "couldn",
	"wouldn", "shouldn", "won", "shan", "honestly", "ok",
	// Shorthand for "with" and "without": "a candle w a lid", "w/o".
	"w", "wo",
	// Who a purchase is for says nothing of what is asked.
	"cousin", "cousins", "friend", "friends", "mom", "mum", "mother", "dad", "father", "parents", "sister", "brother",
	"aunt", "uncle", "grandma", "grandmother", "grandpa", "grandfather", "wife", "husband", "boyfriend",
	"girlfriend", "partner", "son", "daughter", "family", "someone", "somebody", "customer", "customers", "buyer",
	"buyers", "shopper", "shoppers", "client", "clients",
	// Words that frame a question ("usually", "an hour ago", "any tips",
	// "what options") without telling its topic.
	"usually", "typically", "generally", "normally", "currently", "exactly", "roughly", "approximately", "myself",
	"yourself", "yourselves", "ourselves", "themselves", "able", "allowed", "ago", "ever",
	"else", "enough", "tip", "tips", "advice", "info", "information",
	"detail", "details", "time", "times", "good", "nice", "great", "btw", "lol", "pair", "pairs", "use", "using",
	"right", "saw", "seen", "seeing", "found",
	// "Your products", "an item": any of the shop's things, said of no topic.
	"product", "products", "item", "items", "merchandise",
	// What a shop accepts is told by what follows: "do you accept returns", "we accept Visa".
	"accept", "accepts", "accepted", "accepting",
}
