package builtin

import (
	"context"
	"slices"

	"hubchat/app/aiagent"
)

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
	keep := func(d document) bool { return d.kind == want.kind && d.id == want.id }
	whole := idx.search(q, keep)
	if len(whole) == 0 || whole[0].coverage < minCoverage && !partialEvidence(whole[0]) {
		return aiagent.Answer{}, false
	}
	beyond := idx.beyondTitle(q, msg)
	if len(beyond.concepts) == 0 && want.kind != aiagent.SourceFAQ {
		if h, ok := idx.measuredPassage(kit, before, q, whole[0].doc); ok {
			return idx.quote(q, h, 1, kit.texts), true // "how many reeds", then the reed diffusers' article
		}
	}
	hits := idx.search(beyond, keep)
	if len(hits) == 0 {
		hits = whole
	}
	return idx.quote(q, hits[0], 1, kit.texts), true
}

// beyondTitle is q without the concepts that title, a picked document's,
// says: every passage of the document holds them, so they cannot tell which
// answers ("can I send back a plant", then "Refund policy", asks of the
// paragraph on returning plants, not of any that says "refund").
func (idx *index) beyondTitle(q query, title string) query {
	said := map[string]bool{}
	for _, term := range idx.kit.analyzer.terms(title) {
		said[term] = true
		if key := idx.groupKey(term); key != "" {
			said[key] = true
		}
	}
	out := q
	out.concepts = nil
	for _, c := range q.concepts {
		if !slices.ContainsFunc(c.forms, func(f form) bool { return said[f.term] }) {
			out.concepts = append(out.concepts, c)
		}
	}
	return out
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

// picksTitle reports whether msg is a pick of the engine's last "did you
// mean…?": the engine asked it last (history's last answer is kit's
// question, of several choices or of one) and msg is one of the shop's
// documents' titles. A FAQ titled "When will my plant ship?" is then that
// FAQ, not a question about the shopper's own order to sign in for.
func (e *Engine) picksTitle(ctx context.Context, shopID int64, kit *languageKit, msg string, history []aiagent.Turn) (bool, error) {
	if last := lastAnswer(history); last != kit.texts.didYouMean && last != kit.texts.didYouMeanThis {
		return false, nil
	}
	idx, err := e.index(ctx, shopID, kit)
	if err != nil {
		return false, err
	}
	_, ok := idx.titles[msg]
	return ok, nil
}

// lastAnswer is the engine's last answer in history, as it was written.
func lastAnswer(history []aiagent.Turn) string {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Author == "ai" {
			return history[i].Text
		}
	}
	return ""
}
