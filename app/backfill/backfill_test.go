package backfill_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/backfill"
	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// clock is shared by the client (whose sleeps advance it) and the fake
// Shopify (whose bucket restores by it), so throttling costs no real time.
type clock struct {
	mu     sync.Mutex
	now    time.Time
	slept  time.Duration
	sleeps int
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now, c.slept, c.sleeps = c.now.Add(d), c.slept+d, c.sleeps+1
	return nil
}

// killer is a Source that kills the run before its page number killAt
// (counting from 1), as a crash would, and records every cursor asked for.
type killer struct {
	backfill.Source
	cancel  context.CancelFunc
	killAt  int
	mu      sync.Mutex
	cursors map[string]int
	calls   int
}

func (k *killer) Orders(ctx context.Context, query, after string, first int) (adminapi.OrderPage, error) {
	k.mu.Lock()
	k.calls++
	if k.calls == k.killAt {
		k.mu.Unlock()
		k.cancel()
		return adminapi.OrderPage{}, ctx.Err()
	}
	k.cursors[after]++
	k.mu.Unlock()
	return k.Source.Orders(ctx, query, after, first)
}

func TestBackfillOf5000ThrottledOrdersResumesAndIsIdempotent(t *testing.T) {
	t.Parallel()
	const max, rate, pageSize = 1000, 500, 50 // a page of 50 is estimated at 902 points
	db := pgtest.NewDB(t)
	shop, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	// Spread over 90 days: about 5,000 fall in the 60 days imported.
	if _, err := shop.GenerateOrders(7500, 1); err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: shop.Now()}
	api, err := shopifytest.NewAdminAPI(func(string, string) bool { return true },
		shopifytest.AdminAPIOptions{MaxAvailable: max, RestoreRate: rate, Now: clk.Now}, shop)
	if err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		api.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	client, err := adminapi.New(shop.Info().Domain, adminapi.StaticToken("shpat_test"), adminapi.Options{
		Endpoint: func(string) string { return srv.URL + "/admin/api/" + adminapi.APIVersion + "/graphql.json" },
		Now:      clk.Now, Sleep: clk.Sleep, Jitter: func(d time.Duration) time.Duration { return d },
	})
	if err != nil {
		t.Fatal(err)
	}
	var shopID int64
	if err := db.Get(&shopID, `INSERT INTO shops (domain) VALUES ($1) RETURNING id`, shop.Info().Domain); err != nil {
		t.Fatal(err)
	}
	progress := storage.NewBackfills(db, clk.Now)
	im := &backfill.Importer{Progress: progress, Orders: storage.NewOrders(db, clk.Now), Now: clk.Now,
		OrdersPage: pageSize, Budget: 1000 * time.Hour}
	orders := func() (n int) {
		if err := db.Get(&n, `SELECT count(*) FROM orders WHERE shop_id = $1`, shopID); err != nil {
			t.Fatal(err)
		}
		return n
	}
	inWindow := 0
	for _, o := range shop.Orders() {
		if !o.UpdatedAt.Before(clk.Now().Add(-backfill.OrderWindow)) {
			inWindow++
		}
	}
	if inWindow < 5000 {
		t.Fatalf("only %d orders in the window; the test wants at least 5,000", inWindow)
	}
	wantPages := (inWindow + pageSize - 1) / pageSize
	started := time.Now()

	// Killed halfway, before page saved+1: saved pages are kept.
	saved := wantPages / 2
	ctx, cancel := context.WithCancel(context.Background())
	k := &killer{Source: client, cancel: cancel, killAt: saved + 1, cursors: map[string]int{}}
	if err := im.Run(ctx, shopID, k, storage.BackfillOrders, nil); err == nil {
		t.Fatal("the killed run returned no error")
	}
	half, err := progress.Get(context.Background(), shopID, storage.BackfillOrders)
	if err != nil || half.Status != storage.BackfillRunning || half.Pages != saved || half.Fetched != saved*pageSize || orders() != half.Fetched {
		t.Fatalf("after the kill: %+v, %d orders stored, %v", half, orders(), err)
	}
	// A new worker resumes from the saved cursor and asks for no page twice.
	k2 := &killer{Source: client, cursors: k.cursors}
	if err := im.Run(context.Background(), shopID, k2, storage.BackfillOrders, nil); err != nil {
		t.Fatal(err)
	}
	for cursor, n := range k.cursors {
		if n != 1 {
			t.Errorf("cursor %q asked for %d times", cursor, n)
		}
	}
	done, err := progress.Get(context.Background(), shopID, storage.BackfillOrders)
	if err != nil || done.Status != storage.BackfillDone || done.Fetched != inWindow || done.Pages != wantPages || orders() != inWindow {
		t.Fatalf("done: %+v (want %d orders in %d pages), %d orders stored, %v", done, inWindow, wantPages, orders(), err)
	}
	if int(requests.Load()) != wantPages || clk.sleeps < wantPages/2 {
		t.Errorf("%d requests for %d pages, %d waits: the client should wait for the bucket, never be throttled",
			requests.Load(), wantPages, clk.sleeps)
	}
	t.Logf("%d orders in %d pages of %d, %d requests, %d throttle waits totalling %v (simulated), in %v",
		inWindow, wantPages, pageSize, requests.Load(), clk.sleeps, clk.slept, time.Since(started).Round(time.Millisecond))

	// Run again over the same window: the same orders, nothing duplicated.
	if err := im.Run(context.Background(), shopID, client, storage.BackfillOrders, done.Since); err != nil {
		t.Fatal(err)
	}
	again, err := progress.Get(context.Background(), shopID, storage.BackfillOrders)
	if err != nil || again.Status != storage.BackfillDone || again.Fetched != inWindow || orders() != inWindow {
		t.Fatalf("re-run: %+v, %d orders stored, %v", again, orders(), err)
	}
}
