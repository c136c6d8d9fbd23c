package builtin

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hubchat/storage"
)

// entry is one headword of a test thesaurus with its meanings' lines.
type entry struct {
	word     string
	meanings []string
}

// writeThesaurus writes a thesaurus in the system's format under dir as
// th_<name>.idx and .dat, in encoding ("UTF-8", "ISO8859-1", "ISO8859-2").
func writeThesaurus(t testing.TB, dir, name, encoding string, entries ...entry) {
	t.Helper()
	encode := func(s string) string { return s }
	if cs, err := charsetOf(encoding); err != nil {
		t.Fatal(err)
	} else if cs != nil {
		encode = func(s string) string {
			out, err := cs.NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	dat, idx := encoding+"\n", []string{}
	for _, e := range entries {
		idx = append(idx, fmt.Sprintf("%s|%d", encode(e.word), len(dat)))
		dat += encode(fmt.Sprintf("%s|%d\n%s\n", e.word, len(e.meanings), strings.Join(e.meanings, "\n")))
	}
	slices.Sort(idx)
	index := fmt.Sprintf("%s\n%d\n%s\n", encoding, len(idx), strings.Join(idx, "\n"))
	for file, text := range map[string]string{"th_" + name + ".idx": index, "th_" + name + ".dat": dat} {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The thesaurus gives a word's synonyms in its commonest senses and the
// head word its commonest sense is similar to, and leaves out broader
// terms, antonyms and rare senses, whose bridges lead elsewhere.
func TestThesaurusSynonymsAreNarrow(t *testing.T) {
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8",
		entry{"enormous", []string{"(adj)|gigantic|big (similar term)|small (antonym)"}},
		entry{"parcel", []string{
			"(noun)|package|packet|container (generic term)",
			"(noun)|lot|plot (related term)",
			"(verb)|wrap|bundle up|fold (similar term)",
			"(noun)|portion",
		}},
		entry{"Zebra", []string{"(noun)|equine (generic term)"}},
	)
	th, err := loadThesaurus(dir, "en")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		word string
		want []string
	}{
		{"enormous", []string{"gigantic", "big"}},
		{"parcel", []string{"package", "packet", "lot", "wrap"}},
		{"zebra", nil},
		{"unheard", nil},
	}
	for _, c := range cases {
		if got := th.synonyms(c.word); !slices.Equal(got, c.want) {
			t.Errorf("synonyms of %q: got %q, want %q", c.word, got, c.want)
		}
	}
	if !th.knows("zebra") || th.knows("zebr") {
		t.Errorf("knows: a headword (any case) is a word, a piece of one is not")
	}
}

// A thesaurus in ISO-8859-1 (as the Spanish one is) or ISO-8859-2 (the
// Polish one) reads as its accented
// words, folded like the questions' words; the language's own country's
// file is chosen over another's.
func TestThesaurusReadsItsEncodingAndPrefersTheLanguagesCountry(t *testing.T) {
	dir := t.TempDir()
	writeThesaurus(t, dir, "es_AR_v2", "UTF-8", entry{"envío", []string{"-|giro"}})
	writeThesaurus(t, dir, "es_ES_v2", "ISO8859-1", entry{"envío", []string{"-|remesa|expedición"}})
	th, err := loadThesaurus(dir, "es")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := th.synonyms("envio"), []string{"remesa", "expedicion"}; !slices.Equal(got, want) {
		t.Errorf("synonyms of envio: got %q, want %q", got, want)
	}
	if _, err := loadThesaurus(dir, "pl"); err == nil {
		t.Errorf("a language with no thesaurus installed loaded one")
	}
	writeThesaurus(t, dir, "pl_PL_v2", "ISO8859-2", entry{"przesyłka", []string{"-|paczka|pojęcie (pojęcie nadrzędne)"}})
	pl, err := loadThesaurus(dir, "pl")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pl.synonyms("przesyłka"), []string{"paczka"}; !slices.Equal(got, want) {
		t.Errorf("Polish (ISO-8859-2) synonyms of przesyłka: got %q, want %q", got, want)
	}
}

// A question in a word the shop never wrote is answered through the
// thesaurus from the document that uses its synonym; without a thesaurus
// (none installed) the same question is handed off, and a word the shop
// does use is never bridged to another.
func TestThesaurusBridgesOnlyWordsTheShopDoesNotUse(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "Can I cancel my order?", Answer: "Write to us within an hour of ordering and we cancel it.", Published: true},
		{ID: 2, Question: "Do you sell gift wrap?", Answer: "Every order can be gift wrapped at checkout.", Published: true},
	}}
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8",
		entry{"annul", []string{"(verb)|cancel|invalidate"}},
		entry{"revoke", []string{"(verb)|annul|cancel"}},
		entry{"wrap", []string{"(verb)|cancel"}}, // a bridge the shop's own word must not take
	)
	kit := languageFor("en")
	without := buildIndex(snap, kit, true)
	with := buildIndex(snap, kit, true)
	with.thesaurus = thesaurusFor(dir, "en")
	if with.thesaurus == nil {
		t.Fatal("the test thesaurus did not load")
	}
	q := "can I annul my order"
	if a := without.respond(kit, q); !a.Handoff {
		t.Fatalf("%q is answered without a thesaurus (%q): the test proves nothing", q, a.Text)
	}
	if a := with.respond(kit, q); a.Handoff || !strings.Contains(a.Text, "within an hour") {
		t.Errorf("%q with the thesaurus: got %q (handoff %v), want the cancellation FAQ", q, a.Text, a.Handoff)
	}
	for _, c := range with.analyse("gift wrap").concepts {
		if len(c.forms) > 1 {
			t.Errorf("the shop's own word %q was bridged to %+v", c.term, c.forms[1:])
		}
	}
	if thesaurusFor(t.TempDir(), "en") != nil {
		t.Errorf("an empty directory gave a thesaurus")
	}
	// A form of a headword ("revoked" of "revoke", whose stem "revok" is
	// no word) is looked up by it.
	if a := with.respond(kit, "can my order be revoked"); a.Handoff || !strings.Contains(a.Text, "within an hour") {
		t.Errorf("\"revoked\" with the thesaurus: got %q (handoff %v), want the cancellation FAQ", a.Text, a.Handoff)
	}
}

