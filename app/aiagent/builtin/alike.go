package builtin

import "hubchat/app/aiagent"

// This file answers with the cards of several products a question fits
// alike, rather than quoting the one that scored a little higher: "i want
// to try pouring candles myself at home" is answered in full by the soy
// wax flakes ("the same natural soy wax we pour our candles with") and by
// the candle making kit ("pour two 8 oz candles at home"), and a question
// that names neither by its title asks for what fits, not about one of
// them. A question that names a product ("how long does the travel tin
// burn") is about that one and is quoted as before.

// alikeProducts is, when the best of hits (ranked best first) is a
// product q does not name and other products cover q as fully with a
// score within productScoreShare of it, an answer with their cards; ok is
// false otherwise.
func (idx *index) alikeProducts(q query, hits []docHit, t texts) (aiagent.Answer, bool) {
	if len(hits) < 2 || idx.docs[hits[0].doc].kind != aiagent.SourceProduct {
		return aiagent.Answer{}, false
	}
	if _, _, named := idx.namingWords(q, hits[0].doc); named {
		return aiagent.Answer{}, false
	}
	best := hits[0]
	a := aiagent.Answer{Confidence: best.coverage, Intent: aiagent.IntentProducts, Tag: aiagent.TagProduct}
	for _, h := range hits {
		if len(a.Cards) == maxCards {
			break
		}
		d := idx.docs[h.doc]
		if d.kind != aiagent.SourceProduct || h.coverage < best.coverage-1e-9 || h.score < productScoreShare*best.score {
			continue
		}
		a.Cards = append(a.Cards, idx.card(d))
		a.Sources = append(a.Sources, aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score})
	}
	if len(a.Cards) < 2 {
		return aiagent.Answer{}, false
	}
	a.Text = leadWithTitles(t.productsLead, a.Cards)
	return a, true
}
