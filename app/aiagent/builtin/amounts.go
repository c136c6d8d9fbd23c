package builtin

import "regexp"

// This file lets a question of a price find the passage that states one:
// "what does a tune-up cost" is answered by "a basic tune-up is $79",
// which holds no word for a price but an amount of money. A passage that
// states an amount is indexed under amountTerm, which a question's price
// word matches as a synonym. Only a word that names a price does: "how
// much" asks a quantity as often ("how much coffee for a pour over").

// moneyAmount finds an amount of money in a text as written: a currency
// sign or code before or after a number ("$79", "79 €", "USD 18.00",
// "149 dollars", "350 pesos").
var moneyAmount = regexp.MustCompile(`(?i)([$€£¥]\s?\d|\d\s?(€|£)|\b(usd|eur|gbp|cad|aud|mxn|pln|chf)\s?\d|` +
	`\d\s?(usd|eur|gbp|cad|aud|mxn|pln|chf|dollars?|euros?|pounds?|pesos?|z[lł]oty|zł)\b)`)

// amountTerm is the term of a passage that states an amount of money
// (never a word: "~" starts no word's term).
const amountTerm = "~amount"

// countAmounts adds to a passage's term frequencies one count of
// amountTerm when its text states an amount of money.
func countAmounts(tf map[string]float32, text string) {
	if moneyAmount.MatchString(text) {
		tf[amountTerm]++
	}
}

// asksPrice reports whether a question asks a price without a price
// word: "how much to get my bike tuned up", "how much does a refill run"
// (a verb or "to" after "how much"), not "how much wick should I leave" (a
// thing after it: a quantity). text is the question normalised.
func asksPrice(lang *language, text string) bool {
	return lang.priceQuestion != nil && lang.priceQuestion.MatchString(text) &&
		(lang.notPriceQuestion == nil || !lang.notPriceQuestion.MatchString(text))
}

// namesPrice reports whether a question's term is a word of the
// language's price group as written ("cost", "fee", "price"), not a phrase
// of it ("how much", joined into the group's key).
func (idx *index) namesPrice(term string) bool {
	key := "~" + idx.kit.priceGroup
	return idx.kit.priceGroup != "" && term != key && idx.groupKey(term) == key
}
