package builtin

import (
	"bufio"
	"fmt"
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
