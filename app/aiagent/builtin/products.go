package builtin

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// productRules recognise what a question asks of a product, on the
// normalised message: its price, whether it is in stock, which options it
// comes in; and a price bound on a product search ("under 150").
type productRules struct {
	price, stock, options []*regexp.Regexp
	// restock tells "when is it back in stock" (a policy question) from
	// "is it in stock" (a fact of the product).
	restock []*regexp.Regexp
	// under and over find a price bound; their first group is the amount.
	under, over *regexp.Regexp
	// frame finds the words that only frame a question of a product's
	// fact ("can I buy … right now"): dropped before the product's name
	// is looked for, and not counted as something asked of its data.
	frame *regexp.Regexp
	// amountOf finds "how much" asking an amount of the thing after it,
	// not a price: "how much light does a fig need", "how much water
	// should I give it" (a verb after the thing). Nil: none known.
	amountOf *regexp.Regexp
}

// factsAsked is what a question asks of a product.
type factsAsked struct {
	price, stock, options bool
}

func (f factsAsked) any() bool { return f.price || f.stock || f.options }

// askedFacts are the product facts a normalised message asks for.
func askedFacts(kit *languageKit, msg string) factsAsked {
	r := kit.intents.productFacts
	priced := msg
	if r.amountOf != nil {
		priced = r.amountOf.ReplaceAllString(msg, "$1") // "how much light does": no price, unless a price word says one
	}
	return factsAsked{
		price:   matchesAny(r.price, priced),
		stock:   matchesAny(r.stock, msg) && !matchesAny(r.restock, msg),
		options: matchesAny(r.options, msg),
	}
}

// priceBound is a product search's price bound: products under max (0:
// none) and over min; rest is the message without it.
type priceBound struct {
	min, max float64
}

func (b priceBound) set() bool { return b.min > 0 || b.max > 0 }

func (b priceBound) admits(p storage.Product) bool {
	price, err := strconv.ParseFloat(p.Price, 64)
	if err != nil {
		return !b.set()
	}
	return (b.max == 0 || price <= b.max) && price >= b.min
}

// priceBoundOf finds a price bound in a normalised message and returns the
// message without it, so the amount is not searched for as a word.
func priceBoundOf(kit *languageKit, msg string) (priceBound, string) {
	var b priceBound
	r := kit.intents.productFacts
	for _, x := range []struct {
		re  *regexp.Regexp
		set *float64
	}{{r.under, &b.max}, {r.over, &b.min}} {
		if x.re == nil {
			continue
		}
		if m := x.re.FindStringSubmatchIndex(msg); m != nil {
			amount, err := strconv.ParseFloat(strings.ReplaceAll(msg[m[2]:m[3]], ",", "."), 64)
			if err == nil {
				*x.set = amount
				msg = strings.TrimSpace(msg[:m[0]] + " " + msg[m[1]:])
			}
		}
	}
	return b, msg
}

