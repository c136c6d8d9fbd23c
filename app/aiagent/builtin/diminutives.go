package builtin

import "strings"

// This file reads a word in its diminutive, as Spanish shoppers write
// them, most of all in Mexico: "una tacita", "un coladorcito", "una camita
// para mi gato". A word the shop's data and the synonym lists do not know
// that ends as a diminutive is read as the word it is made from, when they
// know that one: "tacita" is "taza", "coladorcito" is "colador".

// spanishDiminutiveBases are the words a folded Spanish word may be the
// diminutive of, likeliest first; nil when it does not end as one.
func spanishDiminutiveBases(word string) []string {
	var out []string
	for _, suffix := range []struct{ ending, then string }{
		{"citos", "s"}, {"citas", "s"}, {"cito", ""}, {"cita", ""},
		{"itos", "os"}, {"itas", "as"}, {"ito", "o"}, {"ita", "a"},
	} {
		stem, ok := strings.CutSuffix(word, suffix.ending)
		if !ok || len(stem) < 2 {
			continue
		}
		out = append(out, stem+suffix.then, stem)
		// The spelling the ending changed: "tacita" of "taza", "poquito"
		// of "poco", "amiguito" of "amigo".
		for _, respell := range [][2]string{{"c", "z"}, {"qu", "c"}, {"gu", "g"}} {
			if base, ok := strings.CutSuffix(stem, respell[0]); ok {
				out = append(out, base+respell[1]+suffix.then)
			}
		}
	}
	return out
}

// diminutiveOf is the word the shop's data or the synonym lists know that
// word (unknown to both) is the diminutive of, in the language of the
// index; ok is false when there is none.
func (idx *index) diminutiveOf(word string) (base string, ok bool) {
	bases := idx.kit.analyzer.lang.diminutiveBases
	if bases == nil {
		return "", false
	}
	for _, b := range bases(word) {
		if idx.vocab.term(b) != "" || idx.kit.analyzer.listWords.term(b) != "" {
			return b, true
		}
	}
	return "", false
}
