package builtin

import (
	"regexp"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file answers a question about one product with what its
// description states beyond its fields: "how many cubes come in a pack of
// wax melts", "how long does the travel tin burn", "is the pillar candle
// soy wax". The words that name the product (its title, type, vendor,
// tags) say which product; the other words are what is asked, and the one
// sentence of its description that states them answers, with its card. A
// description that does not state what is asked answers nothing here, so
// the question goes on to the merchant's FAQs and articles, or is handed off.

// describedCandidates is how many of the best product hits are tried as
// the product a question names; minCountedShare is the least share of a
// product's name a sentence that gives a measure must state to answer a
// count of a word of the name ("how many pieces" of a jigsaw).
const (
	describedCandidates = 3
	minCountedShare     = 0.01
)

// describedFact answers q, a question (not a product search) that names
// one product clearly and asks of it what one sentence of its description
// states. ok is false when q names no product clearly (none, or several
// alike: "how long do your candles burn"), asks nothing beyond its name,
// its description does not state what is asked, or a FAQ, article or
// policy answers q and matches every word the sentence states (the
// merchant wrote it to answer such questions: "does the merino hoodie run
// big?" of a size guide).
func (idx *index) describedFact(kit *languageKit, msg string, q query) (aiagent.Answer, bool) {
	if !idx.hasRareNameWord(q) {
		return aiagent.Answer{}, false // no product is named (namingWords): spare the searches
	}
	isProduct := func(d document) bool { return d.kind == aiagent.SourceProduct }
	hits := idx.withoutOtherProducts(q, idx.search(q, isProduct))
	for _, h := range hits[:min(len(hits), describedCandidates)] {
		if h.coverage < minProductCoverage {
			break // a product that matches this little of the question is not what it is about
		}
		p := idx.docs[h.doc].product
		naming, asked, ok := idx.namingWords(q, h.doc)
		if !ok {
			continue
		}
		named := idx.nameProduct(q.only(naming), idx.search(q.only(naming), isProduct))
		if !named.found || len(named.rivals) > 0 || named.hit.doc != h.doc {
			continue
		}
		if asked != 0 && idx.asksOptionNames(p, q.only(asked)) {
			return idx.productAnswerOf(kit.texts, h, factsAsked{}, msg, q), true // "wax melts scents": its scents
		}
		least, counted := 1-maxUnsaidShare, asked == 0 && matchesAny(kit.intents.measures.asks, msg)
		if counted {
			// "how many pieces is the 1000-piece jigsaw", "how many players
			// is Harbourmasters": what is counted is a word of its name,
			// which a sentence that gives a measure states.
			asked, least = naming, minCountedShare
		}
		sentence, share, stated := idx.statingSentence(kit, msg, p.Description, q, asked, least)
		if sentence == "" {
			continue // its description does not say: another product the question names may
		}
		if idx.knowledgeStates(kit, msg, q, h.doc, sentence, stated) {
			return aiagent.Answer{}, false
		}
		if counted {
			share = h.coverage // the whole question is about its name
		}
		return idx.sentenceAnswer(h, sentence, share), true
	}
	return aiagent.Answer{}, false
}

// namingWords splits q's concepts (one bit each) into the words that name
// product doc (its title, type, vendor, tags, as written or by a curated
// synonym) and the words asked of it (not a field's fact: a price, stock).
// An option's word asks ("how big" of a candle tagged "large"). ok is false
// when no word names it, or the naming words do not name it by its title
// with a word few of the shop's documents use: "plants" in a plant shop,
// or a tag ("pre-ground") that only describes it.
func (idx *index) namingWords(q query, doc int32) (naming, asked uint64, ok bool) {
	p := idx.docs[doc].product
	name := idx.termSet(append([]string{p.Title, p.ProductType, p.Vendor}, p.Tags...)...)
	title := idx.termSet(p.Title)
	distinct := false
	for i, c := range q.concepts {
		switch {
		case !c.option && c.matchesSurely(name):
			naming |= 1 << uint(i)
			distinct = distinct || c.matchesSurely(title) && idx.rare(c.term)
		case !c.fact:
			asked |= 1 << uint(i)
		}
	}
	ok = naming != 0 && distinct && idx.titleCoverage(q.only(naming), p.Title) >= minCoverage
	return naming, asked, ok
}

// hasRareNameWord reports whether a word of q (as written) is a word of
// products' names that is rare: without one, q names no product as
// namingWords asks.
func (idx *index) hasRareNameWord(q query) bool {
	for _, c := range q.concepts {
		if _, named := idx.nameTerms[c.term]; named && idx.rare(c.term) {
			return true
		}
	}
	return false
}

// rare reports whether term is in at most a third of the shop's
// documents: a word that can tell one of its products from the others.
func (idx *index) rare(term string) bool {
	return idx.df[term] > 0 && 3*int(idx.df[term]) <= len(idx.docs)
}

// knowledgeStates reports whether the FAQ, article or policy that answers
// q best answers it of product doc as well as sentence of its description
// does: it covers q as an answer must (alone, or beside others as close,
// of which the engine asks "did you mean…?"), matches every word of q in
// stated, gives a measure when the question msg asks one (a dimension
// when the sentence gives the size asked by one).
func (idx *index) knowledgeStates(kit *languageKit, msg string, q query, doc int32, sentence string, stated uint64) bool {
	hits := knowledgeOnly(idx, idx.onSubject(q, idx.search(q, nil)))
	if len(hits) == 0 || hits[0].coverage < minCoverage || hits[0].matched&stated != stated {
		return false
	}
	text := idx.passages[hits[0].passage].text
	m := kit.intents.measures
	if matchesAny(m.asks, msg) && !matches(m.gives, normalized(text)) {
		return false
	}
	words := idx.termSet(sentence)
	for i, c := range q.concepts {
		if stated&(1<<uint(i)) != 0 && !c.matchesSurely(words) && !matches(m.dimension, normalized(text)) {
			return false // the sentence gives the size asked by a dimension, the passage none
		}
	}
	return true
}

// sentenceAnswer answers with a sentence of product hit's description and
// its card.
func (idx *index) sentenceAnswer(hit docHit, sentence string, share float64) aiagent.Answer {
	d := idx.docs[hit.doc]
	return aiagent.Answer{Text: namedSentence(d.product.Title, sentence, true), Cards: []aiagent.ProductCard{idx.card(d)},
		Confidence: share, Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct,
		Sources: []aiagent.Source{{Kind: d.kind, ID: d.id, Title: d.title, Score: hit.score}}}
}

// only is q with the concepts of mask (one bit each).
func (q query) only(mask uint64) query {
	out := query{topics: q.topics, asksValue: q.asksValue}
	for i, c := range q.concepts {
		if mask&(1<<uint(i)) != 0 {
			out.concepts = append(out.concepts, c)
		}
	}
	return out
}

// statingSentence is the sentence of description that states most of the
// concepts of q in asked (the words of a question beyond a product's
// name), with the share of them it states and which (one bit each): at
// least the share least of them, by the words' weights, as written or by a curated
// synonym (a thesaurus' distant sense does not count), and a measure when
// the question asks for one ("how long": "about 20 hours"). A size asked
// ("how big", "what size") is stated by a dimension ("16 oz", "3 x 6
// inch"). "" when no sentence states enough.
func (idx *index) statingSentence(kit *languageKit, msg, description string, q query, asked uint64, least float64) (string, float64, uint64) {
	m := kit.intents.measures
	wantsMeasure := matchesAny(m.asks, msg) && m.gives != nil
	total := 0.0
	for i, c := range q.concepts {
		if asked&(1<<uint(i)) != 0 {
			total += c.weight
		}
	}
	best, bestShare, bestStated := "", 0.0, uint64(0)
	for _, s := range sentences(description) {
		text := normalized(s)
		if wantsMeasure && !m.gives.MatchString(text) {
			continue
		}
		terms := idx.termSet(s)
		terms[oftenTerm] = howOften.MatchString(s) // as the index counts it (frequency.go)
		share, stated := 0.0, uint64(0)
		for i, c := range q.concepts {
			if asked&(1<<uint(i)) != 0 && (c.matchesSurely(terms) || idx.asksSize(c) && matches(m.dimension, text) || idx.statesFigure(c, s)) {
				share += c.weight / total
				stated |= 1 << uint(i)
			}
		}
		if share > bestShare+1e-9 {
			best, bestShare, bestStated = s, share, stated
		}
	}
	if total == 0 || bestShare < least {
		return "", 0, 0
	}
	return best, bestShare, bestStated
}

// sizeFromDescription answers "what size is the pillar candle" of product
// hit when the question asks a size that none of its options gives (it
// comes in colours): the sentence of its description that gives a
// dimension, or a handoff. ok is false when the question asks no size, or
// one of the product's options answers it (a size, or values that are
// dimensions: "4 lb", "12 lb").
func (idx *index) sizeFromDescription(kit *languageKit, msg string, q query, hit docHit) (aiagent.Answer, bool) {
	p := idx.docs[hit.doc].product
	var size uint64
	for i, c := range q.concepts {
		if idx.asksSize(c) {
			size |= 1 << uint(i)
		}
	}
	if size == 0 || len(idx.optionsNamed(p, q)) > 0 || len(optionsMentioned(p, msg)) > 0 || mayBeSizes(kit, p) {
		return aiagent.Answer{}, false
	}
	sentence, share, _ := idx.statingSentence(kit, msg, p.Description, q, size, 1-maxUnsaidShare)
	if sentence == "" {
		return beyondItsData(kit.texts, hit.coverage), true // its options are no sizes, its text gives none: no guess
	}
	return idx.sentenceAnswer(hit, sentence, share), true
}

// mayBeSizes reports whether one of p's options' values may be a size: a
// number ("32", "4 lb") or a size's letters or word ("M", "large").
func mayBeSizes(kit *languageKit, p storage.Product) bool {
	letters := map[string]bool{}
	for word, l := range kit.sizeLetters {
		letters[word], letters[l] = true, true
	}
	for _, o := range p.Options {
		for _, v := range o.Values {
			if hasDigit(v) || letters[normalized(v)] {
				return true
			}
		}
	}
	return false
}

// asksSize reports whether c is a word of the language's synonym group of
// a size ("big", "size", "dimensions").
func (idx *index) asksSize(c concept) bool {
	size := idx.kit.sizeGroup
	return size != "" && idx.groupKey(c.term) == "~"+size
}

// matches reports whether re is set and matches text.
func matches(re *regexp.Regexp, text string) bool {
	return re != nil && re.MatchString(strings.TrimSpace(text))
}
