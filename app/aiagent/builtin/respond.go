package builtin

import (
	"strings"

	"hubchat/app/aiagent"
)

// fallbackCoverage is the least share of a question that is not worded as
// a product search a product must match to be shown instead of a handoff.
const fallbackCoverage = 0.75

// respond answers a message no intent rule took, from the shop's data: a
// document's title picked from "did you mean…?", a product's facts, a
// product search, else the passage that answers best (or a handoff); kit
// is the shopper's language, rest their message normalised.
func (idx *index) respond(kit *languageKit, rest string) aiagent.Answer {
	a := withoutMeasure(kit, rest, idx.namedByThing(kit, rest, idx.answerOf(kit, rest)), kit.texts)
	a = idx.withoutOtherSize(rest, a, kit.texts)
	return idx.withoutLength(kit, rest, a, kit.texts)
}

// answerOf is respond's answer before the measure check (measures.go).
func (idx *index) answerOf(kit *languageKit, rest string) aiagent.Answer {
	query := idx.lengthQuery(kit, rest, idx.analyse(rest))
	if matchesAny(kit.intents.products, rest) {
		query = query.plain()
	}
	if a, ok := idx.titled(rest, query, kit.texts); ok {
		return a
	}
	if a, ok := idx.productFacts(kit, rest, query); ok {
		return a
	}
	if idx.sellsUnlisted(kit, rest) {
		return unlisted(kit.texts) // "do you sell coffee?" of a tea shop: not the mate whose text says coffee
	}
	bound, unbounded := priceBoundOf(kit, rest)
	search := bound.set() || matchesAny(kit.intents.products, rest)
	if !search {
		if a, ok := idx.describedFact(kit, rest, query); ok {
			return a
		}
	}
	noKind := search && idx.headNamesNoKind(kit, rest)
	// "a white pot": the thing wanted, named with an article, is looked
	// for among the products first, as "do you have a white pot" is.
	wanted := search || idx.bareSearchOf(kit, rest) == describedWanted
	if wanted && !noKind {
		a, ok := idx.productAnswer(idx.analyse(unbounded).plain(), bound, kit.texts)
		if ok && !idx.showsNoHead(kit, rest, a) {
			if o, named := idx.optionsOfShown(query, rest, a, kit.texts); named {
				return o
			}
			return idx.withKnowledge(a, query, kit.texts)
		}
		noKind = ok // "cut flowers" of pruning snips' "clean cuts": none of the kind asked
	}
	a := idx.retrieved(kit, query, search, idx.bareSearchOf(kit, rest), bound)
	if noKind && !a.Handoff && len(a.Choices) == 0 {
		// A thing no product is a kind of is answered only by a text that names it.
		if before, head, _ := idx.thingHead(kit, rest); !idx.namesThing(answeredText(a), before, head) {
			return handedOff(a, kit.texts)
		}
	}
	return a
}

// retrieved is the passage that answers query best, with two guards: a
// question no passage answers may be a product search in other words (bare
// tells whether it names what is wanted without a question), and
// a product search no product answers is not answered by a paragraph that
// merely shares its words.
func (idx *index) retrieved(kit *languageKit, query query, search bool, bare bareSearch, bound priceBound) aiagent.Answer {
	ranked := idx.ranked(query)
	a := idx.answerFrom(query, ranked, kit.texts)
	if !a.Handoff && len(a.Choices) == 0 && len(a.Sources) > 0 && a.Sources[0].Kind == aiagent.SourceProduct {
		if p, ok := idx.alikeProducts(query, ranked, kit.texts); ok {
			return p
		}
	}
	if a.Handoff && !search && (a.Tag == aiagent.TagProduct || a.Tag == aiagent.TagOther) {
		// "A warm hat for winter"; not a question about an exchange or a
		// delivery that names a product.
		// "A tree that grows lemons indoors" is what is wanted, not a
		// question of it: a product that matches less of it is shown.
		least := fallbackCoverage
		if bare != notBare {
			least = bareSearchCoverage
		}
		if p, ok := idx.productAnswer(query.plain(), bound, kit.texts); ok && p.Confidence >= least &&
			(bare == describedWanted || !idx.namesProductBeyond(query)) {
			return p
		}
	}
	if a.Handoff && a.HandoffReason == ReasonLowConfidence {
		if c, ok := idx.partialChoices(query, ranked, kit.texts); ok {
			return c // no answer sure enough, but a few close: ask which
		}
	}
	if search && !a.Handoff && len(a.Choices) == 0 && len(a.Sources) > 0 && a.Sources[0].Kind != aiagent.SourceProduct {
		if len(a.Cards) > 0 {
			// The merchant's answer names the products that fit: "what
			// bed for an anxious cat" of a FAQ that names the Cozy Cave.
			a.Intent, a.Tag = aiagent.IntentProducts, aiagent.TagProduct
			return a
		}
		if idx.titleCoverage(query, a.Sources[0].Title) < minCoverage {
			return idx.lowConfidence(query, a.Confidence, kit.texts) // "something fruity": not an article on roasts
		}
	}
	return a
}

// answeredText is what an answer says and the titles of its sources (a
// FAQ's question names what its answer is about).
func answeredText(a aiagent.Answer) string {
	parts := []string{a.Text}
	for _, s := range a.Sources {
		parts = append(parts, s.Title)
	}
	return strings.Join(parts, " . ")
}
