package builtin

import (
	"slices"
	"strings"
	"unicode"
)

// sentences splits text after each ".", "!" or "?" that a space and a
// capital letter or digit follow, the way a paragraph's sentences are set.
func sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i < len(rs)-2; i++ {
		if strings.ContainsRune(".!?", rs[i]) && unicode.IsSpace(rs[i+1]) && (unicode.IsUpper(rs[i+2]) || unicode.IsDigit(rs[i+2])) {
			out = append(out, strings.TrimSpace(string(rs[start:i+1])))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

// bestSentences are the (at most n) sentences of text that match most of
// q, in their order, joined: each of q's words counts its weight in
// coverage, times its form's (the shopper's own word over a synonym);
// words in known (a title the reader sees already) do not count. "" when
// no sentence matches anything else.
func (idx *index) bestSentences(text string, q query, n int, known []string) string {
	skip := map[string]bool{}
	for _, t := range known {
		skip[t] = true
	}
	type scored struct {
		i     int
		score float64
	}
	ss := sentences(text)
	var best []scored
	for i, s := range ss {
		terms := map[string]bool{}
		for _, t := range idx.kit.analyzer.terms(s) {
			terms[t] = true
		}
		markContacts(terms, s)
		terms[oftenTerm] = howOften.MatchString(s)
		score := 0.0
		for _, c := range q.concepts {
			if c.matches(skip) {
				continue
			}
			score += c.weight * c.matchWeight(terms)
		}
		if score > 0 {
			best = append(best, scored{i, score})
		}
	}
	slices.SortStableFunc(best, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	best = best[:min(n, len(best))]
	slices.SortFunc(best, func(a, b scored) int { return a.i - b.i })
	out := make([]string, len(best))
	for i, b := range best {
		out[i] = ss[b.i]
	}
	return strings.Join(out, " ")
}

// matches reports whether any of c's forms is in terms.
func (c concept) matches(terms map[string]bool) bool {
	for _, f := range c.forms {
		if terms[f.term] {
			return true
		}
	}
	return false
}

// matchWeight is the weight of c's best form in terms, 0 when none is.
func (c concept) matchWeight(terms map[string]bool) float64 {
	best := 0.0
	for _, f := range c.forms {
		if terms[f.term] {
			best = max(best, f.weight)
		}
	}
	return best
}

// onlyTitleMatches reports whether the words of q that hit's passage
// matches are all in its document's title: the question is about the
// document as a whole ("how do reward points work" of "Trail Points
// rewards"), not about one paragraph.
func (idx *index) onlyTitleMatches(q query, h docHit) bool {
	d := idx.docs[h.doc]
	if d.passages < 2 {
		return false
	}
	title := map[string]bool{}
	for _, t := range idx.kit.analyzer.terms(d.title) {
		title[t] = true
	}
	body := map[string]bool{}
	text := idx.passages[h.passage].text
	for _, t := range idx.kit.analyzer.terms(text) {
		body[t] = true
	}
	// As the index counts it: "how much is shipping" is answered by the
	// paragraph that states an amount under a title that says shipping.
	body[amountTerm] = moneyAmount.MatchString(text)
	markContacts(body, text)
	for i, c := range q.concepts {
		// A title that has only a loose relative of the word ("cold"
		// under "Winter shipping"), no curated synonym, does not say it:
		// the question is about the paragraph that does.
		if c.matches(body) && !c.matchesSurely(title) {
			return false
		}
		// A word the passage matches in neither its text nor the title is
		// its section's heading's: "can I return a pot" is about the
		// paragraph under "Returns of pots, tools and supplies".
		if h.matched&(1<<uint(i)) != 0 && !c.matches(body) && !c.matches(title) {
			return false
		}
	}
	return !idx.labelledByMatch(q, h)
}

// maxLabelWords is the most words a paragraph's opening sentence has when
// it is the paragraph's label ("Heat packs.", "Weather holds.").
const maxLabelWords = 4

// labelledByMatch reports whether hit's passage, not its document's
// first, opens with a label that says every word of q the passage matches:
// a paragraph of its own on one of the things the title names ("Heat
// packs. Every plant order… gets a 72-hour heat pack" under "Winter
// shipping and heat packs"), which answers "heat pack?" better than the
// document's opening.
func (idx *index) labelledByMatch(q query, h docHit) bool {
	if h.passage == idx.docs[h.doc].first || h.matched == 0 {
		return false
	}
	ss := sentences(idx.passages[h.passage].text)
	if len(ss) < 2 || len(words(ss[0])) > maxLabelWords {
		return false
	}
	label := idx.termSet(ss[0])
	for i, c := range q.concepts {
		if h.matched&(1<<uint(i)) != 0 && !c.matchesSurely(label) {
			return false
		}
	}
	return true
}

// openingLength is how much of a document its opening quotes at least:
// its first paragraph, and the next while under this many characters.
const openingLength = 160

// opening is a document's first paragraphs (the first sentences of a long
// one), for a question about all of it.
func (idx *index) opening(doc int32) string {
	d := idx.docs[doc]
	var parts []string
	n := 0
	for p := d.first; p < d.first+d.passages && (n < openingLength || len(parts) == 0); p++ {
		text := idx.passages[p].text
		if ss := sentences(text); len(text) > longPassage && len(ss) > quotedSentences {
			text = strings.Join(ss[:quotedSentences], " ")
		}
		parts = append(parts, text)
		n += len(text)
	}
	return strings.Join(parts, "\n\n")
}
