package loadtest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// The shop's past is its own: closed tickets of earlier customers, each
// with a question and an answer, and statistics gathered of them; another
// shop gets none. The tables the past does not fill are left unanalysed.
func TestSeedHistoryGivesTheShopItsPast(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewURL(t)
	owner := pgtest.Open(t, url)
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	token := storage.OfflineToken{AccessToken: "shpat_h", Scopes: "read_orders", ExpiresAt: now.Add(time.Hour),
		RefreshToken: "shprt_h", RefreshExpiresAt: now.Add(time.Hour)}
	shops := storage.NewShops(owner, keys, time.Now)
	shop, err := shops.Install(ctx, "past.myshopify.com", token)
	if err != nil {
		t.Fatal(err)
	}
	other, err := shops.Install(ctx, "other.myshopify.com", token)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := SeedHistory(ctx, db, "past.myshopify.com"); err != nil {
		t.Fatal(err)
	}
	var closed, messages, others int
	var analysed, eventsAnalysed bool
	err = db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM conversations WHERE shop_id = $1 AND status = 'closed' AND message_count = 2),
			(SELECT count(*) FROM messages WHERE shop_id = $1),
			(SELECT count(*) FROM conversations WHERE shop_id = $2),
			(SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'conversations'),
			(SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'events')`,
		shop.ID, other.ID).Scan(&closed, &messages, &others, &analysed, &eventsAnalysed)
	if err != nil {
		t.Fatal(err)
	}
	if closed != historyTickets || messages != 2*historyTickets || others != 0 || !analysed || eventsAnalysed {
		t.Fatalf("%d closed tickets, %d messages, %d of another shop, analysed %v, the empty event log analysed %v; want %d, %d, 0, true, false",
			closed, messages, others, analysed, eventsAnalysed, historyTickets, 2*historyTickets)
	}
}