// BenchmarkThesaurusLoad loads the system's thesauri (skipped where none is
// installed) and reports the memory their headwords hold, per language.
func BenchmarkThesaurusLoad(b *testing.B) {
	for _, code := range []string{"en", "es", "fr", "it", "pl"} {
		b.Run(code, func(b *testing.B) {
			if _, err := thesaurusFiles(DefaultThesaurusDir, code); err != nil {
				b.Skipf("no %s thesaurus installed", code)
			}
			var th *thesaurus
			for b.Loop() {
				var err error
				if th, err = loadThesaurus(DefaultThesaurusDir, code); err != nil {
					b.Fatal(err)
				}
			}
			held := len(th.heads) + 4*len(th.ends) + 4*len(th.offsets)
			b.ReportMetric(float64(held)/(1<<20), "MB")
			b.ReportMetric(float64(len(th.ends)), "headwords")
		})
	}
}

// A word of the language, as written or by its stem, is no typo of a
// shop's word that differs inside it ("halt" is not "salt", "grasses" not
// "glasses"), but may be another form of one ("freezer" of "freeze"); a
// word no thesaurus knows is still corrected.
func TestARealWordIsNotCorrectedIntoAnother(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "Is there salt in the soap?", Answer: "A pinch of sea salt. Do not freeze it. Keep it from your eyes: wear glasses.", Published: true},
	}}
	with, without := indexesOf(t, snap,
		entry{"halt", []string{"(verb)|stop"}},
		entry{"freezer", []string{"(noun)|deep freeze"}},
		entry{"grass", []string{"(noun)|lawn"}},
	)
	checkAnalyses(t,
		analysis{without, "halt", []string{"salt"}}, // no thesaurus: the shop's word a typo away
		analysis{with, "halt", []string{"halt"}},
		analysis{with, "freezer", []string{"freez"}},
		analysis{with, "slat", []string{"salt"}}, // a word the thesaurus does not know
		analysis{without, "grasses", []string{"glass"}},
		analysis{with, "grasses", []string{"grass"}}, // known by its stem
	)
}

// A verb, adjective or adverb of the language the shop never uses counts
// for half its weight in coverage (it tells how, not what of); an unknown
// noun ("student" of a student discount) keeps all of it, as does a word
// no thesaurus knows.
func TestAnUnknownModifierWeighsLessThanAnUnknownNoun(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "Do you have discount codes?", Answer: "Join the newsletter for a welcome code.", Published: true},
	}}
	idx, _ := indexesOf(t, snap,
		entry{"possible", []string{"(adj)|achievable (similar term)", "(noun)|option"}},
		entry{"student", []string{"(noun)|pupil|educatee"}},
	)
	weight := conceptWeights(idx, "possible student zorblat discount")
	if weight["student"] == 0 || weight["possibl"] != weight["student"]*unknownModifierWeight || weight["zorblat"] != weight["student"] {
		t.Errorf("weights %v: want possible at %.1f of student, zorblat as student", weight, unknownModifierWeight)
	}
}

