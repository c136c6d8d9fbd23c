package builtin

import "strings"

// This file finds the words a policy says in the negative: "there is no
// free-shipping threshold", "we can't accept returns of opened jars", "we
// don't ship to other countries". Such a passage matches the question's
// words ("free shipping threshold?") as well as the one that states the
// fact ("free on orders of $85 or more") and, being shorter, BM25 would
// prefer it: the engine then quotes the exception as if it answered yes.
// When the question asks for a value ("how much to spend for free
// shipping?"), a term that a passage only ever says negated counts for
// less (negatedWeight) in choosing which passage of a document answers
// (betterPassage), so the passage that states the value wins when there
// is one, and the "no" still answers when it is all the document says. The
// document's score, which the gates weigh against other documents, is
// left as it is: the negation tells passages apart, not whether the shop
// answers.
// A yes-or-no question ("can I return an opened bag?") is answered by the
// "no" as well as by a "yes", so there negation changes nothing. A negator
// after "if" in its clause ("if you don't have a grinder") states a case,
// not a fact, and reaches nothing.

// negatedWeight is what a term that a passage says only in the negative
// counts for, against 1 for a term it states.
const negatedWeight = 0.1

// negationScope is how many words after a negator ("no", "not", "don't")
// it reaches, within one clause.
const negationScope = 4

// clauseEnd ends a negation's reach: "no threshold, but express is $22"
// says nothing negative of express.
func clauseEnd(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '\n':
		return true
	}
	return false
}

// negatedWords says, for each word of text as words(text) splits it,
// whether it stands within a negation's reach; isNegator tells the
// language's negators (nil: none).
func negatedWords(text string, isNegator func(string) bool) []bool {
	if isNegator == nil {
		return nil
	}
	var out []bool
	for _, clause := range strings.FieldsFunc(text, clauseEnd) {
		reach, conditional := 0, false
		for _, w := range words(clause) {
			switch {
			case conditionalWords[fold(w)]:
				out, conditional = append(out, false), true
			case !conditional && isNegator(fold(w)):
				out, reach = append(out, false), negationScope
			case reach > 0:
				out, reach = append(out, true), reach-1
			default:
				out = append(out, false)
			}
		}
	}
	return out
}

// wordSet returns a test for the words of list (as written, lower-case,
// accents folded). Among English negators "t" is the tail of a
// contraction: words splits "don't" and "can't" at the apostrophe.
func wordSet(list ...string) func(string) bool {
	set := make(map[string]bool, len(list))
	for _, w := range list {
		set[w] = true
	}
	return func(w string) bool { return set[w] }
}

// negatedOnly is the set of body terms a passage says only within a
// negation's reach, never stated: each such term's posting counts for
// negatedWeight. title terms are stated by the passage's heading.
func negatedOnly(terms []string, negated []bool, title []string) map[string]bool {
	var out map[string]bool
	stated := map[string]bool{}
	for _, t := range title {
		stated[t] = true
	}
	for i, t := range terms {
		if i >= len(negated) || !negated[i] {
			stated[t] = true
		}
	}
	for i, t := range terms {
		if i < len(negated) && negated[i] && !stated[t] {
			if out == nil {
				out = map[string]bool{}
			}
			out[t] = true
		}
	}
	return out
}

// conditionalWords open a clause that states a case rather than a fact,
// in the languages the engine knows ("if", "unless"; Spanish "si" once
// accents are folded, "a menos que").
var conditionalWords = map[string]bool{"if": true, "unless": true, "whether": true, "si": true, "menos": true}

// asksValue reports whether the question's words include one that asks
// for a value (isValueWord: "how", "when", "what"; nil: none).
func asksValue(toks []token, isValueWord func(string) bool) bool {
	if isValueWord == nil {
		return false
	}
	for _, t := range toks {
		if isValueWord(t.word) {
			return true
		}
	}
	return false
}

// formWeight is what form f of a question's concept c counts for in
// choosing posting p's passage among its document's: f's own weight, less
// when p's passage says the term only in the negative, or f is the term
// said absent by its form ("unscented" of "scent"; without.go) and c does
// not ask for it absent, and q asks for a value.
func (idx *index) formWeight(q query, c concept, f form, p posting) float64 {
	if (p.negated || isWithout(f.term) && !c.absent && !c.unwanted) && q.asksValue {
		return f.weight * negatedWeight
	}
	return f.weight
}
