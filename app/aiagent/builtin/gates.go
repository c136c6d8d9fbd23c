package builtin

import "hubchat/app/aiagent"

// leavesOutSubject reports whether hit's passage answers of another of
// the shop's services than the question asks: the question names services
// (shipping, returns, a subscription, a discount, payment…: the words of a
// curated synonym group of the shop's services), the passage matches one
// and leaves out as many. The coverage gate lets a passage miss part of a
// question, which is right for the shopper's own words ("honestly",
// "stuff") and for the product a policy question names, but of two
// services asked of together, the one left out is what the question is
// about: "subscription discount?" is not answered by the first order's
// discount, nor "return shipping cost?" by the cost of shipping an order.
func (idx *index) leavesOutSubject(q query, hit docHit) bool {
	matched, left := 0, 0
	for i, c := range q.concepts {
		switch {
		case !idx.namesService(c):
		case hit.matched&(1<<uint(i)) != 0:
			matched++
		default:
			left++
		}
	}
	return matched > 0 && left >= matched
}

// namesService reports whether c is a word of one of the language's
// synonym groups of the shop's services: not of a product, nor of a
// product's fact (its price) or option (a size), nor of buying itself,
// which every order is: "the address of my purchase" is answered by the
// address of an order.
func (idx *index) namesService(c concept) bool {
	a := idx.kit.analyzer
	key := idx.groupKey(c.term)
	if key == "" || a.facts[key] || a.options[key] || key == "~"+a.lang.buyingGroup {
		return false
	}
	topic, ok := a.tagOf[key]
	return ok && topic != aiagent.TagProduct
}

// onSubject is hits without those that leave out the subject of q
// (leavesOutSubject), in their order.
func (idx *index) onSubject(q query, hits []docHit) []docHit {
	out := make([]docHit, 0, len(hits))
	for _, h := range hits {
		if !idx.leavesOutSubject(q, h) {
			out = append(out, h)
		}
	}
	return out
}

// namesKind reports whether c is a word of one of the language's synonym
// groups of what products are or are for (a dog, a child, a hoodie, vegan,
// washable), not of a fact asked of one (its price, stock) or an option's
// name (a size).
func (idx *index) namesKind(c concept) bool {
	a := idx.kit.analyzer
	key := idx.groupKey(c.term)
	if key == "" || a.facts[key] || a.options[key] {
		return false
	}
	return a.tagOf[key] == aiagent.TagProduct
}

// leavesOutKind reports whether a product hit leaves out a kind the
// search names ("wet food for dogs" of the cats' wet food): a product
// search's cards are of products of the kind asked for, or none. What
// the thing is to do ("something to clean…": teeth, not a washable
// product) is no kind.
func (idx *index) leavesOutKind(q query, hit docHit) bool {
	for i, c := range q.concepts {
		if hit.matched&(1<<uint(i)) == 0 && !c.purpose && idx.namesKind(c) {
			return true
		}
	}
	return false
}
