package builtin

import "strings"

// This file reads a modal verb's spelling where a noun stands: "cans of
// cat food", "a watering can", "the can". The stop words drop the modal
// ("can I return it"), and the stemmer brings "cans" to "can", so without
// this the noun is lost and "do you sell cans" asks only "sell". A modal
// verb is never inflected and never follows an article, a possessive or a
// number; one that follows a word in "-ing" and ends the question or meets
// a preposition ("a watering can for the balcony") has no verb to govern;
// one before "of" is a container ("a can of tuna"). Everywhere else the
// spelling stays the modal it most often is.

// modalNounRules tell a language's modal verbs that are nouns too.
type modalNounRules struct {
	// modals are the modal verbs spelt as a noun ("can").
	modals func(word string) bool
	// determiners come before a noun, never before a modal verb ("a",
	// "the", "my"; not "this", "that" or "one", which stand for a noun:
	// "this can be returned").
	determiners func(word string) bool
	// prepositions follow a noun and never a modal verb ("for", "with").
	prepositions func(word string) bool
	// of makes the word before it a container ("a can of tuna").
	of string
	// gerund is the ending of a verb's form used as a modifier
	// ("watering", "baking"): a noun may follow it.
	gerund string
}

// englishModalNouns are English's rules: "can" is the modal verb that
// names a shop's thing too ("a can", "12 cans").
var englishModalNouns = &modalNounRules{
	modals:       wordSet("can"),
	determiners:  wordSet("a", "an", "the", "my", "your", "our", "their", "his", "her", "its", "per", "each", "every", "no"),
	prepositions: wordSet("for", "with", "in", "on", "from", "to", "that", "which", "like", "and", "or"),
	of:           "of",
	gerund:       "ing",
}

// isModalNoun reports whether ws[i] (a stop word, as written, lower-case)
// is the noun spelt as a modal verb of the language, by its form and the
// words around it.
func (a *analyzer) isModalNoun(ws []string, i int) bool {
	rules := a.lang.modalNouns
	if rules == nil {
		return false
	}
	w := ws[i]
	if !rules.modals(w) {
		stem := a.lang.stem(w)
		return stem != w && rules.modals(stem) && !a.stopword(w) // "cans": a modal has no plural
	}
	var prev, next string
	if i > 0 {
		prev = ws[i-1]
	}
	if i+1 < len(ws) {
		next = ws[i+1]
	}
	switch {
	case rules.determiners(prev), isNumber(prev), next == rules.of:
		return true
	case len(prev) > len(rules.gerund)+2 && strings.HasSuffix(prev, rules.gerund):
		return next == "" || rules.prepositions(next)
	}
	return false
}
