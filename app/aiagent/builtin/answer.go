package builtin

import (
	"fmt"
	"slices"
	"strings"

	"hubchat/app/aiagent"
)

// The gates an answer passes. They are shares, not scores, so they mean the
// same in a shop of ten documents and one of ten thousand.
const (
	// minCoverage is the least share of the question (its words weighted
	// by how much each says) the best passage must match: below it, the
	// passage answers some other question. A question about something the
	// shop never wrote of ("a student discount") fails here, however well
	// its other words match.
	minCoverage = 0.6
	// fullMargin is the lead over the second-best document at which an
	// answer is not in doubt; a smaller lead lowers the confidence.
	fullMargin = 0.3
	// minConfidence is the confidence below which the engine hands off.
	minConfidence = 0.5
	// minProductCoverage is the least share of a product search a product
	// must match to be shown; productScoreShare is how close to the best
	// product's score another must be to be shown beside it.
	minProductCoverage = 0.5
	productScoreShare  = 0.5
	// maxCards is the most product cards an answer shows.
	maxCards = 3
	// choiceMargin is the lead under which the engine does not pick
	// between documents that both cover the question: it asks "did you
	// mean…?" with up to maxChoices of them.
	choiceMargin = 0.15
	maxChoices   = 3
)

// confidence is the best hit's coverage, lowered when the second-best
// document comes close: coverage × (½ + ½ × min(1, margin / fullMargin)).
func confidence(hits []docHit) float64 {
	if len(hits) == 0 {
		return 0
	}
	best, margin := hits[0], 1.0
	if len(hits) > 1 && best.score > 0 {
		margin = (best.score - hits[1].score) / best.score
	}
	return best.coverage * (0.5 + 0.5*min(1, margin/fullMargin))
}

// answer quotes the passage that answers q best, or hands off when none
// passes the gates.
func (idx *index) answer(q query, t texts) aiagent.Answer {
	return idx.answerFrom(q, idx.ranked(q), t)
}

// ranked is the documents that may answer q, best first: those that
// leave out no subject of it, the best FAQ, article or policy first when it
// covers q as well as the products above it.
func (idx *index) ranked(q query) []docHit {
	hits := idx.withoutOtherProducts(q, idx.onSubject(q, idx.search(q, nil)))
	return preferKnowledge(idx, q, fullestProductFirst(idx, hits))
}

// answerFrom is answer over hits, q's ranked documents.
func (idx *index) answerFrom(q query, hits []docHit, t texts) aiagent.Answer {
	conf := confidence(hits)
	if len(hits) > 0 && idx.docs[hits[0].doc].kind != aiagent.SourceProduct {
		hits = knowledgeOnly(idx, hits) // products answer other questions than articles do: no rivals
		conf = confidence(hits)
	}
	if len(hits) > 0 && idx.onlyNamesIt(q, hits[0]) {
		return idx.lowConfidence(q, conf, t) // it names the product asked of, and says nothing of what is asked
	}
	if len(hits) > 0 && hits[0].coverage >= minCoverage {
		if a, ok := idx.choices(q, hits, conf, t); ok {
			return a // close answers: ask rather than guess or hand off
		}
	}
	if len(hits) == 0 || hits[0].coverage < minCoverage || conf < minConfidence {
		return idx.lowConfidence(q, conf, t)
	}
	return idx.quote(q, hits[0], conf, t)
}

// An article's or policy's paragraph longer than longPassage characters is
// quoted by its quotedSentences sentences that match the question most.
const (
	longPassage     = 320
	quotedSentences = 2
)

// lowConfidence hands off: nothing in the shop's data answers q surely.
func (idx *index) lowConfidence(q query, conf float64, t texts) aiagent.Answer {
	return aiagent.Answer{Text: t.noAnswer, Confidence: conf, Handoff: true, HandoffReason: ReasonLowConfidence,
		Intent: aiagent.IntentQuestion, Tag: tagOf(q.topics, "", "")}
}

