package builtin

import (
	"slices"
	"strings"
)

// This file links a place a shopper names to the places it lies in, so
// that a question naming a city or a state is answered by what the shop
// says of the country or region: "can you send it to my mom in Maine" by
// "We ship to the US for $19", "to my sister in Honolulu" by "we can't
// ship plants to Hawaii". The link goes one way (the US is not Maine) and
// counts for less than the place itself (placeWeight), so a passage that
// names the city still wins; and one country does not stand for another
// ("the USA" is not answered by "Canada Post").

// placeWeight is what a match through a place's country or region is
// worth against the place the shopper named.
const placeWeight = broaderWeight

// unnamedPlaceWeight is what a place the shop's data never names counts
// for in coverage, against its idf: it tells where the shopper is, which
// the shop's words for the country cover; the question is what is asked
// of it ("do you have a store in California" is about a store).
const unnamedPlaceWeight = 0.5

// placeWords is the most words a place's name has ("new south wales").
const placeWords = 3

// places is a language's gazetteer: a place's name as written (lower
// case, accents folded, words separated by one space), or a synonym
// group's name, to the places it lies in, each a synonym group's name
// ("usa") or a place's single word ("hawaii").
type places map[string][]string

// abroad is the synonym group of the words for abroad ("international",
// "overseas"), which only a country names as its container.
const abroad = "international"

// joinPlaces merges the words of a place of more than one word into one
// token ("new york"), so that each of them does not ask on its own; the
// place's words are never typo-corrected.
func (a *analyzer) joinPlaces(toks []token) []token {
	if len(a.lang.places) == 0 {
		return toks
	}
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		n := a.placeAt(toks[i:])
		if n <= 1 {
			out = append(out, toks[i])
			continue
		}
		ws := make([]string, n)
		for j := range ws {
			ws[j] = toks[i+j].word
		}
		name := strings.Join(ws, " ")
		out = append(out, token{word: name, stem: name, term: name})
		i += n - 1
	}
	return out
}

// placeAt is how many of toks' first words name a place, the longest
// name first; 0 when they name none.
func (a *analyzer) placeAt(toks []token) int {
	for n := min(placeWords, len(toks)); n >= 1; n-- {
		ws := make([]string, n)
		for j := range ws {
			ws[j] = toks[j].word
		}
		if _, ok := a.lang.places[strings.Join(ws, " ")]; ok {
			return n
		}
	}
	return 0
}

// isPlace reports whether a word as written names a place of the
// gazetteer: a shop that never names it has not misspelt it.
func (a *analyzer) isPlace(word string) bool {
	_, ok := a.lang.places[word]
	return ok
}

// placeForms are the forms of the places a question's place lies in, at
// placeWeight: key is its synonym group's key ("~usa") or its term, word
// the place as written. Each place's own containers are followed too
// ("honolulu": Hawaii, then the US), and the words for abroad only when
// none of them is the shop's own country: from a shop in the US, Maine is
// not abroad and London is.
func (idx *index) placeForms(key, word string) []form {
	a := idx.kit.analyzer
	within := append([]string(nil), a.lang.places[word]...) // appended to below: never the table's own
	if len(key) > 1 && key[0] == '~' {
		within = append(within, a.lang.places[key[1:]]...)
	}
	if len(within) == 0 {
		return nil
	}
	home := homeCountry[idx.shop.currency]
	seen := map[string]bool{}
	for i := 0; i < len(within); i++ {
		if !seen[within[i]] {
			seen[within[i]] = true
			within = append(within, a.lang.places[within[i]]...)
		}
	}
	var out []form
	added := map[string]bool{key: true}
	add := func(t string) {
		if !added[t] {
			added[t] = true
			out = append(out, form{term: t, weight: placeWeight})
		}
	}
	for name := range seen {
		if name == abroad && (seen[home] || key == "~"+home) {
			continue
		}
		if g := "~" + name; a.isGroup(g) {
			add(g) // its phrases ("the united states"), joined into the key
			for _, m := range a.members[g] {
				add(m)
			}
		} else {
			add(fold(a.lang.stem(name)))
		}
	}
	slices.SortFunc(out, func(x, y form) int { return strings.Compare(x.term, y.term) }) // the same forms every time
	return out
}

// homeCountry is the country (its name in the gazetteers) whose currency
// a shop sells in: the country it most likely ships from. A euro shop's
// is Europe.
var homeCountry = map[string]string{"USD": "usa", "CAD": "canada", "GBP": "uk", "EUR": "europe", "MXN": "mexico",
	"AUD": "australia", "NZD": "new zealand", "JPY": "japan", "INR": "india", "CHF": "switzerland"}

// isGroup reports whether key is a synonym group's key.
func (a *analyzer) isGroup(key string) bool {
	_, ok := a.tagOf[key]
	return ok
}
