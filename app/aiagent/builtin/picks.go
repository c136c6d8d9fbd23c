package builtin

import "hubchat/app/aiagent"

// This file answers the shopper's pick of a "did you mean…?": the button
// sends a document's title, and the question asked before it says what of
// that document the shopper wants to know.

// productPicked answers a message that is a product's title, sent after
// the shopper asked a product's facts (its price, stock or options) and
// the engine asked which product: those facts of the product picked. ok is
// false when the message is no product's title or the shopper's message
// before it asked no such fact.
func (idx *index) productPicked(kit *languageKit, msg string, history []aiagent.Turn) (aiagent.Answer, bool) {
	doc, ok := idx.titles[msg]
	if !ok || idx.docs[doc].kind != aiagent.SourceProduct {
		return aiagent.Answer{}, false
	}
	before := lastShopperTurn(history)
	asked := askedFacts(kit, before)
	if !asked.any() {
		return aiagent.Answer{}, false
	}
	q := idx.analyse(msg)
	hits := idx.search(q, func(d document) bool { return d.kind == aiagent.SourceProduct && d.id == idx.docs[doc].id })
	if len(hits) == 0 {
		return aiagent.Answer{}, false
	}
	return idx.productAnswerOf(kit.texts, hits[0], asked, before, idx.analyse(before)), true
}

// titlePicked answers a message that is a document's title (as a "did
// you mean…?" button sends it) with the passage of that document that
// answers the shopper's message before it: the pick says which document,
// the question what of it ("free shipping?", then "Shipping policy", is
// answered by the free-shipping paragraph, not the policy's opening). ok
// is false when the message is no title, or that document does not match
// the message before it.
func (idx *index) titlePicked(kit *languageKit, msg string, history []aiagent.Turn) (aiagent.Answer, bool) {
	doc, ok := idx.titles[msg]
	before := lastShopperTurn(history)
	if !ok || before == "" || before == msg {
		return aiagent.Answer{}, false
	}
	want := idx.docs[doc]
	q := idx.analyse(before)
	hits := idx.search(q, func(d document) bool { return d.kind == want.kind && d.id == want.id })
	if len(hits) == 0 || hits[0].coverage < minCoverage && !partialEvidence(hits[0]) {
		return aiagent.Answer{}, false
	}
	return idx.quote(q, hits[0], 1, kit.texts), true
}

// lastShopperTurn is the shopper's last message in history, normalised.
func lastShopperTurn(history []aiagent.Turn) string {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Author == "shopper" {
			return normalized(history[i].Text)
		}
	}
	return ""
}
