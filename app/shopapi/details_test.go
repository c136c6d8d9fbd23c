package shopapi_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/apptest"
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
