package builtin

import (
	"math/bits"
	"slices"

	"hubchat/app/aiagent"
)

// This file is the middle path between an answer and a handoff: when no
// document passes the gates, but a few carry real partial evidence, the
// engine asks "did you mean…?" with their titles; the shopper's pick is
// then answered from the document picked (picks.go). A question about
// something the shop never writes of still hands off.

// The evidence a document must carry to be offered. Shares, as the gates.
const (
	// minPartialCoverage is the least share of the question a document
	// offered must match: well below minCoverage, yet more than one of a
	// few words.
	minPartialCoverage = 0.35
	// minPartialWords is how many of the question's meaningful words the
	// passage must match together. Two words of a question meeting in
	// one passage tell its topic; one word alone ("discount", "bike") is
	// in many passages that answer other questions.
	minPartialWords = 2
	// partialScoreShare is how close to the best document's score another
	// must come to be offered beside it.
	partialScoreShare = 0.5
)

// partialChoices asks "did you mean…?" with the titles of up to maxChoices
// FAQs, articles or policies of ranked (q's ranked documents) that carry
// partial evidence for q (see
// partialEvidence) and score within partialScoreShare of the best; ok is
// false when none does, or when q names a thing the shop never writes of
// that the best leaves out ("a discount for nurses" of a shop whose
// discounts say nothing of nurses): that question is one the shop's data
// cannot answer, and a person should.
func (idx *index) partialChoices(q query, ranked []docHit, t texts) (aiagent.Answer, bool) {
	hits := slices.DeleteFunc(knowledgeOnly(idx, ranked), func(h docHit) bool { return legalText[idx.docs[h.doc].policyType] })
	if len(hits) == 0 || !partialEvidence(hits[0]) || leavesOutUnheard(q, hits[0]) || idx.onlyNamesIt(q, hits[0]) {
		return aiagent.Answer{}, false
	}
	best := hits[0]
	a := aiagent.Answer{Text: t.didYouMean, Confidence: best.coverage, Intent: aiagent.IntentQuestion}
	seen := map[string]bool{}
	for _, h := range hits {
		if len(a.Choices) == maxChoices || h.score < partialScoreShare*best.score {
			break
		}
		if partialEvidence(h) {
			idx.offer(&a, seen, h)
		}
	}
	d := idx.docs[best.doc]
	a.Tag = tagOf(q.topics, d.kind, d.policyType)
	return a, true
}

// legalText are the policy types that are legal texts: long, their words
// match many a question by their breadth, and no shopper asking of the
// shop's services means one.
var legalText = map[string]bool{"PRIVACY_POLICY": true, "TERMS_OF_SERVICE": true, "LEGAL_NOTICE": true}

// partialEvidence reports whether hit matches enough of its question, and
// enough of its words together, to be offered as what the shopper may
// have meant.
func partialEvidence(hit docHit) bool {
	return hit.coverage >= minPartialCoverage && bits.OnesCount64(hit.matched) >= minPartialWords
}

// leavesOutUnheard reports whether hit leaves out a word of q that names a
// thing the shop's data never writes of.
func leavesOutUnheard(q query, hit docHit) bool {
	for i, c := range q.concepts {
		if c.unheardThing && hit.matched&(1<<uint(i)) == 0 {
			return true
		}
	}
	return false
}

// namesUnheardThing reports whether a question's word the shop's data
// never uses names a thing: the language's dictionary knows it (not a
// typo, a unit or a brand), and not as a verb, an adjective or an adverb,
// which tell how or when more than what of, nor as a name. "Nurses",
// "parking", "rent": a question asking for one is about something the shop
// does not speak of, however well its other words match.
func (idx *index) namesUnheardThing(word, term string) bool {
	if idx.thesaurus == nil || word == "" || idx.thesaurus.headwordOf(word, term, idx.kit.stem) == "" {
		return false
	}
	e := idx.lookUp(word, term)
	return !e.modifier && !e.adverb && !e.name
}
