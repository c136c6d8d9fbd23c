package webhooks_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/shopauth"
	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func send(t *testing.T, env *apptest.Env, w shopifytest.Webhook) shopifytest.WebhookResult {
	t.Helper()
	if w.Shop == "" {
		w.Shop = env.Shop()
	}
	res, err := env.Shopify.Webhooks.Send(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func count(t *testing.T, env *apptest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestForgedOrIncompleteWebhooksAreRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	body := []byte(`{"shop_domain":"` + env.Shop() + `"}`)
	post := func(hmac string, headers map[string]string) int {
		req, _ := http.NewRequest("POST", env.URL+"/webhooks", bytes.NewReader(body))
		req.Header.Set("X-Shopify-Hmac-Sha256", hmac)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	full := map[string]string{"X-Shopify-Topic": "shop/redact", "X-Shopify-Shop-Domain": env.Shop(),
		"X-Shopify-Webhook-Id": "wh-1", "X-Shopify-API-Version": "2026-10"}
	if s := post(shopify.SignWebhook(body, "wrong secret"), full); s != 401 {
		t.Fatalf("forged HMAC: %d, want 401", s)
	}
	if s := post("", full); s != 401 {
		t.Fatalf("no HMAC: %d, want 401", s)
	}
	if s := post(shopify.SignWebhook(body, env.Config.ShopifyAPISecret), map[string]string{"X-Shopify-Topic": "shop/redact"}); s != 400 {
		t.Fatalf("missing headers: %d, want 400", s)
	}
	if n := count(t, env, `SELECT count(*) FROM webhook_deliveries`); n != 0 {
		t.Fatalf("%d refused deliveries stored", n)
	}
}

func TestDuplicateDeliveriesAreProcessedOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	request := shopifytest.Webhook{Topic: "customers/data_request", Payload: map[string]any{
		"shop_domain": env.Shop(), "customer": map[string]any{"id": 7001, "email": "jane@example.com"},
		"orders_requested": []int{}, "data_request": map[string]any{"id": 9999},
	}}
	first := send(t, env, request)
	send(t, env, first.Webhook) // a retry: same webhook id
	again := first.Webhook
	again.WebhookID = "" // another delivery of the same event
	send(t, env, again)
	env.WaitForJobs(t)
	if n := count(t, env, `SELECT count(*) FROM privacy_requests`); n != 1 {
		t.Fatalf("%d data requests recorded, want 1", n)
	}
}

func TestMalformedWebhookIsParkedWithItsReason(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	res := send(t, env, shopifytest.Webhook{Topic: "customers/redact", Body: []byte(`{"customer": {"id": 70`)})
	if res.Status != 200 || res.Attempts != 1 {
		t.Fatalf("intake answered %d after %d attempts, want 200 at once", res.Status, res.Attempts)
	}
	apptest.Eventually(t, 10*time.Second, "the job to park", func() bool {
		return count(t, env, `SELECT count(*) FROM jobs WHERE status = 'parked' AND last_error LIKE '%not valid JSON%'`) == 1
	})
	// The worker goes on with the next delivery.
	send(t, env, shopifytest.Webhook{Topic: "customers/redact", Payload: map[string]any{"customer": map[string]any{"id": 7001}}})
	env.WaitForJobs(t)
	if n := count(t, env, `SELECT count(*) FROM privacy_requests WHERE topic = 'customers/redact'`); n != 1 {
		t.Fatalf("the next delivery was not processed: %d erasures", n)
	}
}

// After app/uninstalled the app stops serving the shop: storefront requests
// through the app proxy are refused, and admin requests within the
// guard's memory of the shop (shopauth.RequestTTL).
func TestUninstallStopsServingTheShop(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	adminStatus := func() int {
		req, _ := http.NewRequest("GET", env.URL+"/app/privacy", nil)
		req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := adminStatus(); s != 200 {
		t.Fatalf("before uninstall: %d", s)
	}
	// A delayed app/uninstalled from before this installation changes nothing.
	send(t, env, shopifytest.Webhook{Topic: "app/uninstalled", Payload: map[string]any{"myshopify_domain": env.Shop()},
		TriggeredAt: time.Now().Add(-time.Hour)})
	env.WaitForJobs(t)
	if s := adminStatus(); s != 200 {
		t.Fatalf("a stale uninstall stopped the shop: %d", s)
	}
	send(t, env, shopifytest.Webhook{Topic: "app/uninstalled", Payload: map[string]any{"myshopify_domain": env.Shop()}})
	env.WaitForJobs(t)
	apptest.Eventually(t, shopauth.RequestTTL+5*time.Second, "admin requests refused after the uninstall", func() bool {
		return adminStatus() == 403
	})
	if s := proxyStatus(t, env); s != 403 {
		t.Fatalf("app proxy after uninstall: %d, want 403", s)
	}
	if n := count(t, env, `SELECT count(*) FROM shops WHERE access_token_sealed IS NOT NULL`); n != 0 {
		t.Fatal("the revoked token was kept")
	}
}

// proxyStatus sends a storefront request through the local Shopify's app
// proxy, which signs it.
func proxyStatus(t *testing.T, env *apptest.Env) int {
	t.Helper()
	resp, err := http.Get(env.Shopify.StorefrontURL + "/apps/hubchat/anything")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestComplianceTopicsExportAndErase(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	jane := map[string]any{"id": 7001, "email": "jane.cooper@example.com", "phone": "+15550107001"}
	// A delivery naming Jane that is parked (unprocessable) keeps its body:
	// it is customer data the export must include and the erasure remove.
	send(t, env, shopifytest.Webhook{Topic: "orders/create", Payload: map[string]any{"id": 1, "customer": jane, "email": jane["email"]}})
	env.WaitForJobs(t)
	send(t, env, shopifytest.Webhook{Topic: "customers/data_request", Payload: map[string]any{
		"shop_domain": env.Shop(), "customer": jane, "data_request": map[string]any{"id": 42}}})
	env.WaitForJobs(t)

	var export string
	if err := env.DB.Get(&export, `SELECT export::text FROM privacy_requests WHERE topic = 'customers/data_request'`); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(export, "jane.cooper@example.com") || !strings.Contains(export, `"orders/create"`) {
		t.Fatalf("export lacks the parked order: %s", export)
	}

	send(t, env, shopifytest.Webhook{Topic: "customers/redact", Payload: map[string]any{"shop_domain": env.Shop(), "customer": jane}})
	env.WaitForJobs(t)
	for _, trace := range []string{"jane.cooper@example.com", "+15550107001"} {
		if tables := tablesContaining(t, env, trace); len(tables) > 0 {
			t.Errorf("after customers/redact %s is still in %v", trace, tables)
		}
	}

	// shop/redact comes 48 hours after uninstall and erases everything.
	send(t, env, shopifytest.Webhook{Topic: "shop/redact", Payload: map[string]any{"shop_domain": env.Shop()}})
	env.WaitForJobs(t)
	if n := count(t, env, `SELECT count(*) FROM shops`); n != 1 {
		t.Fatal("shop/redact erased a shop that is installed")
	}
	send(t, env, shopifytest.Webhook{Topic: "app/uninstalled", Payload: map[string]any{"myshopify_domain": env.Shop()}})
	env.WaitForJobs(t)
	send(t, env, shopifytest.Webhook{Topic: "shop/redact", Payload: map[string]any{"shop_domain": env.Shop()}})
	env.WaitForJobs(t)
	if tables := tablesContaining(t, env, env.Shop()); len(tables) > 0 {
		t.Fatalf("after shop/redact the shop is still in %v", tables)
	}
}

// tablesContaining lists the tables with a row whose text contains s; bytea
// columns appear in a row's text as hex, so the hex form of s is looked for
// too.
func tablesContaining(t *testing.T, env *apptest.Env, s string) []string {
	t.Helper()
	var tables, found []string
	if err := env.DB.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if count(t, env, `SELECT count(*) FROM "`+table+`" t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, encode(convert_to($1, 'UTF8'), 'hex')) > 0`, s) > 0 {
			found = append(found, table)
		}
	}
	return found
}
