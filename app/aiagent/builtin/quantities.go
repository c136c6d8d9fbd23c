package builtin

import "strings"

// This file binds a number to what it counts. A shopper's number is most
// often their own quantity ("for 2 cats", "a 25 inch chest"), which a
// passage's figure matches by chance ("a depth of 2 to 3 inches"): a
// number followed by a word is indexed and asked as the pair ("2 cat"), so
// it matches only the same number of the same thing ("30 day" of "within
// 30 days"), and a shopper's quantity the shop never writes is no word of
// the question.

// maxUnitGap is how many stop words may stand between a number and the
// word it counts ("2 to 3 inches": "to" is one).
const maxUnitGap = 1

// quantities is, for each number token of toks in order, the pair of the
// number and the word it counts ("2 cat"), or "" when no word follows
// within reach. A run of numbers shares the word after it: "2 to 3 inches"
// is "2 inch" and "3 inch".
func quantities(toks []token) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		if !isNumber(toks[i].term) {
			continue
		}
		out = append(out, "")
		if unit := unitAfter(toks, i); unit != "" {
			out[len(out)-1] = toks[i].term + " " + unit
		}
	}
	return out
}

// unitAfter is the term of the word a number at i counts: the first term
// after it that is no number, past at most maxUnitGap stop words between
// each; "" for none.
func unitAfter(toks []token, i int) string {
	gap := 0
	for j := i + 1; j < len(toks); j++ {
		switch t := toks[j].term; {
		case t == "":
			if gap++; gap > maxUnitGap {
				return ""
			}
		case isNumber(t):
			gap = 0
		default:
			return t
		}
	}
	return ""
}

// countQuantities adds to a passage's term frequencies one count of each
// number-and-word pair its tokens hold.
func countQuantities(tf map[string]float32, toks []token) {
	for _, q := range quantities(toks) {
		if q != "" {
			tf[q]++
		}
	}
}

// isQuantity reports whether a term is a number and the word it counts.
func isQuantity(term string) bool {
	n, _, ok := strings.Cut(term, " ")
	return ok && isNumber(n)
}

// isNumber reports whether a term is digits only.
func isNumber(term string) bool {
	for _, r := range term {
		if r < '0' || r > '9' {
			return false
		}
	}
	return term != ""
}
