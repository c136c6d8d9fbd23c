package builtin

import (
	"math"
	"slices"

	"hubchat/app/aiagent"
)

// BM25's constants, the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// synonymWeight is what a synonym's match is worth against the word
	// the shopper used.
	synonymWeight = 0.8
	// thesaurusWeight is what a match through the general thesaurus is
	// worth: less than a curated synonym, since a thesaurus knows every
	// sense of a word and the shop's context only one.
	thesaurusWeight = 0.6
	// unknownModifierWeight is what a verb or an adjective of the
	// language that the shop's data never uses counts for in coverage,
	// against its idf: it tells how ("possible", "broken") more than what
	// of, which an unknown noun ("student", "tea") tells at full weight.
	unknownModifierWeight = 0.5
	// unknownAdverbWeight is what an adverb the shop's data never uses
	// counts for: it tells when or how much ("usually", "completely"),
	// hardly ever the thing a shop lacks.
	unknownAdverbWeight = 0.25
	// numberWeight is what a number counts for in coverage, against its
	// idf: a shopper's number is most often their own quantity ("5 foot
	// 8", "2 cats"), which matches a figure of the shop's ("5 to 8
	// business days") by chance.
	numberWeight = 0.5
	// productWordWeight is how much a word that only products' names use
	// counts in coverage, against one.
	productWordWeight = 0.5
	// maxConcepts bounds the meaningful words of a question that count
	// (one bit each in a passage's match mask).
	maxConcepts = 64
)

// concept is one meaningful word of a question with the forms that match
// it: the term itself and its synonyms.
type concept struct {
	term   string
	forms  []form
	idf    float64 // how much the word says: rare in the shop's data, or unknown, says more
	fact   bool    // asks a product's fact (its price, its stock), not what it is
	option bool    // names a product option (size, colour)
	// weight is what the word counts for in coverage: its idf, halved for
	// a word only products use (a product's name in a question about a
	// policy: "how do I wash my wool hoodie" is about washing).
	weight float64
	// unwanted: the shopper says the word in the negative ("plants that
	// don't need soil"); a product search matches it only where a product
	// says it in the negative too (unwanted.go).
	unwanted bool
	// absent: the shopper asks for it absent ("fragrance free"); any search
	// matches it only where a passage says it in the negative (absence.go).
	absent bool
	// inSituation: the word tells where, with whom or for whom a product
	// will be used ("to the pub"); situational: q counts it for less
	// where unmatched, as a product search does (situational.go).
	inSituation, situational bool
	// purpose: the word is what the thing wanted is to do ("something to
	// clean my dog's teeth"), not what kind of thing it is (gates.go).
	purpose bool
	// unheardThing: the word names a thing the shop's data never writes
	// of (partial.go).
	unheardThing bool
	// broaderFrom is where c's forms of the kinds its word is of begin
	// ("pet" for "cat"; broader.go): a product search takes none of them.
	broaderFrom int
}

type form struct {
	term   string
	weight float64
}

// query is a question analysed against an index.
type query struct {
	concepts []concept
	topics   []aiagent.Tag // the topics its words tell, in order
	// asksValue: the question asks for a value (how much, how long, when),
	// which a passage saying the fact is not there cannot give.
	asksValue bool
	// productSearch: the query looks for products, whose unwanted concepts
	// only a negated mention matches.
	productSearch bool
}

// docHit is a document's best passage for a query.
type docHit struct {
	doc      int32
	passage  int32
	score    float64
	coverage float64 // the IDF-weighted share of the question's words the passage matches
	matched  uint64  // which of the question's concepts the passage matches, one bit each
	// inBody: the passage was chosen by what its own text says, under a
	// title that holds every word asked (pickedmeasure.go): quoted as it
	// is, not as the document's opening.
	inBody bool
}

