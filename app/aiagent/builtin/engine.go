// Package builtin is the AI agent's built-in answering engine (DESIGN §5):
// offline and in-process, it answers from the shop's own data and never
// invents. Intent rules come first (a person, sensitive topics that always
// go to the team, order status, greetings, thanks); then a product's facts
// from its structured fields (price, stock, options), product searches, and
// lexical retrieval over the shop's FAQs, articles, policies and products —
// BM25 ranking with stemming, curated synonyms per language, a general
// thesaurus for words neither the shop nor the lists know (thesaurus.go),
// compounds split and typo correction of words the shop's data does not
// know — gated
// by coverage (how much of the question the best answer matches) and
// margin (how far it is ahead of the next). Answers are quoted, never
// generated: a FAQ's answer, the sentences of an article or policy that
// answer. When documents come close it asks "did you mean…?"; below its
// confidence it hands off.
//
// Languages register themselves (lang_*.go): the index is analysed in the
// shop's primary locale, the intent rules and fixed sentences follow the
// shopper's. The indexes follow the shop's knowledge version and are
// bounded in memory (cache.go).
package builtin

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// Knowledge is where the engine reads a shop's knowledge (storage.Knowledge).
type Knowledge interface {
	Version(ctx context.Context, shopID int64) (int64, error)
	Snapshot(ctx context.Context, shopID int64) (storage.KnowledgeSnapshot, error)
}

// Orders reads a signed-in customer's orders (storage.Orders).
type Orders interface {
	CustomerOrders(ctx context.Context, shopID, customerID int64, limit int) ([]storage.CustomerOrder, error)
}

// Options tune the engine.
type Options struct {
	// MaxIndexes is how many shop indexes (one per shop and analysis
	// language) stay in memory; the least recently used goes first.
	// Default 256.
	MaxIndexes int
	// MaxIndexBytes bounds the estimated memory of the indexes held (the
	// least recently used go first; the index just built always stays).
	// Default DefaultMaxIndexBytes.
	MaxIndexBytes int64
	// MaxStale is how long after a change an answer may still use the
	// index built before it, while its rebuild runs. Default (0) one
	// second; negative: never, every answer waits for the index of the
	// knowledge version it read.
	MaxStale time.Duration
	// QuickBuild: a shop whose index took less than this to build is never
	// answered from a stale index; answers wait for its rebuild. Default
	// (0) 250 ms (a shop of 10,000 documents takes about twice that);
	// negative: serve every shop's previous index for up to
	// MaxStale.
	QuickBuild time.Duration
	// Now is the clock staleness is measured by; default time.Now.
	Now func() time.Time
	// ThesaurusDir is where the languages' general thesauri are
	// (thesaurus.go); default DefaultThesaurusDir. Without one for a
	// language the engine uses its curated synonym lists only.
	ThesaurusDir string
}

// DefaultMaxIndexBytes is the default bound on the indexes' memory: some
// fifteen shops of 10,000 documents, or thousands of ordinary shops.
const DefaultMaxIndexBytes = 512 << 20

// Engine is the built-in engine. It is safe for concurrent use.
type Engine struct {
	knowledge Knowledge
	orders    Orders
	cache     *indexCache
	thesauri  string // the thesauri's directory
}

var _ aiagent.Engine = (*Engine)(nil)

