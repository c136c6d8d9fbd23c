package app

import (
	"context"

	"hubchat/app/productlink"
	"hubchat/app/webhooks"
	"hubchat/storage"
)

// orderTopics are the webhook topics of orders, refunds, customers and
// products: the profiles' event history and the AI agent's catalog.
func (s *services) orderTopics(d Deps) map[string]webhooks.TopicHandler {
	return webhooks.ShopData(s.shops, newAttributedOrders(d), s.profiles, storage.NewProducts(d.DB), s.clients, d.Log)
}

// attributedOrders saves orders and then decides each one's AI-sales
// attribution, so that every change of an order, from a webhook or the
// import, decides again which conversation it is credited to (a
// cancellation takes the credit away).
type attributedOrders struct {
	*storage.Orders
	attribution *storage.Attribution
}

func newAttributedOrders(d Deps) attributedOrders {
	return attributedOrders{Orders: storage.NewOrders(d.DB, d.Now), attribution: storage.NewAttribution(d.DB, d.Now)}
}

// Save stores o and decides its attribution. The decision is made even
// when the stored state was newer: deciding is idempotent, and a retry
// after a failed decision must not skip it.
func (a attributedOrders) Save(ctx context.Context, shopID int64, o storage.Order) (bool, error) {
	applied, err := a.Orders.Save(ctx, shopID, o)
	if err != nil {
		return false, err
	}
	return applied, a.attribution.AttributeOrder(ctx, shopID, o.ShopifyID)
}

// productLinks serves the clicks of product cards' links, recorded for the
// attribution of orders.
func (s *services) productLinks(d Deps) productlink.Handler {
	return productlink.Handler{Signer: productlink.NewSigner(d.Config.ShopifyAPISecret), Clicks: storage.NewAttribution(d.DB, d.Now)}
}
