package builtin

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
)

// A general thesaurus bridges a shopper's word the shop never uses to the
// shop's own words ("purchase" to "buy"). It is the system's thesaurus in
// LibreOffice's format (Debian's mythes-* packages): an index file of
// headwords with the byte offset of each one's entry in a data file, whose
// entry is a line "word|meanings" then one line per meaning,
// "(pos)|synonym|synonym…", a synonym possibly marked "(generic term)",
// "(similar term)", "(related term)" or "(antonym)". Only the headwords are
// held in memory; entries are read from the data file when asked for, and
// the thesaurus is used only for words the shop's data and the curated lists
// do not know, so its noise never reaches a word that matched.

// DefaultThesaurusDir is where Debian installs the thesauri.
const DefaultThesaurusDir = "/usr/share/mythes"

// thesaurus is one language's thesaurus: its headwords, folded and sorted,
// with their entries' offsets in the data file. Safe for concurrent use.
type thesaurus struct {
	dataPath string
	charset  *charmap.Charmap // the files' encoding when not UTF-8
	heads    string           // the headwords, concatenated in sorted order
	ends     []uint32         // where each headword ends in heads
	offsets  []uint32         // each headword's entry in the data file

	mu   sync.Mutex
	data *os.File
	memo map[string]thesaurusEntry // bounded by maxSynonymMemo
}

// maxSenses is how many of a word's meanings (the commonest first, as the
// thesaurus orders them) give synonyms: a rare sense bridges a shopper's
// word to a shop's word in a sense neither meant.
const maxSenses = 3

// maxSynonymMemo bounds the synonyms remembered per language.
const maxSynonymMemo = 20_000

// thesauri are the loaded thesauri, once per directory and language.
var thesauri sync.Map // thesaurusKey → *thesaurusLoad

type thesaurusKey struct{ dir, code string }

type thesaurusLoad struct {
	once sync.Once
	th   *thesaurus // nil: none installed for the language
}

// thesaurusFor is the thesaurus of language code under dir, loaded on
// first use; nil when dir is "" or none is installed there (logged once).
func thesaurusFor(dir, code string) *thesaurus {
	if dir == "" {
		return nil
	}
	v, _ := thesauri.LoadOrStore(thesaurusKey{dir, code}, &thesaurusLoad{})
	l := v.(*thesaurusLoad)
	l.once.Do(func() {
		th, err := loadThesaurus(dir, code)
		if err != nil {
			slog.Warn("no thesaurus: the engine bridges shoppers' words with its curated synonym lists only",
				"language", code, "dir", dir, "err", err)
			return
		}
		l.th = th
	})
	return l.th
}

// thesaurusFiles finds a language's index file under dir: th_<code>_*.idx,
// the language's own country first ("es_ES"), then the United States'.
func thesaurusFiles(dir, code string) (idx string, err error) {
	found, _ := filepath.Glob(filepath.Join(dir, "th_"+code+"_*.idx"))
	if len(found) == 0 {
		return "", os.ErrNotExist
	}
	slices.Sort(found)
	for _, region := range []string{strings.ToUpper(code), "US"} {
		for _, f := range found {
			if strings.HasPrefix(filepath.Base(f), "th_"+code+"_"+region+"_") {
				return f, nil
			}
		}
	}
	return found[0], nil
}

