package builtin

import "hubchat/app/aiagent"

// This file keeps a FAQ's, article's or policy's passage from answering a
// question of a product when all it matches is the product's name: "is the
// house blend organic" is not answered by a roast guide's paragraph that
// names the House Blend ("medium roasts, like our House Blend"), nor "is
// the night shift espresso decaf" by the FAQ that recommends the Night
// Shift Espresso for espresso. The product's name is most of the
// question's words, so such a passage passes the coverage gate; but what
// the question asks of the product is the rest, and the passage says none
// of it: the engine hands off rather than quote it or offer it as a "did
// you mean…?" choice.

// namingMask is the words of q (one bit each) that name the one product q
// names clearly, as describedFact finds it: a product hit whose title
// holds a rare word of q, and which those words name alone among the
// shop's products. 0 when q names no product so.
func (idx *index) namingMask(q query) uint64 {
	if !idx.hasRareNameWord(q) {
		return 0
	}
	isProduct := func(d document) bool { return d.kind == aiagent.SourceProduct }
	hits := idx.search(q, isProduct)
	for _, h := range hits[:min(len(hits), describedCandidates)] {
		naming, _, ok := idx.namingWords(q, h.doc)
		if !ok {
			continue
		}
		named := idx.nameProduct(q.only(naming), idx.search(q.only(naming), isProduct))
		if named.found && len(named.rivals) == 0 && named.hit.doc == h.doc {
			return naming
		}
	}
	return 0
}

// onlyNamesIt reports whether knowledge hit k matches nothing of q but the
// words that name the product q asks of: "is the house blend organic" is
// not answered by a roast guide's paragraph that names the House Blend
// and says nothing of organic. A question of the name alone ("house
// blend?") asks nothing more, and is not judged so.
func (idx *index) onlyNamesIt(q query, k docHit) bool {
	if idx.docs[k.doc].kind == aiagent.SourceProduct || !leavesOutAWord(q, k) {
		return false // a passage that matches every word asked says it
	}
	naming := idx.namingMask(q)
	if naming == 0 || k.matched&^naming != 0 {
		return false
	}
	for i, c := range q.concepts {
		if naming&(1<<uint(i)) == 0 && !c.fact {
			return true
		}
	}
	return false
}

// leavesOutAWord reports whether hit matches none of a word of q that is
// no fact asked.
func leavesOutAWord(q query, hit docHit) bool {
	for i, c := range q.concepts {
		if !c.fact && hit.matched&(1<<uint(i)) == 0 {
			return true
		}
	}
	return false
}
