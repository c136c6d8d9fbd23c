package shopifytest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"hubchat/shopify/adminapi"
)

// TestStorefrontDomains: the local storefront answers on two domains, none
// of them the shop's myshopify.com domain, and the Admin API reports both,
// the primary first, as a real store with custom domains does.
func TestStorefrontDomains(t *testing.T) {
	ctx := context.Background()
	app := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(app.Close)
	s, err := Start(Config{APIKey: "test-key", APISecret: "test-secret", AppURL: app.URL})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	shop := s.Shop.Info().Domain
	if len(s.StorefrontURLs) != 2 || s.StorefrontURLs[0] != s.StorefrontURL {
		t.Fatalf("storefront URLs %q, primary %q", s.StorefrontURLs, s.StorefrontURL)
	}
	hosts := map[string]bool{}
	for _, u := range s.StorefrontURLs {
		parsed, _ := url.Parse(u)
		hosts[parsed.Hostname()] = true
		if parsed.Hostname() == shop {
			t.Errorf("the storefront is served on the myshopify.com domain %s", u)
		}
		if resp, body := get(t, newBrowser(t), u+"/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `class="site-header"`) {
			t.Errorf("GET %s/ = %d", u, resp.StatusCode)
		}
	}
	if len(hosts) != 2 {
		t.Errorf("the two domains share a host name: %q", s.StorefrontURLs)
	}

	c := adminClient(t, s)
	info, err := c.Shop(ctx)
	if err != nil || info.PrimaryDomainURL != s.StorefrontURL {
		t.Fatalf("primaryDomain %q, %v; want %s", info.PrimaryDomainURL, err, s.StorefrontURL)
	}
	domains, err := c.WebPresenceDomains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range domains {
		got = append(got, d.URL)
	}
	if strings.Join(got, " ") != strings.Join(s.StorefrontURLs, " ") {
		t.Errorf("web presence domains %q, want %q", got, s.StorefrontURLs)
	}
}

// adminClient is the production Admin API client for the local Shopify's
// demo shop, with a token the shop granted.
func adminClient(t *testing.T, s *Shopify) *adminapi.Client {
	t.Helper()
	shop := s.Shop.Info().Domain
	token := s.OAuth.newTokens(shop, "", false, nil, func(*OAuthCounters) {})["access_token"].(string)
	c, err := adminapi.New(shop, adminapi.StaticToken(token), adminapi.Options{
		Endpoint: func(shop string) string {
			return strings.Replace(s.ShopURL(), "{shop}", shop, 1) + "/admin/api/" + adminapi.APIVersion + "/graphql.json"
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
