package builtin

import (
	"regexp"
	"strings"

	"hubchat/app/aiagent"
)

// This file keeps "do you sell X?" from being answered with another
// product: when X is a thing the shop neither lists (no product's title,
// type, vendor, tags or options name it) nor writes about (no FAQ,
// article or policy uses it), a product whose description merely mentions
// the word ("energy without the jitters of coffee") is not X, and the
// question goes to a person instead of showing that product as if it were.

// sellsFrame is where a message asks whether the shop sells a thing: the
// frame's end (-1 when it asks no such thing). The thing asked for is
// what follows it.
func sellsFrame(rules []*regexp.Regexp, msg string) int {
	for _, r := range rules {
		if m := r.FindStringIndex(msg); m != nil {
			return m[1]
		}
	}
	return -1
}

// describesNeed reports whether the words after a "do you sell" frame
// describe a need ("anything for dry skin", "algo para la noche") rather
// than name a thing: a need is matched by what products say they do.
var describesNeed = regexp.MustCompile(`^(something|anything|any thing|stuff|things|algo|alguna cosa|algun producto|algo mas|` +
	`for|para|pa|que|which|what|cosas)\b`)

// alsoWords ask "as well" of the thing; they do not name it.
var alsoWords = regexp.MustCompile(`\b(too|also|as well|either|tambien|ademas)\b`)

// thingAsked is the thing msg asks whether the shop sells, named, not a
// need described; ok is false for a message that asks no such thing.
func thingAsked(kit *languageKit, msg string) (thing string, ok bool) {
	end := sellsFrame(kit.intents.sellsThing, msg)
	if end < 0 {
		return "", false
	}
	thing = strings.TrimSpace(alsoWords.ReplaceAllString(msg[end:], " "))
	return thing, thing != "" && !describesNeed.MatchString(thing)
}

// sellsUnlisted reports whether msg asks whether the shop sells a thing
// that none of its products names and none of its FAQs, articles or
// policies mentions: every word of the thing asked for is missing from
// both. It is false for a message that is no such question.
func (idx *index) sellsUnlisted(kit *languageKit, msg string) bool {
	thing, ok := thingAsked(kit, msg)
	if !ok {
		return false
	}
	q := idx.analyse(thing)
	if len(q.concepts) == 0 || tellsService(q) {
		return false
	}
	all := true
	for _, c := range q.concepts {
		if c.fact || c.option || idx.optionTerms[c.term] || idx.namesProducts(c) || idx.inKnowledge(c) {
			all = false
		}
	}
	return all || idx.headUnlisted(kit, thing)
}

// headUnlisted reports whether the head of thing (its last word before a
// preposition, in a language whose heads come last: "espresso machines",
// "kits for hydroponics") names no product and no FAQ's, article's or
// policy's title: the merchant neither lists it nor wrote to answer it
// ("Do you sell camping stoves?" answers "stoves"), whatever the thing's
// other words match.
func (idx *index) headUnlisted(kit *languageKit, thing string) bool {
	if kit.code != "en" {
		return false
	}
	q := idx.analyse(headEnd.Split(thing, 2)[0])
	if len(q.concepts) == 0 || tellsService(q) {
		return false
	}
	head := q.only(1 << uint(len(q.concepts)-1))
	c := head.concepts[0]
	if c.fact || c.option || idx.optionTerms[c.term] || idx.namesProducts(c) {
		return false
	}
	for _, h := range idx.search(head, func(d document) bool { return d.kind != aiagent.SourceProduct }) {
		if idx.titleCoverage(head, idx.docs[h.doc].title) > 0 {
			return false
		}
	}
	return true
}

// headNamesNoKind reports whether msg asks whether the shop sells a thing
// of several words whose head (its last word before a preposition, in a
// language whose heads come last) is in no product's title, type, tag of
// one word or option values (kindTerms, optionTerms): the products that match the thing's words in their tags or
// descriptions ("low light" of a plant for "grow lights", "essential oil"
// of a candle for "essential oils on their own") are of another kind than
// the thing asked for, so none is shown as if it were it. A head the
// products' titles or types name ("cat food" of the "Cat Food" type) keeps
// them. A head that is a word of option values of several words names a
// variant only with another of their words before it ("marble queen" of
// "Marble Queen"); alone it is of another thing ("grow lights" is no
// "Low light" plant subscription).
func (idx *index) headNamesNoKind(kit *languageKit, msg string) bool {
	before, c, ok := idx.thingHead(kit, msg)
	if !ok {
		return false
	}
	for _, f := range c.forms {
		if _, ok := idx.kindTerms[f.term]; ok || idx.wholeOptionTerms[f.term] || idx.optionTerms[f.term] && idx.optionTerms[before.term] {
			return false
		}
	}
	return true
}

// thingHead is the head of the thing of several words msg asks whether
// the shop sells, and the word before it ("grow" and "light" of "grow
// lights"); ok is false for no such thing, or one whose head asks a fact
// or an option.
func (idx *index) thingHead(kit *languageKit, msg string) (before, head concept, ok bool) {
	thing, ok := thingAsked(kit, msg)
	if !ok && idx.bareSearchOf(kit, msg) == describedWanted {
		thing, ok = strings.Join(words(msg)[1:], " "), true // "a plant stand": the thing after its article
	}
	if !ok || kit.code != "en" {
		return concept{}, concept{}, false
	}
	q := idx.analyse(headEnd.Split(thing, 2)[0])
	if len(q.concepts) < 2 || tellsService(q) {
		return concept{}, concept{}, false
	}
	head = q.concepts[len(q.concepts)-1]
	return q.concepts[len(q.concepts)-2], head, !head.fact && !head.option
}

// namesThing reports whether text names the thing of before and head as
// the shopper does, the one word next to the other ("grow light"): a text
// that has them apart ("no plant grows well … bright light") is about
// something else.
func (idx *index) namesThing(text string, before, head concept) bool {
	terms := idx.kit.analyzer.terms(text)
	for i := 1; i < len(terms); i++ {
		if hasForm(head, terms[i]) && hasForm(before, terms[i-1]) {
			return true
		}
	}
	return false
}

// hasForm reports whether term is one of c's forms.
func hasForm(c concept, term string) bool {
	if c.term == term {
		return true
	}
	for _, f := range c.forms {
		if f.term == term {
			return true
		}
	}
	return false
}

// oneWordTags are the tags of one word among tags.
func oneWordTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if len(strings.Fields(t)) == 1 {
			out = append(out, t)
		}
	}
	return out
}

var headEnd = regexp.MustCompile(`\b(for|with|without|on|in|to|that|which|from|or|and|like|so|because)\b`)

// tellsService reports whether q's words tell a topic of the shop's
// service ("discount codes", "gift wrapping"): that is asked of the
// shop's policies and FAQs, whatever its products are.
func tellsService(q query) bool {
	for _, t := range q.topics {
		if t != aiagent.TagProduct && t != aiagent.TagOther {
			return true
		}
	}
	return false
}

// unlisted is the handoff of a thing the shop's data does not list: a
// person can say whether the shop has it after all.
func unlisted(t texts) aiagent.Answer {
	return aiagent.Answer{Text: t.noAnswer, Confidence: 1, Handoff: true, HandoffReason: ReasonLowConfidence,
		Intent: aiagent.IntentProducts, Tag: aiagent.TagProduct}
}
