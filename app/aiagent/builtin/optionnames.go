package builtin

import "hubchat/storage"

// asksOptionNames reports whether every word of q (the words a question
// asks of product p beyond its name) is, as written, the name of one of
// p's options:
// "wax melts scents", "the trimmer's finishes" ask for the option's
// values, which p's fields give, not for a sentence of its description
// that happens to say the word ("scented soy wax").
func (idx *index) asksOptionNames(p storage.Product, q query) bool {
	if len(q.concepts) == 0 || len(p.Options) == 0 {
		return false
	}
	names := make([]map[string]bool, len(p.Options))
	for i, o := range p.Options {
		names[i] = idx.termSet(o.Name)
	}
	for _, c := range q.concepts {
		named := false
		for _, n := range names {
			named = named || n[c.term] // as written: "big" is of sizes, and asks how one fits
		}
		if !named {
			return false
		}
	}
	return true
}
