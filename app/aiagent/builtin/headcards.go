package builtin

import (
	"strings"

	"hubchat/app/aiagent"
)

// showsNoHead reports whether a product search's cards (a) are all of
// products that say nothing of the head of the thing msg asks whether the
// shop sells ("flowers" of "cut flowers"): they match its other words
// only ("clean cuts" of pruning snips), so they are of another kind than
// the thing asked for, and the search is answered as one of a thing no
// product is a kind of (headNamesNoKind). A product whose name holds the
// word before the head is of the thing, as namedByThing reads it.
func (idx *index) showsNoHead(kit *languageKit, msg string, a aiagent.Answer) bool {
	before, head, ok := idx.thingHead(kit, msg)
	if !ok || len(a.Sources) == 0 {
		return false
	}
	for _, s := range a.Sources {
		doc, found := idx.titles[normalized(s.Title)]
		if !found || idx.docs[doc].kind != aiagent.SourceProduct || idx.docs[doc].id != s.ID {
			return false // not a product card read here: no judgement
		}
		p := idx.docs[doc].product
		if head.matchesSurely(idx.termSet(p.Title, p.Description, productText(p))) ||
			strings.Contains(normalized(p.Title+" "+p.ProductType), head.term) {
			return false // its words, or a compound of its name or type that holds it ("Houseplant")
		}
		if before.matchesSurely(idx.termSet(nameFields(p)...)) {
			return false // named by the word before ("votive candles" of a set of votives: namedByThing)
		}
	}
	return true
}
