package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// launcherLook is how the storefront's launcher looks: its side, accent
// colour and icon (by the start of its first path: the icons of
// snippets/hub-icon.liquid).
type launcherLook struct {
	Side, Accent, Icon string
}

// Icon paths' starts, from snippets/hub-icon.liquid.
const (
	iconBubble  = "M20.5 11.5"
	iconHeadset = "M4 15v-3a8"
)

// storefrontLauncher loads the storefront's home page and reads the
// launcher once the hub shows it.
func storefrontLauncher(t *testing.T, ctx context.Context, url string) launcherLook {
	t.Helper()
	const read = `(() => {
		const hc = document.querySelector('[data-hubchat]'), b = hc.querySelector('[data-hc-launcher]').getBoundingClientRect();
		return JSON.stringify({
			side: b.left < window.innerWidth / 2 ? 'left' : 'right',
			accent: getComputedStyle(hc).getPropertyValue('--hc-accent').trim(),
			icon: hc.querySelector('.hc-launcher__icon path').getAttribute('d').slice(0, 10),
		});
	})()`
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatalf("the storefront's launcher: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](read))
	if err != nil {
		t.Fatalf("the storefront's launcher: %v", err)
	}
	var look struct{ Side, Accent, Icon string }
	if err := json.Unmarshal([]byte(raw), &look); err != nil {
		t.Fatal(err)
	}
	return launcherLook(look)
}

// designCard waits for the web chat settings page and returns what its
// Design card says (data-design) and whether the accent colour is disabled.
func designCard(t *testing.T, ctx context.Context, want string) bool {
	t.Helper()
	sel := `[data-testid="design-card"][data-design="` + want + `"]`
	appText(t, ctx, sel)
	disabled := inApp(t, ctx, "the colour field", func(frame *chromedp.Node) chromedp.Action[[]*chromedp.Node] {
		return chromedp.Nodes(chromedp.CSS(`#color:disabled`), chromedp.FromNode(frame), chromedp.AtLeast(0))
	})
	return len(disabled) == 1
}

// saveThemeEditor saves the local Shopify's theme editor.
func saveThemeEditor(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="editor-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="editor-saved"]`))); err != nil {
		t.Fatalf("save the theme editor: %v", err)
	}
}

// SPEC §1.6 with the local theme editor: while the Customer Hub shows its
// tabs its own appearance wins and the web chat design is disabled, with a
// notice leading to the editor; with the tabs off there, the saved colour,
// position and icon are the storefront launcher's; with them on again, the
// hub's appearance is back and the design disabled again.
func TestDesignSettingsFollowTheCustomerHubsAppearance(t *testing.T) {
	t.Parallel()
	env := startShop(t) // the hub's embed on, with its defaults: tabs shown
	env.settings(t, func(cs *storage.ChatSettings) { cs.Enabled, cs.LoginStatus = true, "all" })
	admin, shopper := apptest.Browser(t), apptest.Browser(t)
	settingsURL := env.Shopify.AppHomeURL() + "/settings/web-chat"

	if err := chromedp.Do(admin, chromedp.Navigate(settingsURL)); err != nil {
		t.Fatal(err)
	}
	if !designCard(t, admin, "hub") {
		t.Fatal("with the hub's tabs on the accent colour can be edited")
	}
	appScroll(t, admin, `[data-testid="design-card"]`)
	apptest.Screenshot(t, admin, "design-settings-hub-appearance")
	if got := storefrontLauncher(t, shopper, env.Shopify.StorefrontURL+"/"); got != (launcherLook{"right", "#303030", iconBubble}) {
		t.Errorf("the storefront launcher with the hub's appearance is %+v", got)
	}

	// The notice leads out of the app's frame to the theme editor, where
	// the merchant turns the hub's tabs off.
	clickOutOfTheApp(t, admin, `[data-testid="design-editor-link"]`, `[data-testid="theme-editor"]`)
	if err := chromedp.Do(admin, chromedp.WaitVisible(chromedp.CSS(`[data-testid="theme-editor"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="setting-show_tabs"]`))); err != nil {
		t.Fatalf("the theme editor: %v", err)
	}
	saveThemeEditor(t, admin)
	apptest.Screenshot(t, admin, "theme-editor")

	if err := chromedp.Do(admin, chromedp.Navigate(settingsURL)); err != nil {
		t.Fatal(err)
	}
	if designCard(t, admin, "applies") {
		t.Fatal("with the hub's tabs off the accent colour is still disabled")
	}
	appSetValue(t, admin, `#color`, "#1a73e8")
	appClick(t, admin, `[data-testid="position-left"]`)
	appClick(t, admin, `[data-testid="icon-support"]`)
	appClick(t, admin, `[data-testid="save"]`)
	adminToast(t, admin, "Settings saved")
	appScroll(t, admin, `[data-testid="design-card"]`)
	apptest.Screenshot(t, admin, "design-settings-apply")
	env.WaitForJobs(t) // the publication of the settings to the storefront
	if got := storefrontLauncher(t, shopper, env.Shopify.StorefrontURL+"/"); got != (launcherLook{"left", "#1a73e8", iconHeadset}) {
		t.Errorf("the storefront launcher with the web chat design is %+v, want left, #1a73e8, headset", got)
	}
	apptest.Screenshot(t, shopper, "storefront-web-chat-design")

	// Tabs on again, with an accent of the hub's own.
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.ThemeEditorURL()),
		chromedp.Click(chromedp.CSS(`[data-testid="setting-show_tabs"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="setting-accent_color"]`), "#e85d1a")); err != nil {
		t.Fatalf("the theme editor: %v", err)
	}
	saveThemeEditor(t, admin)
	apptest.Eventually(t, 10*time.Second, "the hub's appearance on the storefront", func() bool {
		return storefrontLauncher(t, shopper, env.Shopify.StorefrontURL+"/") == launcherLook{"right", "#e85d1a", iconBubble}
	})
	apptest.Screenshot(t, shopper, "storefront-hub-appearance")
	if err := chromedp.Do(admin, chromedp.Navigate(settingsURL)); err != nil {
		t.Fatal(err)
	}
	if !designCard(t, admin, "hub") {
		t.Error("with the hub's tabs on again the accent colour can be edited")
	}
	if got := appText(t, admin, `[data-testid="design-notice"]`); !strings.Contains(got, "The Customer Hub’s own appearance is in use") {
		t.Errorf("the notice says %q", got)
	}
}
