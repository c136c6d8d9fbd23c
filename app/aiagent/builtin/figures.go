package builtin

import "regexp"

// This file lets a question's word find the passage that states what it
// asks as a figure, without the word: "subscription discount?" is answered
// by "every subscription delivery is 10% off", "what temp water for pour
// over" by "water at 200 °F". A passage whose text states such a figure is
// counted as holding the key of the word's synonym group, which the
// question's word matches as its group.

// figureGroup is a synonym group of the language and the figures as
// written that state what its words ask.
type figureGroup struct {
	group   string
	written *regexp.Regexp
}

// englishFigures are English's: money off ("10% off", "$5 off") is a
// discount, degrees ("200 °F", "30 degrees") a temperature, kilograms and
// pounds ("up to 18 lb"; not "20 pounds", which is money in a British shop)
// a weight, an age ("ages 8+", "from age 4", "3 and up") an age, a length
// ("18 inches", "6 ft", `4"`) a size.
var englishFigures = []figureGroup{
	{"discounts", regexp.MustCompile(`(?i)(\d\s?%|\d\s?percent|[$€£]\s?\d+([.,]\d+)?)\s?off\b`)},
	{"temperature", regexp.MustCompile(`(?i)\d\s?°|\d\s?degrees?\b`)},
	{"weight", regexp.MustCompile(`(?i)\d\s?(kg|kilos?|kilograms?|lbs?)\b`)},
	{"age", regexp.MustCompile(`(?i)\bages? \d|\b\d+\s?\+|\b\d+ (years?|yrs?) old\b|\b\d+ and (up|over|older)\b`)},
	{"size", regexp.MustCompile(`(?i)\d\s?(cm|mm|inch|inches|ft|foot|feet)\b|\d\s?["”″]`)},
}

// spanishFigures are Spanish's: degrees ("80 °C", "90 grados") a
// temperature, a length ("12 cm") a size. Money off is written with the
// word ("10 % de descuento").
var spanishFigures = []figureGroup{
	{"temperatura", regexp.MustCompile(`(?i)\d\s?°|\d\s?grados?\b`)},
	{"talla", regexp.MustCompile(`(?i)\d\s?(cm|mm|cent[ií]metros?|metros?|pulgadas?)\b`)},
}

// countFigures adds to a passage's term frequencies one count of the key
// of each of the language's figure groups whose figure text states.
func countFigures(tf map[string]float32, lang *language, text string) {
	for _, f := range lang.figures {
		if f.written.MatchString(text) {
			tf["~"+f.group]++
		}
	}
}

// statesFigure reports whether text states, as a figure, what c's word
// asks: "weighs 6.2 kg" says how heavy, "hardy to about 15°F" what
// temperature.
func (idx *index) statesFigure(c concept, text string) bool {
	key := idx.groupKey(c.term)
	for _, f := range idx.kit.analyzer.lang.figures {
		if key == "~"+f.group && f.written.MatchString(text) {
			return true
		}
	}
	return false
}
