package benchdata

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// A Fill puts one shop's rows into the tables, one set-based statement per
// table.
type Fill struct {
	name  string
	steps []statement
}

// statement is one step of a load: what it does, in words, and its SQL.
type statement struct {
	what  string
	query string
	args  []any
}

// filledTables are the tables the fills write. Their secondary indexes and
// foreign keys are set aside while they are filled: maintaining a GIN index
// row by row, and checking (and share-locking) the referenced row of every
// one of 8,000,000 rows, was most of the half hour the loads took. They
// are listed from the largest to the smallest, as the fills make them.
var filledTables = []string{"messages", "conversations", "profiles", "product_clicks", "orders", "order_attributions"}

// restoreWorkers is how many connections vacuum, build the indexes and
// analyze at once: the messages' full-text index, the longest build by
// far, on one while the others are built on the other.
const restoreWorkers = 2

// Bulk runs the fills on a database of their own (it changes the schema
// while it runs): it drops the filled tables' indexes that back no
// constraint and their foreign keys, runs the fills one after the other on
// one connection (each table's rows stored in the order they were before),
// vacuums the tables (each page's visibility, as a live database's
// autovacuum would have it), builds the indexes again from their
// definitions, adds the foreign keys back (each checked over all rows in
// one pass), and analyzes. The schema afterwards is the one it found. The
// triggers stay on: the conversations' AI status is set row by row and the
// dashboard's counts once per statement, by the migrations' own functions.
// logf, if not nil, hears how long each step took.
//
// On an error the indexes and keys may be left dropped: the database is to
// be made again.
func Bulk(ctx context.Context, db *sqlx.DB, logf func(string, ...any), fills ...Fill) error {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	indexes, keys, err := setAside(ctx, db)
	if err != nil {
		return err
	}
	var fill, vacuums, analyzes []statement
	for _, f := range fills {
		for _, s := range f.steps {
			fill = append(fill, s.prefixed(f.name))
		}
	}
	for _, t := range filledTables {
		vacuums = append(vacuums, statement{what: "vacuum " + t, query: `VACUUM ` + pq.QuoteIdentifier(t)})
		analyzes = append(analyzes, statement{what: "analyze " + t, query: `ANALYZE ` + pq.QuoteIdentifier(t)})
	}
	for _, phase := range []struct {
		workers int
		stmts   []statement
	}{
		// The fills in order, on one connection: each table's rows are
		// stored in the order they always were.
		{1, fill},
		{restoreWorkers, vacuums},
		{restoreWorkers, indexes},
		// The keys one at a time: adding one locks both its tables.
		{1, keys},
		{restoreWorkers, analyzes},
	} {
		if err := inParallel(ctx, db, logf, phase.workers, phase.stmts); err != nil {
			return err
		}
	}
	return nil
}

func (s statement) prefixed(name string) statement {
	s.what = name + ": " + s.what
	return s
}

// loadConn is a connection for the load's statements: no statement timeout
// (they take minutes, far past a pool's per-statement limit), no flush
// waited for at each commit (a crash makes the database again anyway), and
// memory for the index builds.
func loadConn(ctx context.Context, db *sqlx.DB) (*sqlx.Conn, error) {
	conn, err := db.Connx(ctx)
	if err != nil {
		return nil, err
	}
	for _, set := range []string{`SET statement_timeout = 0`, `SET synchronous_commit = off`, `SET maintenance_work_mem = '512MB'`} {
		if _, err := conn.ExecContext(ctx, set); err != nil {
			conn.Close()
			return nil, err
		}
	}
	return conn, nil
}

// timed runs one statement and reports how long it took.
func timed(ctx context.Context, conn *sqlx.Conn, logf func(string, ...any), s statement) error {
	start := time.Now()
	if _, err := conn.ExecContext(ctx, s.query, s.args...); err != nil {
		return fmt.Errorf("%s: %w", s.what, err)
	}
	logf("%s: %s", s.what, time.Since(start).Round(10*time.Millisecond))
	return nil
}

// inParallel runs the statements on workers connections, each taking the
// next statement of the list when it is done with one, and returns the
// first error (the others stop taking statements). A pool of fewer
// connections runs them on as many as it has.
func inParallel(ctx context.Context, db *sqlx.DB, logf func(string, ...any), workers int, stmts []statement) error {
	next := make(chan statement, len(stmts))
	for _, s := range stmts {
		next <- s
	}
	close(next)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	fail := func(err error) {
		once.Do(func() { first = err; cancel() })
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := loadConn(ctx, db)
			if err != nil {
				fail(err)
				return
			}
			defer conn.Close()
			for s := range next {
				if ctx.Err() != nil {
					return
				}
				if err := timed(ctx, conn, logf, s); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// setAside drops the filled tables' indexes that back no constraint (a
// primary key or UNIQUE constraint stays: the fills' own joins use them)
// and their foreign keys, and returns the statements that make them again:
// the indexes, GIN ones first and then by their table's size, largest
// first, so that the longest builds start first; and the keys.
func setAside(ctx context.Context, db *sqlx.DB) (indexes, keys []statement, err error) {
	var rows []struct {
		Index   bool   `db:"is_index"`
		Name    string `db:"name"`
		Drop    string `db:"drop"`
		Restore string `db:"restore"`
	}
	err = db.SelectContext(ctx, &rows, `
		SELECT is_index, name, drop, restore FROM (
		SELECT true AS is_index, format('index %s', i.indexrelid::regclass) AS name,
			format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS restore,
			a.amname = 'gin' AS gin, array_position($1::text[], i.indrelid::regclass::text) AS table_order
		FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
		WHERE i.indrelid = ANY ($1::regclass[])
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
		UNION ALL
		SELECT false, format('foreign key %s', k.conname),
			format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
			format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid)),
			false, 0
		FROM pg_constraint k
		WHERE k.contype = 'f' AND k.conrelid = ANY ($1::regclass[])
		) aside ORDER BY is_index DESC, gin DESC, table_order, name`, pq.Array(filledTables))
	if err != nil {
		return nil, nil, fmt.Errorf("indexes and keys to set aside: %w", err)
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, r.Drop); err != nil {
			return nil, nil, fmt.Errorf("set aside %s: %w", r.Name, err)
		}
		s := statement{what: r.Name, query: r.Restore}
		if r.Index {
			indexes = append(indexes, s)
		} else {
			keys = append(keys, s)
		}
	}
	return indexes, keys, nil
}
