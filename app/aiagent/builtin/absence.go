package builtin

import (
	"strings"
	"unicode"

	"hubchat/app/aiagent"
)

// This file reads a word made absent by the word after it: "grain-free",
// "phthalate-free fragrance oils", "caffeine-free", a product tagged
// "fragrance free". Such a compound is the opposite of its first word: a
// food that is "grain-free" has no grain, so it does not answer "which
// food has grain in it", and a candle whose oils are "phthalate-free" is
// no answer to "fragrance free". In a shop's texts the first word of a
// hyphenated compound, or of a product's tag that ends in the suffix,
// counts as said in the negative (negation.go). In a question, "X free"
// of a word X the shop's texts use so asks for a text that says X in the
// negative ("no fragrance at all", "fragrance-free"), and the suffix itself
// is not searched for: "fragrance free" is not answered by
// "cruelty-free". Written apart in a shop's text, the suffix is as often a
// price ("under-12s play free", "ships free"); after a service's word it
// is its cost ("shipping free"): no absence.

// absentWords says, for each word of text as words(text) splits it,
// whether the language's suffix of absence (language.absence) follows it
// joined by a hyphen ("grain-free"), or written apart when the word's term
// is one of known, those the shop's texts join so ("Grain free." of a shop
// that sells "grain-free" food).
func (a *analyzer) absentWords(text string, known map[string]bool) []bool {
	suffix := a.lang.absence
	if suffix == "" || !strings.Contains(strings.ToLower(text), suffix) {
		return nil
	}
	spans := wordSpans(text)
	out := make([]bool, len(spans))
	for i := 1; i < len(spans); i++ {
		prev, cur := spans[i-1], spans[i]
		if fold(strings.ToLower(text[cur[0]:cur[1]])) != suffix {
			continue
		}
		word := strings.ToLower(text[prev[0]:prev[1]])
		joined := text[prev[1]:cur[0]] == "-" || known[fold(a.lang.stem(word))]
		out[i-1] = joined && a.makesAbsent(word, suffix)
	}
	return out
}

// absentTermsOf are the terms texts make absent by a hyphenated suffix
// ("grain" of "grain-free"), tags by a suffix written apart.
func (a *analyzer) absentTermsOf(texts []string, tags []string) map[string]bool {
	out := map[string]bool{}
	for _, text := range append(texts, tags...) {
		marks := a.absentWords(a.absentTag(text), nil)
		if marks == nil {
			continue
		}
		for i, t := range a.tokens(text) {
			if i < len(marks) && marks[i] && t.term != "" {
				out[t.term] = true
			}
		}
	}
	return out
}

