package storage_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"hubchat/storage"
)

// assertSalesExact checks that the sales kept per day in each shop's zone
// (migration 0049) equal a recount of the credits.
func assertSalesExact(t *testing.T, f *dashboardFixture) {
	t.Helper()
	var diff []string
	err := f.db.Select(&diff, `
		SELECT format('%s %s %s %s: kept %s in %s, counted %s in %s', coalesce(k.shop_id, c.shop_id), coalesce(k.day, c.day),
			coalesce(k.channel, c.channel), coalesce(k.currency, c.currency), k.amount, k.orders, c.amount, c.orders)
		FROM (SELECT * FROM dashboard_sales_days WHERE orders <> 0 OR amount <> 0) k
		FULL JOIN (
			SELECT a.shop_id, (a.conversation_started_at AT TIME ZONE s.dashboard_zone)::date AS day, a.channel, a.currency,
				sum(a.amount) AS amount, count(*)::int AS orders
			FROM order_attributions a JOIN shops s ON s.id = a.shop_id
			GROUP BY 1, 2, 3, 4) c USING (shop_id, day, channel, currency)
		WHERE (k.amount, k.orders) IS DISTINCT FROM (c.amount, c.orders)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff) != 0 {
		t.Fatalf("the sales kept differ from the credits: %v", diff)
	}
}

// sameSales checks that the period's sales read in zone (from the days
// kept) equal those read in alias, another name of the same zone (summed
// from the credits), the split by channel included.
func sameSales(t *testing.T, f *dashboardFixture, zone, alias, first, last string) string {
	t.Helper()
	read := func(name string) string {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := time.ParseInLocation(time.DateOnly, first, loc)
		b, _ := time.ParseInLocation(time.DateOnly, last, loc)
		days, err := storage.NewDashboardDays(loc, a, b)
		if err != nil {
			t.Fatal(err)
		}
		got := f.figures(t, days)
		return fmt.Sprintf("current %s in %d, previous %s in %d, by channel %+v",
			got.Current.Sales, got.Current.SalesOrders, got.Previous.Sales, got.Previous.SalesOrders, got.SalesByChannel)
	}
	kept, summed := read(zone), read(alias)
	if kept != summed {
		t.Fatalf("%s from the days:\n%s\nfrom the credits (%s):\n%s", zone, kept, alias, summed)
	}
	return kept
}

// The sales kept per day stay equal to a recount of the credits while many
// transactions at once, on a small pool, credit orders, credit them again
// with a new total, cancel them (the credit then stays until the order is
// attributed again, and the reader leaves it out) and uncredit them, and
// while the shop's zone changes back and forth; the figures read from them
// equal those summed from the credits.
func TestDashboardSalesDaysFollowEveryCredit(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "Pacific/Auckland")
	f.db.SetMaxOpenConns(4)
	var sales []storage.Order
	for i := range 24 {
		// Conversations every 5 hours from the evening of 31 May, so that
		// they fall on different days in each of the two zones.
		at := f.local("2026-05-31 19:00:00").Add(time.Duration(i) * 5 * time.Hour)
		res, shopper := f.start(t, at, "Which mug?", "The blue one.", "product_question")
		o := f.sell(t, shopper, res.Conversation.ID, int64(900+i), fmt.Sprintf("%d.25", 10+i), "USD", at.Add(2*time.Hour))
		sales = append(sales, o)
	}
	assertSalesExact(t, f)
	before := sameSales(t, f, "Pacific/Auckland", "NZ", "2026-06-02", "2026-06-05")

	// Round 1 writes alone, so that a change of zone (which rebuilds the
	// days) cannot hide a sum the triggers got wrong; round 2 beside ten
	// changes of the zone.
	writeSales(t, f, sales, 1, false)
	assertSalesExact(t, f)
	after := sameSales(t, f, "Pacific/Auckland", "NZ", "2026-06-02", "2026-06-05")
	if after == before {
		t.Fatalf("the sales did not change: %s", after)
	}
	writeSales(t, f, sales, 2, true)
	assertSalesExact(t, f)
	sameSales(t, f, "Pacific/Auckland", "NZ", "2026-06-02", "2026-06-05")
	if n := countRows(t, f.db, `SELECT count(*) FROM order_attributions a JOIN orders o ON o.id = a.order_id
		WHERE a.shop_id = $1 AND o.cancelled_at IS NOT NULL`, f.shopID); n == 0 {
		t.Fatal("no cancelled order is still credited: the reader's correction went untested")
	}
	f.db.MustExec(`UPDATE shops SET iana_timezone = 'America/Los_Angeles' WHERE id = $1`, f.shopID)
	assertSalesExact(t, f)
	sameSales(t, f, "America/Los_Angeles", "US/Pacific", "2026-05-31", "2026-06-04")
}

// writeSales changes every order of sales at once, each in its own way by
// its place and the round (a new total credited again; cancelled; cancelled
// and uncredited; another order of the same conversation), each round's
// orders saved a minute after the last; with zoneChanges, the shop's zone
// changes ten times meanwhile.
func writeSales(t *testing.T, f *dashboardFixture, sales []storage.Order, round int, zoneChanges bool) {
	t.Helper()
	orders, attribution := storage.NewOrders(f.db, f.clock.Now), storage.NewAttribution(f.db, f.clock.Now)
	var wg sync.WaitGroup
	errs := make(chan error, len(sales)+1)
	for i, o := range sales {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o.UpdatedAt = o.UpdatedAt.Add(time.Duration(round) * time.Minute)
			switch (i + round) % 4 {
			case 0:
				o.Total = fmt.Sprintf("%d.75", 50+i+round)
			case 1, 2:
				cancelled := o.UpdatedAt
				o.CancelledAt = &cancelled
			case 3:
				o.ShopifyID += int64(1000 * round)
				o.Name = fmt.Sprintf("#%d", o.ShopifyID)
			}
			if _, err := orders.Save(f.ctx, f.shopID, o); err != nil {
				errs <- err
				return
			}
			if (i+round)%4 == 1 {
				errs <- nil // cancelled, still credited until attributed again
				return
			}
			errs <- attribution.AttributeOrder(f.ctx, f.shopID, o.ShopifyID)
		}()
	}
	if zoneChanges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				zone := []string{"America/Los_Angeles", "Pacific/Auckland"}[i%2]
				if _, err := f.db.ExecContext(f.ctx, `UPDATE shops SET iana_timezone = $2 WHERE id = $1`, f.shopID, zone); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
