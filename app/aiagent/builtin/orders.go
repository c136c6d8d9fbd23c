package builtin

import (
	"context"
	"fmt"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// orderStatus answers "where is my order?": for a signed-in customer, the
// status of the order they named, by its number or by a product it holds,
// or else of their latest (their latest partly shipped, when they ask of
// part of an order); an anonymous visitor is asked to sign in, since
// only a customer's own orders are told.
func (e *Engine) orderStatus(ctx context.Context, shopID int64, kit *languageKit, q aiagent.Question) (aiagent.Answer, error) {
	a := aiagent.Answer{Intent: aiagent.IntentOrderStatus, Tag: aiagent.TagOrderStatus, Confidence: 1}
	fallback := latestOrder
	if matchesAny(kit.intents.partOfOrder, normalized(q.Text)) {
		fallback = latestPartlyShipped
	}
	return e.tellOrders(ctx, shopID, kit, q, a, fallback, statusText)
}

// tellOrders answers a question about a customer's own orders with one
// sentence per order asked of (see ordersAsked): fallback picks the order a
// question naming none is about, tell tells one. Answers without a customer
// ask to sign in; without an order they hand off.
func (e *Engine) tellOrders(ctx context.Context, shopID int64, kit *languageKit, q aiagent.Question, a aiagent.Answer,
	fallback func([]storage.CustomerOrder) storage.CustomerOrder, tell func(texts, shopInfo, storage.CustomerOrder) string) (aiagent.Answer, error) {
	if q.CustomerID <= 0 {
		a.Text, a.SignIn = kit.texts.signIn, true
		return a, nil
	}
	idx, err := e.index(ctx, shopID, kit) // for the shop's time zone and products
	if err != nil {
		return aiagent.Answer{}, err
	}
	orders, err := e.orders.CustomerOrders(ctx, shopID, q.CustomerID, storage.MaxCustomerOrders)
	if err != nil {
		return aiagent.Answer{}, fmt.Errorf("orders of customer %d: %w", q.CustomerID, err)
	}
	named := namedOrder(kit, q.Text)
	shown := idx.ordersAsked(normalized(q.Text), orders, named, fallback)
	if len(shown) == 0 {
		a.Text, a.Handoff, a.HandoffReason = kit.texts.noOrders, true, ReasonNoOrderFound
		if named != "" {
			a.Text = fmt.Sprintf(kit.texts.orderNotFound, "#"+named)
		}
		return a, nil
	}
	var lines []string
	for _, o := range shown {
		lines = append(lines, tell(kit.texts, idx.shop, o))
		a.Sources = append(a.Sources, aiagent.Source{Kind: aiagent.SourceOrder, ID: o.Name, Title: o.Name, Score: 1})
	}
	a.Text = strings.Join(lines, "\n")
	return a, nil
}

// maxOrdersTold is how many orders an answer tells at most.
const maxOrdersTold = 3

// ordersAsked are the orders a normalised message asks of, newest first:
// the one it names by number; else those holding a product it names ("when
// does the dog bed I ordered arrive"); else, when it names one of the
// shop's products no order is known to hold, the latest few rather than a
// guess; else the one fallback picks. None when the customer has no order,
// or not the one named.
func (idx *index) ordersAsked(msg string, orders []storage.CustomerOrder, named string,
	fallback func([]storage.CustomerOrder) storage.CustomerOrder) []storage.CustomerOrder {
	switch {
	case named != "":
		for _, o := range orders {
			if strings.TrimLeft(strings.TrimPrefix(o.Name, "#"), "0") == named {
				return []storage.CustomerOrder{o}
			}
		}
		return nil
	case len(orders) == 0:
		return nil
	}
	if holding := idx.ordersHolding(msg, orders); len(holding) > 0 {
		return holding[:min(len(holding), maxOrdersTold)]
	}
	if idx.namesAProduct(msg) {
		return orders[:min(len(orders), maxOrdersTold)]
	}
	return []storage.CustomerOrder{fallback(orders)}
}

// ordersHolding are the orders with an item whose title shares the most
// words with the message, the words of a synonym group that is not about
// products aside ("ship", "days", "bought"): "the Kenya I ordered" is the
// order holding "Kenya Nyeri AA", "it hasn't shipped" no "Shipping Protection".
func (idx *index) ordersHolding(msg string, orders []storage.CustomerOrder) []storage.CustomerOrder {
	a := idx.kit.analyzer
	asked := map[string]bool{}
	for _, term := range a.terms(msg) {
		group := term
		if g, ok := a.groupOf[term]; ok {
			group = g
		}
		if topic, grouped := a.tagOf[group]; !grouped || topic == aiagent.TagProduct {
			asked[term] = true
		}
	}
	best, held := 0, []storage.CustomerOrder(nil)
	for _, o := range orders {
		shared := 0
		for _, item := range o.Items {
			shared = max(shared, sharedTerms(a.terms(item), asked))
		}
		switch {
		case shared == 0 || shared < best:
		case shared > best:
			best, held = shared, []storage.CustomerOrder{o}
		default:
			held = append(held, o)
		}
	}
	return held
}

// sharedTerms counts the distinct terms that are asked.
func sharedTerms(terms []string, asked map[string]bool) int {
	seen := map[string]bool{}
	for _, t := range terms {
		if asked[t] {
			seen[t] = true
		}
	}
	return len(seen)
}

// latestOrder is the newest of a customer's orders (newest first).
func latestOrder(orders []storage.CustomerOrder) storage.CustomerOrder { return orders[0] }

// latestPartlyShipped is the newest order partly shipped, or the newest
// order when none is (orders are newest first).
func latestPartlyShipped(orders []storage.CustomerOrder) storage.CustomerOrder {
	for _, o := range orders {
		if o.FulfillmentStatus == "partial" && o.CancelledAt == nil {
			return o
		}
	}
	return orders[0]
}

// namesAProduct reports whether a message names one of the shop's
// products by its name, type or tags.
func (idx *index) namesAProduct(msg string) bool {
	q := idx.analyse(msg).exact()
	hits := idx.search(q, func(d document) bool { return d.kind == aiagent.SourceProduct })
	return len(hits) > 0 && idx.nameCoverage(q, hits[0].doc) > 0
}

// namedOrder is the order number a message names ("#1001", "order 1001"),
// "" when it names none.
func namedOrder(kit *languageKit, text string) string {
	m := kit.intents.orderNumber.FindStringSubmatch(strings.ToLower(fold(text)))
	if m == nil {
		return ""
	}
	return strings.TrimLeft(m[1], "0")
}

// statusText tells an order's status and, once it shipped, its tracking.
func statusText(t texts, shop shopInfo, o storage.CustomerOrder) string {
	placed := t.date(o.CreatedAt, shop.location)
	var sentence string
	switch {
	case o.CancelledAt != nil || o.FinancialStatus == "voided":
		sentence = t.orderCancelled
	case o.FinancialStatus == "refunded":
		sentence = t.orderRefunded
	case o.FulfillmentStatus == "fulfilled":
		sentence = t.orderShipped
	case o.FulfillmentStatus == "partial":
		sentence = t.orderPartlyShipped
	case o.FulfillmentStatus == "restocked":
		sentence = t.orderRestocked
	case o.FinancialStatus == "pending":
		sentence = t.orderAwaitingPayment
	default:
		sentence = t.orderPreparing
	}
	text := fmt.Sprintf(sentence, o.Name, placed)
	if track := trackingText(t, o.Tracking); track != "" && sentence != t.orderCancelled && sentence != t.orderRefunded {
		text += " " + track
	}
	return text
}

// trackingText gives the tracking links, or the carrier and number when
// Shopify has no link.
func trackingText(t texts, tracking []storage.Tracking) string {
	var urls, numbers []string
	for _, tr := range tracking {
		switch {
		case tr.URL != "":
			urls = append(urls, tr.URL)
		case tr.Number != "":
			numbers = append(numbers, strings.Join(strings.Fields(fmt.Sprintf(t.trackNumber, tr.Company, tr.Number)), " "))
		}
	}
	switch {
	case len(urls) == 1:
		return fmt.Sprintf(t.trackOne, urls[0])
	case len(urls) > 1:
		return t.trackMany + "\n" + strings.Join(urls, "\n")
	}
	return strings.Join(numbers, " ")
}