// loadThesaurus reads a thesaurus's index file: its first line names the
// encoding, the second the number of headwords, then "headword|offset".
func loadThesaurus(dir, code string) (*thesaurus, error) {
	idxPath, err := thesaurusFiles(dir, code)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(idxPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	th := &thesaurus{dataPath: strings.TrimSuffix(idxPath, ".idx") + ".dat", memo: map[string]thesaurusEntry{}}
	type head struct {
		word   string
		offset uint32
	}
	var heads []head
	for line := 0; sc.Scan(); line++ {
		text := sc.Text()
		if line == 0 {
			if th.charset, err = charsetOf(text); err != nil {
				return nil, err
			}
			continue
		}
		word, off, ok := strings.Cut(text, "|")
		n, err := strconv.ParseUint(off, 10, 32)
		if !ok || err != nil {
			continue // the count line, or a line not of the format
		}
		heads = append(heads, head{fold(strings.ToLower(th.decode(word))), uint32(n)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(th.dataPath); err != nil {
		return nil, err
	}
	slices.SortStableFunc(heads, func(a, b head) int { return strings.Compare(a.word, b.word) })
	var b strings.Builder
	th.ends, th.offsets = make([]uint32, len(heads)), make([]uint32, len(heads))
	for i, h := range heads {
		b.WriteString(h.word)
		th.ends[i], th.offsets[i] = uint32(b.Len()), h.offset
	}
	th.heads = b.String()
	return th, nil
}

// charsetOf is the encoding an index file's first line names: nil for
// UTF-8, or one of the ISO-8859 sets the thesauri use (Spanish is in
// ISO-8859-1, Polish in ISO-8859-2).
func charsetOf(name string) (*charmap.Charmap, error) {
	switch strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(name), "-", "")) {
	case "UTF8":
		return nil, nil
	case "ISO88591":
		return charmap.ISO8859_1, nil
	case "ISO88592":
		return charmap.ISO8859_2, nil
	}
	return nil, fmt.Errorf("thesaurus in an encoding not read: %q", name)
}

func (th *thesaurus) decode(s string) string {
	if th.charset == nil {
		return s
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = th.charset.DecodeByte(s[i])
	}
	return string(r)
}

func (th *thesaurus) head(i int) string {
	start := uint32(0)
	if i > 0 {
		start = th.ends[i-1]
	}
	return th.heads[start:th.ends[i]]
}

// find is the range of headwords equal to word (folded, lower-case).
func (th *thesaurus) find(word string) (from, to int) {
	n := len(th.ends)
	from = searchHeads(th, word)
	to = from
	for to < n && th.head(to) == word {
		to++
	}
	return from, to
}

func searchHeads(th *thesaurus, word string) int {
	lo, hi := 0, len(th.ends)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if th.head(m) < word {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// knows reports whether word (folded, lower-case) is a headword: a word
// of the language, not a typo.
func (th *thesaurus) knows(word string) bool {
	from, to := th.find(word)
	return to > from
}

// maxStemScan bounds the headwords headwordOf reads for one word.
const maxStemScan = 64

// headwordOf is the headword word is a form of: word itself when it is
// one, else of the one-word headwords that begin with word's stem and have
// that stem, the longest word begins with ("weddings" is "wedding", not
// "wed"), or else the shortest ("purchased" is "purchase", "classes"
// "class"); "" when none is. stem is the language's stemmer.
func (th *thesaurus) headwordOf(word, wordStem string, stem func(string) string) string {
	if th.knows(word) {
		return word
	}
	best, bestPrefix := "", false
	for i, n := searchHeads(th, wordStem), 0; i < len(th.ends) && n < maxStemScan; i, n = i+1, n+1 {
		h := th.head(i)
		if !strings.HasPrefix(h, wordStem) {
			break
		}
		if strings.Contains(h, " ") || fold(stem(h)) != wordStem {
			continue
		}
		switch prefix := strings.HasPrefix(word, h); {
		case best == "", prefix && (!bestPrefix || len(h) > len(best)), !prefix && !bestPrefix && len(h) < len(best):
			best, bestPrefix = h, prefix
		}
	}
	return best
}

// thesaurusEntry is what the thesaurus says of a word.
type thesaurusEntry struct {
	// synonyms are the synonyms of the word's maxSenses commonest
	// meanings, and the similar terms of the commonest one (an adjective's
	// head word: "huge" is "large"), single words only, lower-case and
	// folded; generic and related terms, the rarer senses' similar terms
	// and antonyms are left out (a "vessel" is not a "ship", "hot" is not
	// "warm", "disembark" is not "embark").
	synonyms []string
	// nounSynonyms and verbSynonyms are the synonyms of the word's
	// maxSenses commonest meanings labelled a noun, or a verb, among its
	// first maxPOSSenses: "rent" is first a payment and a tear, and only
	// then to lease or hire (a thesaurus without parts of speech has none).
	nounSynonyms, verbSynonyms []string
	// kinds are the single-word generic terms of the word's maxSenses
	// commonest noun meanings: what it is a kind of ("planter" is a "pot").
	kinds []string
	// modifier: the word's commonest meaning is a verb, an adjective or an
	// adverb, as the thesaurus labels it (a thesaurus without parts of
	// speech, as the Spanish one, says none is).
	modifier bool
	// adverb: the word's commonest meaning is an adverb, as the thesaurus
	// labels it ("usually", "completely").
	adverb bool
	// name: every meaning read is of a name, as the thesaurus capitalises
	// it ("oder" is only the river Oder), so the word may be a shopper's
	// typo of a shop's word ("order"; typo.go).
	name bool
}

// synonyms are word's synonyms (thesaurusEntry.synonyms).
func (th *thesaurus) synonyms(word string) []string { return th.entry(word).synonyms }

// entry is what the thesaurus says of word (folded, lower-case); zero when
// it is no headword.
func (th *thesaurus) entry(word string) thesaurusEntry {
	th.mu.Lock()
	defer th.mu.Unlock()
	if e, ok := th.memo[word]; ok {
		return e
	}
	var e thesaurusEntry
	from, to := th.find(word)
	e.name = to > from
	for i := from; i < to; i++ {
		th.readEntry(th.offsets[i], word, &e, i == from)
	}
	if len(th.memo) < maxSynonymMemo {
		th.memo[word] = e
	}
	return e
}

// readEntry adds the entry at offset to e, its commonest meaning's part
// of speech too when first; th.mu is held.
func (th *thesaurus) readEntry(offset uint32, word string, e *thesaurusEntry, first bool) {
	if th.data == nil {
		f, err := os.Open(th.dataPath)
		if err != nil {
			e.name = false
			return
		}
		th.data = f
	}
	r := bufio.NewReaderSize(io.NewSectionReader(th.data, int64(offset), 1<<20), 4096)
	head, err := r.ReadString('\n')
	_, count, _ := strings.Cut(strings.TrimSpace(head), "|")
	n, convErr := strconv.Atoi(count)
	if err != nil || convErr != nil || n == 0 {
		e.name = false // nothing read tells a name
		return
	}
	nouns, verbs := 0, 0
	for sense := 0; sense < min(n, maxPOSSenses); sense++ {
		line, err := r.ReadString('\n')
		fields := strings.Split(strings.TrimSpace(th.decode(line)), "|")
		if first && sense == 0 {
			e.modifier, e.adverb = modifierLabel(fields[0]), adverbLabel(fields[0])
		}
		syns := senseSynonyms(fields[min(1, len(fields)):], word, sense == 0)
		if sense < maxSenses {
			e.name = e.name && namesCapitalised(fields[min(1, len(fields)):], word)
			e.synonyms = appendAllNew(e.synonyms, syns)
		}
		switch label := fields[0]; {
		case nounLabel(label) && nouns < maxSenses:
			e.nounSynonyms, nouns = appendAllNew(e.nounSynonyms, syns), nouns+1
			e.kinds = appendAllNew(e.kinds, genericTerms(fields[1:]))
		case verbLabel(label) && verbs < maxSenses:
			e.verbSynonyms, verbs = appendAllNew(e.verbSynonyms, syns), verbs+1
		}
		if err != nil {
			break
		}
	}
}

// maxPOSSenses is how many of a word's meanings are read for the
// commonest of each part of speech.
const maxPOSSenses = 12

// senseSynonyms are the single-word synonyms of one meaning's fields
// (lower-case, folded, word itself left out); the commonest meaning's
// similar terms count ("huge" is "large").
func senseSynonyms(fields []string, word string, commonest bool) []string {
	var out []string
	for _, s := range fields {
		if commonest {
			s = strings.TrimSuffix(s, " (similar term)")
		}
		if strings.Contains(s, "(") || strings.ContainsAny(s, " -'") {
			continue // a marked term, or not one word
		}
		if s = fold(strings.ToLower(s)); s != word {
			out = append(out, s)
		}
	}
	return out
}

// genericTerms are the single words a meaning's fields mark "(generic
// term)", lower-case and folded.
func genericTerms(fields []string) []string {
	var out []string
	for _, f := range fields {
		if g, ok := strings.CutSuffix(f, " (generic term)"); ok && !strings.ContainsAny(g, " -'") {
			out = append(out, fold(strings.ToLower(g)))
		}
	}
	return out
}

// appendAllNew is list with those of more it lacks.
func appendAllNew(list, more []string) []string {
	for _, s := range more {
		list = appendNew(list, s)
	}
	return list
}

// nounLabel and verbLabel report whether a meaning's part-of-speech label
// names a noun, or a verb (a thesaurus without parts of speech labels
// neither).
func nounLabel(label string) bool {
	l := strings.ToLower(strings.Trim(label, "()"))
	return strings.Contains(l, "noun") || strings.Contains(l, "nom") || strings.HasPrefix(l, "s.")
}

func verbLabel(label string) bool {
	switch strings.ToLower(strings.Trim(label, "()")) {
	case "verb", "verbe", "v.":
		return true
	}
	return false
}

// namesCapitalised reports whether a meaning's synonyms hold word
// capitalised, as a name is written ("Oder" of "oder").
func namesCapitalised(synonyms []string, word string) bool {
	for _, s := range synonyms {
		if s != strings.ToLower(s) && fold(strings.ToLower(s)) == word {
			return true
		}
	}
	return false
}

// adverbLabel reports whether a meaning's part-of-speech label names an
// adverb, in the labels of the English, French and Italian thesauri.
func adverbLabel(label string) bool {
	switch strings.ToLower(strings.Trim(label, "()")) {
	case "adv", "adverbe", "avv.":
		return true
	}
	return false
}

// modifierLabel reports whether a meaning's part-of-speech label names a
// verb, an adjective or an adverb, in the labels of the English ("(verb)",
// "(adj)", "(adv)"), French ("(Verbe)", "(Adjectif)", "(Adverbe)") and
// Italian ("(v.)", "(agg.)", "(avv.)") thesauri; a label that also names a
// noun ("(Adjectif Nom)") is a noun's.
func modifierLabel(label string) bool {
	l := strings.ToLower(strings.Trim(label, "()"))
	if strings.Contains(l, "noun") || strings.Contains(l, "nom") || strings.HasPrefix(l, "s.") {
		return false
	}
	switch l {
	case "verb", "adj", "adv", "verbe", "adjectif", "adverbe", "adjectif verbe", "v.", "agg.", "avv.":
		return true
	}
	return false
}

// LoadThesauri loads, now, the thesaurus of every language the engine
// speaks that has one installed, and builds the languages' analysers: the
// first answer in each language would otherwise wait for them (the English
// thesaurus takes 0.1–0.4 s to load here). The app calls it in the
// background when it starts.
func (e *Engine) LoadThesauri() {
	spoken("en") // builds every language's kit
	for code := range kits {
		if _, err := thesaurusFiles(e.thesauri, code); err == nil {
			thesaurusFor(e.thesauri, code)
		}
	}
}
