package builtin

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
)

// This file reads one word's entry of a thesaurus (thesaurus.go): its
// synonyms in its commonest meanings, of each part of speech, and what it
// is a kind of.

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
