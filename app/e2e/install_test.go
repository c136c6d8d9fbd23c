package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// installThroughOAuth clicks Install in the admin, approves the grant and
// waits for the embedded app to show the shop's name.
func installThroughOAuth(t *testing.T, ctx context.Context, env *apptest.Env, shot string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(env.Shopify.AdminURL+"/store/hubchat-demo"),
		chromedp.Click(chromedp.CSS(`[data-testid="install-app-start"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="install-app"]`)), // Shopify's grant screen
	)
	if err != nil {
		t.Fatalf("reach the grant screen: %v", err)
	}
	apptest.Screenshot(t, ctx, shot+"-grant")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="install-app"]`))); err != nil {
		t.Fatal(err)
	}
	if name := appText(t, ctx, `[data-testid="shop-name"]`); name != env.Shopify.Shop.Info().Name {
		t.Fatalf("the embedded app shows %q, want the shop's name %q", name, env.Shopify.Shop.Info().Name)
	}
	apptest.Screenshot(t, ctx, shot+"-app")
}

// The merchant installs through OAuth in the admin, lands in the embedded
// app showing the shop's name, uninstalls, installs again, and the app
// works again.
func TestInstallUninstallReinstallInTheAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	ctx := apptest.Browser(t)

	installThroughOAuth(t, ctx, env, "install")
	// App Bridge put the app's navigation in the admin's sidebar.
	nav, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-testid="app-nav"]`)))
	if err != nil || !strings.Contains(nav, "Inbox") || !strings.Contains(nav, "Settings") || !strings.Contains(nav, "Privacy requests") {
		t.Fatalf("admin sidebar shows %q (%v)", nav, err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(env.Shopify.AdminURL+"/store/hubchat-demo"),
		chromedp.Click(chromedp.CSS(`[data-testid="uninstall-app"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="install-app-start"]`)),
	)
	if err != nil {
		t.Fatalf("uninstall: %v", err)
	}
	apptest.Eventually(t, 10*time.Second, "app/uninstalled to be processed", func() bool {
		var uninstalled bool
		env.DB.Get(&uninstalled, `SELECT uninstalled_at IS NOT NULL FROM shops`)
		return uninstalled
	})

	installThroughOAuth(t, ctx, env, "reinstall")
	var shops, installed int
	env.DB.Get(&shops, `SELECT count(*) FROM shops`)
	env.DB.Get(&installed, `SELECT count(*) FROM shops WHERE uninstalled_at IS NULL AND access_token_sealed IS NOT NULL`)
	if shops != 1 || installed != 1 {
		t.Fatalf("after reinstall: %d shops, %d installed", shops, installed)
	}
}
