package builtin

import "hubchat/app/aiagent"

// optionsOfShown answers a product search that names an option of the
// first product it shows by the option's name ("what varieties of pothos
// do you have" of the pothos whose option is "Variety", "which colours of
// planter do you sell") with that option's values, as "what varieties
// does the pothos come in" is answered: the cards alone do not say them.
// ok is false when the search names no option of it so.
func (idx *index) optionsOfShown(q query, msg string, a aiagent.Answer, t texts) (aiagent.Answer, bool) {
	if len(a.Sources) == 0 {
		return aiagent.Answer{}, false
	}
	doc, found := idx.titles[normalized(a.Sources[0].Title)]
	if !found || idx.docs[doc].kind != aiagent.SourceProduct || idx.docs[doc].id != a.Sources[0].ID {
		return aiagent.Answer{}, false
	}
	p := idx.docs[doc].product
	title := idx.termSet(p.Title)
	for _, o := range p.Options {
		// A value of one word names it ("the neon pothos"); a word of a
		// value of several ("light" of "Low light") may be of another thing.
		// The option's name asks for it unless its values say the word too
		// ("light" of "Low light": "low light plants" names the kind).
		name, values, allValues := idx.termSet(o.Name), idx.termSet(oneWordTags(o.Values)...), idx.termSet(o.Values...)
		for _, c := range q.concepts {
			byName := c.matches(name) && (c.option || !c.matches(title)) && !c.matches(allValues)
			byValue := values[c.term] && !title[c.term]
			if len(o.Values) > 1 && (byName || byValue) {
				hit := docHit{doc: doc, coverage: a.Confidence, score: a.Sources[0].Score}
				return idx.productAnswerOf(t, hit, factsAsked{options: true}, msg, q), true
			}
		}
	}
	return aiagent.Answer{}, false
}
