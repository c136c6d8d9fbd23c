package builtin

import "unicode/utf8"

// This file corrects a shopper's slip in a word of the shop's products'
// names that happens to make a form of another word: "unsented" is read by
// the stemmer as "unsent" with an ending, and the thesaurus knows
// "unsent", so the rule that a real word is never bent into another
// (typo.go) kept it; the shop sells "unscented" candles.

// minProductTypoLength is the shortest product word a slip is corrected
// to: a shorter one is too often a letter away from an unrelated word.
const minProductTypoLength = 6

// productTypo reports whether word, which neither the shop's data nor the
// synonym lists know, is a slip of known, a word of the products' names
// (titles, types, vendors, tags): one letter left out or two side by side
// swapped, the slips shoppers make most, while the thesaurus does not know
// word as it is written (only, perhaps, as a form of another headword).
//
// A double letter written once ("trimer" of the "Wick Trimmer") is such a
// slip even where the thesaurus knows the word written so (a "trimer" is a
// molecule): of a word the shop names its products by, the shopper means
// the product's.
func (idx *index) productTypo(word, known string) bool {
	if idx.thesaurus == nil || idx.thesaurus.knows(word) && !doubleWrittenOnce(word, known) ||
		utf8.RuneCountInString(known) < minProductTypoLength {
		return false
	}
	if _, named := idx.nameTerms[idx.vocab.term(known)]; !named {
		return false
	}
	return letterLeftOut(word, known) || lettersSwapped(word, known)
}

// letterLeftOut reports whether typo is word with one letter left out.
func letterLeftOut(typo, word string) bool {
	t, w := []rune(typo), []rune(word)
	if len(w) != len(t)+1 {
		return false
	}
	i := 0
	for i < len(t) && t[i] == w[i] {
		i++
	}
	return string(t[i:]) == string(w[i+1:])
}

// lettersSwapped reports whether typo is word with two letters side by
// side swapped.
func lettersSwapped(typo, word string) bool {
	t, w := []rune(typo), []rune(word)
	if len(t) != len(w) {
		return false
	}
	i := 0
	for i < len(t) && t[i] == w[i] {
		i++
	}
	return i+1 < len(t) && t[i] == w[i+1] && t[i+1] == w[i] && string(t[i+2:]) == string(w[i+2:])
}

// doubleWrittenOnce reports whether typo is word with one of its double
// letters written once ("trimer", "trimmer").
func doubleWrittenOnce(typo, word string) bool {
	if !letterLeftOut(typo, word) {
		return false
	}
	t, w := []rune(typo), []rune(word)
	i := 0
	for i < len(t) && t[i] == w[i] {
		i++
	}
	return i > 0 && w[i] == w[i-1] || i+1 < len(w) && w[i] == w[i+1]
}
