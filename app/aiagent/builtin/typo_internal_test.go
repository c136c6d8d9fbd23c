package builtin

import (
	"slices"
	"strings"
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

// analysis is a text and the concept terms an index should analyse it into.
type analysis struct {
	idx  *index
	text string
	want []string
}

// indexesOf is snap's English index with a thesaurus of entries, and without one.
func indexesOf(t *testing.T, snap storage.KnowledgeSnapshot, entries ...entry) (with, without *index) {
	t.Helper()
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8", entries...)
	kit := languageFor("en")
	with, without = buildIndex(snap, kit, true), buildIndex(snap, kit, true)
	with.thesaurus = thesaurusFor(dir, "en")
	return with, without
}

// checkAnalyses fails for each case analysed otherwise than it wants.
func checkAnalyses(t *testing.T, cases ...analysis) {
	t.Helper()
	for _, c := range cases {
		if got := conceptTerms(c.idx, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q (thesaurus %v) analysed as %q, want %q", c.text, c.idx.thesaurus != nil, got, c.want)
		}
	}
}

// A word of no language that is a stop word mistyped — letters swapped
// ("wrok"), one left out ("ovr"), one doubled ("thhe"), a neighbouring
// key struck ("hiw") — means nothing, like the stop word; a name no
// thesaurus knows that only has a letter more than a stop word ("sony" of
// "son") is kept, and without a thesaurus to tell typos from names every
// such word is.
func TestAMistypedStopWordMeansNothing(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "How do tasting flights work?", Answer: "Each flight pours four wines.", Published: true},
	}}
	with, without := indexesOf(t, snap, entry{"tasting", []string{"(noun)|sampling"}})
	checkAnalyses(t,
		analysis{with, "hiw do tasting flights wrok", []string{"tast", "flight"}},
		analysis{with, "thhe flights ovr", []string{"flight"}},
		analysis{with, "sony flights", []string{"soni", "flight"}},
		analysis{without, "flights wrok", []string{"flight", "wrok"}},
	)
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
	with, without := indexesOf(t, snap, entry{"warm", []string{"(adj)|heated"}})
	checkAnalyses(t,
		analysis{with, "refnud", []string{"refund"}},
		analysis{with, "warm", []string{"warm"}},
		analysis{without, "refnud", []string{"refnud"}},
	)
	if a := with.answer(with.analyse("can i get a refnud"), languageFor("en").texts); a.Handoff || len(a.Sources) == 0 || a.Sources[0].ID != "1" {
		t.Errorf("\"can i get a refnud\": %+v, want the FAQ on returns", a)
	}
}

// A slip of the keyboard that makes another word of the language ("hoe"
// for "how") is corrected when the next words complete a phrase of the
// synonym lists with it ("how long"), unless the shop uses the word (a
// garden shop's "hoe"); so is a later word of a phrase, by the words
// before it ("how lon").
func TestATypoInAPhraseIsCorrectedByItsNeighbours(t *testing.T) {
	faqs := []storage.FAQ{{ID: 1, Question: "How long does shipping take?", Answer: "Three to five days.", Published: true}}
	hoe := entry{"hoe", []string{"(noun)|garden tool"}}
	shop, _ := indexesOf(t, storage.KnowledgeSnapshot{FAQs: faqs}, hoe)
	garden, _ := indexesOf(t, storage.KnowledgeSnapshot{FAQs: append(faqs,
		storage.FAQ{ID: 2, Question: "Is the hoe long enough?", Answer: "Its handle is 150 cm.", Published: true})}, hoe)
	checkAnalyses(t,
		analysis{shop, "hoe long does shipping take", []string{"~duration", "ship"}},
		analysis{garden, "hoe long does shipping take", []string{"hoe", "long", "ship"}},
		analysis{shop, "how lon does shipping take", []string{"~duration", "ship"}},
	)
}

// A word the thesaurus knows only as a name ("oder": the river Oder) is
// corrected as a typo of the synonym lists' word the shop uses ("order");
// a word it knows as a common noun too ("china": the country and the
// dishes) or as a verb ("halt") is not, though the shop's "chins" and
// "salt" are a letter away.
func TestAWordKnownOnlyAsANameIsATypo(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "How do I track my order?", Answer: "Follow the link in your shipping email.", Published: true},
		{ID: 2, Question: "Is the sea salt coarse?", Answer: "Yes, it suits a grinder; our chins straps are sold apart.", Published: true},
	}}
	with, _ := indexesOf(t, snap,
		entry{"oder", []string{"(noun)|Oder|Oder River|river (generic term)"}},
		entry{"china", []string{"(noun)|China|People's Republic of China", "(noun)|china|chinaware"}},
		entry{"halt", []string{"(verb)|stop|block"}})
	checkAnalyses(t,
		analysis{with, "track my oder", []string{"track", "order"}},
		analysis{with, "china halt", []string{"china", "halt"}},
	)
}

// A phrase of the synonym lists typed as one word ("tradeins" of the
// lists' "trade ins") is the phrase, though neither the shop's data nor
// the lists know the word, and the question reaches the shop's answer.
func TestAPhraseTypedAsOneWordIsThePhrase(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you buy second-hand games?", "We take trade-ins for store credit, not cash."},
		[2]string{"How long does shipping take?", "2 to 5 business days."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."})
	with, without := indexesOf(t, snap)
	checkAnalyses(t,
		analysis{with, "do you do tradeins", []string{"~exchange"}},
		analysis{without, "do you do tradeins", []string{"~exchange"}},
	)
	if a := without.respond(languageFor("en"), normalized("do you do tradeins")); a.Handoff || !strings.Contains(a.Text, "store credit") {
		t.Errorf("answered %q (handoff %v), want the trade-in FAQ", a.Text, a.Handoff)
	}
}
