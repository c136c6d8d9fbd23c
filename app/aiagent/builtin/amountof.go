package builtin

// asksAmountOf reports whether a normalised question asks how much there
// is of the thing after "how much" ("how much light does a fig need",
// "how much water should I give it"), as askedFacts reads it: the phrase
// then asks no price, and is no concept of the question unless a price
// word elsewhere says one. Otherwise "how much" weighs as a price and a
// product's "$20 oversize fee" outranks its "Wants bright light".
func (idx *index) asksAmountOf(text string) bool {
	re := idx.kit.intents.productFacts.amountOf
	return re != nil && re.MatchString(text)
}
