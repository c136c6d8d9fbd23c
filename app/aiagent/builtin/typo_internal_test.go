package builtin

import (
	"slices"
	"testing"

	"hubchat/storage"
)

// conceptTerms are the terms of text's concepts as idx analyses it.
func conceptTerms(idx *index, text string) []string {
	var out []string
	for _, c := range idx.analyse(text).concepts {
		out = append(out, c.term)
	}
	return out
}

// A word of no language that is a stop word mistyped — letters swapped
// ("wrok"), one left out ("ovr"), one doubled ("thhe"), a neighbouring
// key struck ("hiw") — means nothing, like the stop word; a name no
// thesaurus knows that only has a letter more than a stop word ("sony" of
// "son") is kept, and without a thesaurus to tell typos from names every
// such word is.
func TestAMistypedStopWordMeansNothing(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "How do reward points work?", Answer: "Every dollar you spend earns one point.", Published: true},
	}}
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8", entry{"reward", []string{"(noun)|prize"}})
	kit := languageFor("en")
	without := buildIndex(snap, kit, true)
	with := buildIndex(snap, kit, true)
	with.thesaurus = thesaurusFor(dir, "en")
	for _, c := range []struct {
		idx  *index
		text string
		want []string
	}{
		{with, "hiw do reward points wrok", []string{"reward", "point"}},
		{with, "thhe points ovr", []string{"point"}},
		{with, "sony points", []string{"soni", "point"}},
		{without, "points wrok", []string{"point", "wrok"}},
	} {
		if got := conceptTerms(c.idx, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q (thesaurus %v) analysed as %q, want %q", c.text, c.idx.thesaurus != nil, got, c.want)
		}
	}
}

// A typo of a word of the synonym lists the shop's data never uses
// ("refnud": the shop writes "return") is corrected to it, and so reaches
// the shop's word through its synonyms; a word of the language is not
// ("warm" stays itself, though the lists know "farm"), nor anything without
// a thesaurus to tell typos from words.
func TestATypoOfAShoppersWordIsCorrectedByTheSynonymLists(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "Can I return an item?", Answer: "Unworn items can be sent back within 30 days.", Published: true},
		{ID: 2, Question: "Do you ship abroad?", Answer: "We ship to Canada and Mexico.", Published: true},
	}}
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8", entry{"warm", []string{"(adj)|heated"}})
	kit := languageFor("en")
	without := buildIndex(snap, kit, true)
	with := buildIndex(snap, kit, true)
	with.thesaurus = thesaurusFor(dir, "en")
	for _, c := range []struct {
		idx  *index
		text string
		want []string
	}{
		{with, "refnud", []string{"refund"}},
		{with, "warm", []string{"warm"}},
		{without, "refnud", []string{"refnud"}},
	} {
		if got := conceptTerms(c.idx, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q (thesaurus %v) analysed as %q, want %q", c.text, c.idx.thesaurus != nil, got, c.want)
		}
	}
	if a := with.answer(with.analyse("can i get a refnud"), kit.texts); a.Handoff || len(a.Sources) == 0 || a.Sources[0].ID != "1" {
		t.Errorf("\"can i get a refnud\": %+v, want the FAQ on returns", a)
	}
}

// A slip of the keyboard that makes another word of the language ("hoe"
// for "how") is corrected when the next words complete a phrase of the
// synonym lists with it ("how long"), unless the shop uses the word (a
// garden shop's "hoe").
func TestATypoInAPhraseIsCorrectedByItsNeighbours(t *testing.T) {
	faqs := []storage.FAQ{{ID: 1, Question: "How long does shipping take?", Answer: "Three to five days.", Published: true}}
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8", entry{"hoe", []string{"(noun)|garden tool"}})
	kit := languageFor("en")
	shop := buildIndex(storage.KnowledgeSnapshot{FAQs: faqs}, kit, true)
	shop.thesaurus = thesaurusFor(dir, "en")
	garden := buildIndex(storage.KnowledgeSnapshot{FAQs: append(faqs,
		storage.FAQ{ID: 2, Question: "Is the hoe long enough?", Answer: "Its handle is 150 cm.", Published: true})}, kit, true)
	garden.thesaurus = shop.thesaurus
	for _, c := range []struct {
		idx  *index
		want []string
	}{
		{shop, []string{"~duration", "ship"}},
		{garden, []string{"hoe", "long", "ship"}},
	} {
		if got := conceptTerms(c.idx, "hoe long does shipping take"); !slices.Equal(got, c.want) {
			t.Errorf("analysed as %q, want %q", got, c.want)
		}
	}
}
