package builtin

import (
	"strings"
	"unicode/utf8"
)

// vocabulary is the words a shop's data and the synonym lists use, for
// correcting shoppers' typos: only a word unknown to both is corrected, so
// a real word is never bent into another ("parcel" is not "cancel").
type vocabulary struct {
	// count is how often each word occurs; the language's function words
	// ("does", "where") count too, without a term, so that a typo of one
	// ("dose") is corrected to it and means nothing, like the word itself.
	count map[string]int32
	// terms are the index terms of the words as the data spells them:
	// "devolucion" typed without its accent is "devolución"'s term.
	terms   map[string]string
	deletes map[string][]string // a word with one letter deleted → the words it comes from
	// soundKey is the language's sound key (sounds.go), nil when it has
	// none; sounds are the counted words by their keys.
	soundKey func(string) string
	sounds   soundIndex
}

// minTypoLength is the shortest word corrected: shorter ones are too often
// one letter away from an unrelated word.
const minTypoLength = 4

func newVocabulary(soundKey func(string) string) *vocabulary {
	return &vocabulary{count: map[string]int32{}, terms: map[string]string{}, deletes: map[string][]string{},
		soundKey: soundKey, sounds: soundIndex{}}
}

// add counts a word (accents folded) of the data, with its term.
func (v *vocabulary) add(word, term string) {
	v.count[word]++
	if _, ok := v.terms[word]; !ok {
		v.terms[word] = term
	}
}

// addCommon adds a function word of the language: a typo of it is dropped.
func (v *vocabulary) addCommon(word string) {
	word = fold(word)
	if _, known := v.terms[word]; !known {
		v.count[word]++
	}
}

// know makes a word of the synonym lists known, with its term, without
// making it a correction: a shopper's unknown word is corrected only to a
// word the shop's data uses ("warm" is not "farm").
func (v *vocabulary) know(word, term string) {
	if _, ok := v.terms[word]; !ok {
		v.terms[word] = term
	}
}

// term is the index term the data gives word, "" when it has none.
func (v *vocabulary) term(word string) string { return v.terms[word] }

// index builds the deletion index (the symmetric-delete method): two words
// within one edit share a deletion, or one is a deletion of the other.
func (v *vocabulary) index() {
	for w := range v.count {
		if utf8.RuneCountInString(w) < minTypoLength || hasDigit(w) {
			continue
		}
		v.indexSound(w)
		for _, d := range deletions(w) {
			v.deletes[d] = append(v.deletes[d], w)
		}
	}
}

// correct is the known word that sounds like word within one edit more
// than a typo may have (sounds.go: "aser" is "hacer"), else the known word
// closest to word: within one edit (letters inserted, deleted, replaced or
// swapped), or two for words of eight letters or more; the most frequent
// wins a tie. ok is false when none is close enough.
func (v *vocabulary) correct(word string) (best string, ok bool) {
	n := utf8.RuneCountInString(word)
	if n < minTypoLength || hasDigit(word) {
		return "", false
	}
	maxDist := 1
	if n >= 8 {
		maxDist = 2
	}
	// A word that sounds alike may be one edit further than a typo, when
	// it is a function word: a shopper's "aser" is "hacer", dropped; a
	// word of the shop only within a typo's reach ("bino": "vino" before
	// "bono"), so that no word is bent into a different one of the shop.
	if alike, d, ok := v.soundAlike(word, maxDist+1); ok && (d <= maxDist || v.terms[alike] == "") {
		return alike, true
	}
	bestDist := maxDist + 1
	consider := func(c string) {
		d := editDistance(word, c, maxDist)
		if d < bestDist || (d == bestDist && (v.count[c] > v.count[best] || v.count[c] == v.count[best] && c < best)) {
			best, bestDist = c, d
		}
	}
	for _, c := range v.deletes[word] {
		consider(c)
	}
	for _, d := range deletions(word) {
		if v.count[d] > 0 && utf8.RuneCountInString(d) >= minTypoLength {
			consider(d)
		}
		for _, c := range v.deletes[d] {
			consider(c)
		}
	}
	return best, bestDist <= maxDist
}

