package builtin

import (
	"context"
	"fmt"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// orderStatus answers "where is my order?": for a signed-in customer, the
// status of the order they named or else of their latest; an anonymous
// visitor is asked to sign in, since only a customer's own orders are told.
func (e *Engine) orderStatus(ctx context.Context, shopID int64, kit *languageKit, q aiagent.Question) (aiagent.Answer, error) {
	a := aiagent.Answer{Intent: aiagent.IntentOrderStatus, Tag: aiagent.TagOrderStatus, Confidence: 1}
	if q.CustomerID <= 0 {
		a.Text, a.SignIn = kit.texts.signIn, true
		return a, nil
	}
	idx, err := e.index(ctx, shopID, kit) // for the shop's time zone
	if err != nil {
		return aiagent.Answer{}, err
	}
	orders, err := e.orders.CustomerOrders(ctx, shopID, q.CustomerID, storage.MaxCustomerOrders)
	if err != nil {
		return aiagent.Answer{}, fmt.Errorf("orders of customer %d: %w", q.CustomerID, err)
	}
	named := namedOrder(kit, q.Text)
	o, found := pickOrder(orders, named)
	if !found {
		a.Text, a.Handoff, a.HandoffReason = kit.texts.noOrders, true, ReasonNoOrderFound
		if named != "" {
			a.Text = fmt.Sprintf(kit.texts.orderNotFound, "#"+named)
		}
		return a, nil
	}
	shown := []storage.CustomerOrder{o}
	if named == "" && idx.namesAProduct(normalized(q.Text)) {
		// "Where is my rain jacket?": the orders do not say what they
		// hold, so rather than guess which, tell the latest few.
		shown = orders[:min(len(orders), maxOrdersTold)]
	}
	var lines []string
	for _, o := range shown {
		lines = append(lines, statusText(kit.texts, idx.shop, o))
		a.Sources = append(a.Sources, aiagent.Source{Kind: aiagent.SourceOrder, ID: o.Name, Title: o.Name, Score: 1})
	}
	a.Text = strings.Join(lines, "\n")
	return a, nil
}

// maxOrdersTold is how many orders an answer tells at most.
const maxOrdersTold = 3

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

// pickOrder is the order named (by its number) or, when none is named, the
// latest; orders are newest first.
func pickOrder(orders []storage.CustomerOrder, named string) (storage.CustomerOrder, bool) {
	if named == "" {
		if len(orders) == 0 {
			return storage.CustomerOrder{}, false
		}
		return orders[0], true
	}
	for _, o := range orders {
		if strings.TrimLeft(strings.TrimPrefix(o.Name, "#"), "0") == named {
			return o, true
		}
	}
	return storage.CustomerOrder{}, false
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