// productFacts answers a question about one product the message names
// (its price, stock or options) with those facts and its card; ok is false
// when the message asks no such fact or names no product clearly.
func (idx *index) productFacts(kit *languageKit, msg string, q query) (aiagent.Answer, bool) {
	asked := askedFacts(kit, msg)
	if fixed, ok := idx.respelled(msg); ok && !asked.any() {
		asked = askedFacts(kit, fixed) // "is cabin fire in stok": the fact as meant
	}
	if r := kit.intents.productFacts.frame; asked.any() && r != nil {
		msg = strings.Join(strings.Fields(r.ReplaceAllString(msg, " ")), " ")
		q = idx.analyse(msg)
		if matchesAny(kit.intents.products, msg) {
			q = q.plain()
		}
	}
	variant := ""
	if !asked.any() {
		// "do you have the helmet in medium": whether it is for sale, and
		// in which values it comes, of the product it names without them.
		value, rest, ok := idx.variantAsked(kit, msg)
		if !ok {
			return aiagent.Answer{}, false
		}
		variant, msg, asked.stock = value, rest, true
		q = idx.analyse(rest)
		if matchesAny(kit.intents.products, rest) {
			q = q.plain()
		}
	}
	// The words that name the product: not the fact asked, nor an option's
	// value ("XL"), which a product may lack; the words as written first,
	// then with their synonyms ("the merino sweater").
	naming := q.without(func(c concept) bool { return c.fact || asked.options && c.option || idx.optionTerms[c.term] })
	passes := []query{naming.exact(), naming}
	// A word that is an option's value of some products may be the name of
	// another ("white" is a colour of mugs and the name of a white tea):
	// when the other words name no product, it is tried as a name too.
	if valued := q.without(func(c concept) bool { return c.fact || asked.options && c.option }); len(valued.concepts) > len(naming.concepts) {
		passes = append(passes, valued.exact(), valued)
	}
	for _, words := range passes {
		named := idx.nameProduct(words, idx.search(words, func(d document) bool { return d.kind == aiagent.SourceProduct }))
		if !named.found {
			continue
		}
		if len(named.rivals) > 0 {
			return idx.whichProduct(named, kit.texts), true // two products answer to the name: ask, no guess
		}
		hit := named.hit
		p := idx.docs[hit.doc].product
		if variant != "" {
			value, ok := valueOf(kit, p, variant)
			if !ok {
				return aiagent.Answer{}, false // not one of its values: what else it may be, the search tells
			}
			msg += " " + normalized(value) // the option it names, for the answer to give its values
		}
		if asked == (factsAsked{options: true}) {
			if a, ok := idx.sizeFromDescription(kit, msg, q, hit); ok {
				return a, true
			}
		}
		if idx.namesSoldOutVariant(p, q) {
			asked.stock = true
		} else if !asked.answerable(p, msg) || idx.asksBeyond(hit.doc, q) {
			// The product is named but its data does not say: no guess.
			return beyondItsData(kit.texts, hit.coverage), true
		}
		return idx.productAnswerOf(kit.texts, hit, asked, msg, q), true
	}
	return aiagent.Answer{}, false
}

// answerable reports whether p's fields hold a fact asked: its price, its
// availability (always known), or options.
func (f factsAsked) answerable(p storage.Product, msg string) bool {
	return f.price && p.Price != "" || f.stock || (f.options || len(optionsMentioned(p, msg)) > 0) && len(p.Options) > 0
}

// nameCoverage is the share of q a product's name matches: its title,
// type, vendor and tags, not its description ("delivered every 2 weeks"
// does not make a subscription the answer to "how much is delivery").
func (idx *index) nameCoverage(q query, doc int32) float64 {
	p := idx.docs[doc].product
	return idx.titleCoverage(q, strings.Join(append([]string{p.Title, p.ProductType, p.Vendor}, p.Tags...), " . "))
}

// titleCoverage is the share of q that title matches.
func (idx *index) titleCoverage(q query, title string) float64 {
	name := map[string]bool{}
	toks := idx.kit.analyzer.tokens(readInchMarks(title, idx.kit.intents.measures.inch))
	for _, t := range append(idx.kit.analyzer.join(toks), quantities(toks)...) {
		name[t] = true // its words, and its sizes ("6 inch" of "Pot (6\")")
	}
	matched, total := 0.0, 0.0
	for _, c := range q.concepts {
		total += c.weight
		if c.matches(name) {
			matched += c.weight
		}
	}
	if total == 0 {
		return 0
	}
	return matched / total
}

// exact is q with each word matching only as written (stemmed), without
// its synonyms.
func (q query) exact() query {
	out := query{topics: q.topics, concepts: make([]concept, len(q.concepts))}
	for i, c := range q.concepts {
		c.forms = c.forms[:1]
		out.concepts[i] = c
	}
	return out
}