// wordSpans are the byte spans of text's words, as words splits them.
func wordSpans(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// makesAbsent reports whether word, followed by suffix, is a thing the
// compound says is absent: a word that means something, not a number, not
// a word of a service (whose cost "free" gives) and not the start of a
// curated phrase ending in suffix ("plastic free" is a phrase of its own).
func (a *analyzer) makesAbsent(word, suffix string) bool {
	stem := fold(a.lang.stem(word))
	if a.stopword(word) || a.stopword(stem) || isNumber(word) {
		return false
	}
	if key := a.groupOf[stem]; key != "" && a.tagOf[key] != "" && a.tagOf[key] != aiagent.TagProduct {
		return false
	}
	end := fold(a.lang.stem(suffix))
	for _, p := range a.phrases[stem] {
		if len(p.terms) == 2 && p.terms[1] == end {
			return false
		}
	}
	return true
}

// absentTag is a product's tag as its text is indexed: one that ends in
// the suffix of absence ("grain free") joined by a hyphen, since a tag is
// a label, never a price.
func (a *analyzer) absentTag(tag string) string {
	ws := strings.Fields(tag)
	if suffix := a.lang.absence; suffix != "" && len(ws) == 2 && fold(strings.ToLower(ws[1])) == suffix {
		return ws[0] + "-" + ws[1]
	}
	return tag
}

// withAbsent is marks (one per word of a text, nil for none) with the
// words absentWords marks in it too.
func withAbsent(marks, absent []bool) []bool {
	if absent == nil {
		return marks
	}
	out := make([]bool, len(absent))
	for i := range out {
		out[i] = absent[i] || i < len(marks) && marks[i]
	}
	return out
}

// absentQuestionWords is the set of words of a question's tokens (toks,
// typos corrected) that the language's words of absence make absent: the
// suffix after them, written apart or joined ("fragrance free candles"),
// of which the shop's texts make a compound (said: its terms); and the
// word before a thing ("candles without scent", "food without any
// grain"), of a thing the shop's texts say absent in any way (saysAbsent).
// quiet are the words of absence no use of which asks anything of its
// own (the suffix, "without"): "without scent" is not answered by a
// snuffer that puts a flame out "without smoke".
func (a *analyzer) absentQuestionWords(toks []token, said map[string]bool, saysAbsent func(term string) bool) (absent, quiet map[string]bool) {
	mark := func(w string) {
		if absent == nil {
			absent = map[string]bool{}
		}
		absent[w] = true
	}
	uses, asSuffix := 0, 0
	if suffix := a.lang.absence; suffix != "" {
		for i, t := range toks {
			if t.word != suffix {
				continue
			}
			uses++
			if i > 0 && said[toks[i-1].term] && a.makesAbsent(toks[i-1].word, suffix) {
				mark(toks[i-1].word)
				asSuffix++
			}
		}
	}
	quiet = map[string]bool{}
	if uses > 0 && uses == asSuffix {
		quiet[a.lang.absence] = true
	}
	before, befores, asBefore := a.lang.absenceBefore, 0, 0
	for i, t := range toks {
		if before == "" || t.word != before {
			continue
		}
		befores++
		if w, ok := a.absentAfter(toks[i+1:], saysAbsent); ok {
			mark(w)
			asBefore++
		}
	}
	if befores > 0 && befores == asBefore {
		quiet[before] = true
	}
	return absent, quiet
}

// absentAfter is the word of the thing toks (the words after a word of
// absence) open with, past its article or quantifier ("without any
// soil"), when the shop's texts say that thing absent (saysAbsent of its
// term); false for none.
func (a *analyzer) absentAfter(toks []token, saysAbsent func(term string) bool) (string, bool) {
	for i, t := range toks {
		if i == unwantedScope {
			break
		}
		if t.term == "" || isNumber(t.term) {
			continue
		}
		return t.word, saysAbsent(t.term) && a.isBase(t.word)
	}
	return "", false
}

// padded is marks (nil for none) as n marks.
func padded(marks []bool, n int) []bool {
	if len(marks) == n {
		return marks
	}
	out := make([]bool, n)
	copy(out, marks)
	return out
}

// saysAbsent reports whether the shop's texts say the thing of term, or
// of a word of its synonym group, absent in any way: by a compound
// ("grain-free"), by its form ("unscented") or after a negator ("grows
// without any soil").
func (idx *index) saysAbsent(term string) bool {
	terms := []string{term}
	if key := idx.groupKey(term); key != "" {
		terms = append(terms, key)
		terms = append(terms, idx.kit.analyzer.members[key]...)
	}
	for _, t := range terms {
		if idx.absentTerms[t] || idx.df[withoutTerm(t)] > 0 {
			return true
		}
		for _, p := range idx.postings[t] {
			if p.negated {
				return true
			}
		}
	}
	return false
}

// statesAbsent is the set of documents that state, not in the
// negative, a thing q asks for absent ("candles without scent" of the fig
// candle "with a strong scent"; "flameless" of a lantern "with a real
// flame"): a product search's cards are not of them. A product that does
// not speak of the thing stays (a car diffuser for "something
// flameless").
func (idx *index) statesAbsent(q query) map[int32]bool {
	var out map[int32]bool
	for _, c := range q.concepts {
		if !c.absent {
			continue
		}
		base := c.term
		if b, ok := madeAbsent(c.term); ok {
			base = b
		}
		for _, p := range idx.postings[base] {
			if !p.negated {
				if out == nil {
					out = map[int32]bool{}
				}
				out[idx.passages[p.passage].doc] = true
			}
		}
	}
	return out
}
