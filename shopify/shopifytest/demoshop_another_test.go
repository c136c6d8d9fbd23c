package shopifytest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hubchat/shopify/adminapi"
)

// One app, two stores: the other shop has its own domain, name and ids,
// and the Admin API answers each shop's token with that shop's data only.
func TestOtherShopsAreServedApart(t *testing.T) {
	ctx := context.Background()
	other, err := AnotherDemoShop("other-outfitters", "Other Outfitters", 500_000)
	if err != nil {
		t.Fatal(err)
	}
	app := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(app.Close)
	s, err := Start(Config{APIKey: "test-key", APISecret: "test-secret", AppURL: app.URL, OtherShops: []*DemoShop{other}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	demo := s.Shop.Info()
	info := other.Info()
	if info.Domain != "other-outfitters.myshopify.com" || info.ID != demo.ID+500_000 || other.SignedInCustomerID() != s.Shop.SignedInCustomerID()+500_000 {
		t.Fatalf("other shop %+v, signed-in customer %d", info, other.SignedInCustomerID())
	}
	for _, o := range other.Orders() {
		if o.CustomerID != 0 && o.CustomerID < 500_000 {
			t.Fatalf("order %d of the other shop names the demo shop's customer %d", o.ID, o.CustomerID)
		}
	}
	for domain, want := range map[string]string{demo.Domain: demo.Name, info.Domain: info.Name} {
		got, err := shopClient(t, s, domain).Shop(ctx)
		if err != nil || got.Name != want {
			t.Errorf("Admin API of %s: shop %q (%v), want %q", domain, got.Name, err, want)
		}
	}
	// A token of the demo shop opens nothing of the other.
	token := s.OAuth.newTokens(demo.Domain, "", false, nil, func(*OAuthCounters) {})["access_token"].(string)
	if s.OAuth.ValidAccessToken(info.Domain, token) {
		t.Error("the demo shop's access token is valid for the other shop")
	}
	if _, body := get(t, newBrowser(t), s.AdminURL+"/store/other-outfitters"); !strings.Contains(body, "Other Outfitters") {
		t.Errorf("the admin has no home for the other shop:\n%.500s", body)
	}
}

// shopClient is an Admin API client of shop with a fresh token of its own.
func shopClient(t *testing.T, s *Shopify, shop string) *adminapi.Client {
	t.Helper()
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
