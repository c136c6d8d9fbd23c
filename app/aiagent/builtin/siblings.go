package builtin

import "strings"

// This file reads a policy or an article passage by passage: when two
// passages of the document answer a question's words equally ("free
// shipping?" of a policy whose standard-shipping paragraph gives the free
// threshold and whose express paragraph says express is never free), the
// words cannot tell which one the shopper means, and quoting only the one
// BM25 favours (the shorter) answers with the exception instead of the
// rule. The answer quotes the best sentence of the other too.

// siblingPassage is the other passage of best's document that matches
// each of q's words that best's passage matches (as written or by a
// curated synonym; the document's title aside), with at least one word
// beyond the title, and matches them best (the words as written counting
// over synonyms); ok is false when no other passage does, or two match
// them equally well (then the words cannot tell which one adds to it).
func (idx *index) siblingPassage(q query, best docHit) (int32, bool) {
	d := idx.docs[best.doc]
	title := idx.termSet(d.title)
	found, top, tied := int32(-1), 0.0, false
	for p := d.first; p < d.first+d.passages; p++ {
		if p == best.passage {
			continue
		}
		text := idx.termSet(idx.passages[p].text)
		if moneyAmount.MatchString(idx.passages[p].text) {
			text[amountTerm] = true // as the index counts it: a price word matches an amount
		}
		ties, weight := true, 0.0
		for i, c := range q.concepts {
			if best.matched&(1<<uint(i)) == 0 || c.matches(title) {
				continue
			}
			if !c.matchesSurely(text) {
				ties = false
				break
			}
			weight += c.weight * c.matchWeight(text)
		}
		switch {
		case !ties || weight == 0 || weight < top-1e-9:
		case weight <= top+1e-9:
			tied = true
		default:
			found, top, tied = p, weight, false
		}
	}
	return found, found >= 0 && !tied
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
