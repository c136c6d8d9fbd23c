package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// The shop wall: inside a transaction storage opened for shop A, a query
// run by the app's role sees and writes only A's rows even when it forgets
// its shop_id condition, and cannot write a row of shop B.
func TestShopWallHoldsWhenAQueryForgetsItsShop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := pgtest.NewURL(t)
	owner, app := pgtest.Open(t, url), pgtest.Open(t, pgtest.AsAppRole(url))
	shopA, _, convA := eventsShopper(t, owner, "wall-a")
	shopB, _, convB := eventsShopper(t, owner, "wall-b")
	faqs := storage.NewFAQs(owner, time.Now)
	for _, shop := range []int64{shopA, shopB} {
		if _, err := faqs.Create(ctx, shop, "Question?", "Answer.", true); err != nil {
			t.Fatal(err)
		}
	}
	var superuser bool
	if err := app.Get(&superuser, `SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user`); err != nil || superuser {
		t.Fatalf("the app's role passes row-level security (%v): the wall proves nothing", err)
	}

	tx, err := storage.BeginInShop(ctx, app, shopA, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var seen []int64
	if err := tx.Select(&seen, `SELECT id FROM conversations ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []int64{convA}) {
		t.Errorf("in shop A's transaction a query without its condition saw conversations %v, want only A's %d", seen, convA)
	}
	res, err := tx.Exec(`UPDATE faqs SET answer = 'Changed.'`)
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Errorf("an update without its condition changed %d FAQs (%v), want A's one", n, err)
	}
	if _, err := tx.Exec(`SAVEPOINT b`); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(`INSERT INTO profiles (shop_id) VALUES ($1)`, shopB)
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("shop A's transaction wrote a profile of shop B: %v", err)
	}
	tx.Exec(`ROLLBACK TO SAVEPOINT b`)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	var answerB string
	if err := owner.Get(&answerB, `SELECT answer FROM faqs WHERE shop_id = $1`, shopB); err != nil || answerB != "Answer." {
		t.Errorf("shop B's FAQ reads %q (%v) after A's transaction", answerB, err)
	}
	// Outside a shop's transaction (reads from the pool, work across
	// shops) the query's own condition decides; the setting did not stay
	// on the pooled connection.
	var all int
	if err := app.Get(&all, `SELECT count(*) FROM conversations WHERE id IN ($1, $2)`, convA, convB); err != nil || all != 2 {
		t.Errorf("outside a shop's transaction the app's role saw %d of 2 conversations (%v)", all, err)
	}
}

// Every table with a shop_id column, including those added after the
// wall's migration, has the wall, forced on its owner too.
func TestEveryShopScopedTableHasTheWall(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	var missing []string
	err := db.Select(&missing, `SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
		WHERE c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'shop_id' AND NOT a.attisdropped)
		AND NOT (c.relrowsecurity AND c.relforcerowsecurity
		         AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'shop_wall'))
		ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("tables with a shop_id column and no shop wall (enable, force and CREATE POLICY shop_wall as migration 0044 does): %v", missing)
	}
}

// A shop's transaction needs a shop.
func TestBeginInShopRefusesNoShop(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	if _, err := storage.BeginInShop(context.Background(), db, 0, nil); err == nil {
		t.Error("a transaction for shop 0 was opened")
	}
}
