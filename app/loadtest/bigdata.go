package loadtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/benchdata"
	"hubchat/storage/localpg"
	"hubchat/storage/seal"
)

// bigDatabase holds the large shops, kept in the tool's cluster between
// runs: generating them takes minutes, measuring them seconds.
const bigDatabase = "hubchat_load_bigdata"

// bigDataVersion names the shapes generated; a database made for other
// shapes (or by an older schema) is made again.
const bigDataVersion = "inbox 1M/5M + dashboard 1M/3M, v1"

// BigDataResult is what the large shops measured.
type BigDataResult struct {
	Generated                   time.Duration // 0 when kept from an earlier run
	InboxOpen, InboxSearch      Latencies     // the worst search's
	DashboardDays, DashboardRow Latencies     // the worst table query's
	// WorstSearch and WorstTable name the queries behind InboxSearch and
	// DashboardRow.
	WorstSearch, WorstTable string
}

// bigShops are the ids of the two shops and when their data was made.
type bigShops struct {
	inbox, dashboard int64
	madeAt           time.Time
}

// RunBigData measures the inbox (first page and searches) in a shop of
// 1,000,000 tickets and 5,000,000 messages, and the dashboard over
// 1,000,000 conversations, through storage's own queries, on the
// cluster's kept database (generated the first time).
func RunBigData(ctx context.Context, cluster *localpg.Cluster, logf func(string, ...any)) (BigDataResult, error) {
	var res BigDataResult
	db, shops, err := openBigData(ctx, cluster, &res, logf)
	if err != nil {
		return res, err
	}
	defer db.Close()
	convs := storage.NewConversations(db, time.Now)
	inbox := func(f storage.InboxFilter) func() error {
		return func() error { _, err := convs.Inbox(ctx, shops.inbox, f); return err }
	}
	if res.InboxOpen, err = repeat(100, 20*time.Second, inbox(storage.InboxFilter{Status: "open"})); err != nil {
		return res, err
	}
	for _, search := range []string{"order 700007", "number4242"} {
		l, err := repeat(100, 20*time.Second, inbox(storage.InboxFilter{Search: search}))
		if err != nil {
			return res, err
		}
		if l.P99 > res.InboxSearch.P99 {
			res.InboxSearch, res.WorstSearch = l, "search "+strconv.Quote(search)
		}
	}
	zone, _ := time.LoadLocation("America/Los_Angeles")
	today := shops.madeAt.In(zone)
	days, err := storage.NewDashboardDays(zone, today.AddDate(0, 0, -89), today)
	if err != nil {
		return res, err
	}
	dash := storage.NewDashboard(db)
	if res.DashboardDays, err = repeat(30, 30*time.Second, func() error { _, err := dash.Figures(ctx, shops.dashboard, days); return err }); err != nil {
		return res, err
	}
	for _, q := range []struct {
		name   string
		filter storage.DashboardFilter
	}{
		{"first page", storage.DashboardFilter{}},
		{"tag and status", storage.DashboardFilter{Tag: "discounts", Status: storage.AIStatusUnresolved}},
		{`search "6300002"`, storage.DashboardFilter{Search: "6300002"}},
		{`search "order 6300002"`, storage.DashboardFilter{Search: "order 6300002"}},
		{`search "order"`, storage.DashboardFilter{Search: "order"}},
	} {
		f := q.filter
		f.Days = days
		l, err := repeat(50, 10*time.Second, func() error { _, err := dash.Conversations(ctx, shops.dashboard, f); return err })
		if err != nil {
			return res, err
		}
		if l.P99 > res.DashboardRow.P99 {
			res.DashboardRow, res.WorstTable = l, q.name
		}
	}
	return res, nil
}

// repeat times f up to n times, one at a time, stopping after within.
func repeat(n int, within time.Duration, f func() error) (Latencies, error) {
	var took []time.Duration
	deadline := time.Now().Add(within)
	for i := 0; i < n && (i < 5 || time.Now().Before(deadline)); i++ {
		t0 := time.Now()
		if err := f(); err != nil {
			return Latencies{}, err
		}
		took = append(took, time.Since(t0))
	}
	return Summarise(took), nil
}

