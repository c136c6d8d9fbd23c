package storefront_test

import (
	"context"
	"testing"
	"time"

	"hubchat/app/storefront"
	"hubchat/storage"
)

// stateBecomes polls the state with token until it answers want (200 or
// 403), failing the test unless that happens within the access TTL, plus a
// margin for a slow machine, after the change that was just made.
func (e chatEnv) stateBecomes(token string, want int, what string) {
	e.t.Helper()
	start, deadline := time.Now(), time.Now().Add(storefront.AccessTTL+time.Second)
	for {
		resp, _ := e.api(token, "GET", "/api/storefront/state", nil)
		if resp.StatusCode == want {
			e.t.Logf("%s: %d after %v", what, want, time.Since(start).Round(time.Millisecond))
			return
		}
		if (resp.StatusCode != 200 && resp.StatusCode != 403) || time.Now().After(deadline) {
			e.t.Fatalf("%s: %d after %v, want %d within %v", what, resp.StatusCode, time.Since(start), want, storefront.AccessTTL)
		}
		// Polling: the change has no event to await. Every 200 ms keeps one
		// token well under the state endpoint's rate limit.
		time.Sleep(200 * time.Millisecond)
	}
}

// A shopper token stops working within seconds when the shop takes back
// what it allowed: sign-in required (for an anonymous token), chat turned
// off, the app uninstalled.
func TestTokensFollowTheShopsState(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	_, anonymous := e.session("")
	_, jane := e.session("7001")
	_, other := e.session("7002")
	for _, token := range []string{anonymous.Token, jane.Token, other.Token} {
		if resp, body := e.api(token, "GET", "/api/storefront/state", nil); resp.StatusCode != 200 {
			t.Fatalf("before any change: %d %s", resp.StatusCode, body)
		}
	}

	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "logged_in" })
	e.stateBecomes(anonymous.Token, 403, "anonymous once sign-in is required")
	if resp, body := e.api(jane.Token, "GET", "/api/storefront/state", nil); resp.StatusCode != 200 {
		t.Fatalf("a signed-in shopper once sign-in is required: %d %s", resp.StatusCode, body)
	}

	e.settings(func(cs *storage.ChatSettings) { cs.Enabled = false })
	e.stateBecomes(jane.Token, 403, "chat turned off")
	e.settings(func(cs *storage.ChatSettings) { cs.Enabled = true })
	e.stateBecomes(jane.Token, 200, "chat turned on again")

	if err := storage.NewShops(e.DB, e.Keys, time.Now).MarkUninstalled(context.Background(), e.shopID); err != nil {
		t.Fatal(err)
	}
	e.stateBecomes(other.Token, 403, "uninstalled")
}
