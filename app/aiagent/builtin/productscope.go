package builtin

import (
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file keeps a product's answer to what its data says: a question
// that names a product ("how much does the rain shell weigh") but asks of
// it something neither its fields nor its text hold is handed off, not
// answered with the facts the product has (its price, for "how much").

// maxUnsaidShare is the largest share of a product question's own words
// (beyond the product's name and the facts answered from its fields) that
// the product's data may leave unmatched and still answer it: half, since
// a question's frame ("is it good for…", "does it work with…") often
// holds a word the data does not use beside the words it answers.
const maxUnsaidShare = 0.5

// asksBeyond reports whether q asks of product doc something its data does
// not say: of q's words that do not name it (title, type, vendor, tags)
// and ask no field's fact (price, stock, an option), more than
// maxUnsaidShare of the weight is in none of its fields nor its
// description, as written or by a curated synonym (a thesaurus' distant
// sense does not count: "hob" is no "heat"). A word that names a kind of
// fact (a synonym group's key: "made of" is a material) is said when a
// word of the question its data holds gives the fact ("made of ceramic").
func (idx *index) asksBeyond(doc int32, q query) bool {
	p := idx.docs[doc].product
	name := idx.termSet(append([]string{p.Title, p.ProductType, p.Vendor}, p.Tags...)...)
	data := idx.termSet(p.Description, productText(p))
	data[oftenTerm] = howOften.MatchString(p.Description) // "use it every other watering" says how often
	asked, unsaid, unsaidKinds, said := 0.0, 0.0, 0.0, false
	for _, c := range q.concepts {
		if c.fact || c.option || c.matchesSurely(name) {
			continue
		}
		asked += c.weight
		if idx.asksFrequency(c.term) && !c.matchesSurely(data) {
			return true // how often is what is asked, and its data says no frequency ("every other watering")
		}
		kind := idx.groupKey(c.term) == c.term
		switch {
		case c.matchesSurely(data):
			said = said || !kind
		case kind:
			unsaidKinds += c.weight
		default:
			unsaid += c.weight
		}
	}
	if !said {
		unsaid += unsaidKinds
	}
	return asked > 0 && unsaid > maxUnsaidShare*asked
}

// namesProductBeyond reports whether q names one product (the best
// product for it, whose name covers most of it) and asks of it what its
// data does not say: a question no passage answers is then not answered
// with the product's card either ("is the earl grey organic" shows no
// earl grey). A product search is not judged so: it describes what the
// shopper wants ("a small backpack"), not a product it knows.
func (idx *index) namesProductBeyond(q query) bool {
	hits := idx.search(q, func(d document) bool { return d.kind == aiagent.SourceProduct })
	naming := q.without(idx.onlyDescribes) // "organic" in "is the rope toy organic" asks, it does not name
	return len(hits) > 0 && idx.nameCoverage(naming, hits[0].doc) >= minCoverage && idx.asksBeyond(hits[0].doc, q)
}

// onlyDescribes reports whether c is a word the shop uses only in its
// products' descriptions and options: no FAQ, article or policy and no
// product's name holds it.
func (idx *index) onlyDescribes(c concept) bool {
	used := false
	for _, f := range c.forms {
		used = used || idx.df[f.term] > 0
	}
	return used && !idx.inKnowledge(c) && !idx.namesProducts(c)
}

// matchesSurely reports whether the word itself or one of its curated
// synonyms is in terms.
func (c concept) matchesSurely(terms map[string]bool) bool {
	for _, f := range c.forms {
		if f.weight >= synonymWeight && terms[f.term] {
			return true
		}
	}
	return false
}

// termSet is the terms of texts.
func (idx *index) termSet(texts ...string) map[string]bool {
	out := map[string]bool{}
	for _, t := range idx.kit.analyzer.terms(strings.Join(texts, " . ")) {
		out[t] = true
	}
	return out
}

// namesSoldOutVariant reports whether q names a value of one of p's
// options ("in a 54") while p has no variant for sale: whatever else it
// asks, the answer is that it is sold out.
func (idx *index) namesSoldOutVariant(p storage.Product, q query) bool {
	if p.Available || len(p.Options) == 0 {
		return false
	}
	var values []string
	for _, o := range p.Options {
		values = append(values, o.Values...)
	}
	named := idx.termSet(values...)
	for _, c := range q.concepts {
		if named[c.term] {
			return true
		}
	}
	return false
}

// beyondItsData is the handoff of a product question its data does not answer.
func beyondItsData(t texts, conf float64) aiagent.Answer {
	return aiagent.Answer{Text: t.noAnswer, Confidence: conf, Handoff: true, HandoffReason: ReasonLowConfidence,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
}

// namesProducts reports whether one of c's forms is a word of a product's
// name (title, type, vendor, tags): a word only a product's description
// uses ("induction" of "not on induction") is what a question asks of, not
// the product it names.
func (idx *index) namesProducts(c concept) bool {
	for _, f := range c.forms {
		if _, ok := idx.nameTerms[f.term]; ok {
			return true
		}
	}
	return false
}
