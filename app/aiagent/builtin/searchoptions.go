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
		name := idx.termSet(o.Name)
		for _, c := range q.concepts {
			if len(o.Values) > 1 && c.matches(name) && (c.option || !c.matches(title)) {
				hit := docHit{doc: doc, coverage: a.Confidence, score: a.Sources[0].Score}
				return idx.productAnswerOf(t, hit, factsAsked{options: true}, msg, q), true
			}
		}
	}
	return aiagent.Answer{}, false
}
