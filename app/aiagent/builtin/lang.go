package builtin

import (
	"regexp"
	"strings"
	"sync"

	"hubchat/app/aiagent"
)

// language is what the engine knows of one language: how to stem, which
// words carry no meaning, the curated e-commerce synonyms, the intent
// rules and the fixed sentences. A new language is one file that
// registers one value of this type (see register); a language without a
// stemmer leaves stem nil and its words index as written, accents folded.
type language struct {
	code     string
	stem     func(word string) string // nil: no stemming
	stopword func(word string) bool
	// modalNouns tell a modal verb's spelling, a stop word, read as the
	// noun it spells ("cans of cat food"; modalnouns.go); nil: none.
	modalNouns *modalNounRules
	// attempts tell "try" before another verb, read as a stop word
	// ("want to try pouring candles"; attempts.go); nil: none.
	attempts *attemptRules
	// countryPronoun tells a country spelt as a pronoun ("US", "us";
	// pronouncountry.go); nil: none.
	countryPronoun *countryPronounRules
	// durationNoun tells the word for time after a noun ("refund time"),
	// read as a duration (timenouns.go); nil: none.
	durationNoun *durationNounRules
	// without tells the words whose form says "without" ("unscented",
	// "non-toxic", "scentless"; without.go); nil: none.
	without *withoutRules
	// positions tell whether a word stands as a noun or a verb by the word
	// before it (position.go); nil: never told.
	positions *positionRules
	// negator tells the words that put what follows in the negative
	// ("no", "not", "never"; negation.go); nil: none known.
	negator func(word string) bool
	// absence is the word that makes the word before it absent
	// ("grain-free"; absence.go); "": none.
	absence string
	// absenceBefore is the word that makes the thing after it absent
	// ("without scent"; absence.go); "": none.
	absenceBefore string
	// situations tell where, with whom or for whom a product search
	// says a product will be used ("for my sister", "to the pub";
	// situational.go); nil: none known.
	situations *situationRules
	// questionOpeners tell the words a question opens with, indefinite
	// an indefinite article: a message that opens otherwise may name
	// what is wanted without a question (baresearch.go); nil: never.
	questionOpeners, indefinite func(word string) bool
	// diminutiveBases are the words a word may be the diminutive of
	// ("tacita": "taza"; diminutives.go); nil: none known.
	diminutiveBases func(word string) []string
	// valueWord tells the question words that ask for a value rather than
	// a yes or a no ("how", "when"); nil: none known.
	valueWord func(word string) bool
	synonyms  []synonymGroup
	// factGroups name the synonym groups that ask a product's fact (its
	// price, whether it is in stock) rather than what a question is about.
	factGroups []string
	// priceGroup names the synonym group of a price ("how much", "cost"),
	// which a passage stating an amount of money answers (amounts.go).
	priceGroup string
	// figures are the synonym groups whose words a figure as written
	// answers ("10% off" a discount; figures.go); nil: none.
	figures []figureGroup
	// broader names, by synonym group, the words for the kinds its members
	// are ("cat": "pet"), which the merchant's texts use for all of them
	// (broader.go).
	broader map[string][]string
	// buyingGroup names the synonym group of buying itself ("buy",
	// "purchase", "comprar"), which every order and every service is of:
	// not a service the subject gate holds a passage to (gates.go); "":
	// none.
	buyingGroup string
	// frequencyGroup names the synonym group of the words that ask how
	// often (frequency.go); "": none.
	frequencyGroup string
	// clock tells the questions that ask a time of day (clock.go).
	clock clockRules
	// places is the gazetteer of the places shoppers name as a
	// destination, each with the places it lies in (places.go); nil: none.
	places places
	// priceQuestion asks a price without a price word ("how much is it"),
	// on the question normalised (amounts.go); nil: none known.
	priceQuestion *regexp.Regexp
	// notPriceQuestion is a priceQuestion that asks a quantity instead
	// ("how much is left"); nil: none known.
	notPriceQuestion *regexp.Regexp
	// contacts tell the questions that ask for a way to reach the shop
	// (contacts.go); zero: none known.
	contacts contactRules
	// sizeGroup names the synonym group of a size ("how big", "size"),
	// which a dimension in a product's description answers (described.go).
	sizeGroup string
	// functionWords are common words that carry no meaning, for typo
	// correction: a typo of one is dropped rather than bent into a word of
	// the shop's data.
	functionWords []string
	// irregularForms are the forms of the language's words its stemmer
	// does not bring to them, by the word each is a form of ("went":
	// "go"), for telling a word of the language from a typo; nil: none.
	irregularForms map[string]string
	// soundKey is how a word sounds, as a key the spellings of one sound
	// share ("hacer" and "aser"; sounds.go); nil: none known.
	soundKey func(word string) string
	// spelling brings the spellings of one word the language's shoppers
	// write in different countries to one ("harbour" and "harbor";
	// spellings.go); nil: one spelling.
	spelling func(word string) string
	// optionGroups name the synonym groups of option names (size, colour):
	// in a question about a product's options they ask, not name.
	optionGroups []string
	// variantFrames are the words that ask for a product in one of its
	// options' values ("in", "in a", "in size": "the helmet in medium");
	// sizeLetters are the words for sizes shops label by letters
	// ("medium" → "m", "extra large" → "xl").
	variantFrames []string
	sizeLetters   map[string]string
	intents       intentRules
	texts         texts
}

