package builtin

import (
	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file keeps a product from answering a question that names another
// product: "is the aroid mix peat free" is not answered by the indoor mix
// whose text says "peat-free", nor "is the puppy food grain free" by the
// grain-free food for adult dogs. The words the two share ("mix", "grain
// free") outscore the one that tells them apart, which the coverage gate
// lets a passage miss; but a word that names one of the shop's products by
// its title, and few of its documents, is what the question is about, and
// a product whose name and text never say it is another product.

// withoutOtherProducts is hits (q's, best first) without the products
// that leave out the name of another product among them: product P's title
// matches more of q's words as written than product D's does, and a rare
// word of q (not a fact asked, as a price is) in P's title is not among
// D's title, description, type, tags and options as written (a synonym
// does not make D the product named: "dog" does not make the food for
// adult dogs the one for puppies). A word of a title that matches less of
// the question than the product's own names nothing: "water" in "how much
// water does the kettle hold" is not the Swiss Water decaf.
func (idx *index) withoutOtherProducts(q query, hits []docHit) []docHit {
	exact := q.exact()
	type named struct {
		doc   int32
		title float64
	}
	var products []named
	for _, h := range hits {
		if d := idx.docs[h.doc]; d.kind == aiagent.SourceProduct {
			products = append(products, named{h.doc, idx.titleCoverage(exact, d.title)})
		}
	}
	if len(products) < 2 {
		return hits
	}
	drop := map[int32]bool{}
	for _, p := range products {
		naming := idx.namingTitleWords(q, p.doc)
		for _, d := range products {
			if d.title < p.title-1e-9 && idx.leavesOutName(d.doc, naming) {
				drop[d.doc] = true
			}
		}
	}
	if len(drop) == 0 {
		return hits
	}
	out := make([]docHit, 0, len(hits))
	for _, h := range hits {
		if !drop[h.doc] {
			out = append(out, h)
		}
	}
	return out
}

// namingTitleWords are q's rare words as written (not a fact asked) that
// product doc's title holds.
func (idx *index) namingTitleWords(q query, doc int32) []string {
	title := idx.wordSet(idx.docs[doc].title)
	var out []string
	for _, c := range q.concepts {
		if w := c.forms[0].term; !c.fact && title[w] && idx.rare(w) {
			out = append(out, w)
		}
	}
	return out
}

// leavesOutName reports whether product doc's text lacks a word of naming
// (terms as written).
func (idx *index) leavesOutName(doc int32, naming []string) bool {
	d := idx.docs[doc]
	if d.kind != aiagent.SourceProduct {
		return false
	}
	own := idx.productWords(d.product)
	for _, w := range naming {
		if !own[w] {
			return true
		}
	}
	return false
}

// productWords are the terms of p's title, description, type, vendor,
// tags and options, word by word (a curated phrase's words too).
func (idx *index) productWords(p storage.Product) map[string]bool {
	return idx.wordSet(p.Title, p.Description, productText(p))
}

// wordSet is the terms of texts word by word, phrases both joined and not.
func (idx *index) wordSet(texts ...string) map[string]bool {
	out := map[string]bool{}
	for _, text := range texts {
		for _, t := range idx.kit.analyzer.terms(text) {
			out[t] = true
		}
		for _, t := range idx.kit.analyzer.tokens(text) {
			if t.term != "" {
				out[t.term] = true
			}
		}
	}
	return out
}
