package builtin

// This file answers the pick of a "did you mean…?" whose question asks a
// measure of what the picked document's title names: "how many reeds
// come with the diffuser", then "Reed diffusers: setting up and making
// them last". Every paragraph holds the title's words, so none tells by
// them which answers, and the article's opening ("take the stopper out…")
// was quoted; the paragraph that answers gives a measure ("with all 8
// reeds…") and says the question's words in its own text.

// measuredPassage is the passage of doc that gives a measure and whose
// own text says the most of q (the first of those alike), when msg asks
// for a measure; ok is false when msg asks none or no passage of doc
// gives one and says any word of q.
func (idx *index) measuredPassage(kit *languageKit, msg string, q query, doc int32) (docHit, bool) {
	m := kit.intents.measures
	if m.gives == nil || !matchesAny(m.asks, msg) {
		return docHit{}, false
	}
	d := idx.docs[doc]
	best, most := int32(-1), 0.0
	for p := d.first; p < d.first+d.passages; p++ {
		text := idx.passages[p].text
		if !m.gives.MatchString(normalized(text)) {
			continue
		}
		said, body := 0.0, idx.termSet(text)
		for _, c := range q.concepts {
			if c.matches(body) {
				said += c.weight
			}
		}
		if said > most+1e-9 {
			best, most = p, said
		}
	}
	if best < 0 {
		return docHit{}, false
	}
	return docHit{doc: doc, passage: best, coverage: 1, inBody: true}, true
}
