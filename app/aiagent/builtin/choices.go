package builtin

import "hubchat/app/aiagent"

// choices asks "did you mean…?" when documents of different titles both
// cover the question and are within choiceMargin of the best: the titles
// of up to maxChoices of them. ok is false when one stands out.
func (idx *index) choices(q query, hits []docHit, conf float64, t texts) (aiagent.Answer, bool) {
	best := hits[0]
	a := aiagent.Answer{Text: t.didYouMean, Confidence: conf, Intent: aiagent.IntentQuestion}
	seen := map[string]bool{}
	for _, h := range hits {
		if len(a.Choices) == maxChoices || h.coverage < minCoverage || h.score < (1-choiceMargin)*best.score {
			break
		}
		idx.offer(&a, seen, h)
	}
	if len(a.Choices) < 2 {
		return aiagent.Answer{}, false
	}
	d := idx.docs[best.doc]
	a.Tag = tagOf(q.topics, d.kind, d.policyType)
	return a, true
}

// offer adds h's document to a's choices, unless a document of the same
// title (seen, normalised) is offered already.
func (idx *index) offer(a *aiagent.Answer, seen map[string]bool, h docHit) {
	d := idx.docs[h.doc]
	if key := normalized(d.title); key != "" && !seen[key] {
		seen[key] = true
		a.Choices = append(a.Choices, d.title)
		a.Sources = append(a.Sources, aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score})
	}
}

// titled answers a message that is exactly a document's title (as a "did
// you mean…?" button sends it), from that document with full confidence;
// ok is false when the message is no title.
func (idx *index) titled(msg string, q query, t texts) (aiagent.Answer, bool) {
	d, ok := idx.titles[msg]
	if !ok {
		return aiagent.Answer{}, false
	}
	want := idx.docs[d]
	hits := idx.search(q, func(doc document) bool { return doc.kind == want.kind && doc.id == want.id })
	if len(hits) == 0 {
		return aiagent.Answer{}, false
	}
	return idx.quote(q, hits[0], 1, t), true
}
