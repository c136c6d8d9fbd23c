package storage_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func file(sql string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(sql)} }

func tableExists(t *testing.T, db *sqlx.DB, name string) bool {
	t.Helper()
	var ok bool
	if err := db.Get(&ok, `SELECT to_regclass($1) IS NOT NULL`, name); err != nil {
		t.Fatal(err)
	}
	return ok
}

func applied(t *testing.T, db *sqlx.DB) []string {
	t.Helper()
	var names []string
	if err := db.Select(&names, `SELECT name FROM schema_migrations ORDER BY version`); err != nil {
		t.Fatal(err)
	}
	return names
}

func TestEmbeddedMigrationsApplyOnceAndAreIdempotent(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	ctx := context.Background()
	if err := storage.Migrate(ctx, db, storage.Migrations(), quietLog()); err != nil {
		t.Fatalf("first run: %v", err)
	}
	first := applied(t, db)
	if len(first) == 0 || !tableExists(t, db, "shops") {
		t.Fatalf("nothing applied: %v", first)
	}
	if err := storage.Migrate(ctx, db, storage.Migrations(), quietLog()); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if again := applied(t, db); strings.Join(again, ",") != strings.Join(first, ",") {
		t.Fatalf("second run changed the record: %v then %v", first, again)
	}
}

func TestMigrationsRunInVersionOrder(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	files := fstest.MapFS{
		"0002_b.sql": file(`ALTER TABLE a ADD COLUMN y int;`),
		"0001_a.sql": file(`CREATE TABLE a (x int);`),
	}
	if err := storage.Migrate(context.Background(), db, files, quietLog()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(applied(t, db), ","); got != "0001_a.sql,0002_b.sql" {
		t.Fatalf("applied %s", got)
	}
}

// A broken migration must stop with its file name and the database's error and
// leave nothing of itself behind, while earlier migrations stay applied.
func TestBrokenMigrationChangesNothing(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	files := fstest.MapFS{
		"0001_good.sql":   file(`CREATE TABLE good (id int);`),
		"0002_broken.sql": file(`CREATE TABLE half (id int); INSERT INTO good VALUES (1); SELEC oops;`),
		"0003_later.sql":  file(`CREATE TABLE later (id int);`),
	}
	err := storage.Migrate(context.Background(), db, files, quietLog())
	if err == nil {
		t.Fatal("Migrate succeeded on a broken file")
	}
	for _, want := range []string{"0002_broken.sql", "syntax error"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if tableExists(t, db, "half") || tableExists(t, db, "later") {
		t.Fatal("the broken migration or a later one left tables behind")
	}
	var rows int
	db.Get(&rows, `SELECT count(*) FROM good`)
	if rows != 0 {
		t.Fatal("the broken migration's insert was kept")
	}
	if got := strings.Join(applied(t, db), ","); got != "0001_good.sql" {
		t.Fatalf("recorded %q, want only 0001_good.sql", got)
	}
}

func TestChangedAppliedMigrationIsRefused(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	ctx := context.Background()
	v1 := fstest.MapFS{"0001_a.sql": file(`CREATE TABLE a (x int);`)}
	if err := storage.Migrate(ctx, db, v1, quietLog()); err != nil {
		t.Fatal(err)
	}
	v2 := fstest.MapFS{"0001_a.sql": file(`CREATE TABLE a (x bigint);`)}
	err := storage.Migrate(ctx, db, v2, quietLog())
	if err == nil || !strings.Contains(err.Error(), "0001_a.sql was changed after it was applied") {
		t.Fatalf("err = %v", err)
	}
}

func TestMisnamedMigrationsAreRefused(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	tests := map[string]fstest.MapFS{
		"not named like": {"create.sql": file(`SELECT 1;`)},
		"share version":  {"0001_a.sql": file(`SELECT 1;`), "0001_b.sql": file(`SELECT 1;`)},
	}
	for want, files := range tests {
		err := storage.Migrate(context.Background(), db, files, quietLog())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to say %q", err, want)
		}
	}
}

// Two instances starting at once must not apply a migration twice.
func TestConcurrentMigrateAppliesOnce(t *testing.T) {
	t.Parallel()
	url := pgtest.NewEmptyURL(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			errs <- storage.Migrate(context.Background(), pgtest.Open(t, url), storage.Migrations(), quietLog())
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	db := pgtest.Open(t, url)
	var n, distinct int
	db.Get(&n, `SELECT count(*) FROM schema_migrations`)
	db.Get(&distinct, `SELECT count(DISTINCT version) FROM schema_migrations`)
	if n != distinct || n == 0 {
		t.Fatalf("%d records for %d migrations", n, distinct)
	}
}

func TestFreshDatabasesAreIsolated(t *testing.T) {
	t.Parallel()
	a, b := pgtest.NewDB(t), pgtest.NewDB(t)
	if _, err := a.Exec(`INSERT INTO shops (domain) VALUES ('iso.myshopify.com')`); err != nil {
		t.Fatal(err)
	}
	var n int
	b.Get(&n, `SELECT count(*) FROM shops`)
	if n != 0 {
		t.Fatalf("second database sees %d shops from the first", n)
	}
}
