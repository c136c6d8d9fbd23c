package builtin

import (
	"regexp"
	"strings"
)

// This file tells two spellings of one word: a shopper in the US writes
// "harbor", "color" and "organizer" of a Canadian or British shop's
// "Harbour Fog" candle, "colours" and "organiser", and a British shopper
// the other way round. Both spellings are words of the language, so the
// rule that a real word is never bent into another (typo.go) kept the
// shopper's; they are the same word.

// englishSpellings bring British spellings to American ones, ending by
// ending: "-our" ("harbour", "flavoured"), "-re" after a consonant
// ("centre", "litre"), "-ise" and its forms ("organiser"), a doubled "l"
// before an ending ("cancelled", "travelling").
var englishSpellings = []struct {
	from *regexp.Regexp
	to   string
}{
	{regexp.MustCompile(`^([a-z]{2,})our(s|ed|ing|ite|ites|able|ful|less|er|ers)?$`), "${1}or${2}"},
	{regexp.MustCompile(`^([a-z]{2,}[^aeiouy])re(s|d)?$`), "${1}er${2}"},
	{regexp.MustCompile(`^([a-z]{3,})is(e|es|ed|er|ers|ing|ation|ations)$`), "${1}iz${2}"},
	{regexp.MustCompile(`^([a-z]{2,}[aeiou])ll(ed|ing|er|ers)$`), "${1}l${2}"},
}

// englishSpellingPairs are words whose two spellings differ otherwise.
var englishSpellingPairs = map[string]string{
	"grey": "gray", "greys": "grays", "jewellery": "jewelry", "catalogue": "catalog", "catalogues": "catalogs",
	"tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "pyjamas": "pajamas", "cheque": "check",
	"mould": "mold", "moulds": "molds", "mouldy": "moldy", "plough": "plow",
}

// englishSpelling is word (lower-case, folded) in its American spelling.
func englishSpelling(word string) string {
	if w, ok := englishSpellingPairs[word]; ok {
		return w
	}
	for _, s := range englishSpellings {
		if s.from.MatchString(word) {
			return s.from.ReplaceAllString(word, s.to)
		}
	}
	return word
}

// sameSpelling reports whether a and b are one word spelled two ways in
// the language of k.
func (k *languageKit) sameSpelling(a, b string) bool {
	if k.spelling == nil || a == b {
		return false
	}
	return k.spelling(strings.ToLower(a)) == k.spelling(strings.ToLower(b))
}
