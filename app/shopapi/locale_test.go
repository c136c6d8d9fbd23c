package shopapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// spanishDemoShop is the built-in demo shop with Spanish as its primary
// locale.
func spanishDemoShop(t *testing.T) *shopifytest.DemoShop {
	t.Helper()
	raw, err := os.ReadFile("../../shopify/shopifytest/demo-shop.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	doc["shop"].(map[string]any)["primary_locale"] = "es"
	doc["shop"].(map[string]any)["alternate_locales"] = []string{"en"} // Spanish first, English too
	raw, _ = json.Marshal(doc)
	shop, err := shopifytest.LoadDemoShop(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return shop
}

// The install's shop sync stores the shop's primary locale, and the
// agent's knowledge carries it; a shop installed before the app asked for
// read_locales syncs all the same, without a locale.
func TestShopSyncStoresThePrimaryLocale(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Shopify: func(c *shopifytest.Config) { c.Shop = spanishDemoShop(t) }})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := context.Background()
	shops, clients := newClients(env)
	shop, err := shops.ByDomain(ctx, env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	if shop.PrimaryLocale != "es" {
		t.Fatalf("after the install's sync the shop's locale is %q, want es", shop.PrimaryLocale)
	}
	k, err := storage.NewKnowledge(env.DB).Snapshot(ctx, shop.ID)
	if err != nil || k.Locale != "es" {
		t.Fatalf("knowledge locale %q, %v", k.Locale, err)
	}

	shop.Scopes = strings.ReplaceAll(shop.Scopes, "read_locales", "read_other")
	d, err := clients.ShopDetails(ctx, shop)
	if err != nil {
		t.Fatalf("a shop without read_locales: %v", err)
	}
	if d.PrimaryLocale != "" || d.Name != shop.Name || len(d.Policies) == 0 {
		t.Errorf("without read_locales: %+v, want the details without a locale", d)
	}
}

// A shop whose grant Shopify no longer honours for the locales (it answers
// ACCESS_DENIED) syncs all the same: its details and policies, no locale.
func TestShopSyncWithoutTheLocalesScopeLosesNothingElse(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Shopify: func(c *shopifytest.Config) {
		c.Shop = spanishDemoShop(t)
		c.AdminAPI.ScopeOf = func(string, string) string { return "read_customers,read_orders,read_products,read_legal_policies" }
	}})
	env.Install(t)
	env.WaitForJobs(t)
	shops, _ := newClients(env)
	shop, err := shops.ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(shop.Scopes, "read_locales") {
		t.Fatalf("the app stored the scopes %q; the test wants read_locales among them", shop.Scopes)
	}
	k, err := storage.NewKnowledge(env.DB).Snapshot(context.Background(), shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if shop.PrimaryLocale != "" || shop.SyncedAt == nil || len(k.Policies) == 0 || k.ShopName == "" {
		t.Errorf("locale %q, synced at %v, %d policies, name %q: want the sync done without a locale",
			shop.PrimaryLocale, shop.SyncedAt, len(k.Policies), k.ShopName)
	}
}
