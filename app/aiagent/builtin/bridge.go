package builtin

// A question's word that the shop's data and the synonym lists do not know
// is bridged through the language's general thesaurus (thesaurus.go) to
// the synonyms of it the shop does use, and weighed by what the thesaurus
// says it is (an adverb or a modifier counts for less).

// unknownWordWeight is the share of its weight a word the shop's data
// never uses counts for, by what the thesaurus says it is.
func unknownWordWeight(e thesaurusEntry) float64 {
	switch {
	case e.adverb:
		return unknownAdverbWeight
	case e.modifier:
		return unknownModifierWeight
	}
	return 1
}

// bridge is the forms the general thesaurus gives a word the shop's data
// and the synonym lists do not know: those of its synonyms the shop uses,
// at thesaurusWeight, through the meanings of the part of speech it stands
// as (position.go). The word is looked up as written, then as its stem
// ("shipped" is "ship").
func (idx *index) bridge(word, term string, pos wordPosition) []form {
	if idx.thesaurus == nil || word == "" {
		return nil
	}
	syns := idx.lookUp(word, term).synonymsAt(pos)
	var out []form
	seen := map[string]bool{term: true}
	for _, s := range syns {
		t := idx.vocab.term(s)
		if t == "" {
			t = fold(idx.kit.stem(s))
		}
		if seen[t] || idx.df[t] == 0 || idx.kit.stopword(s) {
			continue
		}
		seen[t] = true
		out = append(out, form{t, thesaurusWeight})
	}
	return out
}

// lookUp is what the thesaurus says of a question's word, or of the
// headword it is a form of ("shipped" of "ship"); zero without one.
func (idx *index) lookUp(word, term string) thesaurusEntry {
	if idx.thesaurus == nil || word == "" {
		return thesaurusEntry{}
	}
	if h := idx.thesaurus.headwordOf(word, term, idx.kit.stem); h != "" {
		return idx.thesaurus.entry(h)
	}
	return thesaurusEntry{}
}
