package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// The store answers on two custom domains, neither of them its myshopify.com
// domain, and the proxy sends only Shopify's signed query: the widget
// chats live on either, as the app learned the domains from the Admin API.
func TestChatOnEveryStorefrontDomain(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.settings(t, func(cs *storage.ChatSettings) { cs.OfficeHours = allWeek })
	if len(e.Shopify.StorefrontURLs) != 2 {
		t.Fatalf("the local store has domains %q, want two", e.Shopify.StorefrontURLs)
	}
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	convs := storage.NewConversations(e.DB, time.Now)
	for i, base := range e.Shopify.StorefrontURLs {
		ctx := apptest.Browser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/account/login?return_url=/products/trailhead-merino-hoodie"),
			chromedp.Click(chromedp.CSS(`[data-testid="sign-in-demo"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="sign-out"]`)),
		)
		if err != nil {
			t.Fatalf("sign in on %s: %v", base, err)
		}
		openChat(t, ctx)
		question := fmt.Sprintf("Asked on domain %d", i+1)
		send(t, ctx, question)
		threadText(t, ctx, question)
		var convID int64
		apptest.Eventually(t, 10*time.Second, "the message to reach the app", func() bool {
			return e.DB.Get(&convID, `SELECT conversation_id FROM messages WHERE body = $1`, question) == nil
		})
		// The stream is open from this domain: the agent's reply arrives live.
		answer := fmt.Sprintf("Answered on domain %d", i+1)
		if _, err := convs.PostFromAgent(context.Background(), e.shopID, convID, agent.ID, storage.AgentReply{
			ClientID: fmt.Sprintf("d0000000-0000-4000-8000-%012d", i+1), Body: answer, Preview: answer}); err != nil {
			t.Fatal(err)
		}
		threadText(t, ctx, answer)
	}
}

// In a real browser, a page of another site holding a valid shopper token
// cannot use it: its preflight is refused and no answer is readable, while
// the storefront's own page is served.
func TestForeignSiteCannotUseAShopperToken(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/")
	token := mustSession(t, ctx)
	call := fmt.Sprintf(`fetch(%q + "/api/storefront/state", {headers: {Authorization: "Bearer " + %q}})
		.then(r => "status " + r.status, () => "blocked")`, e.URL, token)

	own, err := chromedp.Run(ctx, chromedp.Evaluate[string](call, chromedp.EvalAwaitPromise))
	if err != nil || own != "status 200" {
		t.Fatalf("from the storefront: %q, %v", own, err)
	}
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><title>elsewhere</title>")
	}))
	t.Cleanup(foreign.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(foreign.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](call, chromedp.EvalAwaitPromise))
	if err != nil || got != "blocked" {
		t.Fatalf("from another site: %q, %v; want the browser to block it", got, err)
	}
}

// mustSession opens a session through the storefront's app proxy from the
// page, as the widget does, and returns its token.
func mustSession(t *testing.T, ctx context.Context) string {
	t.Helper()
	token, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch("/apps/hubchat/session", {method: "POST"}).then(r => r.json()).then(s => s.token)`, chromedp.EvalAwaitPromise))
	if err != nil || token == "" {
		t.Fatalf("session through the proxy: %q, %v", token, err)
	}
	return token
}
