package builtin

import "strings"

// This file reads a policy or an article passage by passage: when two
// passages of the document answer a question's words equally ("free
// shipping?" of a policy whose standard-shipping paragraph gives the free
// threshold and whose express paragraph says express is never free), the
// words cannot tell which one the shopper means, and quoting only the one
// BM25 favours (the shorter) answers with the exception instead of the
// rule. The answer quotes the best sentence of the other too.

// siblingPassage is the one other passage of best's document whose text
// matches each of q's words that best's passage matches as well as it does
// (the word as written where best's has it, not a synonym), the
// document's title aside, and at least one word beyond the title; ok is false when no
// other passage does. When several do, the first of them is taken if it
// comes before best's: a merchant states the rule before its exceptions
// ("Standard: $9.95", then "Expedited: $24.95", then "Large plants carry
// an oversize fee"), and BM25 favours the shortest of them, which is
// seldom the rule. Otherwise the question is too broad for two quotes to
// settle it.
func (idx *index) siblingPassage(q query, best docHit) (int32, bool) {
	d := idx.docs[best.doc]
	title, answered := idx.termSet(d.title), idx.termSet(idx.passages[best.passage].text)
	if moneyAmount.MatchString(idx.passages[best.passage].text) {
		answered[amountTerm] = true
	}
	found, first, count := int32(-1), int32(-1), 0
	for p := d.first; p < d.first+d.passages; p++ {
		if p == best.passage {
			continue
		}
		text := idx.termSet(idx.passages[p].text)
		if moneyAmount.MatchString(idx.passages[p].text) {
			text[amountTerm] = true // as the index counts it: a price word matches an amount
		}
		ties, beyondTitle := true, false
		for i, c := range q.concepts {
			if best.matched&(1<<uint(i)) == 0 {
				continue
			}
			switch {
			case c.matches(title):
			case c.matchWeight(text) >= c.matchWeight(answered) && c.matches(text):
				beyondTitle = true
			default:
				ties = false
			}
		}
		if ties && beyondTitle {
			found, count = p, count+1
			if first < 0 {
				first = p
			}
		}
	}
	if count > 1 && first < best.passage {
		return first, true
	}
	return found, count == 1
}

// withSibling adds to text, quoted from best's passage, the best sentence
// of the sibling passage that answers q as well, if there is one.
func (idx *index) withSibling(text string, q query, best docHit) string {
	p, ok := idx.siblingPassage(q, best)
	if !ok {
		return text
	}
	extra := idx.bestSentences(idx.passages[p].text, q, 1, nil)
	if extra == "" || strings.Contains(text, extra) {
		return text
	}
	if p < best.passage {
		return extra + "\n\n" + text // in the document's order
	}
	return text + "\n\n" + extra
}
