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
