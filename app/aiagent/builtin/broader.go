package builtin

// This file lets a question name one of a kind that the merchant writes of
// as the kind: "is it ok to light a candle near my cat" is answered by "Are
// your candles safe around pets?", "my toddler" by a passage on children
// of "the family". The link goes one way (a pet is not a cat) and counts
// for less than a synonym (broaderWeight), so a passage that names the
// cat still wins. A product search does not take it: shown a dog bed for
// "a bed for my cat" because it is "for pets", the shopper is shown the
// wrong product.

// broaderWeight is what a match through a broader word is worth against
// the shopper's own word.
const broaderWeight = thesaurusWeight

// englishBroader names the kinds shoppers' words are of, by synonym group.
var englishBroader = map[string][]string{
	"cat":  {"pet", "pets", "animal", "animals"},
	"dog":  {"pet", "pets", "animal", "animals"},
	"kids": {"family", "families"},
	// A shopper's cold is the merchant's weather: "it's freezing here,
	// will you still ship?" is answered by the weather holds.
	"cold": {"weather", "winter"},
}

// broaderForms are the forms of the kinds a question's synonym group (by
// its key, "~cat") is of, at broaderWeight.
func (idx *index) broaderForms(key string) []form {
	lang := idx.kit.analyzer.lang
	if lang.broader == nil || len(key) < 2 || key[0] != '~' {
		return nil
	}
	var out []form
	seen := map[string]bool{}
	for _, w := range lang.broader[key[1:]] {
		t := fold(lang.stem(w))
		if g := idx.groupKey(t); g != "" {
			t = g // a kind that is itself a group's word matches as the group
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, form{term: t, weight: broaderWeight})
		}
	}
	return out
}
