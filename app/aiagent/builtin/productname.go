package builtin

import (
	"hubchat/app/aiagent"
)

// This file decides which product a question about a product's facts
// names. A shopper names a product by its title ("how much is the
// monstera"); the same word in other products' tags or type only describes
// them (a potting mix tagged "monstera"), so titles decide first. When two
// or three products answer to the name equally, the engine asks which one
// rather than answer with the facts of one it guessed (picks.go answers
// the pick).

// namedProduct is what the words naming a product found among product hits:
// the one product they name, or the products that answer to them equally.
type namedProduct struct {
	hit    docHit
	rivals []docHit // set when several products fit: ask which, do not guess
	found  bool
}

// nameProduct finds the product words name among hits (product hits, best
// first): of the hits that match enough of the words by their name (title,
// type, vendor, tags), the one whose title matches most of the words; when
// no title matches enough, the best hit unless the next comes as close.
func (idx *index) nameProduct(words query, hits []docHit) namedProduct {
	if len(hits) == 0 || hits[0].coverage < minCoverage {
		return namedProduct{}
	}
	var titled []docHit
	bestTitle := 0.0
	for _, h := range hits {
		if h.coverage < minCoverage || idx.nameCoverage(words, h.doc) < minCoverage {
			continue
		}
		switch c := idx.titleCoverage(words, idx.docs[h.doc].product.Title); {
		case c > bestTitle+1e-9:
			bestTitle, titled = c, []docHit{h}
		case c >= bestTitle-1e-9 && c > 0:
			titled = append(titled, h)
		}
	}
	if bestTitle >= minCoverage {
		if whole, ok := idx.wholeTitle(words, titled); ok {
			return namedProduct{hit: whole, found: true} // "Iron & Steam", not "Pre-owned: Iron & Steam"
		}
		switch {
		case len(titled) == 1:
			return namedProduct{hit: titled[0], found: true}
		case len(titled) <= maxChoices:
			return namedProduct{hit: titled[0], rivals: titled[1:], found: true}
		}
		return namedProduct{} // a word many titles share names none of them
	}
	if idx.nameCoverage(words, hits[0].doc) < minCoverage {
		return namedProduct{}
	}
	if len(hits) > 1 && hits[1].coverage >= hits[0].coverage && hits[1].score >= (1-choiceMargin)*hits[0].score &&
		idx.nameCoverage(words, hits[1].doc) >= idx.nameCoverage(words, hits[0].doc) {
		return namedProduct{} // two products answer to the name by their descriptions alone: no guess
	}
	return namedProduct{hit: hits[0], found: true}
}

// whichProduct asks "did you mean…?" with the titles of the products a
// question names equally.
func (idx *index) whichProduct(n namedProduct, t texts) aiagent.Answer {
	a := aiagent.Answer{Text: t.didYouMean, Confidence: n.hit.coverage, Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
	for _, h := range append([]docHit{n.hit}, n.rivals...) {
		d := idx.docs[h.doc]
		a.Choices = append(a.Choices, d.title)
		a.Sources = append(a.Sources, aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score})
	}
	return a
}

// wholeTitle is the one product among titled (hits whose titles match the
// naming words alike) whose title is the naming words, no more, no less
// (as written): of "Harbourmasters" and "Harbourmasters: Stormy Seas
// Expansion", a question of "harbourmasters" names the game, the
// expansion's title says more than it; "sleeves for fox and hollow" names
// no title whole. ok is false when none or several are so.
func (idx *index) wholeTitle(words query, titled []docHit) (docHit, bool) {
	if len(titled) < 2 {
		return docHit{}, false
	}
	asked := map[string]bool{}
	for _, c := range words.concepts {
		asked[c.forms[0].term] = true
	}
	var whole []docHit
	for _, h := range titled {
		title := idx.kit.analyzer.terms(idx.docs[h.doc].title)
		all := len(title) == len(asked)
		for _, t := range title {
			all = all && asked[t]
		}
		if all {
			whole = append(whole, h)
		}
	}
	if len(whole) != 1 {
		return docHit{}, false
	}
	return whole[0], true
}
