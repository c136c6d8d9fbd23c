// Package aiagent is the AI service agent's answering (SPEC §2, DESIGN §5):
// given a shopper's question, an Engine answers from the shop's own data
// with text, product cards, the sources it used, a confidence, a topic tag,
// and whether the agent should hand off to people. It decides nothing about
// the conversation — app/conversation does, from the Answer — and it never
// invents: an answer it cannot ground in the shop's data is a handoff.
package aiagent

import "context"

// Engine answers shoppers' questions for a shop. Implementations must be
// safe for concurrent use.
type Engine interface {
	Answer(ctx context.Context, shopID int64, q Question) (Answer, error)
}

// Question is what the shopper asked, with what the engine may use to
// understand it.
type Question struct {
	Text string
	// Language is the storefront's language (BCP 47, "en", "es", …); the
	// answer is in it when the shop's data allows.
	Language string
	// History is the conversation so far, oldest first (the engine may use
	// it to understand a follow-up such as "and for Canada?").
	History []Turn
	// CustomerID is the signed-in customer's Shopify id, 0 for an anonymous
	// visitor: only a signed-in customer's own orders are ever looked at.
	CustomerID int64
	// OnText, when set, is called by an engine that writes its answer
	// piece by piece (a model) with the text so far, each time it grows,
	// so the shopper can read it as it is written. Calls come one at a
	// time, from the goroutine of Answer, and none after it returns; the
	// text is provisional: the Answer's Text, which may differ (a
	// fallback), is what counts. Engines that answer at once ignore it.
	OnText func(soFar string)
}

// Turn is one earlier message of the conversation.
type Turn struct {
	Author string // "shopper", "ai", "agent" or "system"
	Text   string
}

// Answer is what the engine says, and how sure it is.
type Answer struct {
	// Text is the reply to show; empty when Handoff is set and the engine
	// has nothing grounded to say.
	Text string
	// Cards are products to show as cards (image, title, price, link).
	Cards []ProductCard
	// Sources are the documents the answer was taken from.
	Sources []Source
	// Confidence is the engine's confidence in Text, from 0 to 1.
	Confidence float64
	// Handoff is set when the agent should offer people instead of (or
	// after) Text: the shopper asked for a person, or nothing in the shop's
	// data answers the question with enough confidence.
	Handoff bool
	// HandoffReason says why, for the merchant's "Try your agent" panel and
	// the logs: "asked for a person", "low confidence", "no order found"…
	HandoffReason string
	// SignIn is set when the answer needs a signed-in shopper (an anonymous
	// visitor asked about their orders): Text asks them to sign in, and the
	// core may offer the storefront's sign-in; nothing is handed off.
	SignIn bool
	// Choices, when set, ask "did you mean …?": two or three answers came
	// close and the engine will not guess. Each is the title of one
	// candidate (a FAQ's question, an article's title…); the widget shows
	// them as buttons, and picking one sends it as the shopper's next
	// message, which the engine then answers. Text is the question asked.
	Choices []string
	// Intent is what the shopper wanted.
	Intent Intent
	// Tag is the conversation's topic as this question shows it.
	Tag Tag
}

// ProductCard is a product shown as a card. URL is the product's page on
// the storefront; the conversation core turns it into a signed, tracked
// link (app/productlink) before the shopper sees it.
type ProductCard struct {
	ProductID int64  `json:"product_id"` // Shopify's id
	Title     string `json:"title"`
	Handle    string `json:"handle"`
	Price     string `json:"price"`    // decimal, in Currency
	Currency  string `json:"currency"` // ISO 4217
	ImageURL  string `json:"image_url"`
}

// Source is a document an answer used.
type Source struct {
	Kind  SourceKind `json:"kind"`
	ID    string     `json:"id"` // the document's id within its kind
	Title string     `json:"title"`
	Score float64    `json:"score"`
}

// SourceKind is where a source comes from.
type SourceKind string

// The kinds of sources.
const (
	SourceFAQ     SourceKind = "faq"
	SourceArticle SourceKind = "article"
	SourcePolicy  SourceKind = "policy"
	SourceProduct SourceKind = "product"
	SourceOrder   SourceKind = "order"
)

// Intent is what a shopper's message wants.
type Intent string

// The intents.
const (
	IntentQuestion    Intent = "question"     // a question to answer from the shop's data
	IntentHuman       Intent = "human"        // asks for a person ("talk to a human")
	IntentOrderStatus Intent = "order_status" // where is my order
	IntentProducts    Intent = "products"     // looking for products
	IntentGreeting    Intent = "greeting"     // hello
	IntentThanks      Intent = "thanks"       // thanks, that's all
)

// Tag is a conversation's topic (SPEC §2), shown in the inbox and grouped
// by on the dashboard.
type Tag string

// The tags.
const (
	TagOrderStatus Tag = "order_status"
	TagShipping    Tag = "shipping"
	TagReturns     Tag = "returns_refunds"
	TagProduct     Tag = "product_question"
	TagDiscounts   Tag = "discounts"
	TagAccount     Tag = "account"
	TagOther       Tag = "other"
)

// Tags lists every tag in the order menus show them.
var Tags = []Tag{TagOrderStatus, TagShipping, TagReturns, TagProduct, TagDiscounts, TagAccount, TagOther}
