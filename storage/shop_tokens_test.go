package storage_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// While Shopify takes its time to answer a refresh, the refresher holds no
// transaction and no connection, and neither do the callers waiting for the
// new token: on a pool of two connections, the shop's other queries go on
// at once and no connection sits idle in a transaction. When Shopify
// answers, everyone gets the new token, refreshed once.
func TestSlowRefreshHoldsNoConnection(t *testing.T) {
	ctx, clk, url := context.Background(), newClock(), pgtest.NewURL(t)
	db := pgtest.Open(t, url)
	db.SetMaxOpenConns(2)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "slow.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(58 * time.Minute) // within the five-minute margin

	asked, answer := make(chan struct{}), make(chan struct{})
	var answerOnce sync.Once
	shopifyAnswers := func() { answerOnce.Do(func() { close(answer) }) }
	defer shopifyAnswers() // also when the test fails, so that the pool can close
	var refreshes atomic.Int32
	refresh := func(context.Context, string, string) (storage.OfflineToken, error) {
		if refreshes.Add(1) == 1 {
			close(asked)
		}
		<-answer // Shopify is slow
		return expiringToken(clk.Now(), "shpat_new", "shprt_new"), nil
	}
	const callers = 6
	var wg sync.WaitGroup
	got, errs := make([]string, callers), make([]error, callers)
	call := func(i int) {
		defer wg.Done()
		got[i], errs[i] = shops.AccessToken(ctx, shop.ID, 5*time.Minute, refresh)
	}
	wg.Add(1)
	go call(0)
	<-asked
	for i := 1; i < callers; i++ {
		wg.Add(1)
		go call(i)
	}

	// Other work for the shop proceeds through the pool of two meanwhile.
	qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	for range 20 {
		if _, err := shops.Get(qctx, shop.ID); err != nil {
			t.Fatalf("a query while the token refreshes: %v", err)
		}
	}
	monitor := pgtest.Open(t, url)
	var idleInTx int
	if err := monitor.Get(&idleInTx, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND state LIKE 'idle in transaction%'`); err != nil {
		t.Fatal(err)
	}
	if idleInTx != 0 {
		t.Fatalf("%d connections idle in transaction while Shopify answers", idleInTx)
	}

	shopifyAnswers()
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i] != "shpat_new" {
			t.Fatalf("caller %d got %q, %v", i, got[i], errs[i])
		}
	}
	if n := refreshes.Load(); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
}

// A refresher that died holding the lease blocks the others only until its
// lease lapses: a caller waits while it holds, then takes over.
func TestLeaseOfADeadRefresherLapses(t *testing.T) {
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "crash.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(58 * time.Minute)
	// The refresher on another instance took the lease and crashed.
	db.MustExec(`UPDATE shops SET token_refresh_lease_holder = 'crashed', token_refresh_lease_until = $2
		WHERE id = $1`, shop.ID, clk.Now().Add(30*time.Second))

	var refreshes atomic.Int32
	refresh := func(context.Context, string, string) (storage.OfflineToken, error) {
		refreshes.Add(1)
		return expiringToken(clk.Now(), "shpat_new", "shprt_new"), nil
	}
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if tok, err := shops.AccessToken(wctx, shop.ID, 5*time.Minute, refresh); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("while the lease holds: %q, %v; want to wait", tok, err)
	}
	if refreshes.Load() != 0 {
		t.Fatal("refreshed under another's lease")
	}

	clk.Advance(30 * time.Second)
	tok, err := shops.AccessToken(ctx, shop.ID, 5*time.Minute, refresh)
	if err != nil || tok != "shpat_new" || refreshes.Load() != 1 {
		t.Fatalf("after the lease lapsed: %q, %v, %d refreshes", tok, err, refreshes.Load())
	}
	var holder *string
	if err := db.Get(&holder, `SELECT token_refresh_lease_holder FROM shops WHERE id = $1`, shop.ID); err != nil || holder != nil {
		t.Fatalf("lease after the refresh: %v, %v", holder, err)
	}
}

// A refresh that fails ends its lease at once: the next caller tries again
// without waiting for it to lapse.
func TestFailedRefreshEndsItsLease(t *testing.T) {
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "flaky.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(58 * time.Minute)
	down := errors.New("token endpoint unreachable")
	_, err = shops.AccessToken(ctx, shop.ID, 5*time.Minute, func(context.Context, string, string) (storage.OfflineToken, error) {
		return storage.OfflineToken{}, down
	})
	if !errors.Is(err, down) {
		t.Fatalf("err = %v", err)
	}
	wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	tok, err := shops.AccessToken(wctx, shop.ID, 5*time.Minute, func(context.Context, string, string) (storage.OfflineToken, error) {
		return expiringToken(clk.Now(), "shpat_new", "shprt_new"), nil
	})
	if err != nil || tok != "shpat_new" {
		t.Fatalf("after a failed refresh: %q, %v", tok, err)
	}
}

// A shop reinstalled while its old token was being refreshed keeps the
// token of the reinstallation: the late refresh stores nothing over it.
func TestRefreshNeverOverwritesAReinstall(t *testing.T) {
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "again.myshopify.com", expiringToken(clk.Now(), "shpat_old", "shprt_old"))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(58 * time.Minute)
	tok, err := shops.AccessToken(ctx, shop.ID, 5*time.Minute, func(context.Context, string, string) (storage.OfflineToken, error) {
		// The merchant reinstalls while Shopify answers the refresh.
		if _, err := shops.Install(ctx, "again.myshopify.com", expiringToken(clk.Now(), "shpat_install", "shprt_install")); err != nil {
			t.Error(err)
		}
		return expiringToken(clk.Now(), "shpat_late", "shprt_late"), nil
	})
	if err != nil || tok != "shpat_install" {
		t.Fatalf("AccessToken = %q, %v; want the reinstallation's token", tok, err)
	}
}
