package builtin

import (
	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file keeps "do you sell X Y?" from showing a product whose name
// holds none of the thing's words: "do you sell tealight candles" of a
// candle shop showed the soy wax melts, whose description mentions "a
// tealight wax warmer" — the word that says the most matched, in passing,
// a product of another kind. A product that is the thing says so in its
// name (title, type, vendor, tags or options' values) by its head or by
// the word before it: the "Unscented Pillar Candle" is a pillar candle,
// the "Mini Votive Discovery Set" (votives) a set of votive candles.

// namedByThing is a, the answer to msg, with the cards of products whose
// name holds no word of the thing msg asks whether the shop sells left
// out, or a handoff when none is left; other answers pass as they are.
func (idx *index) namedByThing(kit *languageKit, msg string, a aiagent.Answer) aiagent.Answer {
	if a.Handoff || len(a.Cards) == 0 || len(a.Sources) == 0 || a.Sources[0].Kind != aiagent.SourceProduct {
		return a
	}
	if _, asked := thingAsked(kit, msg); !asked {
		return a // a thing described ("a sturdy bag for groceries"), not named: any word may name it
	}
	before, head, ok := idx.thingHead(kit, msg)
	if !ok {
		return a
	}
	kept, sources := a.Cards[:0:0], a.Sources[:0:0]
	for _, s := range a.Sources {
		d, ok := idx.productDoc(s.ID)
		if !ok {
			continue
		}
		name := idx.termSet(nameFields(d.product)...)
		if !before.matchesSurely(name) && !head.matchesSurely(name) {
			continue
		}
		sources = append(sources, s)
		kept = append(kept, idx.card(d))
	}
	switch {
	case len(kept) == len(a.Cards):
		return a
	case len(kept) == 0:
		return handedOff(a, kit.texts)
	}
	a.Cards, a.Sources = kept, sources
	if a.Intent == aiagent.IntentProducts {
		a.Text = leadWithTitles(kit.texts.productsLead, kept)
	}
	return a
}

// nameFields is the fields that name p: its title, type, vendor, tags
// and its options' values (a variant is the thing it names: "marble
// queen" of a pothos that comes in "Marble Queen").
func nameFields(p storage.Product) []string {
	out := append([]string{p.Title, p.ProductType, p.Vendor}, p.Tags...)
	for _, o := range p.Options {
		out = append(out, o.Values...)
	}
	return out
}

// productDoc is the product document of id.
func (idx *index) productDoc(id string) (document, bool) {
	for _, d := range idx.docs {
		if d.kind == aiagent.SourceProduct && d.id == id {
			return d, true
		}
	}
	return document{}, false
}
