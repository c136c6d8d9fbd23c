package builtin

import "hubchat/storage"

// This file reads a word the shop writes only inside its products' option
// values of more than one word: a coffee shop writes "bean" only in its
// grind "Whole Bean" ("Should I buy whole bean or ground coffee?"), so a
// shopper's "beans" alone ("how fresh will the beans be") is their word
// for the coffee, not the grind, and asks nothing of the FAQ on whole bean
// or ground: it is no concept of the question. With the value's other
// words ("whole beans") it is the value, and so it is in a question that
// names a product, of whose values it may be a part ("does the glazed
// planter come in white" of the value "Chalk White").

// optionWords counts, while the index is built, how often each term is
// written and how often inside a multi-word option value.
type optionWords struct {
	runs        map[string][][]string // a value's first term → the values' terms
	written, in map[string]int
}

// newOptionWords collects the multi-word option values of products.
func newOptionWords(products []storage.Product, a *analyzer) *optionWords {
	o := &optionWords{runs: map[string][][]string{}, written: map[string]int{}, in: map[string]int{}}
	for _, p := range products {
		for _, opt := range p.Options {
			for _, v := range opt.Values {
				if terms := a.terms(v); len(terms) > 1 && !hasRun(o.runs[terms[0]], terms) {
					o.runs[terms[0]] = append(o.runs[terms[0]], terms)
				}
			}
		}
	}
	return o
}

func hasRun(runs [][]string, run []string) bool {
	for _, r := range runs {
		if equalWords(r, run) {
			return true
		}
	}
	return false
}

// count adds a text's terms, in order, to the counts.
func (o *optionWords) count(terms []string) {
	if len(o.runs) == 0 {
		return
	}
	inside := 0 // terms left of the value run being read
	for i, t := range terms {
		if inside == 0 {
			inside = runAt(terms, i, o.runs[t])
		}
		o.written[t]++
		if inside > 0 {
			o.in[t]++
			inside--
		}
	}
}

// runAt is the length of the run of runs that terms hold at i, 0 for none.
func runAt(terms []string, i int, runs [][]string) int {
	for _, r := range runs {
		if i+len(r) <= len(terms) && equalWords(terms[i:i+len(r)], r) {
			return len(r)
		}
	}
	return 0
}

// bound are the terms written only inside option values, with the values
// they are written in.
func (o *optionWords) bound() map[string][][]string {
	out := map[string][][]string{}
	for _, runs := range o.runs {
		for _, r := range runs {
			for _, t := range r {
				if o.written[t] > 0 && o.in[t] == o.written[t] && !hasRun(out[t], r) {
					out[t] = append(out[t], r)
				}
			}
		}
	}
	return out
}

// boundAlone reports whether the term at i of a question's terms is one
// the shop writes only inside option values, written here outside them.
func (idx *index) boundAlone(terms []string, i int) bool {
	runs := idx.boundTerms[terms[i]]
	if len(runs) == 0 {
		return false
	}
	for _, r := range runs {
		for start := max(0, i-len(r)+1); start <= i; start++ {
			if runAt(terms, start, [][]string{r}) > 0 {
				return false
			}
		}
	}
	return true
}
