package builtin

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// analyzer turns text into the terms the index and the questions share:
// words lower-cased, stemmed, accents folded (after stemming, since the
// stemmers read accents), the curated phrases of the language (e.g. "run
// small", "more than one") joined into their synonym group's term, and
// stop words dropped.
type analyzer struct {
	lang     *language
	phrases  map[string][]phrase // first term of a phrase → the phrases starting with it
	groupOf  map[string]string   // term → its synonym group's key
	members  map[string][]string // group key → its single-term members
	tagOf    map[string]tagTopic // group key → the topic it tells
	facts    map[string]bool     // group key → whether it asks a product's fact
	options  map[string]bool     // group key → whether it names a product option
	stopword func(string) bool
	// listWords are the single words of the synonym lists, the words
	// shoppers use for the things shops write of: a shopper's typo of one
	// ("refnud") is corrected to it when the shop's data has no closer word.
	listWords *vocabulary
	// runTogether are the phrases of the synonym lists by their words
	// typed as one ("tradeins" is "trade ins", "giftcard" "gift card").
	runTogether map[string]string
}

// phrase is a sequence of terms that stands for one group key.
type phrase struct {
	terms []string
	key   string
}

// token is one word of a text: as written (lower-case, accents folded),
// stemmed, and as the term it indexes under ("" for a stop word).
type token struct {
	word string
	stem string
	term string
}

// words splits text into lower-case words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold removes accents: "envío" is "envio", as shoppers often type it.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return s // nothing to fold, and most words are ASCII
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tokens analyses text word by word, phrases not joined.
func (a *analyzer) tokens(text string) []token {
	ws := words(text)
	out := make([]token, 0, len(ws))
	for i, w := range ws {
		t := token{word: fold(w), stem: fold(a.lang.stem(w))}
		if base := a.withoutBase(ws, i); base != "" { // "unscented" is "¬scent" (without.go)
			t.stem = withoutTerm(fold(a.lang.stem(base)))
		}
		if !a.stopword(w) && !a.stopword(t.stem) && !a.isApartPrefix(ws, i) && !a.isAttempt(ws, i) || a.isModalNoun(ws, i) { // "going" is "go"; "cans" a noun
			t.term = t.stem
		}
		if a.isDurationNoun(ws, i) {
			t.term = "~" + a.lang.durationNoun.group // "refund time": how long (timenouns.go)
		}
		out = append(out, t)
	}
	return out
}

// terms is text's index terms in order, phrases joined into their group key.
func (a *analyzer) terms(text string) []string {
	return a.join(a.tokens(text))
}

// join replaces each curated phrase by its group key, stop words within
// it too ("more than one"), then drops the stop words left.
func (a *analyzer) join(toks []token) []string {
	out, _ := a.joinMarked(toks, nil)
	return out
}

// joinMarked is join that also carries a mark per token (marks[i] of
// toks[i], nil for none) to the terms: a phrase takes its first word's.
func (a *analyzer) joinMarked(toks []token, marks []bool) ([]string, []bool) {
	var out []string
	var marked []bool
	mark := func(i int) {
		if marks != nil {
			marked = append(marked, i < len(marks) && marks[i])
		}
	}
	for i := 0; i < len(toks); i++ {
		if p, ok := a.longestPhrase(toks[i:]); ok {
			out = append(out, p.key)
			mark(i)
			i += len(p.terms) - 1
			continue
		}
		if toks[i].term != "" {
			out = append(out, toks[i].term)
			mark(i)
		}
	}
	return out, marked
}

func (a *analyzer) longestPhrase(toks []token) (phrase, bool) {
	var best phrase
	found := false
	for _, p := range a.phrases[toks[0].stem] {
		if len(p.terms) <= len(toks) && len(p.terms) > len(best.terms) && stemsAre(toks[:len(p.terms)], p.terms) {
			best, found = p, true
		}
	}
	return best, found
}

func stemsAre(toks []token, stems []string) bool {
	for i := range stems {
		if toks[i].stem != stems[i] {
			return false
		}
	}
	return true
}

// newAnalyzer stems the language's synonym lists once.
func newAnalyzer(lang *language) *analyzer {
	a := &analyzer{lang: lang, phrases: map[string][]phrase{}, groupOf: map[string]string{},
		members: map[string][]string{}, tagOf: map[string]tagTopic{}, facts: map[string]bool{}, options: map[string]bool{}, stopword: lang.stopword,
		listWords: newVocabulary(lang.soundKey), runTogether: map[string]string{}}
	for _, name := range lang.factGroups {
		a.facts["~"+name] = true
	}
	for _, name := range lang.optionGroups {
		a.options["~"+name] = true
	}
	for _, g := range lang.synonyms {
		key := "~" + g.name // never a word: group keys cannot collide with terms
		a.tagOf[key] = g.topic
		for _, entry := range g.words {
			var ts []string
			for _, w := range words(entry) {
				ts = append(ts, fold(lang.stem(w)))
			}
			switch {
			case len(ts) == 1 && lang.stopword(ts[0]):
				// A stop word alone means nothing to match.
			case len(ts) == 1:
				a.groupOf[ts[0]] = key
				a.members[key] = append(a.members[key], ts[0])
			case len(ts) > 1:
				a.phrases[ts[0]] = append(a.phrases[ts[0]], phrase{terms: ts, key: key})
				if joined := fold(strings.Join(words(entry), "")); a.runTogether[joined] == "" {
					a.runTogether[joined] = entry
				}
			}
			for _, tok := range a.tokens(entry) {
				if tok.term != "" {
					a.listWords.add(tok.word, tok.term)
				}
			}
		}
	}
	for name := range lang.places {
		// A place misspelt ("monterey", "honalulu") is the place: its
		// words are the lists' too.
		for _, tok := range a.tokens(name) {
			if tok.term != "" {
				a.listWords.add(tok.word, tok.term)
			}
		}
	}
	a.listWords.index()
	return a
}