// quote answers with hit's passage: a FAQ's answer, an article's or a
// policy's paragraph (with the policy's link) and the cards of the
// products it names, a product's card.
func (idx *index) quote(q query, best docHit, conf float64, t texts) aiagent.Answer {
	d, p := idx.docs[best.doc], idx.passages[best.passage]
	a := aiagent.Answer{Confidence: conf, Intent: aiagent.IntentQuestion, Tag: tagOf(q.topics, d.kind, d.policyType),
		Sources: []aiagent.Source{{Kind: d.kind, ID: d.id, Title: d.title, Score: best.score}}}
	text, after := p.text, ""
	switch {
	case d.kind == aiagent.SourceFAQ:
	case !best.inBody && idx.onlyTitleMatches(q, best):
		text = idx.opening(best.doc) // a question about the whole article
	case idx.bareIntro(best):
		after = idx.afterIntro(q, best) // the opening says what of; this sentence answers
	case len(text) > longPassage:
		if s := idx.bestSentences(text, q, quotedSentences, nil); s != "" {
			text = s // the sentences that answer, not the whole paragraph
		}
		text = idx.withSibling(text, q, best)
	default:
		text = idx.withSibling(text, q, best)
	}
	if d.kind != aiagent.SourceProduct {
		cards, sources := idx.namedCards(text)
		a.Cards, a.Sources = cards, append(a.Sources, sources...)
	}
	if after != "" {
		text += "\n\n" + after // not searched for cards: the passage chosen names the products it is about
	}
	switch d.kind {
	case aiagent.SourcePolicy:
		a.Text = text
		if d.url != "" {
			a.Text += "\n\n" + fmt.Sprintf(t.moreIn, d.title, d.url)
		}
	case aiagent.SourceProduct:
		soldOut := idx.namesSoldOutVariant(d.product, q)
		if !soldOut && idx.asksBeyond(best.doc, q) {
			return beyondItsData(t, conf)
		}
		return idx.productAnswerOf(t, best, factsAsked{stock: soldOut}, "", q)
	default:
		a.Text = text
	}
	return a
}

// sureKnowledge is the confidence at which a FAQ, article or policy that
// answers a product search leads the product cards.
const sureKnowledge = 0.75

// withKnowledge leads a product search's cards with what the merchant
// wrote about it, when a FAQ, article or policy answers it surely ("do you
// have gift cards?": the gift card FAQ, then the gift card).
func (idx *index) withKnowledge(cards aiagent.Answer, q query, t texts) aiagent.Answer {
	k := idx.answer(q, t)
	if k.Handoff || len(k.Choices) > 0 || k.Confidence < sureKnowledge || len(k.Sources) == 0 ||
		k.Sources[0].Kind == aiagent.SourceProduct || idx.titleCoverage(q, k.Sources[0].Title) < minCoverage {
		return cards
	}
	k.Cards, k.Intent, k.Tag = cards.Cards, aiagent.IntentProducts, cards.Tag
	k.Sources = append(k.Sources, cards.Sources...)
	return k
}

// knowledgeOnly is hits without products.
func knowledgeOnly(idx *index, hits []docHit) []docHit {
	out := make([]docHit, 0, len(hits))
	for _, h := range hits {
		if idx.docs[h.doc].kind != aiagent.SourceProduct {
			out = append(out, h)
		}
	}
	return out
}

// fullestProductFirst puts first, when hits (best first) begin with a
// product, the product that covers the question most, the best-scored of
// those that cover it as much: a product whose short text shares the
// name's words ("Pre-owned: Iron & Steam", a traded-in copy) outscores the
// product itself, whose longer text says what the question asks ("120
// minutes"), but covers less of the question.
func fullestProductFirst(idx *index, hits []docHit) []docHit {
	if len(hits) == 0 || idx.docs[hits[0].doc].kind != aiagent.SourceProduct {
		return hits
	}
	best := 0
	for i, h := range hits {
		if idx.docs[h.doc].kind == aiagent.SourceProduct && h.coverage > hits[best].coverage+1e-9 {
			best = i
		}
	}
	if best == 0 {
		return hits
	}
	out := append([]docHit{hits[best]}, hits[:best]...)
	return append(out, hits[best+1:]...)
}

