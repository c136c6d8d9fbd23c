package builtin

import "strings"

// This file reads the words that say "without" by their form: "unscented",
// "non-toxic", "non slip", "scentless", "stainless". Each is one term,
// the word it is made of marked absent ("¬scent"), whichever way it is
// written: a shopper's "non scented candle" or "scentless" finds the
// shop's "Unscented Pillar Candle", and the shop's "tubeless repair kit"
// no longer answers "do you sell inner tubes", which asks for tubes. A
// question's marked word also matches the shop's texts that say the word
// in the negative ("no fragrance at all"), as "fragrance free" does
// (absence.go), and "scent free" matches the marked term where the shop
// joins "free" so too. Only a word the rules are sure of is read so: a
// participle after "un" ("unopened", not "united" or "under"), a word
// after "non", written apart or joined, and a word before "less" that is
// not itself a function word ("unless"); a word or phrase of the synonym
// lists ("unopened", "non toxic") means what the lists say.

// withoutMark begins the term of a word made absent by its form: never a
// word's first letter, so it cannot collide with a term.
const withoutMark = "¬"

// withoutRules tell the forms of a language's words that say "without".
type withoutRules struct {
	// prefixes are joined before a word ("un", "non"); each with the
	// ending the word must have, "" for any ("un" needs a participle:
	// "unhappy" is not "without happy" as a shop uses it).
	prefixes []withoutPrefix
	// apart is the prefix also written as a word of its own ("non toxic",
	// "non-toxic", which words splits at the hyphen).
	apart string
	// suffix is joined after a word ("scentless").
	suffix string
	// minBase is the fewest letters the word it is made of has.
	minBase int
	// notAfter are the openings of words that only look prefixed
	// ("under").
	notAfter []string
}

type withoutPrefix struct{ prefix, ending string }

var englishWithout = &withoutRules{
	prefixes: []withoutPrefix{{"un", "ed"}, {"non", ""}},
	apart:    "non",
	suffix:   "less",
	minBase:  4,
	notAfter: []string{"under"},
}

// withoutBase is the word ws[i] says is absent by its form, or by the
// prefix written apart before it; "" for none.
func (a *analyzer) withoutBase(ws []string, i int) string {
	rules := a.lang.without
	if rules == nil {
		return ""
	}
	w := ws[i]
	if a.groupOf[fold(a.lang.stem(w))] != "" {
		return "" // the synonym lists know the word ("unopened", "nontoxic")
	}
	if i > 0 && ws[i-1] == rules.apart && a.isBase(w) && !a.listPhrase(ws[i-1], w) {
		return w
	}
	for _, n := range rules.notAfter {
		if strings.HasPrefix(w, n) {
			return ""
		}
	}
	for _, p := range rules.prefixes {
		if base, ok := strings.CutPrefix(w, p.prefix); ok && strings.HasSuffix(base, p.ending) &&
			len(base) > rules.minBase && a.isBase(base) {
			return base
		}
	}
	if base, ok := strings.CutSuffix(w, rules.suffix); ok && len(base) >= rules.minBase && a.isBase(base) {
		return base
	}
	return ""
}

// isBase reports whether w can be the word a form says absent: a word
// that means something, not a function word nor a number.
func (a *analyzer) isBase(w string) bool {
	return !a.stopword(w) && !a.stopword(a.lang.stem(w)) && !isNumber(w)
}

// isApartPrefix reports whether ws[i] is the prefix written apart before
// a word it makes absent: that word's term carries it, so it is no term.
func (a *analyzer) isApartPrefix(ws []string, i int) bool {
	rules := a.lang.without
	return rules != nil && ws[i] == rules.apart && i+1 < len(ws) && a.isBase(ws[i+1]) && !a.listPhrase(ws[i], ws[i+1])
}

// listPhrase reports whether the synonym lists hold the phrase of the two
// words ("non toxic"): the lists know what it means.
func (a *analyzer) listPhrase(first, second string) bool {
	next := fold(a.lang.stem(second))
	for _, p := range a.phrases[fold(a.lang.stem(first))] {
		if len(p.terms) > 1 && p.terms[1] == next {
			return true
		}
	}
	return false
}

// withoutTerm is the term of a word its form makes absent ("¬scent").
func withoutTerm(stem string) string { return withoutMark + stem }

// isWithout reports whether term is a withoutTerm: it is said absent.
func isWithout(term string) bool { return strings.HasPrefix(term, withoutMark) }

// madeAbsent is the term a withoutTerm marks absent, and whether term is
// one.
func madeAbsent(term string) (string, bool) { return strings.CutPrefix(term, withoutMark) }

// knowsAbsent reports whether the shop's texts use t's term, a
// withoutTerm, or the word it is made of, t's word being no typo of a word
// they mark so: "unsented" is the shop's "unscented", not "without sent".
func (idx *index) knowsAbsent(t token) bool {
	base, _ := madeAbsent(t.term)
	switch {
	case idx.df[t.term] > 0:
		return true
	case idx.df[base] == 0:
		return false
	}
	c, ok := idx.vocab.correct(t.word)
	return !ok || !isWithout(idx.vocab.term(c))
}

// withoutForms are the forms of a question's concept whose term is
// marked absent: the marked term itself and the word it is made of, with
// the word's synonyms, which match where a text says them in the negative
// (the concept is absent).
func (idx *index) withoutForms(term string) []form {
	base, _ := madeAbsent(term)
	forms := []form{{term, 1}, {base, 1}}
	if key := idx.groupKey(base); key != "" {
		if key != base {
			forms = append(forms, form{key, synonymWeight})
		}
		for _, m := range idx.kit.analyzer.members[key] {
			if m != base {
				forms = append(forms, form{m, synonymWeight})
			}
		}
	}
	return forms
}
