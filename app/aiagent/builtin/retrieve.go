package builtin

import (
	"context"
	"fmt"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file lends the engine's retrieval to the generated-answer engine
// (app/aiagent/openai), which grounds a model on the same passages, product
// search and orders this engine answers from, so both read the shop's data
// the same way and a merchant switching engines changes the wording, not
// what the agent knows.

// Passage is one piece of the shop's knowledge retrieved for a question.
type Passage struct {
	// Source names the document (its kind, id and title) with the
	// passage's retrieval score.
	Source aiagent.Source
	// Text is the passage itself: a FAQ's answer, an article's or policy's
	// paragraph, a product's facts.
	Text string
	// URL is the document's page when it has one (a policy's).
	URL string
	// Coverage is the share of the question's meaningful words the passage
	// matches, from 0 to 1, as the engine's gates measure it.
	Coverage float64
}

// Retrieval is what Retrieve found for a question: the best passages, best
// first, and the engine's own confidence that the best one answers it.
type Retrieval struct {
	Passages   []Passage
	Confidence float64
}

// MaxPassages is the most passages Retrieve returns.
const MaxPassages = topHits

// Retrieve returns up to n (at most MaxPassages) of the shop's passages
// that best match q's text, one per document, best first, in q.Language's
// analysis; no gate is applied: a caller that wants only confident ones
// looks at Coverage and Confidence.
func (e *Engine) Retrieve(ctx context.Context, shopID int64, q aiagent.Question, n int) (Retrieval, error) {
	kit := languageFor(q.Language)
	idx, err := e.index(ctx, shopID, kit)
	if err != nil {
		return Retrieval{}, err
	}
	rest, _ := stripSocial(kit, normalized(q.Text))
	hits := idx.search(idx.analyse(rest), nil)
	out := Retrieval{Confidence: confidence(hits)}
	for _, h := range hits[:min(len(hits), max(n, 0))] {
		d := idx.docs[h.doc]
		text := idx.passages[h.passage].text
		if d.kind == aiagent.SourceProduct {
			text = idx.productFactsText(d.product)
		}
		out.Passages = append(out.Passages, Passage{Text: text, URL: d.url, Coverage: h.coverage,
			Source: aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score}})
	}
	return out, nil
}

// ProductMatch is a product found by SearchProducts: its card, and its
// facts as text for a model to read.
type ProductMatch struct {
	Card   aiagent.ProductCard
	Source aiagent.Source
	Facts  string
}

// SearchProducts returns up to n (at most maxCards) of the shop's products
// matching text, best first, with the gates of the engine's own product
// answers: a product must match enough of the search to be shown.
func (e *Engine) SearchProducts(ctx context.Context, shopID int64, language, text string, n int) ([]ProductMatch, error) {
	kit := languageFor(language)
	idx, err := e.index(ctx, shopID, kit)
	if err != nil {
		return nil, err
	}
	q := idx.analyse(normalized(text))
	q.productSearch = true
	hits := idx.search(q, func(d document) bool { return d.kind == aiagent.SourceProduct })
	var out []ProductMatch
	for _, h := range hits {
		if len(out) == min(n, maxCards) || h.coverage < minProductCoverage || h.score < productScoreShare*hits[0].score {
			break
		}
		d := idx.docs[h.doc]
		out = append(out, ProductMatch{Card: idx.card(d), Facts: idx.productFactsText(d.product),
			Source: aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title, Score: h.score}})
	}
	return out, nil
}

// OrderStatus is one of a customer's orders as the shopper is told of it.
type OrderStatus struct {
	Name string // "#1001"
	// Text says the order's status, when it was placed and its tracking,
	// in the question's language, as this engine's own answers do.
	Text string
}

// CustomerOrders returns the status of a signed-in customer's most recent
// orders (at most n), newest first; customerID must be the customer the
// shopper signed in as. An anonymous visitor (0) has none to see.
func (e *Engine) CustomerOrders(ctx context.Context, shopID, customerID int64, language string, n int) ([]OrderStatus, error) {
	if customerID <= 0 || n <= 0 {
		return nil, nil
	}
	kit := languageFor(language)
	idx, err := e.index(ctx, shopID, kit) // for the shop's time zone
	if err != nil {
		return nil, err
	}
	orders, err := e.orders.CustomerOrders(ctx, shopID, customerID, min(n, storage.MaxCustomerOrders))
	if err != nil {
		return nil, fmt.Errorf("orders of customer %d: %w", customerID, err)
	}
	out := make([]OrderStatus, 0, len(orders))
	for _, o := range orders {
		out = append(out, OrderStatus{Name: o.Name, Text: statusText(kit.texts, idx.shop, o)})
	}
	return out, nil
}

// productFactsText is a product's structured fields as lines of text, for a model to read.
func (idx *index) productFactsText(p storage.Product) string {
	var b strings.Builder
	b.WriteString(p.Title)
	if p.Price != "" {
		fmt.Fprintf(&b, "\nPrice: %s %s", p.Price, idx.shop.currency)
	}
	if p.ProductType != "" {
		fmt.Fprintf(&b, "\nType: %s", p.ProductType)
	}
	if p.Vendor != "" {
		fmt.Fprintf(&b, "\nVendor: %s", p.Vendor)
	}
	for _, o := range p.Options {
		fmt.Fprintf(&b, "\n%s: %s", o.Name, strings.Join(o.Values, ", "))
	}
	if d := strings.TrimSpace(p.Description); d != "" {
		b.WriteString("\n" + d)
	}
	return b.String()
}
