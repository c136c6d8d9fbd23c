package builtin

// wordGroup is the synonym group of a question's term, written word:
// none when word is a form neither the shop's texts nor the synonym lists
// write of a word that asks a product's fact ("stocking" of "stock"): it
// names a thing ("the stocking bundle"), not the fact.
func (idx *index) wordGroup(term, word string) string {
	key := idx.groupKey(term)
	if key != "" && idx.kit.analyzer.facts[key] && word != "" && idx.vocab.term(word) == "" {
		return ""
	}
	return key
}
