package builtin

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// document is one thing the engine can answer from: a FAQ, an article, a
// policy or a product. Articles and policies are split into passages (their
// paragraphs), so an answer quotes the paragraph that answers.
type document struct {
	kind       aiagent.SourceKind
	id         string
	title      string
	url        string // a policy's page
	policyType string
	product    storage.Product // for a product
	first      int32           // its first passage; a document's passages follow each other
	passages   int32           // how many it has
}

// passage is a piece of a document that is scored and quoted on its own.
type passage struct {
	doc    int32
	text   string  // what an answer quotes
	length float64 // its body terms, for BM25's length normalisation
}

// posting is a term's weighted frequency in one passage: a title counts
// titleWeight times a body.
type posting struct {
	passage int32
	tf      float32
	// negated: the passage says the term only in the negative
	// (negation.go), so it counts for negatedWeight.
	negated bool
}

// titleWeight is how much more a word in a title (a FAQ's question, an
// article's or policy's title, a product's name) says about a passage than
// one in its body.
const titleWeight = 2

// index is a shop's knowledge at one version, ready to rank passages for a
// question. It is read-only once built and shared by concurrent answers.
type index struct {
	version  int64
	kit      *languageKit // the analysis language
	byLocale bool         // kit is the shop's primary locale's
	bytes    int64        // the index's estimated memory (memory.go)
	shop     shopInfo
	docs     []document
	passages []passage
	postings map[string][]posting
	df       map[string]int32 // documents (not passages) holding a term
	avgLen   float64
	vocab    *vocabulary
	merchant *merchantSynonyms // the shop's own synonym groups
	// thesaurus is the language's general thesaurus, nil when none is
	// installed: it bridges a question's word the shop never uses.
	thesaurus *thesaurus
	// took is how long the indexing took (wall time): the cache serves a
	// stale index only of a shop whose indexing is slow.
	took   time.Duration
	titles map[string]int32 // a document's title, normalised → the first document of that title
	// optionTerms are the terms of the products' option values ("xl");
	// optionValues the values themselves, normalised ("2 lb").
	optionTerms, optionValues map[string]bool
	// wholeOptionTerms are the terms of the option values of one word
	// ("golden"): a word that names a variant alone, not only with the
	// other words of its value ("light" of "Low light").
	wholeOptionTerms map[string]bool
	// knowledgeTerms are the terms FAQs, articles and policies use.
	knowledgeTerms map[string]struct{}
	// nameTerms are the terms of the products' names: their titles, types,
	// vendors and tags.
	nameTerms map[string]struct{}
	// kindTerms are the terms of the products' titles, types and tags of
	// one word: what kind of thing each is ("blend"), not what it is like
	// or has in it (a tag of several words: "low light", "essential oil").
	kindTerms map[string]struct{}
	// nameUnits are the words the products' names count with a number
	// ("lb" of "Cat Litter (25 lb)"; quantities.go).
	nameUnits map[string]bool
	// absentTerms are the terms the shop's texts make absent by a suffix
	// ("grain" of "grain-free"; absence.go).
	absentTerms map[string]bool
	// boundTerms are the terms the shop writes only inside its products'
	// option values of more than one word, with those values' terms
	// ("bean" of "Whole Bean"; optionwords.go).
	boundTerms map[string][][]string
	// names are the ways a text names one of the products (names.go).
	names productNames
	// kinds are the products' head words by what the thesaurus says they
	// are kinds of, read on first need (kinds.go).
	kinds     map[string][]string
	kindsOnce sync.Once
}

// shopInfo is what answers say about the shop itself.
type shopInfo struct {
	name, storefrontURL, currency string
	location                      *time.Location
}

// indexBuilder collects documents and their passages.
type indexBuilder struct {
	idx     *index
	lastDoc map[string]int32 // term → the last document counted in df
	total   float64
	tf      map[string]float32 // one passage's term frequencies, reused
	options *optionWords
}

