package builtin

import (
	"regexp"
	"strings"

	"github.com/kljensen/snowball/english"
)

func init() { register("en", englishLanguage) }

func englishLanguage() *language {
	return &language{
		code:           "en",
		stem:           cachedStemmer(keepingShortStems(func(w string) string { return english.Stem(w, true) })),
		stopword:       stopwords(english.IsStopWord, englishStopwords...),
		modalNouns:     englishModalNouns,
		attempts:       englishAttempts,
		countryPronoun: englishCountryPronoun,
		durationNoun:   englishDurationNoun,
		without:        englishWithout,
		positions:      englishPositions,
		negator: wordSet("no", "not", "never", "without", "cannot", "nor", "t", "dont", "cant", "wont", "doesnt",
			"isnt", "arent", "didnt", "none", "neither"),
		absence:         "free",
		absenceBefore:   "without",
		situations:      &englishSituations,
		questionOpeners: englishQuestionOpeners,
		indefinite:      englishIndefinites,
		valueWord:       wordSet("how", "what", "when", "which", "where", "whats", "hows", "wheres", "whens"),
		synonyms:        englishSynonyms,
		factGroups:      []string{"price", "stock", "restock"},
		priceGroup:      "price",
		figures:         englishFigures,
		buyingGroup:     "buy",
		// "how much is shipping", "gift cards, how much?"; not "how much is
		// in a bag" nor "how much is too much".
		priceQuestion:    regexp.MustCompile(`\bhow much (does|do|did|would|will|should|to|for|extra|is|are|s|was|were)\b|\bhow much$`),
		contacts:         englishContacts,
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
		soundKey:       englishSoundKey,
		spelling:       englishSpelling,
		irregularForms: englishIrregularForms,
		variantFrames:  []string{"in", "in a", "in an", "in the", "in size", "in sizes", "in a size", "in colour", "in color"},
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
	// The pronoun; the country is read apart (pronouncountry.go).
	"us",
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

// englishSilentStarts are word openings with a silent letter, as said.
var englishSilentStarts = [][2]string{{"kn", "n"}, {"wr", "r"}, {"gn", "n"}, {"ps", "s"}, {"wh", "w"}, {"x", "z"}}

// englishSoundKey spells a word (lower-case) by its sound, so that the
// spellings shoppers slip between share a key: silent letters ("kn",
// "wr", "gh" after "i", "mb" and "mn" at the end, a last "e" after a
// consonant), "ph" and "f", "c" before "e", "i" or "y" and "s", other
// "c", "ck", "q" and "k", "z" and "s", "dg" and "j", "ie" and "ei", "y"
// and "i" within a word, "-tion", "-sion" and "-cian", British "-our"
// and "-re" and American "-or" and "-er"; a doubled letter is one.
func englishSoundKey(word string) string {
	for _, s := range englishSilentStarts {
		if rest, ok := strings.CutPrefix(word, s[0]); ok {
			word = s[1] + rest
			break
		}
	}
	r := []rune(word)
	n := len(r)
	at := func(i int) rune {
		if i >= 0 && i < n {
			return r[i]
		}
		return 0
	}
	soft := func(c rune) bool { return c == 'e' || c == 'i' || c == 'y' }
	vowel := func(c rune) bool { return strings.ContainsRune("aeiouy", c) }
	var b strings.Builder
	var last rune
	put := func(cs ...rune) {
		for _, c := range cs {
			if c != last {
				b.WriteRune(c)
				last = c
			}
		}
	}
	for i := 0; i < n; i++ {
		c := r[i]
		switch {
		case c == 'p' && at(i+1) == 'h':
			put('f')
			i++
		case c == 'g' && at(i+1) == 'h' && at(i-1) == 'i': // "night", "nite"
			i++
		case c == 'c' && at(i+1) == 'k', c == 'q':
			put('k')
			i++
			if c == 'q' && at(i) != 'u' {
				i--
			}
		case (c == 't' || c == 's' || c == 'c') && at(i+1) == 'i' && (at(i+2) == 'o' || at(i+2) == 'a') && at(i+3) == 'n' && i > 0:
			put('S', 'n') // "-tion", "-sion", "-cian", "-ssion"
			i += 3
		case c == 'c' && soft(at(i+1)), c == 'z':
			put('s')
		case c == 'c':
			put('k')
		case c == 'x':
			put('k', 's')
		case c == 'd' && at(i+1) == 'g':
			put('j')
			i++
		case (c == 'i' && at(i+1) == 'e' || c == 'e' && at(i+1) == 'i') && i > 0:
			put('I') // "recieve", "receive"
			i++
		case c == 'y' && i > 0:
			put('i')
		case c == 'm' && (at(i+1) == 'b' || at(i+1) == 'n') && i+2 == n: // "climb", "autumn"
			put('m')
			i++
		case c == 'o' && at(i+1) == 'u' && at(i+2) == 'r' && i+3 == n && i > 1:
			put('o', 'r') // "colour", "color"
			i += 2
		case c == 'r' && at(i+1) == 'e' && i+2 == n && i > 0 && !vowel(at(i-1)):
			put('e', 'r') // "centre", "center"
			i++
		case c == 'e' && i+1 == n && i > 2 && !vowel(at(i-1)):
			// a silent last "e": "lite", "light"
		default:
			put(c)
		}
	}
	return b.String()
}
