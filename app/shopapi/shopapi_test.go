package shopapi_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/apptest"
	"hubchat/app/jobs"
	"hubchat/app/shopapi"
	"hubchat/shopify"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newClients makes clients on env's database and local Shopify, as the app
// does.
func newClients(env *apptest.Env) (*storage.Shops, *shopapi.Clients) {
	shops := storage.NewShops(env.DB, env.Keys, time.Now)
	cfg := env.Config
	return shops, &shopapi.Clients{
		Tokens: shops, ShopURL: cfg.ShopifyShopURL, Now: time.Now,
		OAuth: &shopify.OAuth{APIKey: cfg.ShopifyAPIKey, APISecret: cfg.ShopifyAPISecret, Scopes: cfg.Scopes,
			ShopURL: func(shop string) string { return strings.ReplaceAll(cfg.ShopifyShopURL, "{shop}", shop) }},
	}
}

// An offline token about to expire is refreshed at Shopify once, however
// many requests need it at the same moment, and the new one is used.
func TestExpiringTokenIsRefreshedOnceForConcurrentCalls(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	// The stored token now expires inside the five-minute refresh margin.
	if _, err := env.DB.Exec(`UPDATE shops SET access_token_expires_at = now() + interval '1 minute'`); err != nil {
		t.Fatal(err)
	}

	shops, clients := newClients(env)
	shop, err := shops.ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	before := env.Shopify.OAuth.Counters().Refreshes
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := clients.ShopDetails(context.Background(), shop)
			if err == nil && d.Name != env.Shopify.Shop.Info().Name {
				t.Errorf("details %+v", d)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := env.Shopify.OAuth.Counters().Refreshes - before; n != 1 {
		t.Fatalf("%d refreshes at Shopify, want 1", n)
	}
}

// A token Shopify refuses before its expiry (revoked, say) is refreshed and
// the call retried once.
func TestRefusedTokenIsRefreshedAndRetried(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	shops, clients := newClients(env)
	shop, _ := shops.ByDomain(context.Background(), env.Shop())
	env.WaitForJobs(t)
	env.Shopify.OAuth.RevokeAccessTokens(env.Shop())
	if _, err := clients.ShopDetails(context.Background(), shop); err != nil {
		t.Fatalf("after the access token was revoked: %v", err)
	}
	if n := env.Shopify.OAuth.Counters().Refreshes; n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
}

// A grant Shopify revoked (the refresh token refused too) is Unauthorized, a
// failure jobs park rather than retry: only the merchant opening the app
// again mends it.
func TestRevokedGrantIsAPermanentFailure(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	shops, clients := newClients(env)
	shop, _ := shops.ByDomain(context.Background(), env.Shop())
	env.WaitForJobs(t)
	env.Shopify.OAuth.Revoke(env.Shop())
	_, err := clients.ShopDetails(context.Background(), shop)
	if !apperr.Is(err, apperr.Unauthorized) || !jobs.IsPermanent(err) {
		t.Fatalf("after the grant was revoked: %v; want a permanent Unauthorized", err)
	}
}
