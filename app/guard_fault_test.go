package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/shopify"
)

// lockShops holds a lock on the shops table until the test ends: a read of
// it waits past a short request deadline, as while PostgreSQL restarts.
func lockShops(t *testing.T, env *apptest.Env) {
	t.Helper()
	tx, err := env.DB.BeginTxx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	if _, err := tx.Exec(`LOCK TABLE shops IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
}

// wantRetryLater checks req is answered 503 with Retry-After.
func wantRetryLater(t *testing.T, req *http.Request) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("%s %s: status %d, Retry-After %q: want 503 with Retry-After", req.Method, req.URL.Path, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// An agent's request while the shops table cannot be read in time (here a
// lock held past the request's deadline; PostgreSQL restarting does the
// same) is answered 503 "try again", not 403 "hubchat is not installed on
// this shop": the fault suite's PostgreSQL restart found that refusal.
func TestAdminRequestWhileTheDatabaseIsAwayIsToldToRetry(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.RequestTimeout = 500 * time.Millisecond }})
	env.Install(t)
	lockShops(t, env)
	req, _ := http.NewRequest("POST", env.URL+"/app/settings/notifications", strings.NewReader(url.Values{"email": {"ops@team.example"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	req.Header.Set("HX-Request", "true")
	wantRetryLater(t, req)
}

// The widget opening its session meanwhile is told to retry too, not that
// chat is not available in this store.
func TestWidgetSessionWhileTheDatabaseIsAwayIsToldToRetry(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.RequestTimeout = 500 * time.Millisecond }})
	env.Install(t)
	lockShops(t, env)
	q := url.Values{"shop": {env.Shop()}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {"7001"},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("signature", shopify.SignAppProxy(q, env.Config.ShopifyAPISecret))
	req, _ := http.NewRequest("POST", env.URL+"/proxy/session?"+q.Encode(), nil)
	wantRetryLater(t, req)
}
