package builtin

import (
	"context"
	"fmt"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// asksRefundStatus reports whether a normalised message asks whether the
// shopper's own order was refunded ("did I get my money back for the
// kettle?"), not how refunds go ("how long do refunds take?"), which the
// shop's policy answers.
func asksRefundStatus(kit *languageKit, msg string) bool {
	return matchesAny(kit.intents.refundStatus, msg) && !matchesAny(kit.intents.notRefundStatus, msg)
}

// refundStatus answers a signed-in customer's question about their own
// refund from the order's financial status, as Shopify keeps it: the order
// named by number or by a product it holds, else their latest order with a
// refund, else their latest. An anonymous visitor is asked to sign in.
func (e *Engine) refundStatus(ctx context.Context, shopID int64, kit *languageKit, q aiagent.Question) (aiagent.Answer, error) {
	a := aiagent.Answer{Intent: aiagent.IntentOrderStatus, Tag: aiagent.TagReturns, Confidence: 1}
	return e.tellOrders(ctx, shopID, kit, q, a, latestRefunded, refundText)
}

// Financial statuses of an order's refunds, in the REST spelling storage
// keeps.
const (
	financialRefunded          = "refunded"
	financialPartiallyRefunded = "partially_refunded"
	financialVoided            = "voided"
)

// latestRefunded is the newest order with a refund, or the newest order
// when none has one (orders are newest first).
func latestRefunded(orders []storage.CustomerOrder) storage.CustomerOrder {
	for _, o := range orders {
		if o.FinancialStatus == financialRefunded || o.FinancialStatus == financialPartiallyRefunded {
			return o
		}
	}
	return orders[0]
}

// refundText tells whether an order was refunded, in full or in part, or
// not charged at all; an order with no refund is told so, with its status.
func refundText(t texts, shop shopInfo, o storage.CustomerOrder) string {
	placed := t.date(o.CreatedAt, shop.location)
	switch o.FinancialStatus {
	case financialRefunded:
		return fmt.Sprintf(t.refundFull, o.Name, placed)
	case financialPartiallyRefunded:
		return fmt.Sprintf(t.refundPartial, o.Name, placed)
	case financialVoided:
		return fmt.Sprintf(t.refundVoided, o.Name, placed)
	}
	return fmt.Sprintf(t.refundNone, o.Name) + " " + statusText(t, shop, o)
}
