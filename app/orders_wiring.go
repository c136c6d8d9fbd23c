package app

import (
	"context"

	"hubchat/app/productlink"
	"hubchat/app/webhooks"
	"hubchat/storage"
)

// orderBatches are the order topics' handlers of several deliveries at once.
func (s *services) orderBatches(d Deps) map[string]webhooks.BatchTopicHandler {
	return webhooks.OrderBatches(s.shops, newAttributedOrders(d), d.Log)
}

// orderTopics are the webhook topics of orders, refunds, customers and
// products: the profiles' event history and the AI agent's catalog.
func (s *services) orderTopics(d Deps) map[string]webhooks.TopicHandler {
	return webhooks.ShopData(s.shops, newAttributedOrders(d), s.profiles, storage.NewProducts(d.DB), s.clients, d.Log)
}

// attributedOrders saves orders and decides each one's AI-sales
// attribution in the same transaction, so that every change of an order,
// from a webhook or the import, decides again which conversation it is
// credited to (a cancellation takes the credit away).
type attributedOrders struct {
	*storage.Orders
}

func newAttributedOrders(d Deps) attributedOrders {
	return attributedOrders{Orders: storage.NewOrders(d.DB, d.Now)}
}

// Save stores o and decides its attribution (storage.Orders.SaveAttributed).
func (a attributedOrders) Save(ctx context.Context, shopID int64, o storage.Order) (bool, error) {
	return a.Orders.SaveAttributed(ctx, shopID, o)
}

// SaveAll stores orders and decides their attribution in one transaction
// (storage.Orders.SaveAllAttributed).
func (a attributedOrders) SaveAll(ctx context.Context, shopID int64, orders []storage.Order) ([]bool, error) {
	return a.Orders.SaveAllAttributed(ctx, shopID, orders)
}

// productLinks serves the clicks of product cards' links, recorded for the
// attribution of orders.
func (s *services) productLinks(d Deps) productlink.Handler {
	return productlink.Handler{Signer: productlink.NewSigner(d.Config.ShopifyAPISecret), Clicks: storage.NewAttribution(d.DB, d.Now)}
}
