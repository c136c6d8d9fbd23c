package builtin

// This file tells, by the word before it, whether a question's word stands
// as a noun or as a verb: "can I rent games" rents, "the rent" is paid.
// The general thesaurus lists a word's meanings of every part of speech,
// the commonest first, and a bridge through a meaning of the other part
// reaches a different thing: "rent" is first a payment and a tear, so "can
// I rent games" was bridged to a shop's "tear". A word whose position is
// told bridges only through the meanings of its part; one whose position
// is not told, through its commonest meanings of any (bridge.go).

// wordPosition is the part of speech a question's word stands as.
type wordPosition int

const (
	anyPosition wordPosition = iota
	nounPosition
	verbPosition
)

// positionRules tell a language's words that a noun or a verb follows.
type positionRules struct {
	// beforeNoun are the words a noun follows and a verb never does ("a",
	// "the", "my").
	beforeNoun func(word string) bool
	// beforeVerb are the subjects a verb follows in a question ("can I
	// rent", "do you ship"), and the words after which "to" opens a verb
	// ("want to", "how to").
	beforeVerb, beforeInfinitive func(word string) bool
	infinitive                   string
	// wantedThings are the words for a thing not named, whose "to" opens
	// what it is to do ("something to clean…").
	wantedThings func(word string) bool
}

var englishPositions = &positionRules{
	beforeNoun:       wordSet("a", "an", "the", "my", "your", "our", "their", "his", "her", "some", "any", "these", "those"),
	beforeVerb:       wordSet("i", "we", "you", "they", "he", "she"),
	beforeInfinitive: wordSet("want", "wanna", "need", "how", "like", "able", "trying", "going", "try", "wish"),
	infinitive:       "to",
	wantedThings:     wordSet("something", "anything", "stuff", "things", "thing"),
}

// purposeVerbs are the words of toks that say what a thing not named is
// to do ("clean" of "something to clean my dog's teeth"): a verb there
// asks for a product that does it, whatever kind of product that is.
func (a *analyzer) purposeVerbs(toks []token) map[string]bool {
	rules := a.lang.positions
	if rules == nil || rules.wantedThings == nil {
		return nil
	}
	out := map[string]bool{}
	for i := 2; i < len(toks); i++ {
		if toks[i-1].word == rules.infinitive && rules.wantedThings(toks[i-2].word) {
			out[toks[i].word] = true
		}
	}
	return out
}

// positions is the part of speech each of toks stands as, by the words
// before it (anyPosition where the language's rules do not tell).
func (a *analyzer) positions(toks []token) []wordPosition {
	out := make([]wordPosition, len(toks))
	rules := a.lang.positions
	if rules == nil {
		return out
	}
	for i := 1; i < len(toks); i++ {
		prev := toks[i-1].word
		switch {
		case rules.beforeNoun(prev):
			out[i] = nounPosition
		case rules.beforeVerb(prev):
			out[i] = verbPosition
		case prev == rules.infinitive && i > 1 && rules.beforeInfinitive(toks[i-2].word):
			out[i] = verbPosition
		}
	}
	return out
}

// synonymsAt are e's synonyms of the meanings of the part of speech pos,
// those of its commonest meanings when pos is not told or the thesaurus
// labels no meaning of that part.
func (e thesaurusEntry) synonymsAt(pos wordPosition) []string {
	switch {
	case pos == nounPosition && len(e.nounSynonyms) > 0:
		return e.nounSynonyms
	case pos == verbPosition && len(e.verbSynonyms) > 0:
		return e.verbSynonyms
	}
	return e.synonyms
}