// analyse turns a question into concepts: its words typo-corrected when
// unknown to the shop's vocabulary and the synonym lists, stemmed, phrases
// joined, each with its synonyms.
func (idx *index) analyse(text string) query {
	a := idx.kit.analyzer
	text = a.askedCountry(text) // "us shipping": the country
	toks := idx.understood(a.joinPlaces(a.tokens(text)))
	wordOf, posOf := map[string]string{}, map[string]wordPosition{}
	for i, pos := range a.positions(toks) {
		wordOf[toks[i].term], posOf[toks[i].term] = toks[i].word, pos
	}
	purpose := a.purposeVerbs(toks)
	q := query{asksValue: asksValue(toks, a.lang.valueWord)}
	unwanted := negatedQuestionWords(text, a.lang.negator)
	absent, quiet := a.absentQuestionWords(toks, idx.absentTerms, idx.saysAbsent)
	situation := situationWords(text, a.lang.situations)
	seen := map[string]bool{}
	counted, numbers := quantities(toks), 0
	terms := idx.merchant.join(a, toks)
	// "cost", "fee", "how much is": an amount of money answers.
	pricedBy := slices.IndexFunc(terms, idx.namesPrice) >= 0 || asksPrice(a.lang, text)
	amountOf := !pricedBy && idx.asksAmountOf(text)
	for i, term := range terms {
		if idx.boundAlone(terms, i) && len(idx.productsNamed(text, 1)) == 0 {
			continue // "beans" of a shop that writes "bean" only in its grind "Whole Bean" (optionwords.go)
		}
		if pair, ok := idx.gluedQuantity(term); ok {
			term = pair // "8oz": the shop's "8 oz"
		}
		if isNumber(term) && numbers < len(counted) {
			pair := counted[numbers]
			numbers++
			if pair != "" && idx.df[pair] == 0 {
				continue // the shopper's own quantity: no text of the shop gives it
			}
			if pair != "" {
				term = pair
			}
		}
		if quiet[wordOf[term]] {
			continue // "fragrance free", "without scent": the word of absence asks nothing of its own (absence.go)
		}
		// One concept per synonym group: "fix it by mistake" asks one thing.
		key := term
		if g := idx.wordGroup(term, wordOf[term]); g != "" {
			key = g
		}
		if seen[key] || len(q.concepts) == maxConcepts || amountOf && key == "~"+a.lang.priceGroup {
			continue
		}
		seen[key] = true
		c := concept{term: term, forms: []form{{term, 1}}, unwanted: unwanted[wordOf[term]], absent: absent[wordOf[term]],
			inSituation: situation[wordOf[term]], purpose: purpose[wordOf[term]]}
		if key := idx.wordGroup(term, wordOf[term]); key != "" {
			if key != term {
				c.forms = append(c.forms, form{key, synonymWeight})
			}
			for _, m := range a.members[key] {
				if m != term {
					c.forms = append(c.forms, form{m, synonymWeight})
				}
			}
			if topic := a.tagOf[key]; topic != "" {
				q.topics = append(q.topics, topic)
			}
			c.fact, c.option = a.facts[key], a.options[key]
		}
		if pricedBy && key == "~"+a.lang.priceGroup {
			c.forms = append(c.forms, form{amountTerm, synonymWeight})
		}
		if idx.asksFrequency(key) {
			c.forms = append(c.forms, form{oftenTerm, synonymWeight})
		}
		if idx.asksClock(key, wordOf[term], text) {
			c.forms = append(c.forms, form{clockTerm, synonymWeight})
		}
		if _, ok := madeAbsent(term); ok {
			c.forms, c.absent = idx.withoutForms(term), true
		} else if idx.df[withoutTerm(term)] > 0 {
			// "scent free", "without scent": "unscented"; and "is it
			// scented?" is answered by its "no" (without.go).
			c.forms = append(c.forms, form{withoutTerm(term), 1})
		}
		if forms, ok := idx.contactForms(key, text); ok {
			c.forms = forms // "what's your phone number": a passage that gives one
		}
		c.forms = idx.merchant.expand(term, c.forms)
		if len(c.forms) == 1 && idx.df[term] == 0 {
			c.forms = append(c.forms, idx.bridge(wordOf[term], term, posOf[term])...)
			c.forms = append(c.forms, idx.kindForms(wordOf[term], term)...)
		}
		var df int32
		for _, f := range c.forms {
			df = max(df, idx.df[f.term])
		}
		c.idf = idf(len(idx.docs), int(df))
		c.weight = c.idf
		switch {
		case df > 0 && !idx.inKnowledge(c) && idx.namesProducts(c):
			c.weight *= productWordWeight
		case df == 0 && a.isPlace(wordOf[term]):
			c.idf *= unnamedPlaceWeight
			c.weight = c.idf
		case df == 0:
			c.weight *= unknownWordWeight(idx.lookUp(wordOf[term], term))
			c.unheardThing = idx.namesUnheardThing(wordOf[term], term)
		case isNumber(term) || isQuantity(term):
			c.weight *= numberWeight
		}
		c.broaderFrom = len(c.forms) // after the idf: a kind's words say less than the word
		c.forms = append(c.forms, idx.broaderForms(key)...)
		c.forms = append(c.forms, idx.placeForms(key, wordOf[term])...)
		q.concepts = append(q.concepts, c)
	}
	return q
}

// inKnowledge reports whether a FAQ, article or policy uses one of c's forms.
func (idx *index) inKnowledge(c concept) bool {
	for _, f := range c.forms {
		if _, ok := idx.knowledgeTerms[f.term]; ok {
			return true
		}
	}
	return false
}

// groupKey is the synonym group of term ("" for none); a group key is its
// own group.
func (idx *index) groupKey(term string) string {
	a := idx.kit.analyzer
	if _, ok := a.tagOf[term]; ok {
		return term
	}
	return a.groupOf[term]
}