// A word of three letters that is a function word with a letter left out
// ("wil" of "will") means nothing, like the word itself; a real word that
// is one too ("wee" of "were") is kept, and without a thesaurus to tell
// them apart both are.
func TestAShortTypoOfAFunctionWordMeansNothing(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "When will I get my refund?", Answer: "Within five days. Our team answers fast.", Published: true},
	}}
	with, without := indexesOf(t, snap, entry{"wee", []string{"(adj)|small|little"}})
	checkAnalyses(t,
		analysis{with, "wil wee refund", []string{"wee", "refund"}},
		analysis{without, "wil wee refund", []string{"wil", "wee", "refund"}},
	)
}

// A form of a word is looked up under the headword it begins with ("weddings"
// under the noun "wedding", not the verb "wed" that shares its stem), so an
// unknown plural noun keeps a noun's weight; a form that begins with none is
// still found by its stem ("purchased" under "purchase").
func TestAFormIsLookedUpUnderTheHeadwordItBeginsWith(t *testing.T) {
	dir := t.TempDir()
	writeThesaurus(t, dir, "en_US_v2", "UTF-8",
		entry{"wed", []string{"(verb)|marry"}},
		entry{"wedding", []string{"(noun)|marriage ceremony"}},
		entry{"purchase", []string{"(verb)|buy"}},
	)
	th := thesaurusFor(dir, "en")
	kit := languageFor("en")
	for word, want := range map[string]string{"weddings": "wedding", "purchased": "purchase", "wed": "wed"} {
		if got := th.headwordOf(word, fold(kit.stem(word)), kit.stem); got != want {
			t.Errorf("%q is a form of %q, want %q", word, got, want)
		}
	}
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{{ID: 1, Question: "Do you have discount codes?", Answer: "Join the newsletter.", Published: true}}}
	idx := buildIndex(snap, kit, true)
	idx.thesaurus = th
	weight := conceptWeights(idx, "discount for weddings zorblat")
	weddings := fold(kit.stem("weddings"))
	if weight[weddings] == 0 || weight[weddings] != weight["zorblat"] {
		t.Errorf("weights %v: want weddings as an unknown noun, as much as zorblat", weight)
	}
}

// An adverb the shop never uses ("reliably") counts less again than an
// unknown verb or adjective: it tells when or how much, hardly ever what a
// shop lacks.
func TestAnUnknownAdverbWeighsLessThanAnUnknownModifier(t *testing.T) {
	snap := storage.KnowledgeSnapshot{FAQs: []storage.FAQ{
		{ID: 1, Question: "Do you have discount codes?", Answer: "Join the newsletter for a welcome code.", Published: true},
	}}
	idx, _ := indexesOf(t, snap,
		entry{"reliably", []string{"(adv)|dependably|faithfully"}},
		entry{"possible", []string{"(adj)|achievable (similar term)"}},
	)
	weight := conceptWeights(idx, "reliably possible discount")
	if weight["possibl"] == 0 || weight["reliabl"]*unknownModifierWeight != weight["possibl"]*unknownAdverbWeight {
		t.Errorf("weights %v: want reliably at %.2f, possible at %.2f of an unknown noun", weight, unknownAdverbWeight, unknownModifierWeight)
	}
}

// conceptWeights are the weights of text's concepts as idx analyses it, by term.
func conceptWeights(idx *index, text string) map[string]float64 {
	weight := map[string]float64{}
	for _, c := range idx.analyse(text).concepts {
		weight[c.term] = c.weight
	}
	return weight
}

// LoadThesauri loads the thesaurus of each language installed, before any
// answer asks for it, and leaves the others alone (no load, no warning).
func TestLoadThesauriLoadsTheInstalledOnes(t *testing.T) {
	dir := t.TempDir()
	writeThesaurus(t, dir, "es_ES_v2", "UTF-8", entry{"envío", []string{"-|remesa"}})
	loaded := func(code string) bool {
		v, ok := thesauri.Load(thesaurusKey{dir, code})
		return ok && v.(*thesaurusLoad).th != nil
	}
	e := New(nil, nil, Options{ThesaurusDir: dir})
	if loaded("es") {
		t.Fatal("the thesaurus was loaded before it was asked for")
	}
	e.LoadThesauri()
	if !loaded("es") {
		t.Error("the Spanish thesaurus installed was not loaded")
	}
	if _, tried := thesauri.Load(thesaurusKey{dir, "en"}); tried {
		t.Error("a language with no thesaurus installed was tried")
	}
}
