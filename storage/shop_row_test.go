package storage_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
)

// A message and its events take no lock on the shop's row: with that row
// locked as a change of its key would lock it, an agent's reply and the
// shopper's next message are stored at once. Before, the foreign-key check
// of each insert waited for that lock, and with many writers at once all of
// them shared the row through a multixact rewritten at each new holder.
func TestMessagesTakeNoLockOnTheShopsRow(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	first := f.post(t, newClientID(), "hello", "")
	tx, err := f.db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT id FROM shops WHERE id = $1 FOR UPDATE`, f.shopID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(f.ctx, 5*time.Second)
	defer cancel()
	if _, err := f.convs.PostFromAgent(ctx, f.shopID, first.Conversation.ID, f.agentID,
		storage.AgentReply{ClientID: newClientID(), Body: "Hi, how can I help?", Preview: "Hi"}); err != nil {
		t.Fatalf("an agent's reply with the shop's row locked: %v", err)
	}
	if _, err := f.convs.PostFromShopper(ctx, f.shopID, f.profile.ID, storage.ShopperPost{
		ClientID: newClientID(), Body: "where is my order", Preview: "where is my order"}); err != nil {
		t.Fatalf("the shopper's next message with the shop's row locked: %v", err)
	}
}
