package prepared_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"hubchat/storage/pgtest"
	"hubchat/storage/prepared"
)

// openCounted is a pool of one connection made by prepared's connector
// through a proxy counting the client's writes (one per round trip), with
// a table t to write to.
func openCounted(t *testing.T) (*sql.DB, func() int64) {
	t.Helper()
	proxy, writes := pgtest.CountingProxy(t, pgtest.NewURL(t))
	connector, err := prepared.NewConnector(proxy)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (n int)`); err != nil {
		t.Fatal(err)
	}
	return db, writes.Load
}

// A transaction's BEGIN goes with its first statement when that has no
// parameters: a transaction of two such statements is three round trips
// (with lib/pq's own BEGIN, four), and its statements share it (a local
// setting made by the first is seen by the second; both roll back).
func TestATransactionBeginsWithItsFirstStatement(t *testing.T) {
	db, writes := openCounted(t)
	ctx := context.Background()
	before := writes()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT set_config('hubchat.test', 'set', true)`); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := tx.QueryRowContext(ctx, `SELECT current_setting('hubchat.test')`).Scan(&got); err != nil || got != "set" {
		t.Fatalf("the setting in the transaction's second statement: %q, %v", got, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := writes() - before; n != 3 {
		t.Fatalf("a transaction of two statements took %d round trips, want 3", n)
	}
	var after string
	if err := db.QueryRowContext(ctx, `SELECT coalesce(current_setting('hubchat.test', true), '')`).Scan(&after); err != nil || after != "" {
		t.Fatalf("the local setting outlived its transaction: %q, %v", after, err)
	}
	for _, first := range []string{`INSERT INTO t VALUES (1)`, `INSERT INTO t VALUES ($1)`} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		args := []any{}
		if first != `INSERT INTO t VALUES (1)` {
			args = append(args, 1)
		}
		if _, err := tx.ExecContext(ctx, first, args...); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO t VALUES (2)`); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		var rows int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&rows); err != nil || rows != 0 {
			t.Fatalf("after a rollback of a transaction begun with %q: %d rows, %v", first, rows, err)
		}
	}
}

// A transaction that ran nothing ends without a word to the server.
func TestAnEmptyTransactionCostsNothing(t *testing.T) {
	db, writes := openCounted(t)
	ctx := context.Background()
	before := writes()
	for _, end := range []func(*sql.Tx) error{(*sql.Tx).Commit, (*sql.Tx).Rollback} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := end(tx); err != nil {
			t.Fatal(err)
		}
	}
	if n := writes() - before; n != 0 {
		t.Fatalf("two empty transactions took %d round trips, want 0", n)
	}
}

// A transaction whose first statement fails (its BEGIN sent with it) is
// refused its commit, rolled back, and leaves the connection usable.
func TestATransactionWhoseFirstStatementFailsRollsBack(t *testing.T) {
	db, _ := openCounted(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO t VALUES (1/0)`); err == nil {
		t.Fatal("division by zero stored")
	}
	if err := tx.Commit(); err == nil {
		t.Fatal("a failed transaction committed")
	}
	var rows int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&rows); err != nil || rows != 0 {
		t.Fatalf("after the failed transaction: %d rows, %v", rows, err)
	}
}

// Read-only transactions, and those at another isolation level, begin at
// once and as asked; transactions of every kind, with contexts that end,
// alternate on one connection. (lib/pq runs the context watch of the last
// transaction it began again at the end of any later one; for one begun
// late that panicked under load, when the watcher had not yet taken the
// first end: no watch is kept now. That race is not forced here.)
func TestTransactionsOfEveryKindAlternateOnAConnection(t *testing.T) {
	db, _ := openCounted(t)
	const rounds = 60
	for i := range rounds {
		ctx, cancel := context.WithCancel(context.Background())
		opts := []*sql.TxOptions{nil, {ReadOnly: true}, {Isolation: sql.LevelRepeatableRead}}[i%3]
		tx, err := db.BeginTx(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO t VALUES (1)`)
		if opts != nil && opts.ReadOnly {
			if err == nil {
				t.Fatal("a read-only transaction wrote")
			}
			tx.Rollback()
		} else {
			if err != nil {
				t.Fatal(err)
			}
			var level string
			if err := tx.QueryRowContext(ctx, `SHOW transaction_isolation`).Scan(&level); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{true: "repeatable read", false: "read committed"}[opts != nil]; level != want {
				t.Fatalf("isolation %q, want %q", level, want)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		cancel()
	}
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&rows); err != nil || rows != rounds*2/3 {
		t.Fatalf("%d rows, %v; want %d", rows, err, rounds*2/3)
	}
	if _, err := db.BeginTx(canceled(), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("a transaction begun with an ended context: %v", err)
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
