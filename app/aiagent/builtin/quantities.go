package builtin

import (
	"regexp"
	"strconv"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file binds a number to what it counts. A shopper's number is most
// often their own quantity ("for 2 cats", "a 25 inch chest"), which a
// passage's figure matches by chance ("a depth of 2 to 3 inches"): a
// number followed by a word is indexed and asked as the pair ("2 cat"), so
// it matches only the same number of the same thing ("30 day" of "within
// 30 days"), and a shopper's quantity the shop never writes is no word of
// the question. A size the shopper names ("the 24 lb bag") that the
// product answering does not come in hands the answer off: the product of
// the nearest size is another one, and so does one that names a product
// ("the 10 inch terracotta pot") that does not come in it, whatever
// passage answers: a policy's "10-inch nursery pots" is of other products.

// maxUnitGap is how many stop words may stand between a number and the
// word it counts ("2 to 3 inches": "to" is one).
const maxUnitGap = 1

// quantities is, for each number token of toks in order, the pair of the
// number and the word it counts ("2 cat"), or "" when no word follows
// within reach. A run of numbers shares the word after it: "2 to 3 inches"
// is "2 inch" and "3 inch".
func quantities(toks []token) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		if !isNumber(toks[i].term) {
			continue
		}
		out = append(out, "")
		if unit := unitAfter(toks, i); unit != "" {
			out[len(out)-1] = toks[i].term + " " + unit
		}
	}
	return out
}

// unitAfter is the term of the word a number at i counts: the first term
// after it that is no number, past at most maxUnitGap stop words between
// each; "" for none. A range runs up ("2 to 3 inches"): a number followed
// by a smaller one counts what that one measures ("12 8 oz candles" are
// twelve candles of 8 oz), no unit of its own.
func unitAfter(toks []token, i int) string {
	gap, last := 0, toks[i].term
	for j := i + 1; j < len(toks); j++ {
		switch t := toks[j].term; {
		case t == "":
			if gap++; gap > maxUnitGap {
				return ""
			}
		case isNumber(t):
			if descends(last, t) {
				return ""
			}
			gap, last = 0, t
		default:
			return t
		}
	}
	return ""
}

// descends reports whether number b is smaller than number a (both of
// digits only).
func descends(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	return errA == nil && errB == nil && y < x
}

// countQuantities adds to a passage's term frequencies one count of each
// number-and-word pair its tokens hold.
func countQuantities(tf map[string]float32, toks []token) {
	for _, q := range quantities(toks) {
		if q != "" {
			tf[q]++
		}
	}
}

// isQuantity reports whether a term is a number and the word it counts.
func isQuantity(term string) bool {
	n, _, ok := strings.Cut(term, " ")
	return ok && isNumber(n)
}

// isNumber reports whether a term is digits only.
func isNumber(term string) bool {
	for _, r := range term {
		if r < '0' || r > '9' {
			return false
		}
	}
	return term != ""
}

// addNameUnits adds to the index's name units the units of the sizes p's
// name and option values give ("lb" of "Cat Litter (25 lb)"): a
// dimension, not a count ("6 plants", "3 months").
func (idx *index) addNameUnits(p storage.Product) {
	named := []string{p.Title}
	for _, o := range p.Options {
		named = append(named, o.Values...)
	}
	for _, text := range named {
		for _, q := range idx.sizesOf(normalized(readInchMarks(text, idx.kit.intents.measures.inch))) {
			_, unit, _ := strings.Cut(q, " ")
			idx.nameUnits[unit] = true
		}
	}
}

