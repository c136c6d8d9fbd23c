package shopapi_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// The shop's storefront origins are its primary domain and its web
// presences' domains, as the Admin API reports them; a shop that has not
// granted read_markets has its primary domain alone.
func TestShopDetailsReadTheStorefrontOrigins(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	shops, clients := newClients(env)
	shop, err := shops.ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(shop.StorefrontOrigins, " "); got != strings.Join(env.Shopify.StorefrontURLs, " ") {
		t.Fatalf("after the install's sync the shop's origins are %q, want %q", got, env.Shopify.StorefrontURLs)
	}

	shop.Scopes = strings.ReplaceAll(shop.Scopes, "read_markets", "read_other")
	d, err := clients.ShopDetails(context.Background(), shop)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.StorefrontOrigins) != 1 || d.StorefrontOrigins[0] != env.Shopify.StorefrontURL {
		t.Errorf("without read_markets: %q, want the primary domain %s alone", d.StorefrontOrigins, env.Shopify.StorefrontURL)
	}
}

// The shop sync stores every policy the Admin API has, its HTML body as
// plain text paragraphs, its title and link.
func TestShopSyncStoresThePolicies(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	shops, _ := newClients(env)
	shop, err := shops.ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	k, err := storage.NewKnowledge(env.DB).Snapshot(context.Background(), shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	demo := env.Shopify.Shop.Policies()
	if len(k.Policies) != len(demo) {
		t.Fatalf("stored %d policies, the shop has %d", len(k.Policies), len(demo))
	}
	for _, p := range k.Policies {
		if p.Type == "REFUND_POLICY" {
			if !strings.HasPrefix(p.Body, "We have a 30-day return policy") || !strings.Contains(p.Body, "packaging.\n\nTo start a return") ||
				strings.Contains(p.Body, "<") || p.Title != "Refund policy" || !strings.HasSuffix(p.URL, "/policies/refund-policy") {
				t.Errorf("refund policy = %+v", p)
			}
			return
		}
	}
	t.Errorf("no refund policy among %+v", k.Policies)
}
