package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// clock is a movable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func testKeys(t testing.TB) *seal.Keyring {
	t.Helper()
	k, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func expiringToken(now time.Time, access, refresh string) storage.OfflineToken {
	return storage.OfflineToken{
		AccessToken: access, Scopes: "read_orders,read_customers", ExpiresAt: now.Add(time.Hour),
		RefreshToken: refresh, RefreshExpiresAt: now.Add(90 * 24 * time.Hour),
	}
}

func TestInstallUninstallReinstall(t *testing.T) {
	t.Parallel()
	ctx, clk := context.Background(), newClock()
	shops := storage.NewShops(pgtest.NewDB(t), testKeys(t), clk.Now)
	first, err := shops.Install(ctx, "demo.myshopify.com", expiringToken(clk.Now(), "shpat_one", "shprt_one"))
	if err != nil {
		t.Fatal(err)
	}
	if !first.Installed() || first.Scopes != "read_orders,read_customers" {
		t.Fatalf("installed shop: %+v", first)
	}
	if st, err := shops.Token(ctx, first.ID); err != nil || st.AccessToken != "shpat_one" {
		t.Fatalf("Token = %q, %v", st.AccessToken, err)
	}

	if err := shops.MarkUninstalled(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	gone, _ := shops.Get(ctx, first.ID)
	if gone.Installed() {
		t.Fatal("still installed after uninstall")
	}
	if _, err := shops.Token(ctx, first.ID); !errors.Is(err, storage.ErrUnauthorized) {
		t.Fatalf("token after uninstall: %v, want Unauthorized", err)
	}

	clk.Advance(time.Hour)
	again, err := shops.Install(ctx, "demo.myshopify.com", expiringToken(clk.Now(), "shpat_two", "shprt_two"))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || !again.Installed() || !again.InstalledAt.Equal(clk.Now()) {
		t.Fatalf("reinstall: id %d (was %d), installed %v at %v", again.ID, first.ID, again.Installed(), again.InstalledAt)
	}
	if st, _ := shops.Token(ctx, again.ID); st.AccessToken != "shpat_two" {
		t.Fatalf("token after reinstall = %q", st.AccessToken)
	}
	if _, err := shops.ByDomain(ctx, "other.myshopify.com"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v", err)
	}
}

// Tokens are sealed: no column of any table holds one in plain text.
func TestTokensNeverStoredInPlainText(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	shop, err := shops.Install(ctx, "plain.myshopify.com", expiringToken(clk.Now(), "shpat_PLAINACCESS", "shprt_PLAINREFRESH"))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(59 * time.Minute) // within the refresh margin
	st, err := shops.Token(ctx, shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if holder, err := shops.ClaimTokenRefresh(ctx, shop.ID, st, 30*time.Second); err != nil || holder == "" {
		t.Fatalf("claim: %q, %v", holder, err)
	}
	stored, err := shops.StoreRefreshedToken(ctx, shop.ID, st, expiringToken(clk.Now(), "shpat_PLAINNEW", "shprt_PLAINNEWREFRESH"))
	if err != nil || !stored {
		t.Fatalf("store: %v, %v", stored, err)
	}
	for _, secret := range []string{"PLAINACCESS", "PLAINREFRESH", "PLAINNEW"} {
		if where := rowsContaining(t, db, secret); len(where) > 0 {
			t.Errorf("%s stored in plain text in %v", secret, where)
		}
	}
}

// rowsContaining lists the tables with a row whose text form contains s, or
// the hex of s (how bytea columns appear in a row's text).
func rowsContaining(t *testing.T, db *sqlx.DB, s string) []string {
	t.Helper()
	var tables []string
	if err := db.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`); err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, table := range tables {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM %q t WHERE strpos(t::text, $1) > 0
			OR strpos(t::text, encode(convert_to($1, 'UTF8'), 'hex')) > 0`, table)
		if err := db.Get(&n, q, s); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			found = append(found, table)
		}
	}
	return found
}

// A sealed token is bound to its shop: copied into another shop's row it
// does not open.
func TestSealedTokenCopiedToAnotherShopDoesNotOpen(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	a, _ := shops.Install(ctx, "a.myshopify.com", expiringToken(clk.Now(), "shpat_a", "shprt_a"))
	b, _ := shops.Install(ctx, "b.myshopify.com", expiringToken(clk.Now(), "shpat_b", "shprt_b"))
	if _, err := db.Exec(`UPDATE shops SET access_token_sealed = (SELECT access_token_sealed FROM shops WHERE id = $1) WHERE id = $2`, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if st, err := shops.Token(ctx, b.ID); err == nil {
		t.Fatalf("shop b opened shop a's token: %q", st.AccessToken)
	}
}
