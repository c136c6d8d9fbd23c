package builtin

import (
	"slices"
	"strings"

	"hubchat/app/aiagent"
)

// This file finds a shop's products by the general word a shopper uses for
// them: "do you sell pots" of a shop that sells a "Speckled Ceramic
// Planter", "shears" of one that sells "Pruning Snips". The general
// thesaurus says what each product's head word (its title's last word
// before "for", "with"…, or its type) is a kind of, in its commonest
// meanings as a noun ("planter": a pot); a question's word the shop never
// uses that names such a kind matches the products of it, at
// thesaurusWeight. Only that way round: a shopper's "planter" is no answer
// to be met with any pot, since a kind holds other things too.

// kindForms are the forms of a question's word (as written, and its term)
// the shop never uses that the products' head words are kinds of.
func (idx *index) kindForms(word, term string) []form {
	if idx.thesaurus == nil || word == "" {
		return nil
	}
	head := idx.thesaurus.headwordOf(word, term, idx.kit.stem)
	if head == "" {
		return nil
	}
	var out []form
	for _, t := range idx.productKinds()[head] {
		out = append(out, form{t, thesaurusWeight})
	}
	return out
}

// productKinds is, by the generic word, the terms of the products' head
// words the thesaurus says are kinds of it; read once per index, when the
// engine builds it (none without a thesaurus).
func (idx *index) productKinds() map[string][]string {
	idx.kindsOnce.Do(func() {
		idx.kinds = map[string][]string{}
		if idx.thesaurus == nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range idx.docs {
			if d.kind != aiagent.SourceProduct {
				continue
			}
			for _, w := range []string{headWord(d.product.Title), headWord(d.product.ProductType)} {
				if w == "" || seen[w] {
					continue
				}
				seen[w] = true
				idx.addKinds(w)
			}
		}
	})
	return idx.kinds
}

// addKinds files head word w's term under each kind the thesaurus says
// it is.
func (idx *index) addKinds(w string) {
	term := idx.vocab.term(w)
	if term == "" {
		return
	}
	h := idx.thesaurus.headwordOf(w, term, idx.kit.stem)
	if h == "" {
		return
	}
	for _, k := range idx.thesaurus.entry(h).kinds {
		if !slices.Contains(idx.kinds[k], term) {
			idx.kinds[k] = append(idx.kinds[k], term)
		}
	}
}

// headWord is the last word of a product's name before a preposition or a
// parenthesis ("Terracotta Pot with Saucer (6\")" is "pot"), lower-case.
func headWord(name string) string {
	name, _, _ = strings.Cut(name, "(")
	ws := words(headEnd.Split(strings.ToLower(name), 2)[0])
	if len(ws) == 0 {
		return ""
	}
	return fold(ws[len(ws)-1])
}
