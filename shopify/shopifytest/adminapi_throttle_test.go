package shopifytest_test

import (
	"context"
	"testing"
	"time"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

// checkRestoreAccounting asserts the client waited exactly as long as the
// bucket needed: between two requests it lets just enough points restore,
// so the time slept equals the points spent beyond the initial bucket
// (the successful answers' actual costs but the last) over the restore
// rate, within the margin of one query's requested cost.
func checkRestoreAccounting(t *testing.T, env *adminTestEnv, max, rate, requested float64) {
	t.Helper()
	spent, last := 0.0, 0.0
	for _, e := range env.log.entries {
		if e.actual != nil {
			spent += *e.actual
			last = *e.actual
		}
	}
	spent -= last
	low := time.Duration((spent - (max - requested)) / rate * float64(time.Second))
	high := time.Duration(spent / rate * float64(time.Second))
	if env.clock.slept < low-time.Millisecond || env.clock.slept > high+time.Millisecond {
		t.Errorf("slept %v, want between %v and %v (points spent %v)", env.clock.slept, low, high, spent)
	}
}

func TestThrottlingWithASmallBucket(t *testing.T) {
	const max, rate = 100, 50
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{MaxAvailable: max, RestoreRate: rate})
	if _, err := env.shop.GenerateOrders(200, 3); err != nil {
		t.Fatal(err)
	}
	c := env.client(t)
	var got int
	for after, more := "", true; more; {
		page, err := c.Orders(context.Background(), "", after, 5) // requested 82 of a bucket of 100
		if err != nil {
			t.Fatal(err)
		}
		got += len(page.Orders)
		after, more = page.EndCursor, page.HasNextPage
	}
	if got != 220 || len(env.log.entries) != 44 {
		t.Fatalf("%d orders in %d requests, want 220 in 44", got, len(env.log.entries))
	}
	if env.clock.sleeps < 30 || env.log.throttled() != 0 {
		t.Errorf("%d waits, %d THROTTLED answers: the client should wait before nearly every page and never be throttled",
			env.clock.sleeps, env.log.throttled())
	}
	checkRestoreAccounting(t, env, max, rate, 82)
	t.Logf("220 orders in 44 pages of 5, %d waits totalling %v", env.clock.sleeps, env.clock.slept)
}

func TestBackfill5000Orders(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{}) // 2,000 points, 100/s
	if _, err := env.shop.GenerateOrders(5000, 1); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	query := adminapi.SearchQuery(adminapi.UpdatedSince(env.shop.Now().Add(-365 * 24 * time.Hour)))
	seen := map[int64]bool{}
	var lastUpdated time.Time
	c, pages := env.client(t), 0
	for after, more := "", true; more; pages++ {
		if pages == 40 {
			// A restart: a new client resumes from the saved cursor, and an
			// order placed meanwhile comes last, being the latest updated.
			c = env.client(t)
			if _, err := env.shop.AddOrder(shopifytest.DemoOrder{CustomerID: 7001, CreatedAt: env.clock.Now(), FinancialStatus: "PAID",
				FulfillmentStatus: "UNFULFILLED", LineItems: []shopifytest.DemoLineItem{{Title: "Mug", Quantity: 1, Price: "18.00"}}}); err != nil {
				t.Fatal(err)
			}
		}
		page, err := c.Orders(ctx, query, after, adminapi.MaxOrdersPage)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, o := range page.Orders {
			if seen[o.NumericID] || o.UpdatedAt.Before(lastUpdated) {
				t.Fatalf("order %s repeated or out of order", o.Name)
			}
			seen[o.NumericID], lastUpdated = true, o.UpdatedAt
		}
		after, more = page.EndCursor, page.HasNextPage
	}
	if len(seen) != 5021 || pages != 101 {
		t.Errorf("%d orders in %d pages, want 5021 in 101", len(seen), pages)
	}
	// Only the restarted client, which knows nothing of the bucket yet, may
	// be throttled, once.
	if n := env.log.throttled(); n > 1 || len(env.log.entries) != pages+n {
		t.Errorf("%d THROTTLED answers in %d requests", n, len(env.log.entries))
	}
	checkRestoreAccounting(t, env, 2000, 100, 802)
	t.Logf("5021 orders in %d pages of %d (%d requests, %d THROTTLED), %d waits totalling %v",
		pages, adminapi.MaxOrdersPage, len(env.log.entries), env.log.throttled(), env.clock.sleeps, env.clock.slept)
}
