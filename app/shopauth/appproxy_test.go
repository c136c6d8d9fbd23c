package shopauth_test

import (
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/shopauth"
	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestAppProxyGuardTrustsOnlyShopifysSignature(t *testing.T) {
	const secret = "proxy-secret"
	ctx := context.Background()
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	shops := storage.NewShops(pgtest.NewDB(t), keys, time.Now)
	for _, d := range []string{"open.myshopify.com", "gone.myshopify.com"} {
		if _, err := shops.Install(ctx, d, storage.OfflineToken{AccessToken: "shpat_" + d}); err != nil {
			t.Fatal(err)
		}
	}
	gone, _ := shops.ByDomain(ctx, "gone.myshopify.com")
	shops.MarkUninstalled(ctx, gone.ID)

	guard := &shopauth.AppProxyGuard{APISecret: secret, Shops: shops, Now: time.Now}
	f := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		return c.SendStatus(map[apperr.Code]int{apperr.Unauthorized: 401, apperr.Forbidden: 403}[apperr.CodeOf(err)])
	}})
	f.Get("/proxy/whoami", guard.Handle, func(c *fiber.Ctx) error {
		return c.SendString(web.Shop(c) + "|" + web.CustomerID(c))
	})
	query := func(shop, customer string, age time.Duration) url.Values {
		return url.Values{"shop": {shop}, "logged_in_customer_id": {customer}, "path_prefix": {"/apps/hubchat"},
			"timestamp": {strconv.FormatInt(time.Now().Add(-age).Unix(), 10)}}
	}
	signed := func(q url.Values) url.Values { q.Set("signature", shopify.SignAppProxy(q, secret)); return q }
	tampered := signed(query("open.myshopify.com", "7001", 0))
	tampered.Set("logged_in_customer_id", "7002")

	tests := []struct {
		name   string
		q      url.Values
		status int
		body   string
	}{
		{"signed in", signed(query("open.myshopify.com", "7001", 0)), 200, "open.myshopify.com|7001"},
		{"anonymous", signed(query("open.myshopify.com", "", 0)), 200, "open.myshopify.com|"},
		{"customer id changed in the browser", tampered, 401, ""},
		{"no signature", query("open.myshopify.com", "7001", 0), 401, ""},
		{"stale", signed(query("open.myshopify.com", "7001", 10*time.Minute)), 401, ""},
		{"shop never installed", signed(query("never.myshopify.com", "7001", 0)), 403, ""},
		{"shop uninstalled", signed(query("gone.myshopify.com", "7001", 0)), 403, ""},
	}
	for _, tt := range tests {
		resp, err := f.Test(httptest.NewRequest("GET", "/proxy/whoami?"+tt.q.Encode(), nil))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tt.status || (tt.status == 200 && string(body) != tt.body) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, resp.StatusCode, body, tt.status, tt.body)
		}
	}
}
