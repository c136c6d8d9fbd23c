package builtin

import (
	"regexp"
	"strings"
)

// This file tells the country "US" from the pronoun "us". A shop writes
// the country in capitals ("we ship to the US") and the pronoun in lower
// case ("email us", "tell us within 7 days"), while shoppers write both in
// lower case; read as one word, every "email us" of a shop's texts
// matched a shopper's "us shipping time", and a paragraph on tracking
// answered it. The shop's texts are read by their case: the capitals are
// the country, the rest the pronoun, a stop word. A shopper's "us" is the
// country where a place stands: opening the message ("us shipping?") or
// after a word a destination follows ("ship to us", "in us").

// countryPronounRules tell a language's country spelt as a pronoun.
type countryPronounRules struct {
	// written finds the country as a shop writes it (in capitals).
	written *regexp.Regexp
	// country is the word the country is read as (one of its synonym
	// group's words); pronoun its spelling in lower case.
	country, pronoun string
	// beforePlace are the words a destination follows ("to", "in").
	beforePlace func(word string) bool
}

var englishCountryPronoun = &countryPronounRules{
	written:     regexp.MustCompile(`\bUS\b`),
	country:     "usa",
	pronoun:     "us",
	beforePlace: wordSet("to", "in", "into", "within", "across", "throughout", "outside", "inside"),
}

// readCountry is a shop's text with the country its capitals spell read
// as the country's word: "the US" is "the usa", "email us" stays.
func readCountry(text string, rules *countryPronounRules) string {
	if rules == nil || !strings.Contains(text, strings.ToUpper(rules.pronoun)) {
		return text
	}
	return rules.written.ReplaceAllString(text, rules.country)
}

// askedCountry is a shopper's normalised message with the pronoun read as
// the country where a place stands, unless it opens a curated phrase of
// its own ("us dollars" is a currency).
func (a *analyzer) askedCountry(msg string) string {
	rules := a.lang.countryPronoun
	if rules == nil || !strings.Contains(msg, rules.pronoun) {
		return msg
	}
	ws, toks := strings.Fields(msg), a.tokens(msg)
	if len(ws) != len(toks) {
		return msg // words the tokens split otherwise: read as written
	}
	changed := false
	for i, w := range ws {
		if w != rules.pronoun || i > 0 && !rules.beforePlace(ws[i-1]) {
			continue
		}
		if p, ok := a.longestPhrase(toks[i:]); ok && len(p.terms) > 1 {
			continue
		}
		ws[i], changed = rules.country, true
	}
	if !changed {
		return msg
	}
	return strings.Join(ws, " ")
}
