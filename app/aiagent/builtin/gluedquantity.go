package builtin

import "regexp"

// This file reads a number written together with its unit ("8oz",
// "200ml") as the quantity the shop writes apart ("8 oz"): as one word it
// is unknown to the shop's data and weighs as a thing it never heard of,
// so "how many hours will an 8oz candle last me" was matched by the reed
// diffusers' texts rather than by the candles' "8 oz candles burn for 45
// to 50 hours". It is read so only when the shop's texts give that
// quantity; its number and its unit are never words of their own.

// gluedUnit is a number and a unit of letters written as one word.
var gluedUnit = regexp.MustCompile(`^(\d+)([a-z]+)$`)

// gluedQuantity is the index's quantity term ("8 oz") of term, a number
// glued to its unit ("8oz"); ok is false for any other term, or one whose
// quantity no text of the shop gives.
func (idx *index) gluedQuantity(term string) (string, bool) {
	m := gluedUnit.FindStringSubmatch(term)
	if m == nil || idx.df[term] > 0 {
		return "", false
	}
	units := idx.kit.analyzer.terms(m[2])
	if len(units) != 1 {
		return "", false
	}
	pair := m[1] + " " + units[0]
	return pair, idx.df[pair] > 0
}
