package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// A merchant may move the app proxy in the admin (here to /tools/support)
// and tell the Customer Hub block where it now is: the assistant's product
// cards then link through the proxy where it is, and a click still counts.
func TestProductCardsFollowAMovedAppProxy(t *testing.T) {
	t.Parallel()
	e := startShopWith(t, apptest.Options{Shopify: func(c *shopifytest.Config) {
		c.AppProxyPrefix, c.AppProxySubpath = "tools", "support"
		hub := shopifytest.CustomerHub
		hub.Settings = map[string]any{"proxy_path": "/tools/support"}
		c.Embeds = shopifytest.SwitchedOn(hub)
	}})
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	shopper := apptest.Browser(t)
	e.signIn(t, shopper, "/")
	openChat(t, shopper)

	ask(t, shopper, "do you have rain jackets?", "Summit Rain Shell")
	href := evalString(t, shopper, `document.querySelector('.hc-product').getAttribute('href')`)
	if !strings.HasPrefix(href, "/tools/support/click?l=") {
		t.Fatalf("the card links to %q, want through the proxy at /tools/support", href)
	}
	if err := chromedp.Do(shopper, chromedp.Click(chromedp.CSS(`.hc-product`))); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the product page", func() bool {
		path, err := chromedp.Run(shopper, chromedp.Evaluate[string](`location.pathname`))
		return err == nil && path == "/products/summit-rain-shell"
	})
	var clicks int
	if err := e.DB.Get(&clicks, `SELECT count(*) FROM product_clicks WHERE shop_id = $1 AND shopify_product_id = 8002`, e.shopID); err != nil || clicks != 1 {
		t.Fatalf("%d clicks recorded (%v), want 1", clicks, err)
	}
}
