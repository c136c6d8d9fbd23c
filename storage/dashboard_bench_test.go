package storage_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/benchdata"
)

// BenchmarkDashboard measures the dashboard in a shop with 1,000,000 AI
// conversations and 3,000,000 messages started over the last 180 days (so
// the last 90 days and the 90 before them hold all of them), 20,000 of them
// with an attributed order. Budgets (docs: SPEC §5, DESIGN §7): metrics and
// chart for 90 days ≤ 300 ms; the table's first page and a search ≤ 50 ms.
func BenchmarkDashboard(b *testing.B) {
	f := newChatFixture(b)
	f.db.MustExec(`UPDATE shops SET iana_timezone = 'America/Los_Angeles', currency = 'USD' WHERE id = $1`, f.shopID)
	loadDashboardShop(b, f, 1_000_000)
	zone, _ := time.LoadLocation("America/Los_Angeles")
	today := f.clock.Now().In(zone)
	days, err := storage.NewDashboardDays(zone, today.AddDate(0, 0, -89), today)
	if err != nil {
		b.Fatal(err)
	}
	dash := storage.NewDashboard(f.db)
	ctx := context.Background()
	measure := func(name string, run func() (int, error)) {
		b.Run(name, func(b *testing.B) {
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				n, err := run()
				if err != nil || n == 0 {
					b.Fatalf("%d results, %v", n, err)
				}
				durations = append(durations, time.Since(start))
			}
			reportPercentiles(b, durations)
		})
	}
	measure("metrics-and-chart-90-days", func() (int, error) {
		fig, err := dash.Figures(ctx, f.shopID, days)
		return fig.Current.Conversations, err
	})
	table := func(filter storage.DashboardFilter) func() (int, error) {
		filter.Days = days
		return func() (int, error) {
			rows, err := dash.Conversations(ctx, f.shopID, filter)
			return len(rows), err
		}
	}
	measure("table-first-page", table(storage.DashboardFilter{}))
	measure("table-filtered-by-tag-and-status", table(storage.DashboardFilter{Tag: "discounts", Status: storage.AIStatusUnresolved}))
	measure("table-search-rare-word", table(storage.DashboardFilter{Search: "6300002"}))
	measure("table-search-common-and-rare-word", table(storage.DashboardFilter{Search: "order 6300002"}))
	measure("table-search-common-word", table(storage.DashboardFilter{Search: "order"}))
	// The CSV export reads the whole filtered table by keyset pages of
	// 1,000: here every conversation of the 90 days (about 500,000).
	measure("export-every-row-90-days", func() (int, error) {
		filter, total := storage.DashboardFilter{Days: days, Limit: 1000}, 0
		for {
			rows, err := dash.Conversations(ctx, f.shopID, filter)
			if err != nil || len(rows) < filter.Limit {
				return total + len(rows), err
			}
			total += len(rows)
			filter.AfterAt, filter.AfterID = rows[len(rows)-1].StartedAt, rows[len(rows)-1].ID
		}
	})
}

// loadDashboardShop fills the fixture's shop with n AI conversations
// (benchdata.DashboardShop).
func loadDashboardShop(b *testing.B, f chatFixture, n int) {
	b.Helper()
	if err := benchdata.DashboardShop(f.ctx, f.db, f.shopID, f.clock.Now(), n); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDashboardCountsCost measures what keeping the dashboard's counts
// adds to a shopper's message in one of the AI agent's conversations (an
// update of the conversation the counts' trigger reads and, as nothing
// counted changes, writes nothing for), against the same message with the
// triggers disabled.
func BenchmarkDashboardCountsCost(b *testing.B) {
	for _, counted := range []bool{true, false} {
		name := "with-counts"
		if !counted {
			name = "without-counts"
		}
		b.Run(name, func(b *testing.B) {
			f := newChatFixture(b)
			if !counted {
				f.db.MustExec(`ALTER TABLE conversations DISABLE TRIGGER dashboard_counts_insert,
					DISABLE TRIGGER dashboard_counts_update, DISABLE TRIGGER dashboard_counts_delete`)
			}
			res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
				ClientID: newClientID(), Body: "Hello", Preview: "Hello", AIAnswers: true, Language: "en"})
			if err != nil {
				b.Fatal(err)
			}
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
					ClientID: newClientID(), Body: "And another thing", Preview: "And another thing", AIAnswers: true, Language: "en"}); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			reportPercentiles(b, durations)
			var count int
			f.db.Get(&count, `SELECT coalesce(sum(n), 0) FROM (SELECT n FROM dashboard_counts WHERE shop_id = $1 AND dimension = 'status'
				UNION ALL SELECT delta FROM dashboard_changes WHERE shop_id = $1 AND dimension = 'status') c`, f.shopID)
			if counted && count != 1 || res.Conversation.ID == 0 {
				b.Fatalf("counted %d conversations, want the one", count)
			}
		})
	}
}

// BenchmarkDashboardCountedChange measures a change the counts follow (a
// conversation's topic set, as the AI agent's answers do), against the
// same change with the triggers disabled: the counts' share of it.
func BenchmarkDashboardCountedChange(b *testing.B) {
	for _, counted := range []bool{true, false} {
		name := "with-counts"
		if !counted {
			name = "without-counts"
		}
		b.Run(name, func(b *testing.B) {
			f := newChatFixture(b)
			if !counted {
				f.db.MustExec(`ALTER TABLE conversations DISABLE TRIGGER dashboard_counts_insert,
					DISABLE TRIGGER dashboard_counts_update, DISABLE TRIGGER dashboard_counts_delete`)
			}
			res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
				ClientID: newClientID(), Body: "Hello", Preview: "Hello", AIAnswers: true, Language: "en"})
			if err != nil {
				b.Fatal(err)
			}
			var durations []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := f.convs.SetTag(f.ctx, f.shopID, res.Conversation.ID, storage.Tags[i%2]); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			reportPercentiles(b, durations)
		})
	}
}