// productAnswerOf answers with one product's card, the facts asked and
// the sentence of its description that answers the rest of the question.
func (idx *index) productAnswerOf(t texts, h docHit, asked factsAsked, msg string, q query) aiagent.Answer {
	d := idx.docs[h.doc]
	p := d.product
	var lines []string
	if asked.price && p.Price != "" {
		lines = append(lines, fmt.Sprintf(t.priceFact, p.Title, p.Price, idx.shop.currency))
	}
	if asked.stock {
		lines = append(lines, fmt.Sprintf(map[bool]string{true: t.inStock, false: t.soldOut}[p.Available], p.Title))
	}
	mentioned := optionsMentioned(p, msg)
	if len(mentioned) == 0 {
		mentioned = idx.optionsNamed(p, q)
	}
	if asked.options || len(mentioned) > 0 {
		for _, o := range p.Options {
			if len(o.Values) > 0 && (len(mentioned) == 0 || mentioned[o.Name]) {
				lines = append(lines, fmt.Sprintf(t.optionFact, p.Title, o.Name, strings.Join(o.Values, ", ")))
			}
		}
	}
	if s := idx.bestSentences(p.Description, q, 1, idx.kit.analyzer.terms(d.title)); s != "" {
		lines = append(lines, namedSentence(p.Title, s, len(lines) == 0))
	} else if tags, ss := idx.tagsAsked(p, q), sentences(p.Description); len(tags) > 0 {
		// Asked of a label alone: the label, then what the product is.
		var first []string
		if len(ss) > 0 {
			first = []string{firstStatement(ss)}
		}
		lines = append(lines, namedSentence(p.Title, strings.Join(append([]string{tagLine(tags)}, first...), " "), len(lines) == 0))
	} else if len(lines) == 0 && len(ss) > 0 {
		lines = append(lines, namedSentence(p.Title, firstStatement(ss), true)) // what the product is, in the merchant's words
	}
	if len(lines) == 0 {
		lines = []string{t.productLead}
	}
	return aiagent.Answer{Text: strings.Join(lines, "\n"), Cards: []aiagent.ProductCard{idx.card(d)}, Confidence: h.coverage,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct,
		Sources: []aiagent.Source{{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score}}}
}

// namedSentence is a sentence of a product's description, led by the
// product's title when it is the answer's first line and does not name
// it: "Helps fade dark spots." says of what only beside its card, and a
// conversation is read without the cards too (an email, a transcript).
func namedSentence(title, sentence string, first bool) string {
	if !first || strings.Contains(normalized(sentence), normalized(title)) {
		return sentence
	}
	return title + ": " + sentence
}

// optionsMentioned are the options of p one of whose values the message
// names as a word ("does it come in XL" names Size).
func optionsMentioned(p storage.Product, msg string) map[string]bool {
	padded := " " + msg + " "
	out := map[string]bool{}
	for _, o := range p.Options {
		for _, v := range o.Values {
			if value := normalized(v); value != "" && strings.Contains(padded, " "+value+" ") {
				out[o.Name] = true
			}
		}
	}
	return out
}

// optionsNamed are the options of p whose name the question uses
// ("what colours" names Color, by the colour synonyms; "which scents"
// names Scent, the merchant's own name of an option): an option's name
// that is no word of the product's title asks for its values. A word of
// one of an option's values does too ("anything besides white" of
// "Speckled White", "in bags" of "20 bags"): the shopper asks about that
// option, and its values answer, whichever one they meant.
func (idx *index) optionsNamed(p storage.Product, q query) map[string]bool {
	title := idx.termSet(p.Title)
	out := map[string]bool{}
	for _, o := range p.Options {
		name := idx.termSet(o.Name)
		values := idx.termSet(o.Values...)
		for _, c := range q.concepts {
			if c.matches(name) && (c.option || !c.matches(title)) || values[c.term] && !title[c.term] {
				out[o.Name] = true
			}
		}
	}
	return out
}

// productText is what a product is found by beyond its title and
// description: its type, vendor, tags and options (names and values).
func productText(p storage.Product) string {
	parts := []string{p.ProductType, p.Vendor}
	parts = append(parts, p.Tags...)
	for _, o := range p.Options {
		parts = append(parts, o.Name)
		parts = append(parts, o.Values...)
	}
	return strings.Join(parts, " . ")
}

// plain is q with every word counting its idf in coverage (a word of the
// situation a product is wanted for, unmatched, less: situational.go): in
// a product search, the product words are what is asked.
func (q query) plain() query {
	out := query{topics: q.topics, concepts: make([]concept, len(q.concepts))}
	for i, c := range q.concepts {
		c.weight, c.situational = c.idf, c.inSituation
		out.concepts[i] = c
	}
	return out
}

// without is q less the concepts drop says.
func (q query) without(drop func(concept) bool) query {
	out := query{topics: q.topics}
	for _, c := range q.concepts {
		if !drop(c) {
			out.concepts = append(out.concepts, c)
		}
	}
	return out
}

// firstStatement is the first of ss (a description's sentences) that is
// no question: a description that opens with one ("Can't decide?") says
// what the product is in the sentence after it.
func firstStatement(ss []string) string {
	for _, s := range ss {
		if !strings.HasSuffix(strings.TrimSpace(s), "?") {
			return s
		}
	}
	return ss[0]
}