// sizesOf are the number-and-unit pairs of the dimensions a normalised
// text gives ("25 lb").
func (idx *index) sizesOf(text string) []string {
	dimension := idx.kit.intents.measures.dimension
	if dimension == nil {
		return nil
	}
	var out []string
	for _, d := range dimension.FindAllString(text, -1) {
		for _, q := range quantities(idx.kit.analyzer.tokens(d)) {
			if q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// namesOtherSize reports whether question (normalised) names a size the
// product of id does not come in: a dimension of a unit the products'
// names give sizes in ("lb" of "25 lb") that the product's texts do not
// give ("how much is the 24 lb bag" of the 25 lb litter, whether the 24 lb
// is another product's size or none's).
func (idx *index) namesOtherSize(question, id string) bool {
	for _, q := range idx.sizesOf(question) {
		if _, unit, _ := strings.Cut(q, " "); idx.nameUnits[unit] && !idx.givesTerm(id, q) {
			return true
		}
	}
	for _, q := range append(idx.sizesOfNamed(question, id), idx.sizesOfThingAsked(question)...) {
		if !idx.givesTerm(id, q) {
			return true
		}
	}
	return false
}

// sizesOfThingAsked are the sizes of the thing a "do you sell" question
// (normalised) names, before any word that tells what it is for or has
// ("a 2 lb jar", "20 lb bags of potting mix"; not "a harness for a 30 lb
// dog"): whatever the unit, the size is of what the shopper wants to buy,
// so a product shown for it must come in it, though no product's name
// gives sizes in that unit.
func (idx *index) sizesOfThingAsked(question string) []string {
	thing, ok := thingAsked(idx.kit, question)
	if !ok {
		return nil
	}
	return idx.sizesOf(headEnd.Split(thing, 2)[0])
}

// sizesOfNamed are the sizes question (normalised) gives the thing the
// product of id is named as: a dimension followed by a word of its title
// or type ("a 10 foot leash" of the Nylon Leash), whatever unit the
// products' names give sizes in; a size of another thing ("for a 30 lb
// dog" of a harness) is none.
func (idx *index) sizesOfNamed(question, id string) []string {
	dimension := idx.kit.intents.measures.dimension
	if dimension == nil {
		return nil
	}
	var named map[string]bool
	var out []string
	for _, span := range dimension.FindAllStringIndex(question, -1) {
		next, _, _ := strings.Cut(strings.TrimSpace(question[span[1]:]), " ")
		if next == "" {
			continue
		}
		if named == nil {
			named = idx.titleTermsOf(id)
		}
		if terms := idx.kit.analyzer.terms(next); len(terms) == 1 && named[terms[0]] {
			out = append(out, idx.sizesOf(question[span[0]:span[1]])...)
		}
	}
	return out
}

// titleTermsOf is the set of terms of the title and type of the product
// of id.
func (idx *index) titleTermsOf(id string) map[string]bool {
	out := map[string]bool{}
	for _, d := range idx.docs {
		if d.kind == aiagent.SourceProduct && d.id == id {
			for _, t := range idx.kit.analyzer.terms(d.title + " . " + d.product.ProductType) {
				out[t] = true
			}
			break
		}
	}
	return out
}

// givesTerm reports whether the product of id has term in its texts.
func (idx *index) givesTerm(id, term string) bool {
	for _, p := range idx.postings[term] {
		if d := idx.docs[idx.passages[p.passage].doc]; d.kind == aiagent.SourceProduct && d.id == id {
			return true
		}
	}
	return false
}

// withoutOtherSize hands off an answer from a product to a question that
// names a size the product does not come in: the product of the nearest
// size is not the one asked of, nor are "did you mean" choices of products
// none of which comes in it.
func (idx *index) withoutOtherSize(question string, a aiagent.Answer, t texts) aiagent.Answer {
	if a.Handoff {
		return a
	}
	if named := idx.productsNamed(question, maxCards); len(named) > 0 && idx.noneComesIn(question, named) {
		return handedOff(a, t)
	}
	if len(a.Sources) == 0 {
		return a
	}
	for _, s := range a.Sources {
		if s.Kind != aiagent.SourceProduct || !idx.namesOtherSize(question, s.ID) {
			return a
		}
		if len(a.Choices) == 0 {
			break // the answer is the first source's
		}
	}
	return handedOff(a, t)
}

// noneComesIn reports whether question names a size none of the products
// of docs comes in.
func (idx *index) noneComesIn(question string, docs []int32) bool {
	for _, d := range docs {
		if !idx.namesOtherSize(question, idx.docs[d].id) {
			return false
		}
	}
	return true
}

// inchMark is a number written with the inch's sign, a double prime
// ("6\"", "24”"), and what stands before it: not a quotation mark, which
// opens a quotation ("\"6\"").
var inchMark = regexp.MustCompile(`(^|[^"“”\pL\pN])(\d+)["”″]`)

// readInchMarks is text with each number written with the inch's sign
// followed by inch, the language's word for the unit ("Planter (6\")" is
// "Planter (6 inch)"): the sign is no word, and the size is then a number
// and its unit as any other is. inch "" leaves text as it is.
func readInchMarks(text, inch string) string {
	if inch == "" || !strings.ContainsAny(text, "\"”″") {
		return text
	}
	return inchMark.ReplaceAllString(text, "${1}${2} "+inch)
}
