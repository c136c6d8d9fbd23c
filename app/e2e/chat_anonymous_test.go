package e2e_test

import (
	"context"
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
	t.Parallel()
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
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	forged := e.URL + "/proxy/session?" + url.Values{
		"shop": {e.Shop()}, "logged_in_customer_id": {"7001"}, "path_prefix": {"/apps/hubchat"},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "signature": {strings.Repeat("0", 64)},
	}.Encode()
	// The install's import of orders has created the buyers' profiles:
	// the forged request must add none.
	profiles := func() (n int) {
		if err := e.DB.Get(&n, `SELECT count(*) FROM profiles`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := profiles()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(forged))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 401 {
		t.Fatalf("forged session request: %d, want 401", res.Status)
	}
	if after := profiles(); after != before {
		t.Fatalf("a forged request created %d profiles", after-before)
	}
}

// The hub at a phone's width: full screen, with the chat usable.
func TestChatOnAPhone(t *testing.T) {
	t.Parallel()
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

// The welcome bubble over the launcher can be dismissed, and stays
// dismissed for the rest of the browser session.
func TestWelcomeBubbleStaysDismissed(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/")
	bubblesIn := func(ctx context.Context) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.hc-bubble')].filter(b => b.getClientRects().length > 0).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	bubbles := func() int { return bubblesIn(ctx) }
	// shownSoon reports whether a bubble shows within 300 ms of the launcher.
	shownSoon := func(ctx context.Context, page string) bool {
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		return bubblesIn(ctx) == 1
	}
	apptest.Eventually(t, 10*time.Second, "the welcome bubble", func() bool { return bubbles() == 1 })
	text, _ := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`.hc-bubble`)))
	if !strings.Contains(text, "Hi! How can we help?") {
		t.Fatalf("bubble says %q", text)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.hc-bubble button`))); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 5*time.Second, "the bubble to go", func() bool { return bubbles() == 0 })
	page := e.Shopify.StorefrontURL + "/products/summit-rain-shell"
	if shownSoon(ctx, page) {
		t.Fatal("the dismissed bubble came back on the next page")
	}
	// The control: another tab is another browser session, where the bubble
	// shows again within the same wait.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if !shownSoon(tab, page) {
		t.Fatal("in a new tab the bubble did not show within 300 ms: the check above proves nothing")
	}
}