// buildIndex indexes a knowledge snapshot with a language's analyzer.
func buildIndex(k storage.KnowledgeSnapshot, kit *languageKit, byLocale bool) *index {
	loc, err := time.LoadLocation(k.IANATimezone)
	if err != nil || k.IANATimezone == "" {
		loc = time.UTC
	}
	b := &indexBuilder{idx: &index{version: k.Version, kit: kit, byLocale: byLocale, postings: map[string][]posting{},
		df: map[string]int32{}, vocab: newVocabulary(kit.soundKey), titles: map[string]int32{}, knowledgeTerms: map[string]struct{}{}, nameTerms: map[string]struct{}{}, kindTerms: map[string]struct{}{}, nameUnits: map[string]bool{}, optionTerms: map[string]bool{}, wholeOptionTerms: map[string]bool{}, absentTerms: absentTermsOf(k, kit.analyzer), optionValues: map[string]bool{},
		shop: shopInfo{name: k.ShopName, storefrontURL: k.StorefrontURL, currency: k.Currency, location: loc}},
		lastDoc: map[string]int32{}, tf: map[string]float32{}, options: newOptionWords(k.Products, kit.analyzer)}
	b.idx.merchant = newMerchantSynonyms(k.Synonyms, kit.analyzer, b.idx.vocab)
	for _, f := range k.FAQs {
		d := b.add(document{kind: aiagent.SourceFAQ, id: strconv.FormatInt(f.ID, 10), title: f.Question})
		b.passage(d, f.Question, f.Answer, f.Answer)
	}
	for _, a := range k.Articles {
		d := b.add(document{kind: aiagent.SourceArticle, id: strconv.FormatInt(a.ID, 10), title: a.Title})
		for _, s := range paragraphs(a.Body) {
			b.passage(d, a.Title, s.heading+" . "+s.text, s.text)
		}
	}
	for _, p := range k.Policies {
		d := b.add(document{kind: aiagent.SourcePolicy, id: p.Type, title: p.Title, url: p.URL, policyType: p.Type})
		for _, s := range paragraphs(p.Body) {
			b.passage(d, p.Title, s.heading+" . "+s.text, s.text)
		}
	}
	for _, p := range k.Products {
		d := b.add(document{kind: aiagent.SourceProduct, id: strconv.FormatInt(p.ShopifyID, 10), title: p.Title, product: p})
		tagged := p
		tagged.Tags = make([]string, len(p.Tags))
		for i, t := range p.Tags {
			tagged.Tags[i] = kit.analyzer.absentTag(t) // "grain free" is a label: absent (absence.go)
		}
		b.passage(d, p.Title+" . "+p.ProductType, p.Description+" . "+productText(tagged), p.Description)
		for _, t := range kit.analyzer.terms(strings.Join(append([]string{p.Title, p.ProductType, p.Vendor}, p.Tags...), " . ")) {
			b.idx.nameTerms[t] = struct{}{}
		}
		for _, t := range kit.analyzer.terms(strings.Join(append([]string{p.Title, p.ProductType}, oneWordTags(p.Tags)...), " . ")) {
			b.idx.kindTerms[t] = struct{}{}
		}
		b.idx.addNameUnits(p)
		for _, o := range p.Options {
			for _, v := range o.Values {
				b.idx.optionValues[normalized(v)] = true
				terms := kit.analyzer.terms(v)
				for _, t := range terms {
					b.idx.optionTerms[t] = true
				}
				if len(terms) == 1 {
					b.idx.wholeOptionTerms[terms[0]] = true
				}
			}
		}
	}
	for _, g := range kit.synonyms {
		for _, w := range g.words {
			for _, tok := range kit.analyzer.tokens(w) {
				if tok.term != "" {
					b.idx.vocab.know(tok.word, tok.term)
				}
			}
		}
	}
	for _, w := range kit.functionWords {
		b.idx.vocab.addCommon(w)
	}
	b.idx.vocab.index()
	b.idx.indexProductNames()
	b.idx.boundTerms = b.options.bound()
	if n := len(b.idx.passages); n > 0 {
		b.idx.avgLen = b.total / float64(n)
	}
	b.idx.bytes = b.idx.estimateBytes()
	return b.idx
}

func (b *indexBuilder) add(d document) int32 {
	b.idx.docs = append(b.idx.docs, d)
	i := int32(len(b.idx.docs) - 1)
	if key := normalized(d.title); key != "" {
		if _, dup := b.idx.titles[key]; !dup {
			b.idx.titles[key] = i
		}
	}
	return i
}