// understood is a question's tokens as the shop's data spells them: two
// words are the one the data writes joined ("pre order": "preorder"); a
// word the data and the synonym lists do not know is the lists' phrase
// when it is its words run together ("tradeins"), split when it is two
// known words run together ("giftcards"), else corrected to the known word
// a typo away, and dropped when that is a function word ("dose" → "does");
// a word of the language (the thesaurus knows it) is no typo of another
// ("halt" is not "salt", "present" not "prevent"), only perhaps another
// form of it ("freezer" of "freeze", "scratch" of "scratchy").
func (idx *index) understood(toks []token) []token {
	a := idx.kit.analyzer
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if w, ok := idx.joinedWord(toks, i); ok {
			out = append(out, w)
			i++
			continue
		}
		switch {
		case t.term == "":
		case isWithout(t.term) && idx.knowsAbsent(t): // "non scented" is "¬scent", not the shop's "scented"
		case idx.vocab.term(t.word) != "":
			t.term, t.stem = idx.vocab.term(t.word), idx.vocab.term(t.word)
		case idx.df[t.term] > 0 || a.groupOf[t.term] != "" || a.phrases[t.term] != nil || a.isPlace(t.word):
		case a.runTogether[t.word] != "":
			out = append(out, a.tokens(a.runTogether[t.word])...)
			continue
		default:
			if base, ok := idx.diminutiveOf(t.word); ok {
				term := idx.vocab.term(base)
				if term == "" {
					term = a.listWords.term(base)
				}
				out = append(out, token{word: base, stem: term, term: term})
				continue
			}
			if parts, ok := idx.vocab.split(t.word); ok {
				for _, p := range parts {
					out = append(out, token{word: p, stem: idx.vocab.term(p), term: idx.vocab.term(p)})
				}
				continue
			}
			var keep bool
			if t, keep = idx.corrected(toks, i); !keep {
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// corrected is toks[i], a word the shop's data and the synonym lists do
// not know, as the shopper meant it: the first word of a phrase of the
// lists its neighbours complete ("hoe long" is "how long"), the known word
// a typo away or sounding alike, or nothing (keep false) when it is a function word
// mistyped ("wil", "wrok").
func (idx *index) corrected(toks []token, i int) (t token, keep bool) {
	a := idx.kit.analyzer
	t = toks[i]
	if c, ok := idx.phraseTypo(toks, i); ok {
		return token{word: c, stem: c}, true
	}
	if c, ok := idx.vocab.correct(t.word); ok && (idx.vocab.term(c) == "" || !idx.realWord(t) || variant(t.word, c) ||
		idx.kit.sameSpelling(t.word, c) ||
		idx.productTypo(t.word, c) || idx.nameTypo(t, c)) {
		return token{word: c, stem: idx.vocab.term(c), term: idx.vocab.term(c)}, true // no term for a function word
	}
	if c, ok := idx.listTypo(t); ok {
		return token{word: c, stem: a.listWords.term(c), term: a.listWords.term(c)}, true
	}
	return t, !idx.shortTypo(t) && !idx.stopwordTypo(t)
}

// phraseTypo is the word of a phrase of the synonym lists that toks[i] is
// a typing slip of (keyboardTypos) and that the tokens around it complete:
// "hoe long" is "how long", "hwo much" "how much", "how lon" "how long". A word the
// shop's data uses is never looked at, so a garden shop's "hoe" stays.
func (idx *index) phraseTypo(toks []token, i int) (string, bool) {
	phrases := idx.kit.analyzer.phrases
	found := ""
	keyboardTypos(toks[i].word, func(c string) bool {
		for _, p := range phrases[c] {
			if len(p.terms) <= len(toks)-i && stemsAre(toks[i+1:i+len(p.terms)], p.terms[1:]) {
				found = c
				return true
			}
		}
		// A later word of a phrase its first words begin: "how lon" is "how long".
		for k := 1; k <= i && found == ""; k++ {
			for _, p := range phrases[toks[i-k].stem] {
				if len(p.terms) > k && p.terms[k] == c && len(p.terms)-k <= len(toks)-i &&
					stemsAre(toks[i-k:i], p.terms[:k]) && stemsAre(toks[i+1:i+len(p.terms)-k], p.terms[k+1:]) {
					found = c
				}
			}
		}
		return found != ""
	})
	return found, found != ""
}

// listTypo is the word of the synonym lists t's word is a typo of
// ("refnud" of "refund"), when the shop's data has none: only a word no
// thesaurus knows is such a typo, so without one none is ("warm" is no
// typo of the lists' "farm").
func (idx *index) listTypo(t token) (string, bool) {
	if idx.thesaurus == nil || idx.realWord(t) {
		return "", false
	}
	return idx.kit.analyzer.listWords.correct(t.word)
}

// shortTypo reports whether t is a word too short for correction
// (minTypoLength-1 letters) that is a function word of the language with
// a letter left out ("wil", "hwo") and no word of the language itself
// ("tea" is not "team"): only a thesaurus tells, so without one none is.
func (idx *index) shortTypo(t token) bool {
	if idx.thesaurus == nil || utf8.RuneCountInString(t.word) != minTypoLength-1 || hasDigit(t.word) || idx.realWord(t) {
		return false
	}
	for _, c := range idx.vocab.deletes[t.word] { // one letter added: "wil" of "will"
		if idx.vocab.term(c) == "" {
			return true
		}
	}
	return false
}

// stopwordTypo reports whether t is no word of the language (a thesaurus
// tells; without one none is a typo) but a stop word of it mistyped as
// shoppers mistype: two letters swapped ("wrok"), one left out ("ovr"),
// one doubled ("thhe") or struck on a neighbouring key ("hiw"). A name the
// thesaurus does not know ("sony") is no such typo of "son": a letter
// added that is not a double is not looked for.
func (idx *index) stopwordTypo(t token) bool {
	if idx.thesaurus == nil || utf8.RuneCountInString(t.word) < minTypoLength-1 || hasDigit(t.word) || idx.realWord(t) {
		return false
	}
	found := false
	keyboardTypos(t.word, func(w string) bool {
		found = utf8.RuneCountInString(w) > 1 && idx.kit.stopword(w)
		return found
	})
	return found
}

// realWord reports whether the language's thesaurus knows t's word, as
// written or as a form of a headword (it holds "class", not "classes";
// "go", not "went").
func (idx *index) realWord(t token) bool {
	word, stem := idx.kit.baseForm(t.word, t.stem)
	return idx.thesaurus != nil && idx.thesaurus.headwordOf(word, stem, idx.kit.stem) != ""
}

// nameTypo reports whether t's word, which the thesaurus knows only as a
// name ("oder": the river Oder), is a shopper's typo of c, a word of the
// synonym lists the shop's data uses ("order"): a shopper types a name
// for itself seldom, a shop's service word often.
func (idx *index) nameTypo(t token, c string) bool {
	return idx.thesaurus != nil && idx.kit.analyzer.listWords.term(c) != "" && idx.thesaurus.entry(t.word).name
}

// variant reports whether one word is the other with letters added at its
// end: another form of the same word, as the endings of a language make.
func variant(a, b string) bool {
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// keyboardRows are the rows of a QWERTY keyboard, for the letters a
// finger strikes by mistake for one beside it.
var keyboardRows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// neighbours are the keys beside each letter on its row.
var neighbours = func() map[rune][]rune {
	out := map[rune][]rune{}
	for _, row := range keyboardRows {
		r := []rune(row)
		for i, c := range r {
			if i > 0 {
				out[c] = append(out[c], r[i-1])
			}
			if i < len(r)-1 {
				out[c] = append(out[c], r[i+1])
			}
		}
	}
	return out
}()

// keyboardTypos calls try with each word typo could be a typing slip of:
// two letters swapped back, a letter left out put back (any letter, at
// any place), a doubled letter undoubled, a letter replaced by one of its
// key's neighbours; it stops when try returns true.
func keyboardTypos(typo string, try func(string) bool) {
	r := []rune(typo)
	for i := range r {
		if i+1 < len(r) && r[i] != r[i+1] {
			if try(string(r[:i]) + string(r[i+1]) + string(r[i]) + string(r[i+2:])) {
				return
			}
		}
		if i+1 < len(r) && r[i] == r[i+1] && try(string(r[:i])+string(r[i+1:])) {
			return
		}
		for _, n := range neighbours[r[i]] {
			if try(string(r[:i]) + string(n) + string(r[i+1:])) {
				return
			}
		}
	}
	for i := 0; i <= len(r); i++ {
		for l := 'a'; l <= 'z'; l++ {
			if try(string(r[:i]) + string(l) + string(r[i:])) {
				return
			}
		}
	}
}

// minCompoundPart is the shortest word a compound is split into.
const minCompoundPart = 3

// split is word cut into two words the data uses, when it is two run
// together; the split with the longer first word wins.
func (v *vocabulary) split(word string) ([]string, bool) {
	r := []rune(word)
	for i := len(r) - minCompoundPart; i >= minCompoundPart; i-- {
		first, second := string(r[:i]), string(r[i:])
		if v.terms[first] != "" && v.terms[second] != "" {
			return []string{first, second}, true
		}
	}
	return nil, false
}
