package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
)

// Session tokens reach the app in the three ways App Bridge provides them:
// the id_token of the admin's iframe load, a fresh token after the bounce
// page, and the bearer header App Bridge adds to fetch calls.
func TestAppBridgeSessionTokensInTheBrowser(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	_, err := env.Shopify.Webhooks.Send(context.Background(), shopifytest.Webhook{Topic: "customers/data_request", Shop: env.Shop(),
		Payload: map[string]any{"customer": map[string]any{"id": 7001}, "data_request": map[string]any{"id": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	// 1. The admin's sidebar link loads the page with an id_token.
	err = chromedp.Do(ctx,
		chromedp.Navigate(env.Shopify.AppHomeURL()),
		chromedp.Click(chromedp.CSS(`[data-testid="app-nav"] a[href$="/privacy"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="privacy-row"]`)
	apptest.Screenshot(t, ctx, "privacy")

	// 2. A load without a token bounces and App Bridge reloads it with one.
	bare := env.URL + "/app/privacy?" + url.Values{"embedded": {"1"}, "shop": {env.Shop()},
		"host": {shopify.EncodeHost("admin.shopify.com/store/hubchat-demo")}}.Encode()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](fmt.Sprintf(
		`document.querySelector('[data-testid="app-frame"]').src = %q`, bare))); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the bounce to reload the page", func() bool {
		logs := env.Logs.String()
		return strings.Contains(logs, "path=/auth/session-token status=200") && strings.Count(logs, "path=/app/privacy status=200") >= 2
	})
	appText(t, ctx, `[data-testid="privacy-row"]`)

	// 3. A fetch from the page carries a bearer token: the download works.
	appClick(t, ctx, `[data-testid="privacy-download"]`)
	apptest.Eventually(t, 10*time.Second, "the export download", func() bool {
		return strings.Contains(env.Logs.String(), "/export status=200")
	})
}
