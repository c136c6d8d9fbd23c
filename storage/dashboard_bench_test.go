package storage_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
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

// loadDashboardShop fills the fixture's shop with n AI conversations (and
// three messages each) in SQL: a Go loop would take an hour.
func loadDashboardShop(b *testing.B, f chatFixture, n int) {
	b.Helper()
	now := f.clock.Now()
	// One connection with no statement timeout: the loads take minutes,
	// far past the pool's per-statement limit.
	conn, err := f.db.Connx(f.ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	exec := func(query string, args ...any) {
		b.Helper()
		if _, err := conn.ExecContext(f.ctx, query, args...); err != nil {
			b.Fatal(err)
		}
	}
	exec(`SET statement_timeout = 0`)
	const profiles = 100_000
	exec(`INSERT INTO profiles (shop_id, shopify_customer_id, first_name, last_name, email)
		SELECT $1, 100000 + g, 'Customer', 'Number' || g, 'c' || g || '@example.com' FROM generate_series(1, $2::int) g`,
		f.shopID, profiles)
	// Conversation g belongs to profile g mod 100,000; only the newest of
	// each profile is still going on. Status, handoff, tag and who spoke
	// last vary with g, so every status and tag occurs.
	exec(`INSERT INTO conversations (shop_id, profile_id, status, closed_at, closed_by, first_message,
			last_message_preview, message_count, last_message_at, created_at, updated_at, ai_involved, ai_answering,
			handoff, handoff_at, tag, last_author)
		SELECT $1, p.id, CASE WHEN g > $3::int - $4::int THEN 'open' ELSE 'closed' END,
			CASE WHEN g <= $3::int - $4::int THEN t + interval '1 hour' END,
			CASE WHEN g <= $3::int - $4::int THEN 'inactivity' END,
			'question ' || g, 'answer ' || g, 3, t + interval '2 minutes', t, t + interval '2 minutes', true,
			g % 5 <> 0, CASE WHEN g % 5 = 0 THEN 'inbox' ELSE 'none' END, CASE WHEN g % 5 = 0 THEN t END,
			(ARRAY['order_status','shipping','returns_refunds','product_question','discounts','account','other'])[1 + g % 7],
			CASE WHEN g % 3 = 0 THEN 'shopper' ELSE 'ai' END
		FROM generate_series(1, $3::int) g
		CROSS JOIN LATERAL (SELECT $2::timestamptz - (($3::int - g) * interval '180 days' / $3::int) AS t) at
		JOIN profiles p ON p.shop_id = $1 AND p.shopify_customer_id = 100000 + 1 + g % $4::int`,
		f.shopID, now, n, profiles)
	exec(`INSERT INTO messages (shop_id, conversation_id, author, profile_id, body, created_at)
		SELECT $1, c.id, (ARRAY['shopper','ai','shopper'])[k], CASE WHEN k <> 2 THEN c.profile_id END,
			CASE k WHEN 1 THEN c.first_message ELSE 'message ' || k || ' about order ' || (c.id * 7 + k) || ' ' || md5(c.id::text || k) END,
			c.created_at + k * interval '30 seconds'
		FROM conversations c, generate_series(1, 3) k WHERE c.shop_id = $1`, f.shopID)
	// One conversation in 50 sold something: a click and an order 10
	// minutes later, credited.
	exec(`INSERT INTO product_clicks (shop_id, conversation_id, profile_id, shopify_product_id, clicked_at)
		SELECT shop_id, id, profile_id, 9, created_at + interval '1 minute' FROM conversations WHERE shop_id = $1 AND id % 50 = 0`, f.shopID)
	exec(`INSERT INTO orders (shop_id, shopify_id, profile_id, total, currency, created_at, updated_at)
		SELECT k.shop_id, k.id, k.profile_id, 20 + k.id % 100, 'USD', k.clicked_at + interval '10 minutes', k.clicked_at
		FROM product_clicks k WHERE k.shop_id = $1`, f.shopID)
	exec(`INSERT INTO order_attributions (order_id, shop_id, conversation_id, click_id, amount, currency, attributed_at,
			conversation_started_at)
		SELECT o.id, o.shop_id, k.conversation_id, k.id, o.total, o.currency, o.created_at, k.clicked_at - interval '1 minute'
		FROM orders o JOIN product_clicks k ON k.id = o.shopify_id AND k.shop_id = o.shop_id WHERE o.shop_id = $1`, f.shopID)
	exec(`VACUUM ANALYZE`)
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
			f.db.Get(&count, `SELECT coalesce(sum(n), 0) FROM dashboard_counts WHERE shop_id = $1 AND dimension = 'status'`, f.shopID)
			if counted && count != 1 || res.Conversation.ID == 0 {
				b.Fatalf("counted %d conversations, want the one", count)
			}
		})
	}
}