// passage indexes one passage of document d: its title and body terms.
func (b *indexBuilder) passage(d int32, title, body, quote string) {
	if strings.TrimSpace(title+body) == "" {
		return
	}
	p := int32(len(b.idx.passages))
	if b.idx.docs[d].passages == 0 {
		b.idx.docs[d].first = p
	}
	b.idx.docs[d].passages++
	tf := b.tf
	clear(tf)
	a := b.idx.kit.analyzer
	inch := b.idx.kit.intents.measures.inch
	title, body = readInchMarks(title, inch), readInchMarks(body, inch) // "6\"" is "6 inch"
	country := a.lang.countryPronoun
	title, body = readCountry(title, country), readCountry(body, country) // "the US", not "email us"
	titleToks, bodyToks := a.tokens(title), a.tokens(body)
	for _, t := range a.join(titleToks) {
		tf[t] += titleWeight
	}
	absent := a.absentWords(body, b.idx.absentTerms)
	bodyTerms, negated := a.joinMarked(bodyToks, withAbsent(negatedWords(body, a.lang.negator), absent))
	titleTerms, titleAbsent := a.joinMarked(titleToks, a.absentWords(title, b.idx.absentTerms))
	// A title's word is stated unless made absent ("Grain-Free Salmon Dog Food").
	onlyNegated := negatedOnly(append(titleTerms, bodyTerms...), append(padded(titleAbsent, len(titleTerms)), padded(negated, len(bodyTerms))...), nil)
	for _, t := range bodyTerms {
		tf[t]++
	}
	b.options.count(titleTerms)
	b.options.count(bodyTerms)
	b.idx.merchant.countPhrases(tf, titleToks, bodyToks)
	countQuantities(tf, titleToks)
	countQuantities(tf, bodyToks)
	countAmounts(tf, body)
	countContacts(tf, body)
	countClock(tf, body)
	countFrequency(tf, body)
	countFigures(tf, a.lang, body)
	for _, tok := range append(titleToks, bodyToks...) {
		if tok.term != "" {
			b.idx.vocab.add(tok.word, tok.term)
		}
	}
	for t, n := range tf {
		if _, known := b.idx.knowledgeTerms[t]; !known && b.idx.docs[d].kind != aiagent.SourceProduct {
			b.idx.knowledgeTerms[t] = struct{}{}
		}
		b.idx.postings[t] = append(b.idx.postings[t], posting{passage: p, tf: n, negated: onlyNegated[t]})
		if last, seen := b.lastDoc[t]; !seen || last != d {
			b.lastDoc[t] = d
			b.idx.df[t]++
		}
	}
	length := float64(len(bodyTerms))
	b.total += length
	b.idx.passages = append(b.idx.passages, passage{doc: d, text: strings.TrimSpace(quote), length: length})
}

// section is a paragraph of an article or policy with the heading it
// stands under ("" for none).
type section struct {
	heading, text string
}

// paragraphs splits plain text at blank lines (a text without any: at
// each line). A heading is no paragraph: alone it says nothing, yet all
// its words are title-like, so it would outscore the paragraph that
// answers and be quoted in its stead; it is the context of each paragraph
// under it, until the next heading. Short lines after a paragraph that
// ends with ":" are its list's items, and short lines that head nothing
// (the text's last) close the paragraph before them.
func paragraphs(text string) []section {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	parts := strings.Split(text, "\n\n")
	if len(parts) == 1 {
		parts = strings.Split(text, "\n")
	}
	var out []section
	heading, headed := "", false // headed: a heading waits for its first paragraph
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		last := len(out) - 1
		switch {
		case !isHeading(p) && last >= 0 && introduces(out[last].text):
			out[last].text += "\n" + p // "Returns:" heads a paragraph of its own
		case !isHeading(p):
			out = append(out, section{heading: heading, text: p})
			headed = false
		case !headed && last >= 0 && endsList(out[last].text):
			out[last].text += "\n" + p
		case headed:
			heading += " . " + p // a heading's subheading
		default:
			heading, headed = p, true
		}
	}
	if headed {
		if len(out) == 0 {
			return []section{{text: heading}}
		}
		out[len(out)-1].text += "\n" + heading
	}
	return out
}

// endsList reports whether a paragraph introduces a list: its first line
// ends with ":" (the items already joined to it follow that line).
func endsList(p string) bool {
	first, _, _ := strings.Cut(p, "\n")
	return strings.HasSuffix(first, ":")
}

// introduces reports whether a paragraph is only a line that introduces
// the next ("Returns:", "We accept:").
func introduces(p string) bool {
	return !strings.Contains(p, "\n") && strings.HasSuffix(p, ":")
}

// The longest a heading runs, in characters: a title, or a question the
// paragraphs under it answer (a page of questions and answers).
const (
	maxHeadingLength  = 60
	maxQuestionLength = 100
)

// isHeading reports whether a paragraph is a heading: one short line that
// ends without a sentence's closing mark or a ":" that introduces what
// follows ("Shipping to the United States"), or a short question ("Can I
// change my order?").
func isHeading(p string) bool {
	if strings.Contains(p, "\n") {
		return false
	}
	n := len([]rune(p))
	last, _ := utf8.DecodeLastRuneInString(p)
	if last == '?' {
		return n <= maxQuestionLength
	}
	return n <= maxHeadingLength && !strings.ContainsRune(".!:)\"»", last)
}

// absentTermsOf are the terms the texts of snapshot k make absent by a
// suffix (absence.go).
func absentTermsOf(k storage.KnowledgeSnapshot, a *analyzer) map[string]bool {
	var texts, tags []string
	for _, f := range k.FAQs {
		texts = append(texts, f.Question, f.Answer)
	}
	for _, x := range k.Articles {
		texts = append(texts, x.Title, x.Body)
	}
	for _, p := range k.Policies {
		texts = append(texts, p.Body)
	}
	for _, p := range k.Products {
		texts = append(texts, p.Title, p.Description)
		tags = append(tags, p.Tags...)
	}
	return a.absentTermsOf(texts, tags)
}
