package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestAISettingsDefaultsSaveAndFirstEnabled(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "agent.myshopify.com", expiringToken(clk.Now(), "shpat_a", "shprt_a"))
	if err != nil {
		t.Fatal(err)
	}
	store := storage.NewAISettings(db, testKeys(t), clk.Now)
	got, err := store.Get(ctx, shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Enabled || got.FirstEnabledAt != nil || got.Handoff != storage.HandoffInbox || !got.UpdatedAt.IsZero() {
		t.Fatalf("defaults: %+v", got)
	}

	// Saved while off: never on.
	got.CustomMessage = "Email us at help@example.com"
	got.Handoff = storage.HandoffCustomMessage
	if got, err = store.Save(ctx, got, storage.HelpdeskSecrets{}); err != nil || got.FirstEnabledAt != nil {
		t.Fatalf("saved off: %+v, %v", got, err)
	}
	firstOn := clk.Now().Add(time.Hour)
	clk.Advance(time.Hour)
	got.Enabled = true
	if got, err = store.Save(ctx, got, storage.HelpdeskSecrets{}); err != nil || got.FirstEnabledAt == nil || !got.FirstEnabledAt.Equal(firstOn) {
		t.Fatalf("turned on: %+v, %v", got, err)
	}
	// Off, then on again later: the first time stays, and the data too.
	clk.Advance(time.Hour)
	got.Enabled = false
	if got, err = store.Save(ctx, got, storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	got.Enabled = true
	got, err = store.Save(ctx, got, storage.HelpdeskSecrets{})
	if err != nil || !got.FirstEnabledAt.Equal(firstOn) || got.CustomMessage != "Email us at help@example.com" || got.Handoff != storage.HandoffCustomMessage {
		t.Fatalf("on again: %+v, %v", got, err)
	}
	again, _ := store.Get(ctx, shop.ID)
	if !again.Enabled || !again.FirstEnabledAt.Equal(firstOn) || again.Handoff != got.Handoff ||
		again.CustomMessage != got.CustomMessage || !again.UpdatedAt.Equal(clk.Now()) {
		t.Fatalf("read back %+v, saved %+v", again, got)
	}

	got.Handoff = "email"
	if _, err := store.Save(ctx, got, storage.HelpdeskSecrets{}); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("unknown handoff: %v", err)
	}
	if _, err := store.Save(ctx, storage.AISettings{ShopID: shop.ID + 100, Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{}); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v", err)
	}
}

func TestAISettingsSealHelpdeskSecrets(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	keys := testKeys(t)
	shops := storage.NewShops(db, keys, clk.Now)
	mine, _ := shops.Install(ctx, "mine.myshopify.com", expiringToken(clk.Now(), "shpat_m", "shprt_m"))
	theirs, _ := shops.Install(ctx, "theirs.myshopify.com", expiringToken(clk.Now(), "shpat_t", "shprt_t"))
	store := storage.NewAISettings(db, keys, clk.Now)

	const token, key = "zd-token-8d2f1c0b", "gorgias-key-77aa01"
	a := storage.AISettings{ShopID: mine.ID, Handoff: storage.HandoffZendesk, ZendeskSubdomain: "mystore", ZendeskAgentEmail: "agent@example.com"}
	saved, err := store.Save(ctx, a, storage.HelpdeskSecrets{ZendeskAPIToken: token, GorgiasAPIKey: key})
	if err != nil || !saved.HasZendeskToken || !saved.HasGorgiasKey {
		t.Fatalf("saved: %+v, %v", saved, err)
	}
	for _, secret := range []string{token, key} {
		if tables := rowsContaining(t, db, secret); len(tables) > 0 {
			t.Fatalf("%s stored in clear in %v", secret, tables)
		}
	}
	secrets, err := store.Secrets(ctx, mine.ID)
	if err != nil || secrets.ZendeskAPIToken != token || secrets.GorgiasAPIKey != key {
		t.Fatalf("secrets: %v", err)
	}

	// Saving without secrets keeps them, with the handoff switched away.
	a.Handoff = storage.HandoffInbox
	if saved, err = store.Save(ctx, a, storage.HelpdeskSecrets{}); err != nil || !saved.HasZendeskToken || saved.ZendeskSubdomain != "mystore" {
		t.Fatalf("kept: %+v, %v", saved, err)
	}
	if again, _ := store.Secrets(ctx, mine.ID); again != secrets {
		t.Fatal("the secrets changed on a save without them")
	}
	// A new one replaces the old.
	if _, err = store.Save(ctx, a, storage.HelpdeskSecrets{ZendeskAPIToken: "zd-token-new-0001"}); err != nil {
		t.Fatal(err)
	}
	if again, _ := store.Secrets(ctx, mine.ID); again.ZendeskAPIToken != "zd-token-new-0001" || again.GorgiasAPIKey != key {
		t.Fatalf("replaced: token changed %v, key kept %v", again.ZendeskAPIToken == "zd-token-new-0001", again.GorgiasAPIKey == key)
	}

	// A shop with none has none; a sealed value copied into another shop's
	// row does not open there.
	if none, err := store.Secrets(ctx, theirs.ID); err != nil || none != (storage.HelpdeskSecrets{}) {
		t.Fatalf("another shop's secrets: %v", err)
	}
	if _, err := db.Exec(`INSERT INTO ai_settings (shop_id, zendesk_api_token_sealed, updated_at)
		SELECT $2, zendesk_api_token_sealed, now() FROM ai_settings WHERE shop_id = $1`, mine.ID, theirs.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Secrets(ctx, theirs.ID); err == nil || strings.Contains(err.Error(), "zd-token") {
		t.Fatalf("a copied secret opened in another shop, or the error shows it: %v", err)
	}
}
