package builtin

import (
	"strings"

	"hubchat/storage"
)

// tagsAsked are the tags of p that hold a word q asks beyond p's title
// (as written or by a curated synonym; not a price, a stock or an option):
// "is the raven zz rare" of a product tagged "rare" whose description
// never says it. Quoted when no sentence of the description holds an asked
// word, they answer in the merchant's own label where the description's
// first sentence would say nothing of what was asked.
func (idx *index) tagsAsked(p storage.Product, q query) []string {
	title := idx.termSet(p.Title)
	var out []string
	for _, tag := range p.Tags {
		terms := idx.termSet(tag)
		for _, c := range q.concepts {
			if !c.fact && !c.option && !c.matchesSurely(title) && c.matchesSurely(terms) {
				out = append(out, tag)
				break
			}
		}
	}
	return out
}

// tagLine is tags as a sentence: "Low light, bright indirect light."
func tagLine(tags []string) string {
	line := strings.Join(tags, ", ")
	return strings.ToUpper(line[:1]) + line[1:] + "."
}
