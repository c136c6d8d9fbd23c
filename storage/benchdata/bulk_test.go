package benchdata_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/benchdata"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// schemaOf lists every index, constraint and trigger of the tables the
// fills write, with its definition and state (not the foreign keys'
// internal triggers, named by their new ids: the keys themselves are
// listed).
func schemaOf(t *testing.T, db *sqlx.DB) []string {
	t.Helper()
	var defs []string
	err := db.Select(&defs, `
		SELECT format('%s %s valid=%s', i.indexrelid::regclass, pg_get_indexdef(i.indexrelid), i.indisvalid AND i.indisready)
		FROM pg_index i WHERE i.indrelid = ANY ($1::regclass[])
		UNION ALL
		SELECT format('%s %s %s validated=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated)
		FROM pg_constraint WHERE conrelid = ANY ($1::regclass[])
		UNION ALL
		SELECT format('%s %s enabled=%s', tgrelid::regclass, tgname, tgenabled)
		FROM pg_trigger WHERE tgrelid = ANY ($1::regclass[]) AND NOT tgisinternal
		ORDER BY 1`,
		`{profiles,conversations,messages,product_clicks,orders,order_attributions}`)
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

// installShop installs a shop in the zone given and returns its id.
func installShop(t *testing.T, db *sqlx.DB, domain, zone string) int64 {
	t.Helper()
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	shop, err := storage.NewShops(db, keys, time.Now).Install(context.Background(), domain, storage.OfflineToken{
		AccessToken: "shpat_b", ExpiresAt: now.Add(time.Hour), RefreshToken: "shprt_b", RefreshExpiresAt: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE shops SET iana_timezone = $2 WHERE id = $1`, shop.ID, zone); err != nil {
		t.Fatal(err)
	}
	return shop.ID
}

// TestBulkPutsTheSchemaBackAndKeepsTheDerivedFiguresExact fills two shops
// with the indexes and keys set aside, then checks that every index,
// constraint and trigger is as before (and valid), that the rows pass the
// foreign keys (added back, so checked), that each conversation's AI
// status is what its trigger computes from the row, and that the
// dashboard's quarter hours and days equal a recount of the conversations.
func TestBulkPutsTheSchemaBackAndKeepsTheDerivedFiguresExact(t *testing.T) {
	db := pgtest.NewDB(t)
	ctx := context.Background()
	inbox := installShop(t, db, "bulk-inbox.myshopify.com", "UTC")
	dash := installShop(t, db, "bulk-dashboard.myshopify.com", "America/Los_Angeles")
	before := schemaOf(t, db)

	var steps []string
	var mu sync.Mutex
	logf := func(format string, args ...any) { mu.Lock(); steps = append(steps, format); mu.Unlock() }
	err := benchdata.Bulk(ctx, db, logf, benchdata.Inbox(inbox, 2_000), benchdata.Dashboard(dash, time.Now(), 3_000))
	if err != nil {
		t.Fatal(err)
	}
	after := schemaOf(t, db)
	for _, d := range before {
		if !slices.Contains(after, d) {
			t.Errorf("missing or changed after the fills: %s", d)
		}
	}
	for _, d := range after {
		if !slices.Contains(before, d) {
			t.Errorf("new after the fills: %s", d)
		}
	}
	if len(steps) == 0 {
		t.Error("Bulk reported no step")
	}

	var counts struct {
		Tickets  int `db:"tickets"`
		Messages int `db:"messages"`
		AI       int `db:"ai"`
		Orders   int `db:"orders"`
	}
	err = db.Get(&counts, `SELECT
		(SELECT count(*) FROM conversations WHERE shop_id = $1) AS tickets,
		(SELECT count(*) FROM messages WHERE shop_id IN ($1, $2)) AS messages,
		(SELECT count(*) FROM conversations WHERE shop_id = $2 AND ai_involved) AS ai,
		(SELECT count(*) FROM order_attributions WHERE shop_id = $2) AS orders`, inbox, dash)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Tickets != 2_000 || counts.Messages != 2_000*5+3_000*3 || counts.AI != 3_000 || counts.Orders != 3_000/50 {
		t.Fatalf("rows: %+v", counts)
	}

	// The AI status as the row trigger computes it: rewrite every row.
	var statusBefore []string
	if err := db.Select(&statusBefore, `SELECT coalesce(ai_status, '-') FROM conversations ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE conversations SET updated_at = updated_at`); err != nil {
		t.Fatal(err)
	}
	var statusAfter []string
	if err := db.Select(&statusAfter, `SELECT coalesce(ai_status, '-') FROM conversations ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(statusBefore, statusAfter) {
		t.Fatal("the AI statuses filled differ from those the trigger computes")
	}

	for name, mismatch := range map[string]string{
		"quarter hours": `
			WITH recount AS (
				SELECT c.shop_id, date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00') AS slot, x.dimension, x.value, count(*) AS n
				FROM conversations c
				CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
				WHERE c.ai_involved GROUP BY 1, 2, 3, 4)
			SELECT count(*) FROM recount r FULL JOIN dashboard_counts d USING (shop_id, slot, dimension, value)
			WHERE r.n IS DISTINCT FROM d.n`,
		"days": `
			WITH recount AS (
				SELECT c.shop_id, (date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00') AT TIME ZONE s.dashboard_zone)::date AS day,
					x.dimension, x.value, count(*) AS n
				FROM conversations c JOIN shops s ON s.id = c.shop_id
				CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
				WHERE c.ai_involved GROUP BY 1, 2, 3, 4)
			SELECT count(*) FROM recount r FULL JOIN dashboard_days d USING (shop_id, day, dimension, value)
			WHERE r.n IS DISTINCT FROM d.n`,
	} {
		var n int
		if err := db.Get(&n, mismatch); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows differ from a recount of the conversations", name, n)
		}
	}
}
