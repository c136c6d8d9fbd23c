package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// The engine settings default to the built-in engine; the API key is
// sealed at rest, kept when left empty, readable only through Endpoint,
// and bound to its shop.
func TestAIEngineSettingsSealTheKey(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	keys := testKeys(t)
	shops := storage.NewShops(db, keys, clk.Now)
	shop, err := shops.Install(ctx, "engine.myshopify.com", expiringToken(clk.Now(), "shpat_a", "shprt_a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := shops.Install(ctx, "other.myshopify.com", expiringToken(clk.Now(), "shpat_b", "shprt_b"))
	if err != nil {
		t.Fatal(err)
	}
	store := storage.NewAIEngines(db, keys, clk.Now)
	got, err := store.Get(ctx, shop.ID)
	if err != nil || got.Engine != storage.AIEngineBuiltin || got.HasAPIKey {
		t.Fatalf("defaults %+v %v", got, err)
	}
	if _, key, err := store.Endpoint(ctx, shop.ID); err != nil || key != "" {
		t.Fatalf("endpoint before any save: %q %v", key, err)
	}
	const secret = "sk-live-0123456789abcdef"
	want := storage.AIEngineSettings{ShopID: shop.ID, Engine: storage.AIEngineOpenAI, BaseURL: "https://models.example/v1", Model: "m-1"}
	if _, err := store.Save(ctx, want, ""); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("an endpoint without a key: %v", err)
	}
	if got, err = store.Save(ctx, want, secret); err != nil || !got.HasAPIKey || got.Model != "m-1" {
		t.Fatalf("saved %+v %v", got, err)
	}
	var raw string
	if err := db.Get(&raw, `SELECT api_key_sealed FROM ai_engine_settings WHERE shop_id = $1`, shop.ID); err != nil || strings.Contains(raw, secret) {
		t.Fatalf("stored %q (%v)", raw, err)
	}
	// Left empty: kept.
	want.Model = "m-2"
	if _, err := store.Save(ctx, want, ""); err != nil {
		t.Fatal(err)
	}
	ep, key, err := store.Endpoint(ctx, shop.ID)
	if err != nil || key != secret || ep.Model != "m-2" || ep.Engine != storage.AIEngineOpenAI {
		t.Fatalf("endpoint %+v %q %v", ep, key, err)
	}
	// Back to the built-in engine: the endpoint is kept for later.
	want.Engine = storage.AIEngineBuiltin
	if got, err = store.Save(ctx, want, ""); err != nil || got.Engine != storage.AIEngineBuiltin || got.BaseURL != want.BaseURL || !got.HasAPIKey {
		t.Fatalf("back to built-in: %+v %v", got, err)
	}
	// A sealed key copied to another shop does not open there.
	if _, err := db.Exec(`INSERT INTO ai_engine_settings (shop_id, api_key_sealed, updated_at)
		SELECT $2, api_key_sealed, now() FROM ai_engine_settings WHERE shop_id = $1`, shop.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.Endpoint(ctx, other.ID); err == nil {
		t.Fatal("another shop's key opened")
	}
	want.Engine = "gpt"
	if _, err := store.Save(ctx, want, ""); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("unknown engine: %v", err)
	}
	if _, err := store.Save(ctx, storage.AIEngineSettings{ShopID: 999999, Engine: storage.AIEngineBuiltin}, ""); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v", err)
	}
}
