package app

import (
	"hubchat/app/webhooks"
	"hubchat/storage"
)

// orderTopics are the webhook topics of orders, refunds, customers and
// products: the profiles' event history and the AI agent's catalog.
func (s *services) orderTopics(d Deps) map[string]webhooks.TopicHandler {
	return webhooks.ShopData(s.shops, storage.NewOrders(d.DB, d.Now), s.profiles, storage.NewProducts(d.DB), d.Log)
}