// preferKnowledge puts first the best FAQ, article or policy when it
// covers the question at least as well as the products ranked above it: a
// question ("does the merino hoodie run big?") is answered by what the
// merchant wrote to answer questions, a product search by products.
func preferKnowledge(idx *index, q query, hits []docHit) []docHit {
	if len(hits) == 0 || idx.docs[hits[0].doc].kind != aiagent.SourceProduct {
		return hits
	}
	for i, h := range hits {
		if idx.docs[h.doc].kind == aiagent.SourceProduct {
			continue
		}
		if h.coverage >= minCoverage && h.coverage >= hits[0].coverage && !idx.onlyNamesProduct(q, hits[0], h) {
			out := append([]docHit{h}, hits[:i]...)
			return append(out, hits[i+1:]...)
		}
		break
	}
	return hits
}

// onlyNamesProduct reports whether q asks nothing but the name of the
// product hit (every word of q is in its title: "does the lemon tree make
// lemons?", none a word of the shop's services, as a subscription's title
// may hold) and the FAQ, article or policy k is about something else (its
// title matches too little of q): k matches q only where it mentions the
// product in passing, and what q asks of is the product.
func (idx *index) onlyNamesProduct(q query, product, k docHit) bool {
	if slices.ContainsFunc(q.concepts, idx.namesService) {
		return false
	}
	return idx.titleCoverage(q, idx.docs[product.doc].title) >= fullTitle &&
		idx.titleCoverage(q, idx.docs[k.doc].title) < minCoverage
}

// fullTitle is the title coverage at which a title holds all of a
// question's words (shares of float sums).
const fullTitle = 1 - 1e-9

// productAnswer shows up to maxCards products for a product search; ok is
// false when no product matches enough of it.
func (idx *index) productAnswer(q query, bound priceBound, t texts) (aiagent.Answer, bool) {
	q.productSearch = true
	hits := idx.search(q, func(d document) bool { return d.kind == aiagent.SourceProduct && bound.admits(d.product) })
	stating := idx.statesAbsent(q)
	hits = slices.DeleteFunc(hits, func(h docHit) bool { return idx.leavesOutKind(q, h) || stating[h.doc] })
	if len(hits) == 0 || hits[0].coverage < minProductCoverage {
		return aiagent.Answer{}, false
	}
	a := aiagent.Answer{Text: t.productsLead, Confidence: hits[0].coverage,
		Intent: aiagent.IntentProducts, Tag: aiagent.TagProduct}
	for _, h := range hits {
		if len(a.Cards) == maxCards || h.coverage < minProductCoverage || h.score < productScoreShare*hits[0].score {
			break
		}
		d := idx.docs[h.doc]
		a.Cards = append(a.Cards, idx.card(d))
		a.Sources = append(a.Sources, aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score})
	}
	a.Text = leadWithTitles(t.productsLead, a.Cards)
	return a, true
}

// leadWithTitles is lead followed by the cards' titles: a conversation is
// read without its cards too (an email, a transcript, the inbox's preview),
// and "Here are some products…:" alone says nothing of which.
func leadWithTitles(lead string, cards []aiagent.ProductCard) string {
	titles := make([]string, len(cards))
	for i, c := range cards {
		titles[i] = c.Title
	}
	return lead + " " + strings.Join(titles, ", ") + "."
}

func (idx *index) card(d document) aiagent.ProductCard {
	p := d.product
	return aiagent.ProductCard{ProductID: p.ShopifyID, Title: p.Title, Handle: p.Handle, Price: p.Price,
		Currency: idx.shop.currency, ImageURL: p.ImageURL}
}
