package apptest

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
)

// TurnOnAIAgent turns the demo shop's AI agent on, handing off to the
// inbox, and publishes faqs (question, answer pairs) for it to answer from.
func (env *Env) TurnOnAIAgent(t testing.TB, faqs ...[2]string) {
	t.Helper()
	ctx := context.Background()
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops WHERE domain = $1`, env.Shop()); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewAISettings(env.DB, env.Keys, time.Now).Save(ctx, storage.AISettings{ShopID: shopID,
		Enabled: true, Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range faqs {
		if _, err := storage.NewFAQs(env.DB, time.Now).Create(ctx, shopID, f[0], f[1], true); err != nil {
			t.Fatal(err)
		}
	}
}
