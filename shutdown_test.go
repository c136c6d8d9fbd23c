package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// Shutdown ends within SHUTDOWN_TIMEOUT even when every pooled connection
// is stuck in the database and more requests wait for one: requests still
// running late in the drain are cancelled, and their statements with them.
func TestShutdownEndsInTimeWhateverThePoolIsDoing(t *testing.T) {
	dbURL := pgtest.NewEmptyURL(t)
	out := &apptest.Output{}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	env := map[string]string{
		"DATABASE_URL": dbURL, "PORT": "0", "APP_URL": "https://hubchat.example.com",
		"SHOPIFY_API_KEY": "key", "SHOPIFY_API_SECRET": "secret", "TOKEN_ENCRYPTION_KEYS": "k1:" + seal.GenerateKey(),
		"DATABASE_MAX_CONNS": "2", "SHUTDOWN_TIMEOUT": "2s",
		// Neither the requests' own deadline nor the server's statement
		// timeout may rescue them: only the shutdown.
		"REQUEST_TIMEOUT": "5m", "DATABASE_STATEMENT_TIMEOUT": "5m",
	}
	go func() { done <- run(ctx, []string{"hubchat", "serve"}, func(k string) string { return env[k] }, out) }()
	base := waitListening(t, out, done)

	// Hold a lock every app-proxy request waits behind, from outside the app.
	locker := pgtest.Open(t, dbURL)
	tx := locker.MustBegin()
	defer tx.Rollback()
	tx.MustExec(`LOCK TABLE shops IN ACCESS EXCLUSIVE MODE`)
	for range 6 {
		go func() {
			resp, err := http.Post(base+"/proxy/session?"+signedProxyQuery("stuck.myshopify.com", "secret"), "", nil)
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
	apptest.Eventually(t, 10*time.Second, "requests waiting on the lock", func() bool {
		var waiting int
		locker.Get(&waiting, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		return waiting == 2
	})

	start := time.Now()
	stop()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("run did not return 10 s after the stop (SHUTDOWN_TIMEOUT is 2s)\n%s", out)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("shutdown took %v; SHUTDOWN_TIMEOUT is 2s", took)
	}
	// The stuck statements were cancelled, not left behind holding their
	// connections.
	apptest.Eventually(t, 2*time.Second, "the stuck statements cancelled", func() bool {
		var waiting int
		locker.Get(&waiting, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		return waiting == 0
	})
}

func waitListening(t *testing.T, out *apptest.Output, done chan error) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("run stopped early: %v\n%s", err, out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("run never listened:\n%s", out)
	return ""
}

// signedProxyQuery is the query Shopify's app proxy adds, signed.
func signedProxyQuery(shop, secret string) string {
	q := url.Values{"shop": {shop}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {""},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("signature", shopify.SignAppProxy(q, secret))
	return q.Encode()
}
