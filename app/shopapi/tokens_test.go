package shopapi

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/storage"
)

// While Shopify takes its time to answer a refresh, the refresher holds no
// transaction and no connection, and neither do the callers waiting for the
// new token: on a pool of two connections, the shop's other queries go on
// at once and no connection sits idle in a transaction. When Shopify
// answers, everyone gets the new token, refreshed once.
func TestSlowRefreshHoldsNoConnection(t *testing.T) {
	asked, answer := make(chan struct{}), make(chan struct{})
	var answerOnce sync.Once
	shopifyAnswers := func() { answerOnce.Do(func() { close(answer) }) }
	defer shopifyAnswers() // also when the test fails, so that the pool can close
	e := newTokenEnv(t, 2, func(ctx context.Context, call int32) error {
		if call == 1 {
			close(asked)
		}
		select { // Shopify is slow
		case <-answer:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	old := e.storedToken(t)
	e.clk.Advance(58 * time.Minute) // within the five-minute margin
	const callers = 6
	reads := newReadTracker(callers)
	clients := e.clients(reads.store(e.shops))

	var wg sync.WaitGroup
	got, errs := make([]string, callers), make([]error, callers)
	call := func(i int) {
		defer wg.Done()
		got[i], errs[i] = e.token(asCaller(context.Background(), i), clients)
	}
	wg.Add(1)
	go call(0)
	awaitOrFail(t, asked, 10*time.Second, "the refresh at Shopify")
	for i := 1; i < callers; i++ {
		wg.Add(1)
		go call(i)
	}
	awaitOrFail(t, reads.all, 10*time.Second, "every caller waiting for the new token")

	// Other work for the shop proceeds through the pool of two meanwhile.
	qctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for range 20 {
		if _, err := e.shops.Get(qctx, e.shop.ID); err != nil {
			t.Fatalf("a query while the token refreshes: %v", err)
		}
	}
	var idleInTx int
	monitor := e.openDB(t, 1) // a connection of its own
	if err := monitor.GetContext(qctx, &idleInTx, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND state LIKE 'idle in transaction%'`); err != nil {
		t.Fatal(err)
	}
	if idleInTx != 0 {
		t.Fatalf("%d connections idle in transaction while Shopify answers", idleInTx)
	}

	shopifyAnswers()
	wg.Wait()
	stored := e.storedToken(t)
	for i := range got {
		if errs[i] != nil || got[i] != stored || stored == old {
			t.Fatalf("caller %d got %q, %v; stored %q (was %q)", i, got[i], errs[i], stored, old)
		}
	}
	if n := e.refreshes(); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
}

// Twenty callers on two instances (two pools) see an expiring token at
// once: Shopify is asked for exactly one refresh, and all get the new token.
func TestConcurrentCallersOnTwoInstancesRefreshOnce(t *testing.T) {
	const callers = 20
	reads := newReadTracker(callers)
	e := newTokenEnv(t, 4, func(ctx context.Context, _ int32) error {
		select { // Shopify answers once every caller has seen the old token
		case <-reads.all:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	e.clk.Advance(58 * time.Minute)
	instances := []*Clients{e.clients(reads.store(e.shops)), e.clients(reads.store(e.newShops(t, 4)))}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	got, errs := make([]string, callers), make([]error, callers)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = e.token(asCaller(ctx, i), instances[i%2])
		}()
	}
	wg.Wait()
	if n := e.refreshes(); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
	stored := e.storedToken(t)
	for i := range got {
		if errs[i] != nil || got[i] != stored {
			t.Fatalf("caller %d got %q, %v; stored %q", i, got[i], errs[i], stored)
		}
	}
}

// A refresher that died holding the lease blocks the others only until its
// lease lapses: a caller waits while it holds, then takes over.
func TestLeaseOfADeadRefresherLapses(t *testing.T) {
	e := newTokenEnv(t, 4, func(context.Context, int32) error { return nil })
	e.clk.Advance(58 * time.Minute)
	// The refresher on another instance took the lease and crashed.
	db := e.openDB(t, 1)
	db.MustExec(`UPDATE shops SET token_refresh_lease_holder = 'crashed', token_refresh_lease_until = $2
		WHERE id = $1`, e.shop.ID, e.clk.Now().Add(refreshLease))
	clients := e.clients(e.shops)

	wctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if tok, err := e.token(wctx, clients); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("while the lease holds: %q, %v; want to wait", tok, err)
	}
	if e.refreshes() != 0 {
		t.Fatal("refreshed under another's lease")
	}

	e.clk.Advance(refreshLease)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	tok, err := e.token(ctx, clients)
	if err != nil || tok != e.storedToken(t) || e.refreshes() != 1 {
		t.Fatalf("after the lease lapsed: %q, %v, %d refreshes", tok, err, e.refreshes())
	}
	var holder *string
	if err := db.Get(&holder, `SELECT token_refresh_lease_holder FROM shops WHERE id = $1`, e.shop.ID); err != nil || holder != nil {
		t.Fatalf("lease after the refresh: %v, %v", holder, err)
	}
}

// A refresh that fails ends its lease at once: the next caller tries again
// without waiting for it to lapse.
func TestFailedRefreshEndsItsLease(t *testing.T) {
	down := errors.New("token endpoint unavailable")
	e := newTokenEnv(t, 4, func(_ context.Context, call int32) error {
		if call == 1 {
			return down
		}
		return nil
	})
	old := e.storedToken(t)
	e.clk.Advance(58 * time.Minute)
	clients := e.clients(e.shops)
	if tok, err := e.token(context.Background(), clients); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("while Shopify fails: %q, %v", tok, err)
	}
	wctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	tok, err := e.token(wctx, clients)
	if err != nil || tok == old || tok != e.storedToken(t) {
		t.Fatalf("after a failed refresh: %q, %v", tok, err)
	}
}

// A shop reinstalled while its old token was being refreshed keeps the
// token of the reinstallation: the late refresh stores nothing over it.
func TestRefreshNeverOverwritesAReinstall(t *testing.T) {
	var reinstalled storage.OfflineToken
	var e *tokenEnv
	e = newTokenEnv(t, 4, func(ctx context.Context, _ int32) error {
		// The merchant reinstalls while Shopify answers the refresh.
		var err error
		if reinstalled, err = e.grant(ctx); err == nil {
			_, err = e.shops.Install(ctx, testShop, reinstalled)
		}
		return err
	})
	e.clk.Advance(58 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	tok, err := e.token(ctx, e.clients(e.shops))
	if err != nil || tok != reinstalled.AccessToken || e.storedToken(t) != reinstalled.AccessToken {
		t.Fatalf("token = %q, %v; stored %q; want the reinstallation's %q", tok, err, e.storedToken(t), reinstalled.AccessToken)
	}
	if e.refreshes() != 1 {
		t.Fatalf("%d refreshes, want the one that came late", e.refreshes())
	}
}

// An expired refresh token is not tried: the merchant must open the app
// again (Unauthorized, which jobs do not retry).
func TestExpiredRefreshTokenNeedsTheMerchant(t *testing.T) {
	e := newTokenEnv(t, 4, func(context.Context, int32) error {
		t.Error("tried an expired refresh token")
		return nil
	})
	e.clk.Advance(91 * 24 * time.Hour)
	_, err := e.token(context.Background(), e.clients(e.shops))
	if !errors.Is(err, storage.ErrUnauthorized) || !strings.Contains(err.Error(), "open the app") {
		t.Fatalf("err = %v", err)
	}
}