// openBigData opens the kept database, making it when it is missing or of
// another version.
func openBigData(ctx context.Context, cluster *localpg.Cluster, res *BigDataResult, logf func(string, ...any)) (*sqlx.DB, bigShops, error) {
	url := cluster.URL(bigDatabase)
	if db, shops, err := keptBigData(ctx, url); err == nil {
		return db, shops, nil
	}
	logf("generating the large shops (once; kept in %s for later runs): this takes minutes", bigDatabase)
	start := time.Now()
	if err := recreateDatabase(ctx, cluster.URL("postgres"), bigDatabase); err != nil {
		return nil, bigShops{}, err
	}
	db, err := storage.Open(ctx, url, storage.Pool{MaxConns: 4})
	if err != nil {
		return nil, bigShops{}, err
	}
	shops, err := generateBigData(ctx, db, logf)
	if err != nil {
		db.Close()
		return nil, bigShops{}, err
	}
	res.Generated = time.Since(start)
	logf("generated the large shops in %s", res.Generated.Round(time.Second))
	return db, shops, nil
}

// keptBigData opens the database a previous run made, if it is complete
// and of this version, and brings its schema up to this build's.
func keptBigData(ctx context.Context, url string) (*sqlx.DB, bigShops, error) {
	db, err := storage.Open(ctx, url, storage.Pool{MaxConns: 4})
	if err != nil {
		return nil, bigShops{}, err
	}
	var shops bigShops
	var version string
	err = db.QueryRowContext(ctx, `SELECT version, inbox_shop_id, dashboard_shop_id, made_at FROM hubchat_load_bigdata`).
		Scan(&version, &shops.inbox, &shops.dashboard, &shops.madeAt)
	if err == nil && version != bigDataVersion {
		err = errors.New("another version")
	}
	if err == nil {
		// The migrations added since the shops were made (new indexes, new
		// rollups), so the kept data is measured with this build's schema.
		err = storage.Migrate(ctx, db, storage.Migrations(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	if err != nil {
		db.Close()
		return nil, bigShops{}, err
	}
	return db, shops, nil
}

// generateBigData migrates the database, installs the two shops and fills
// them, then records what it made (last: an interrupted run leaves no record).
func generateBigData(ctx context.Context, db *sqlx.DB, logf func(string, ...any)) (bigShops, error) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := storage.Migrate(ctx, db, storage.Migrations(), quiet); err != nil {
		return bigShops{}, err
	}
	keys, err := seal.ParseKeyring("load:" + seal.GenerateKey())
	if err != nil {
		return bigShops{}, err
	}
	now := time.Now()
	install := storage.NewShops(db, keys, time.Now)
	token := storage.OfflineToken{AccessToken: "shpat_load", Scopes: "read_orders,read_customers", ExpiresAt: now.Add(time.Hour),
		RefreshToken: "shprt_load", RefreshExpiresAt: now.Add(90 * 24 * time.Hour)}
	inboxShop, err := install.Install(ctx, "load-inbox.myshopify.com", token)
	if err != nil {
		return bigShops{}, err
	}
	dashShop, err := install.Install(ctx, "load-dashboard.myshopify.com", token)
	if err != nil {
		return bigShops{}, err
	}
	if _, err := db.ExecContext(ctx, `UPDATE shops SET iana_timezone = 'America/Los_Angeles', currency = 'USD' WHERE id = $1`, dashShop.ID); err != nil {
		return bigShops{}, err
	}
	err = benchdata.Bulk(ctx, db, logf, benchdata.Inbox(inboxShop.ID, 1_000_000), benchdata.Dashboard(dashShop.ID, now, 1_000_000))
	if err != nil {
		return bigShops{}, fmt.Errorf("large shops: %w", err)
	}
	_, err = db.ExecContext(ctx, `CREATE TABLE hubchat_load_bigdata AS
		SELECT $1::text AS version, $2::bigint AS inbox_shop_id, $3::bigint AS dashboard_shop_id, $4::timestamptz AS made_at`,
		bigDataVersion, inboxShop.ID, dashShop.ID, now)
	return bigShops{inbox: inboxShop.ID, dashboard: dashShop.ID, madeAt: now}, err
}

// recreateDatabase drops name (if any) and creates it empty.
func recreateDatabase(ctx context.Context, serverURL, name string) error {
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(name)+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop %s: %w", name, err)
	}
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(name)); err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	return nil
}
