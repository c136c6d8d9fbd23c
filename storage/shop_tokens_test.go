package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// Token opens the stored pair with its expiries and scopes; a shop without
// a token is Unauthorized, an unknown one NotFound.
func TestTokenReadsTheStoredPair(t *testing.T) {
	t.Parallel()
	ctx, clk := context.Background(), newClock()
	shops := storage.NewShops(pgtest.NewDB(t), testKeys(t), clk.Now)
	granted := expiringToken(clk.Now(), "shpat_read", "shprt_read")
	shop, err := shops.Install(ctx, "read.myshopify.com", granted)
	if err != nil {
		t.Fatal(err)
	}
	st, err := shops.Token(ctx, shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Domain != "read.myshopify.com" || st.AccessToken != granted.AccessToken || !st.ExpiresAt.Equal(granted.ExpiresAt) ||
		st.RefreshToken != granted.RefreshToken || !st.RefreshExpiresAt.Equal(granted.RefreshExpiresAt) || st.Scopes != granted.Scopes {
		t.Fatalf("Token = %+v, want the installed %+v", st, granted)
	}

	lasting, _ := shops.Install(ctx, "lasting.myshopify.com", storage.OfflineToken{AccessToken: "shpat_lasting", Scopes: "read_orders"})
	if st, err := shops.Token(ctx, lasting.ID); err != nil || st.AccessToken != "shpat_lasting" || !st.ExpiresAt.IsZero() || st.RefreshToken != "" {
		t.Fatalf("a token that does not expire: %+v, %v", st, err)
	}
	if err := shops.MarkUninstalled(ctx, lasting.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shops.Token(ctx, lasting.ID); !errors.Is(err, storage.ErrUnauthorized) {
		t.Fatalf("uninstalled shop: %v, want Unauthorized", err)
	}
	if _, err := shops.Token(ctx, lasting.ID+1000); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v, want NotFound", err)
	}
}

// The refresh lease has one holder at a time, on any instance, until its
// time is up; only its holder ends it early; and a token that changed since
// it was read cannot be claimed for a refresh.
func TestClaimTokenRefreshHoldsOneLeaseAtATime(t *testing.T) {
	t.Parallel()
	ctx, clk, url := context.Background(), newClock(), pgtest.NewURL(t)
	keys := testKeys(t)
	one := storage.NewShops(pgtest.Open(t, url), keys, clk.Now)
	other := storage.NewShops(pgtest.Open(t, url), keys, clk.Now) // a second instance
	shop, err := one.Install(ctx, "lease.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	st, _ := one.Token(ctx, shop.ID)
	claim := func(s *storage.Shops, st storage.StoredToken) string {
		t.Helper()
		holder, err := s.ClaimTokenRefresh(ctx, shop.ID, st, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return holder
	}
	first := claim(one, st)
	if first == "" {
		t.Fatal("a free lease was not claimed")
	}
	if h := claim(other, st); h != "" {
		t.Fatal("a second caller claimed a lease that is held")
	}
	clk.Advance(29 * time.Second)
	if h := claim(other, st); h != "" {
		t.Fatal("claimed a lease before its time was up")
	}
	clk.Advance(time.Second)
	second := claim(other, st)
	if second == "" || second == first {
		t.Fatalf("the lapsed lease: taken over by %q (first holder %q)", second, first)
	}
	if err := one.ReleaseTokenRefresh(ctx, shop.ID, first); err != nil {
		t.Fatal(err)
	}
	if h := claim(one, st); h != "" {
		t.Fatal("a former holder ended the lease of the one that took over")
	}
	if err := other.ReleaseTokenRefresh(ctx, shop.ID, second); err != nil {
		t.Fatal(err)
	}
	third := claim(one, st)
	if third == "" {
		t.Fatal("the lease was not free after its holder released it")
	}

	if _, err := one.StoreRefreshedToken(ctx, shop.ID, st, expiringToken(clk.Now(), "shpat_new", "shprt_new")); err != nil {
		t.Fatal(err)
	}
	if h := claim(other, st); h != "" {
		t.Fatal("claimed a refresh of a token that was replaced meanwhile")
	}
	fresh, _ := one.Token(ctx, shop.ID)
	if h := claim(other, fresh); h == "" {
		t.Fatal("storing the new pair did not end the lease")
	}
}

// A refreshed pair is stored only over the refresh token it was issued
// for, and only in that shop: never over a pair stored since, a
// reinstallation's token, or an uninstalled shop.
func TestStoreRefreshedTokenOnlyOverTheTokenItRefreshed(t *testing.T) {
	t.Parallel()
	ctx, clk := context.Background(), newClock()
	shops := storage.NewShops(pgtest.NewDB(t), testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "store.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	neighbour, _ := shops.Install(ctx, "neighbour.myshopify.com", expiringToken(clk.Now(), "shpat_n", "shprt_n"))
	store := func(shopID int64, st storage.StoredToken, access string) bool {
		t.Helper()
		tok := expiringToken(clk.Now(), access, "shprt"+access[len("shpat"):])
		tok.Scopes = "" // Shopify's answer named no scopes: the stored ones stand
		stored, err := shops.StoreRefreshedToken(ctx, shopID, st, tok)
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	tokenOf := func(shopID int64) storage.StoredToken {
		t.Helper()
		st, err := shops.Token(ctx, shopID)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	old := tokenOf(shop.ID)
	if store(neighbour.ID, old, "shpat_elsewhere") || tokenOf(neighbour.ID).AccessToken != "shpat_n" {
		t.Fatal("a shop's refreshed pair was stored in another shop")
	}
	if !store(shop.ID, old, "shpat_new") {
		t.Fatal("the refreshed pair was not stored")
	}
	if st := tokenOf(shop.ID); st.AccessToken != "shpat_new" || st.RefreshToken != "shprt_new" || st.Scopes != old.Scopes {
		t.Fatalf("after the refresh: %+v", st)
	}
	if store(shop.ID, old, "shpat_late") || tokenOf(shop.ID).AccessToken != "shpat_new" {
		t.Fatal("a second pair for the same refresh token overwrote the first")
	}

	beforeReinstall := tokenOf(shop.ID)
	if _, err := shops.Install(ctx, "store.myshopify.com", expiringToken(clk.Now(), "shpat_install", "shprt_install")); err != nil {
		t.Fatal(err)
	}
	if store(shop.ID, beforeReinstall, "shpat_late") || tokenOf(shop.ID).AccessToken != "shpat_install" {
		t.Fatal("a refresh overwrote the reinstallation's token")
	}

	beforeUninstall := tokenOf(shop.ID)
	if err := shops.MarkUninstalled(ctx, shop.ID); err != nil {
		t.Fatal(err)
	}
	if store(shop.ID, beforeUninstall, "shpat_late") {
		t.Fatal("a refresh gave an uninstalled shop a token")
	}
	if _, err := shops.Token(ctx, shop.ID); !errors.Is(err, storage.ErrUnauthorized) {
		t.Fatalf("uninstalled shop after a late refresh: %v", err)
	}
}