// synonymGroup is words and phrases a shopper uses for one thing, and the
// topic (tag) a question about it has; topic "" tells none.
type synonymGroup struct {
	name  string
	topic tagTopic
	words []string
}

// tagTopic is the tag a synonym group gives a question.
type tagTopic = aiagent.Tag

// intentRules recognise what a message wants before any retrieval. Each
// pattern runs on the message lower-cased, accents folded, its words
// separated by single spaces.
type intentRules struct {
	human       []*regexp.Regexp
	orderStatus []*regexp.Regexp
	// notOrderStatus are messages that look like order status but ask of
	// something else: a refund's money, a pickup.
	notOrderStatus []*regexp.Regexp
	// partOfOrder asks of part of an order placed ("only half of it came"):
	// the order it is about is one partly shipped.
	partOfOrder []*regexp.Regexp
	// refundStatus asks whether the shopper's own order was refunded;
	// notRefundStatus are such words asking how refunds go in general.
	refundStatus, notRefundStatus []*regexp.Regexp
	products                      []*regexp.Regexp
	// sellsThing is the frame of a question whether the shop sells a
	// thing ("do you sell", "¿venden…?"): what follows it names the thing
	// (unlisted.go).
	sellsThing []*regexp.Regexp
	// greeting and thanks match a message's opening words; a message that
	// is nothing more is a greeting or thanks.
	greeting *regexp.Regexp
	thanks   *regexp.Regexp
	// orderNumber finds the order a message names ("#1001", "order 1001").
	orderNumber *regexp.Regexp
	// sensitive are the topics that always go to a person (sensitive.go),
	// first match wins; hypothetical tells a question about a policy ("what
	// if it arrives damaged?") from a report, for the askable ones.
	sensitive    []sensitiveRule
	hypothetical []*regexp.Regexp
	// productFacts tell what a question asks of a product (products.go).
	productFacts productRules
	// measures tell a question of a measure and an answer that gives one
	// (measures.go).
	measures measureRules
}

// stemCache memoises a stemmer: stemming costs microseconds a word, and an
// index of ten thousand documents repeats the same words many times.
type stemCache struct {
	mu   sync.RWMutex
	stem func(string) string
	memo map[string]string
}

// Stems that keep under minStemLetters letters of a word of at least
// longStemWord letters keep stemKept more: a stemmer that cuts a long word
// to its first three letters ("sólido" and "solar" both to "sol")
// conflates unrelated words, while the word's own forms still share the
// longer stem ("sólidos", "sólida": "solid").
const (
	minStemLetters = 4
	longStemWord   = 6
	stemKept       = 2
)

// keepingShortStems wraps a stemmer with the guard above.
func keepingShortStems(stem func(string) string) func(string) string {
	return func(w string) string {
		s := stem(w)
		word, kept := []rune(fold(w)), []rune(fold(s))
		if len(kept) < minStemLetters && len(word) >= longStemWord && strings.HasPrefix(string(word), string(kept)) {
			return string(word[:len(kept)+stemKept])
		}
		return s
	}
}

// maxMemo bounds the memo: past it, words are stemmed without being kept.
const maxMemo = 200_000

func cachedStemmer(stem func(string) string) func(string) string {
	c := &stemCache{stem: stem, memo: map[string]string{}}
	return func(w string) string {
		c.mu.RLock()
		s, ok := c.memo[w]
		c.mu.RUnlock()
		if ok {
			return s
		}
		s = c.stem(w)
		c.mu.Lock()
		if len(c.memo) < maxMemo {
			c.memo[w] = s
		}
		c.mu.Unlock()
		return s
	}
}

// stopwords builds a stop-word test from a stemmer library's list and
// words of our own, each checked as written and with accents folded.
func stopwords(library func(string) bool, extra ...string) func(string) bool {
	own := map[string]bool{}
	for _, w := range extra {
		own[w] = true
		own[fold(w)] = true
	}
	return func(w string) bool { return own[w] || library(w) || own[fold(w)] }
}

// The languages the engine speaks, by code; English is the default.
var (
	registryMu sync.Mutex
	registry   = map[string]func() *language{} // filled by each language's file
	kitsOnce   sync.Once
	kits       map[string]*languageKit
)

// register adds a language: each language's file calls it from init.
func register(code string, build func() *language) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry[code] = build
}

// languageKit is a language with its analyzer, built once per process.
type languageKit struct {
	*language
	analyzer *analyzer
}

// languageFor is the language of a BCP 47 tag ("es", "es-MX"), English
// when the engine does not speak it.
func languageFor(tag string) *languageKit {
	if k, ok := spoken(tag); ok {
		return k
	}
	return kits["en"]
}

// spoken is the language of tag when the engine speaks it.
func spoken(tag string) (*languageKit, bool) {
	kitsOnce.Do(func() {
		registryMu.Lock()
		defer registryMu.Unlock()
		kits = map[string]*languageKit{}
		for code, build := range registry {
			l := build()
			if l.stem == nil {
				l.stem = func(w string) string { return w }
			}
			kits[code] = &languageKit{language: l, analyzer: newAnalyzer(l)}
		}
	})
	code, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	code, _, _ = strings.Cut(code, "_")
	k, ok := kits[code]
	return k, ok
}

// normalized is a message as the intent rules read it.
func normalized(text string) string { return strings.Join(words(fold(text)), " ") }

func matchesAny(patterns []*regexp.Regexp, s string) bool {
	for _, p := range patterns {
		if p.MatchString(s) {
			return true
		}
	}
	return false
}

func regexps(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(p)
	}
	return out
}