// New returns an engine reading from knowledge and orders.
func New(knowledge Knowledge, orders Orders, opts Options) *Engine {
	if opts.MaxIndexes <= 0 {
		opts.MaxIndexes = 256
	}
	if opts.MaxIndexBytes <= 0 {
		opts.MaxIndexBytes = DefaultMaxIndexBytes
	}
	if opts.MaxStale == 0 {
		opts.MaxStale = time.Second
	}
	if opts.QuickBuild == 0 {
		opts.QuickBuild = 250 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ThesaurusDir == "" {
		opts.ThesaurusDir = DefaultThesaurusDir
	}
	return &Engine{knowledge: knowledge, orders: orders, cache: newIndexCache(opts), thesauri: opts.ThesaurusDir}
}

// Reasons for a handoff, as Answer.HandoffReason gives them.
const (
	ReasonAskedForPerson = "asked for a person"
	ReasonLowConfidence  = "low confidence"
	ReasonNoOrderFound   = "no order found"
)

// Answer answers q from the shop's data, in q.Language when the engine
// speaks it (English otherwise): intent rules and fixed sentences follow
// the shopper's language, the index's analysis the shop's primary locale
// (the shopper's language when the locale is unknown or not spoken). It
// reads the shop's knowledge version on every call; see indexCache for
// how the index follows it.
func (e *Engine) Answer(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, error) {
	kit := languageFor(q.Language)
	msg := normalized(q.Text)
	if matchesAny(kit.intents.human, msg) {
		return aiagent.Answer{Handoff: true, HandoffReason: ReasonAskedForPerson, Intent: aiagent.IntentHuman,
			Confidence: 1, Tag: tagOf(topicsOf(kit, msg), "", "")}, nil
	}
	if r, ok := sensitiveTopic(kit, msg, q.Text); ok {
		return sensitiveAnswer(kit, r, msg), nil
	}
	rest, social := stripSocial(kit, msg)
	if social != "" && !hasMeaning(kit, rest) {
		return socialAnswer(kit, social), nil
	}
	picked, err := e.picksTitle(ctx, shopID, kit, rest, q.History)
	if err != nil {
		return aiagent.Answer{}, err
	}
	if !picked && asksRefundStatus(kit, rest) {
		return e.refundStatus(ctx, shopID, kit, q)
	}
	if !picked && asksOrderStatus(kit, rest) {
		return e.orderStatus(ctx, shopID, kit, q)
	}
	idx, err := e.index(ctx, shopID, kit)
	if err != nil {
		return aiagent.Answer{}, err
	}
	if fixed, ok := idx.respelled(rest); ok && idx.kit == kit {
		// "wheres my pakage": the rules again, on the words as meant.
		if asksRefundStatus(kit, fixed) {
			return e.refundStatus(ctx, shopID, kit, q)
		}
		if asksOrderStatus(kit, fixed) {
			return e.orderStatus(ctx, shopID, kit, q)
		}
	}
	if idx.kit == kit {
		if a, ok := idx.productPicked(kit, rest, q.History); ok {
			return a, nil
		}
		if a, ok := idx.titlePicked(kit, rest, q.History); ok {
			return a, nil
		}
	}
	return kit.texts.asked(idx.respond(kit, rest)), nil
}

// asked words a "did you mean…?" of one choice as the question of that
// one: the shopper sees a single button, not a choice "of these".
func (t texts) asked(a aiagent.Answer) aiagent.Answer {
	if len(a.Choices) == 1 && a.Text == t.didYouMean {
		a.Text = t.didYouMeanThis
	}
	return a
}

// index is the shop's current index: analysed in the language of its
// primary locale, or of the shopper when the locale gives none.
func (e *Engine) index(ctx context.Context, shopID int64, shopper *languageKit) (*index, error) {
	version, err := e.knowledgeVersion(ctx, shopID)
	if err != nil {
		return nil, fmt.Errorf("knowledge version of shop %d: %w", shopID, err)
	}
	lang, known := e.cache.language(shopID)
	if !known {
		lang = shopper.code
	}
	return e.cache.current(ctx, cacheKey{shopID, lang}, version, func(ctx context.Context) (*index, error) {
		snap, err := e.knowledge.Snapshot(ctx, shopID)
		if err != nil {
			return nil, fmt.Errorf("knowledge of shop %d: %w", shopID, err)
		}
		kit, byLocale := spoken(snap.Locale)
		if !byLocale {
			kit = languageFor(lang)
		}
		started := time.Now()
		idx := buildIndex(snap, kit, byLocale)
		// Only the indexing is timed: it grows with the shop's documents,
		// while reading the snapshot or loading the thesaurus once per
		// process says nothing of the shop's size.
		idx.took = time.Since(started)
		idx.thesaurus = thesaurusFor(e.thesauri, kit.code)
		idx.productKinds() // read with the index, not within an answer
		return idx, nil
	})
}

// asksOrderStatus reports whether a normalised message asks about an
// order the shopper placed (where it is, when it comes), not about a
// refund's money or what would happen to an order ("can I get my order
// sent to Canada?", "if I order today…"), which the shop's data answers.
func asksOrderStatus(kit *languageKit, msg string) bool {
	return matchesAny(kit.intents.orderStatus, msg) && !matchesAny(kit.intents.notOrderStatus, msg)
}

// stripSocial removes an opening greeting or thanks from a normalised
// message: what is left, and which it was ("greeting", "thanks" or "").
func stripSocial(kit *languageKit, msg string) (rest, social string) {
	for _, s := range []struct {
		kind    string
		pattern *regexp.Regexp
	}{{"greeting", kit.intents.greeting}, {"thanks", kit.intents.thanks}} {
		if loc := s.pattern.FindStringIndex(msg); loc != nil {
			return strings.TrimSpace(msg[loc[1]:]), s.kind
		}
	}
	return msg, ""
}

// hasMeaning reports whether text has a word that is not a stop word.
func hasMeaning(kit *languageKit, text string) bool {
	return len(kit.analyzer.terms(text)) > 0
}

func socialAnswer(kit *languageKit, social string) aiagent.Answer {
	a := aiagent.Answer{Confidence: 1, Tag: aiagent.TagOther}
	if social == "greeting" {
		a.Text, a.Intent = kit.texts.greeting, aiagent.IntentGreeting
	} else {
		a.Text, a.Intent = kit.texts.thanks, aiagent.IntentThanks
	}
	return a
}