func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// search ranks documents for q, the best passage of each, best first;
// keep says which documents may answer (nil: all).
func (idx *index) search(q query, keep func(document) bool) []docHit {
	if len(q.concepts) == 0 {
		return nil
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	n := len(idx.passages)
	s.score, s.mask, s.best = resize(s.score, n), resizeMask(s.mask, n), resize(s.best, n)
	s.form, s.match = resize(s.form, n), resize(s.match, n)
	var all []int32
	for i, c := range q.concepts {
		s.touched = s.touched[:0]
		forms := c.forms
		if q.productSearch {
			forms = forms[:c.broaderFrom]
		}
		for _, f := range forms {
			if isWithout(f.term) && !c.absent && !c.unwanted && q.productSearch {
				continue // "scented candles" are not the unscented one
			}
			for _, p := range idx.postings[f.term] {
				if (c.unwanted && q.productSearch || c.absent) && !p.negated && !isWithout(f.term) {
					continue // a product that has what the shopper does not want
				}
				v := f.weight * c.idf * idx.bm25(p)
				if s.best[p.passage] == 0 {
					s.touched = append(s.touched, p.passage)
				}
				s.best[p.passage] = max(s.best[p.passage], v)
				s.form[p.passage] = max(s.form[p.passage], idx.formWeight(q, c, f, p))
			}
		}
		for _, p := range s.touched {
			if s.mask[p] == 0 {
				all = append(all, p)
			}
			s.score[p] += s.best[p]
			s.match[p] += c.weight * s.form[p]
			s.mask[p] |= 1 << uint(i)
			s.best[p], s.form[p] = 0, 0
		}
	}
	total := 0.0
	for _, c := range q.concepts {
		total += c.weight
	}
	hits := idx.bestPerDocument(q, all, s, total, keep)
	for _, p := range all {
		s.score[p], s.mask[p], s.match[p] = 0, 0, 0
	}
	return hits
}

// topHits is how many documents a search returns: the gates look at the
// best two, a product search shows up to maxCards.
const topHits = 8

// bestPerDocument keeps each document's best passage and returns the
// topHits best documents, best first (ties: the earlier document).
func (idx *index) bestPerDocument(q query, passages []int32, s *scratch, total float64, keep func(document) bool) []docHit {
	s.docBest = resizeInt(s.docBest, len(idx.docs))
	var docs []int32
	for _, p := range passages {
		d := idx.passages[p].doc
		if keep != nil && !keep(idx.docs[d]) {
			continue
		}
		switch best := s.docBest[d]; {
		case best == 0:
			docs = append(docs, d)
			s.docBest[d] = p + 1 // 0 means none: passages are stored one up
		case betterPassage(s, p, best-1):
			s.docBest[d] = p + 1
		}
	}
	top := make([]docHit, 0, topHits+1)
	for _, d := range docs {
		p := s.docBest[d] - 1
		s.docBest[d] = 0
		h := docHit{doc: d, passage: p, score: s.score[p]}
		i := len(top)
		for i > 0 && better(h, top[i-1]) {
			i--
		}
		if i < topHits {
			top = slices.Insert(top, i, h)
			top = top[:min(len(top), topHits)]
		}
	}
	for i := range top {
		top[i].matched = s.mask[top[i].passage]
		top[i].coverage = coverage(q, top[i].matched, total)
	}
	return top
}

// betterPassage reports whether passage p answers better than passage q
// of the same document: it matches more of the question, the shopper's
// own words counting over their synonyms ("2 to 4 business days" over
// "within the UK" for "how long"), else it scores higher. BM25 alone
// would let a short paragraph that mentions a synonym beat a longer one
// that answers.
func betterPassage(s *scratch, p, q int32) bool {
	const same = 1e-9
	if d := s.match[p] - s.match[q]; d > same || d < -same {
		return d > 0
	}
	return s.score[p] > s.score[q]
}

func better(a, b docHit) bool { return a.score > b.score || a.score == b.score && a.doc < b.doc }

func coverage(q query, mask uint64, total float64) float64 {
	matched := 0.0
	for i, c := range q.concepts {
		switch {
		case mask&(1<<uint(i)) != 0:
			matched += c.weight
		case c.situational:
			total -= (1 - situationWeight) * c.weight
		}
	}
	if total <= 0 {
		return 0
	}
	return matched / total
}

// bm25 is a posting's term-frequency factor.
func (idx *index) bm25(p posting) float64 {
	tf := float64(p.tf)
	norm := 1 - bm25B
	if idx.avgLen > 0 {
		norm += bm25B * idx.passages[p.passage].length / idx.avgLen
	}
	return tf * (bm25K1 + 1) / (tf + bm25K1*norm)
}
