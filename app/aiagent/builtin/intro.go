package builtin

import (
	"strings"
	"unicode"

	"hubchat/app/aiagent"
)

// This file keeps a page's introduction from answering alone. An article
// or a policy often opens with a short paragraph that names its subject
// in general words ("Glass can be used again and again, so we'd rather get
// our jars back than see them in the recycling bin") and states no fact;
// a short question ("jar recycling?") shares its words with that opening
// as much as with the paragraph that states the fact ("we take $3 off for
// each jar"), and BM25 prefers the shorter. Quoted alone, the opening
// answers nothing; so it is quoted with the sentence of the document's
// other paragraphs that answers the question best, or, when none matches
// more than the title's words, with the first sentence that follows it:
// the question is then about the whole page, which its opening paragraphs
// tell.

// bareIntro reports whether hit's passage is the opening of an article or
// a policy of several passages and states no figure: no digit, so no
// amount, duration, date or quantity.
func (idx *index) bareIntro(best docHit) bool {
	d := idx.docs[best.doc]
	if d.kind != aiagent.SourceArticle && d.kind != aiagent.SourcePolicy || d.passages < 2 || best.passage != d.first {
		return false
	}
	return !strings.ContainsFunc(idx.passages[best.passage].text, unicode.IsDigit)
}

// runInHeadingWords is the most words of a paragraph's run-in heading
// ("Heat packs. Every order gets…").
const runInHeadingWords = 3

// afterIntro is the sentence of best's document, past its opening, that
// matches q most, words of the document's title aside (every passage
// shares them); the first sentence past the opening when none matches a
// word beyond the title.
func (idx *index) afterIntro(q query, best docHit) string {
	d := idx.docs[best.doc]
	title := idx.kit.analyzer.terms(d.title)
	out, top := "", 0.0
	if ss := sentences(idx.passages[d.first+1].text); len(ss) > 0 {
		out = ss[0]
		if len(ss) > 1 && len(strings.Fields(out)) <= runInHeadingWords {
			out += " " + ss[1] // "Heat packs." is the paragraph's label: alone it says nothing
		}
	}
	for p := d.first + 1; p < d.first+d.passages; p++ {
		s := idx.bestSentences(idx.passages[p].text, q, 1, title)
		if s == "" {
			continue
		}
		if score := idx.sentenceScore(s, q, title); score > top {
			out, top = s, score
		}
	}
	return out
}

// sentenceScore is how much of q a sentence matches, as bestSentences
// weighs it: each concept's weight times its best form's, concepts of
// known aside.
func (idx *index) sentenceScore(s string, q query, known []string) float64 {
	skip := map[string]bool{}
	for _, t := range known {
		skip[t] = true
	}
	terms := idx.termSet(s)
	score := 0.0
	for _, c := range q.concepts {
		if !c.matches(skip) {
			score += c.weight * c.matchWeight(terms)
		}
	}
	return score
}
