package builtin

import (
	"sort"
	"testing"

	"hubchat/storage"
)

// No word of a language's synonym lists stands for two groups once
// stemmed: the later group would silently take it from the earlier one
// ("monthly" among installments would take "month" from durations).
func TestSynonymGroupsDoNotOverlap(t *testing.T) {
	codes := make([]string, 0, len(registry))
	for code := range registry {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		lang := languageFor(code)
		owner := map[string]string{}
		for _, g := range lang.synonyms {
			for _, entry := range g.words {
				ws := words(entry)
				if len(ws) != 1 || lang.stopword(ws[0]) {
					continue
				}
				stem := fold(lang.stem(ws[0]))
				if o, ok := owner[stem]; ok && o != g.name {
					t.Errorf("%s: %q (%s) is in groups %q and %q", code, entry, stem, o, g.name)
				}
				owner[stem] = g.name
			}
		}
	}
}

// A shopper's word the shop's data does not use is corrected only to a
// word the data uses, never to a word of the synonym lists alone ("warm"
// is not "farm", which the lists know and this shop never wrote).
func TestTyposAreCorrectedToTheShopsWordsOnly(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{{ID: 1, Question: "Do you sell hats?", Answer: "Yes, wool hats."}}}
	idx := buildIndex(snap, languageFor("en"), false)
	for _, c := range idx.analyse("a warm hat").concepts {
		if c.term != "warm" && c.term != "hat" {
			t.Errorf("concept %q in \"a warm hat\", want warm and hat as written", c.term)
		}
	}
	if got := idx.analyse("hsts").concepts; len(got) != 1 || got[0].term != "hat" {
		t.Errorf("\"hsts\" analysed as %+v, want the shop's \"hats\"", got)
	}
}
