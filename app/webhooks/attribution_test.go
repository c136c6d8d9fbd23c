package webhooks_test

import (
	"context"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// An order placed within a day after a product card click in the
// customer's conversation is credited to that conversation when its webhook
// arrives; its cancellation takes the credit away.
func TestOrderWebhooksDecideTheAttribution(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	ctx := context.Background()
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	p, err := storage.NewProfiles(env.DB, time.Now).ForCustomer(ctx, shopID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	posted, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000002", Body: "Which mug holds most?", Preview: "Which mug holds most?"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = storage.NewAttribution(env.DB, time.Now).RecordClick(ctx, shopID, storage.ProductClick{
		ConversationID: posted.Conversation.ID, ProductID: 1, ClickedAt: t0.Add(-23 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}

	send(t, env, shopifytest.Webhook{Topic: "orders/create", Payload: orderBody(t0, "paid", nil)})
	waitForDeliveries(t, env)
	var credit struct {
		ConversationID int64  `db:"conversation_id"`
		Amount         string `db:"amount"`
		Currency       string `db:"currency"`
	}
	err = env.DB.Get(&credit, `SELECT a.conversation_id, a.amount::text AS amount, a.currency
		FROM order_attributions a JOIN orders o ON o.id = a.order_id WHERE o.shopify_id = $1`, testOrderID)
	if err != nil || credit.ConversationID != posted.Conversation.ID || credit.Amount != "89.00" || credit.Currency != "USD" {
		t.Fatalf("credit %+v, %v; want 89.00 USD to conversation %d", credit, err, posted.Conversation.ID)
	}

	cancelled := orderBody(t0.Add(time.Hour), "voided", nil)
	cancelled["cancelled_at"] = t0.Add(time.Hour).Format(time.RFC3339)
	send(t, env, shopifytest.Webhook{Topic: "orders/cancelled", Payload: cancelled})
	waitForDeliveries(t, env)
	if n := count(t, env, `SELECT count(*) FROM order_attributions`); n != 0 {
		t.Fatalf("a cancelled order is still credited (%d)", n)
	}
}
