package benchdata

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// Conn is one connection (a *sql.Conn or *sqlx.Conn): the session settings
// made first hold for every step after them.
type Conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// A Fill puts one shop's rows into the tables, one set-based statement per
// table.
type Fill struct {
	name  string
	steps []step
}

type step struct {
	what  string
	query string
	args  []any
}

// filledTables are the tables the fills write. Their secondary indexes and
// foreign keys are set aside while they are filled: maintaining a GIN index
// row by row, and checking (and share-locking) the referenced row of every
// one of 8,000,000 rows, was most of the half hour the loads took.
var filledTables = []string{"profiles", "conversations", "messages", "product_clicks", "orders", "order_attributions"}

// Bulk runs the fills on conn, on a database of their own (it changes the
// schema while it runs): it drops the filled tables' indexes that back no
// constraint and their foreign keys, runs the fills, vacuums the tables
// (each page's visibility, as a live database's autovacuum would have it),
// builds the indexes again from their definitions, adds the foreign keys
// back (each checked over all rows in one pass), and analyzes. The schema
// afterwards is the one it found. The triggers stay on: the conversations'
// AI status is set row by row and the dashboard's counts once per
// statement, by the migrations' own functions. logf, if not nil, hears how
// long each step took.
//
// On an error the indexes and keys may be left dropped: the database is to
// be made again.
func Bulk(ctx context.Context, conn Conn, logf func(string, ...any), fills ...Fill) error {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	// No statement timeout (the steps take minutes, far past a pool's
	// per-statement limit); no flush waited for at each commit (a crash
	// makes the database again anyway); memory for the index builds.
	for _, set := range []string{`SET statement_timeout = 0`, `SET synchronous_commit = off`, `SET maintenance_work_mem = '512MB'`} {
		if _, err := conn.ExecContext(ctx, set); err != nil {
			return err
		}
	}
	aside, err := setAside(ctx, conn)
	if err != nil {
		return err
	}
	for _, f := range fills {
		for _, s := range f.steps {
			if err := timed(ctx, conn, logf, f.name+": "+s.what, s.query, s.args...); err != nil {
				return fmt.Errorf("%s: %s: %w", f.name, s.what, err)
			}
		}
	}
	for _, t := range filledTables {
		if err := timed(ctx, conn, logf, "vacuum "+t, `VACUUM `+pq.QuoteIdentifier(t)); err != nil {
			return err
		}
	}
	for _, a := range aside {
		if err := timed(ctx, conn, logf, a.name, a.restore); err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
	}
	return timed(ctx, conn, logf, "analyze", `ANALYZE`)
}

// timed runs one statement and reports how long it took.
func timed(ctx context.Context, conn Conn, logf func(string, ...any), what, query string, args ...any) error {
	start := time.Now()
	if _, err := conn.ExecContext(ctx, query, args...); err != nil {
		return err
	}
	logf("%s: %s", what, time.Since(start).Round(10*time.Millisecond))
	return nil
}

// setAsideObject is an index or foreign key dropped for the fills, and the
// statement that makes it again.
type setAsideObject struct {
	name, drop, restore string
}

// setAside drops the filled tables' indexes that back no constraint (a
// primary key or UNIQUE constraint stays: the fills' own joins use them)
// and their foreign keys, and returns how to make each again: indexes
// first, so that the keys' checks can use them.
func setAside(ctx context.Context, conn Conn) ([]setAsideObject, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT 1 AS kind, format('index %s', i.indexrelid::regclass), format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
		FROM pg_index i
		WHERE i.indrelid = ANY ($1::regclass[])
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
		UNION ALL
		SELECT 2, format('foreign key %s', k.conname),
			format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
			format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
		FROM pg_constraint k
		WHERE k.contype = 'f' AND k.conrelid = ANY ($1::regclass[])
		ORDER BY 1, 2`, pq.Array(filledTables))
	if err != nil {
		return nil, fmt.Errorf("indexes and keys to set aside: %w", err)
	}
	var aside []setAsideObject
	for rows.Next() {
		var a setAsideObject
		var kind int
		if err := rows.Scan(&kind, &a.name, &a.drop, &a.restore); err != nil {
			rows.Close()
			return nil, err
		}
		aside = append(aside, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, a := range aside {
		if _, err := conn.ExecContext(ctx, a.drop); err != nil {
			return nil, fmt.Errorf("set aside %s: %w", a.name, err)
		}
	}
	return aside, nil
}
