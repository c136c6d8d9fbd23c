package e2e_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// With "Logged-in users" an anonymous visitor has no Chat tab; with "All
// users" the Chat tab asks them to sign in, returning to the same page.
func TestAnonymousVisitorsByLoginStatus(t *testing.T) {
	e := startShop(t)
	ctx := apptest.Browser(t)
	page := e.Shopify.StorefrontURL + "/products/summit-rain-shell"
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)),
		chromedp.Click(chromedp.CSS(`[data-hc-launcher]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	tabs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-hc-tab="chat"]').length`))
	if err != nil || tabs != 0 {
		t.Fatalf("Logged-in users: %d Chat tabs for an anonymous visitor (%v)", tabs, err)
	}
	if strings.Contains(e.Logs.String(), "path=/proxy/session") {
		t.Fatal("an anonymous visitor's page called the app")
	}

	e.settings(t, func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	err = chromedp.Do(ctx, chromedp.Navigate(page))
	if err != nil {
		t.Fatal(err)
	}
	openChat(t, ctx)
	href := ""
	apptest.Eventually(t, 15*time.Second, "the sign-in prompt", func() bool {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.hc-signin a') || {}).href || ''`))
		href = r
		return err == nil && href != ""
	})
	u, _ := url.Parse(href)
	if u.Path != "/account/login" || u.Query().Get("return_url") != "/products/summit-rain-shell" {
		t.Fatalf("sign-in link %s does not return to the page", href)
	}
	apptest.Screenshot(t, ctx, "storefront-anonymous")
}

// Only Shopify's signature vouches for a customer: a session request that
// names one without a valid signature is refused.
func TestForgedCustomerIDIsRefused(t *testing.T) {
	e := startShop(t)
	ctx := apptest.Browser(t)
	forged := e.URL + "/proxy/session?" + url.Values{
		"shop": {e.Shop()}, "logged_in_customer_id": {"7001"}, "path_prefix": {"/apps/hubchat"},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "signature": {strings.Repeat("0", 64)},
	}.Encode()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(forged))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 401 {
		t.Fatalf("forged session request: %d, want 401", res.Status)
	}
	var profiles int
	e.DB.Get(&profiles, `SELECT count(*) FROM profiles`)
	if profiles != 0 {
		t.Fatal("a forged request created a profile")
	}
}

// The hub at a phone's width: full screen, with the chat usable.
func TestChatOnAPhone(t *testing.T) {
	e := startShop(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	e.signIn(t, ctx, "/")
	apptest.Screenshot(t, ctx, "phone-launcher")
	openChat(t, ctx)
	send(t, ctx, "Hello from my phone")
	threadText(t, ctx, "Hello from my phone")
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('[data-hc-panel]').getBoundingClientRect().width`))
	if err != nil || width < 380 {
		t.Fatalf("the hub is %v px wide on a 390 px phone (%v), want full width", width, err)
	}
	apptest.Screenshot(t, ctx, "phone-chat")
}
