package storage_test

import (
	"context"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A statement with parameters costs the pool's connection one round trip
// (parse, bind and execute sent together), not a prepare answered first
// and then its execution: a transaction's statements wait on each other's
// answers, so their round trips are its time (docs/BENCHMARKS.md). The
// client's writes to the server, counted by a proxy between them, are one
// per statement; with lib/pq's default they are two. (A statement's first
// run on a connection prepares it: one round trip more, once.)
func TestAStatementWithParametersIsOneRoundTrip(t *testing.T) {
	t.Parallel()
	dbURL := pgtest.NewURL(t)
	proxy, writes := pgtest.CountingProxy(t, dbURL)
	db := pgtest.OpenPool(t, proxy, storage.Pool{MaxConns: 1})
	ctx := context.Background()
	var n int
	if err := db.GetContext(ctx, &n, `SELECT $1::int + length($2::text)`, 0, ""); err != nil { // the connection made, the statement prepared
		t.Fatal(err)
	}
	const statements = 20
	before := writes.Load()
	for i := range statements {
		if err := db.GetContext(ctx, &n, `SELECT $1::int + length($2::text)`, i, "x"); err != nil || n != i+1 {
			t.Fatalf("statement %d: %d, %v", i, n, err)
		}
	}
	if got := writes.Load() - before; got != statements {
		t.Fatalf("%d statements with parameters wrote to the server %d times, want %d", statements, got, statements)
	}
	// Bytes still go to bytea as they are, and JSON text to jsonb.
	var back []byte
	raw := []byte{0, 1, '\\', 'x', 255}
	if err := db.GetContext(ctx, &back, `SELECT $1::bytea`, raw); err != nil || string(back) != string(raw) {
		t.Fatalf("bytea: %v, %v; want %v", back, err, raw)
	}
	var kind string
	if err := db.GetContext(ctx, &kind, `SELECT jsonb_typeof($1::jsonb)`, `{"a": 1}`); err != nil || kind != "object" {
		t.Fatalf("jsonb: %q, %v", kind, err)
	}
}
