package storage_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/prepared"
)

// Every pooled connection carries the server-side timeouts, so that a
// statement, or a transaction left idle, cannot hold a connection for ever,
// and has JIT compilation and parallel workers off and its statements'
// plans made once; a statement past its timeout is cut off by the server.
func TestPoolConnectionsCarryTheTimeouts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.OpenPool(t, pgtest.NewURL(t), storage.Pool{MaxConns: 2,
		StatementTimeout: 1500 * time.Millisecond, IdleInTransactionTimeout: 2500 * time.Millisecond})
	var statement, idle string
	if err := db.GetContext(ctx, &statement, `SHOW statement_timeout`); err != nil {
		t.Fatal(err)
	}
	if err := db.GetContext(ctx, &idle, `SHOW idle_in_transaction_session_timeout`); err != nil {
		t.Fatal(err)
	}
	if statement != "1500ms" || idle != "2500ms" {
		t.Fatalf("statement_timeout %q, idle_in_transaction_session_timeout %q; want 1500ms and 2500ms", statement, idle)
	}
	// JIT and parallel workers are off: a search the planner misjudges
	// must not compile for seconds nor wait for workers to start
	// (docs/BENCHMARKS.md, large shops).
	var jit, workers string
	if err := db.GetContext(ctx, &jit, `SHOW jit`); err != nil || jit != "off" {
		t.Fatalf("jit %q (%v), want off", jit, err)
	}
	if err := db.GetContext(ctx, &workers, `SHOW max_parallel_workers_per_gather`); err != nil || workers != "0" {
		t.Fatalf("max_parallel_workers_per_gather %q (%v), want 0", workers, err)
	}
	// A statement is planned once a connection, for any values, from its
	// first run (docs/BENCHMARKS.md, the AI agent's burst).
	conn, err := db.Connx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const query = `SELECT count(*) FROM pg_class WHERE relpages > $1`
	if _, err := conn.ExecContext(ctx, query, 1); err != nil {
		t.Fatal(err)
	}
	var generic, custom int
	if err := conn.QueryRowContext(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements
		WHERE statement = $1::text `+prepared.NoPrepare, query).Scan(&generic, &custom); err != nil || generic != 1 || custom != 0 {
		t.Fatalf("its first run: %d generic plans and %d custom (%v), want one generic", generic, custom, err)
	}
	conn.Close()
	_, err = db.ExecContext(ctx, `SELECT pg_sleep(5)`)
	if !storage.Interrupted(err) {
		t.Fatalf("a 5 s statement under a 1.5 s timeout: %v, want it cut off", err)
	}
}
