package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// SMS is off by default; the auth token is sealed at rest, kept when left
// empty, readable only through Credentials, and bound to its shop; the
// table refuses two senders, or SMS on without what it needs to send.
func TestSMSSettingsSealTheToken(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	keys := testKeys(t)
	shops := storage.NewShops(db, keys, clk.Now)
	shop, err := shops.Install(ctx, "sms.myshopify.com", expiringToken(clk.Now(), "shpat_a", "shprt_a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := shops.Install(ctx, "other-sms.myshopify.com", expiringToken(clk.Now(), "shpat_b", "shprt_b"))
	if err != nil {
		t.Fatal(err)
	}
	store := storage.NewSMSSettings(db, keys, clk.Now)
	if got, err := store.Get(ctx, shop.ID); err != nil || got.Enabled || got.HasAuthToken || got.AccountSID != "" {
		t.Fatalf("defaults %+v %v", got, err)
	}
	if _, token, err := store.Credentials(ctx, shop.ID); err != nil || token != "" {
		t.Fatalf("credentials before any save: %q %v", token, err)
	}
	const token = "f1e2d3c4b5a69788f1e2d3c4b5a69788"
	want := storage.SMSSettings{ShopID: shop.ID, Enabled: true, AccountSID: "AC0123456789abcdef0123456789abcdef", FromNumber: "+15555550199"}
	if _, err := store.Save(ctx, want, ""); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("SMS on without a token: %v", err)
	}
	got, err := store.Save(ctx, want, token)
	if err != nil || !got.HasAuthToken || !got.Enabled || got.FromNumber != want.FromNumber || !got.UpdatedAt.Equal(clk.Now()) {
		t.Fatalf("saved %+v %v", got, err)
	}
	var raw string
	if err := db.Get(&raw, `SELECT auth_token_sealed FROM sms_settings WHERE shop_id = $1`, shop.ID); err != nil || strings.Contains(raw, token) {
		t.Fatalf("stored %q (%v)", raw, err)
	}
	want.FromNumber, want.MessagingServiceSID = "", "MG0123456789abcdef0123456789abcdef"
	if _, err := store.Save(ctx, want, ""); err != nil {
		t.Fatal(err)
	}
	creds, clear, err := store.Credentials(ctx, shop.ID)
	if err != nil || clear != token || creds.MessagingServiceSID != want.MessagingServiceSID || creds.FromNumber != "" {
		t.Fatalf("credentials %+v %q %v", creds, clear, err)
	}
	want.FromNumber = "+15555550199"
	if _, err := store.Save(ctx, want, ""); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("two senders: %v", err)
	}
	if _, err := db.Exec(`INSERT INTO sms_settings (shop_id, auth_token_sealed, updated_at)
		SELECT $2, auth_token_sealed, now() FROM sms_settings WHERE shop_id = $1`, shop.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.Credentials(ctx, other.ID); err == nil {
		t.Fatal("another shop's token opened")
	}
	if _, err := store.Save(ctx, storage.SMSSettings{ShopID: 999999}, ""); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v", err)
	}
}
