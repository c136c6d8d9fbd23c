package builtin

import (
	"regexp"
	"strings"
	"sync"

	"hubchat/app/aiagent"
)

// language is what the engine knows of one language: how to stem, which
// words carry no meaning, the curated e-commerce synonyms, the intent
// rules and the fixed sentences. A new language (French, Italian, Polish)
// is one more value of this type.
type language struct {
	code     string
	stem     func(word string) string
	stopword func(word string) bool
	synonyms []synonymGroup
	intents  intentRules
	texts    texts
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
	products    []*regexp.Regexp
	// greeting and thanks match a message's opening words; a message that
	// is nothing more is a greeting or thanks.
	greeting *regexp.Regexp
	thanks   *regexp.Regexp
	// orderNumber finds the order a message names ("#1001", "order 1001").
	orderNumber *regexp.Regexp
}

// stemCache memoises a stemmer: stemming costs microseconds a word, and an
// index of ten thousand documents repeats the same words many times.
type stemCache struct {
	mu   sync.RWMutex
	stem func(string) string
	memo map[string]string
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

// languages by code; English is the default.
var (
	languagesOnce sync.Once
	languages     map[string]*languageKit
)

// languageKit is a language with its analyzer, built once per process.
type languageKit struct {
	*language
	analyzer *analyzer
}

// languageFor is the language of a BCP 47 tag ("es", "es-MX"), English
// when the engine does not speak it yet.
func languageFor(tag string) *languageKit {
	languagesOnce.Do(func() {
		languages = map[string]*languageKit{}
		for _, l := range []*language{englishLanguage(), spanishLanguage()} {
			languages[l.code] = &languageKit{language: l, analyzer: newAnalyzer(l)}
		}
	})
	code, _, _ := strings.Cut(strings.ToLower(tag), "-")
	if k, ok := languages[code]; ok {
		return k
	}
	return languages["en"]
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
