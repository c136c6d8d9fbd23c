package builtin

import "strings"

// This file reads a product search's negation: "plants that don't need
// soil", "candles without scent", "algo sin cafeína". A word the shopper
// says in the negative names what they do not want; a product that states
// it (a potting mix's "soil") must not count it as support, while one that
// says it in the negative too ("grows without any soil") matches it. Only
// product searches read it so: in a question to the merchant's texts a
// negation is as often mirrored by a positive statement ("I don't own a
// grinder" is answered by "choose the grind for your brewer").

// maxRhetoricalStart is how far into a clause a negator asks rather than
// refuses: "won't my plant freeze", "don't you sell lamps", "isn't it".
const maxRhetoricalStart = 2

// unwantedScope is how many words after a negator a question refuses:
// the thing itself or a verb and the thing ("without soil", "don't need
// soil"), not the rest of a longer clause ("for someone who doesn't like
// strong scents" still asks for scents).
const unwantedScope = 2

// negatedQuestionWords is the set of words of a question said only within
// a negation's reach (unwantedScope words after a negator, within a
// clause, not after "if" nor a purpose's opening), a negator that opens
// its clause aside.
func negatedQuestionWords(text string, isNegator func(string) bool) map[string]bool {
	if isNegator == nil {
		return nil
	}
	negated, stated := map[string]bool{}, map[string]bool{}
	for _, clause := range strings.FieldsFunc(text, clauseEnd) {
		reach, conditional, prev := 0, false, ""
		for i, w := range words(clause) {
			w = fold(w)
			purpose := opensPurpose(prev, w)
			prev = w
			switch {
			case conditionalWords[w] || purpose:
				conditional = true
			case !conditional && isNegator(w) && i >= maxRhetoricalStart:
				reach = unwantedScope
			case reach > 0:
				negated[w], reach = true, reach-1
			default:
				stated[w] = true
			}
		}
	}
	for w := range stated {
		delete(negated, w)
	}
	return negated
}

// opensPurpose reports whether word, after prev, opens a clause of the
// purpose a product is wanted for: "something so my bike doesn't get
// stolen", "algo para que no se enfríe". What follows is negated as the
// harm the product prevents, not as a thing the shopper does not want in
// it.
func opensPurpose(prev, word string) bool {
	return word == "so" || word == "lest" || word == "que" && prev == "para"
}
