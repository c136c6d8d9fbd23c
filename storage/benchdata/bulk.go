package benchdata

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
)

// A Fill puts one shop's rows into the tables, one set-based statement per
// table: first, in order, the rows that others are made from (the rows
// made from them read their ids, so these are written one shop after the
// other, as they always were); then its messages, which nothing is made
// from, written beside the other shops' messages.
type Fill struct {
	name     string
	ordered  []statement
	messages statement
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

// restoreWorkers is how many connections vacuum the messages, build their
// indexes and analyze at once: the messages' full-text index, the longest
// build by far, on one while the others are built on the other.
const restoreWorkers = 2

// Bulk runs the fills on a database of their own (it changes the schema
// while it runs). It drops the filled tables' indexes that back no
// constraint and their foreign keys; writes the fills (writeFills: each
// shop's rows as they always were, several shops' messages at once) while
// another connection, once only messages are left to write, vacuums the
// other tables and builds their indexes again from their definitions; then
// vacuums the messages and builds theirs; adds the foreign keys back (each
// checked over all rows in one pass); and vacuums and analyzes. The schema
// afterwards is the one it found. The triggers stay on: the conversations'
// AI status is set row by row, the dashboard's counts and sums once per
// statement, by the migrations' own functions (the counts then folded). logf, if not nil, hears how
// long each step took.
//
// On an error the indexes and keys may be left dropped: the database is to
// be made again.
func Bulk(ctx context.Context, db *sqlx.DB, logf func(string, ...any), fills ...Fill) error {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	messagesIndexes, otherIndexes, keys, err := setAside(ctx, db)
	if err != nil {
		return err
	}
	// Once the ordered rows are written, the other tables are vacuumed
	// (each page's visibility, as a live database's autovacuum would have
	// it) and their indexes built, while the messages are written: nothing
	// writes those tables any more.
	var others, analyzes []statement
	for _, t := range filledTables[1:] { // all but the messages, listed first
		others = append(others, statement{what: "vacuum " + t, query: `VACUUM ` + pq.QuoteIdentifier(t)})
	}
	others = append(others, otherIndexes...)
	if err := writeFills(ctx, db, logf, fills, others); err != nil {
		return err
	}
	// The counts' changes the triggers appended, into the counts, as the
	// periodic fold of a live database would have them.
	if _, err := storage.NewDashboard(db).Fold(ctx); err != nil {
		return err
	}
	for _, t := range filledTables {
		analyzes = append(analyzes, statement{what: "analyze " + t, query: `ANALYZE ` + pq.QuoteIdentifier(t)})
	}
	// The tables the triggers wrote (the dashboard's counts and sums) and
	// the rest, all small: vacuumed and analyzed as a live database's
	// autovacuum would have them.
	var rest []string
	if err := db.SelectContext(ctx, &rest, `SELECT quote_ident(tablename) FROM pg_tables
		WHERE schemaname = current_schema() AND tablename <> ALL ($1::text[]) ORDER BY 1`, pq.Array(filledTables)); err != nil {
		return err
	}
	for _, t := range rest {
		analyzes = append(analyzes, statement{what: "vacuum analyze " + t, query: `VACUUM ANALYZE ` + t})
	}
	for _, phase := range []struct {
		workers int
		stmts   []statement
	}{
		{restoreWorkers, append([]statement{{what: "vacuum messages", query: `VACUUM messages`}}, messagesIndexes...)},
		// The keys one at a time: each locks the shops (every table
		// references them), so they would wait for each other anyway.
		{1, keys},
		{restoreWorkers, analyzes},
	} {
		if err := inParallel(ctx, db, logf, phase.workers, phase.stmts); err != nil {
			return err
		}
	}
	return nil
}

// writeFills writes the fills as a pipeline, each on a connection of its
// own: a fill's ordered rows once the fill before it has written its own
// (so that every id comes out as when the fills ran one after the other),
// then its messages, beside the next fill's rows. Once every fill's
// ordered rows are written, others run on one more connection beside the
// messages. It returns the first error, after which the others stop.
func writeFills(ctx context.Context, db *sqlx.DB, logf func(string, ...any), fills []Fill, others []statement) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(fills)+1)
	var wg sync.WaitGroup
	run := func(after <-chan struct{}, stmts []statement, then func()) error {
		select {
		case <-after:
		case <-ctx.Done():
			return ctx.Err()
		}
		err := inParallel(ctx, db, logf, 1, stmts)
		if err == nil && then != nil {
			then()
		}
		return err
	}
	ready := make(chan struct{})
	close(ready)
	for _, f := range fills {
		after, written := ready, make(chan struct{})
		ready = written
		var ordered []statement
		for _, s := range f.ordered {
			ordered = append(ordered, s.prefixed(f.name))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := run(after, ordered, func() { close(written) })
			if err == nil {
				err = inParallel(ctx, db, logf, 1, []statement{f.messages.prefixed(f.name)})
			}
			if err != nil {
				cancel()
			}
			errs <- err
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		err := run(ready, others, nil)
		if err != nil {
			cancel()
		}
		errs <- err
	}()
	wg.Wait()
	close(errs)
	var first error
	for err := range errs {
		if err != nil && (first == nil || errors.Is(first, context.Canceled)) {
			first = err
		}
	}
	return first
}

func (s statement) prefixed(name string) statement {
	s.what = name + ": " + s.what
	return s
}

// loadConn is a connection for the load's statements: no statement timeout
// (they take minutes, far past a pool's per-statement limit), no flush
// waited for at each commit (a crash makes the database again anyway), and
// memory for the index builds and for the foreign keys' checks (each one
// join of two whole tables, which a hash in memory does in one pass).
func loadConn(ctx context.Context, db *sqlx.DB) (*sqlx.Conn, error) {
	conn, err := db.Connx(ctx)
	if err != nil {
		return nil, err
	}
	for _, set := range []string{`SET statement_timeout = 0`, `SET synchronous_commit = off`,
		`SET maintenance_work_mem = '512MB'`, `SET work_mem = '128MB'`} {
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
// the messages' indexes and the other tables', each GIN ones first and
// then by their table's size, largest first, so that the longest builds
// start first; and the keys.
func setAside(ctx context.Context, db *sqlx.DB) (messagesIndexes, otherIndexes, keys []statement, err error) {
	var rows []struct {
		Index   bool   `db:"is_index"`
		Table   string `db:"table_name"`
		Name    string `db:"name"`
		Drop    string `db:"drop"`
		Restore string `db:"restore"`
	}
	err = db.SelectContext(ctx, &rows, `
		SELECT is_index, table_name, name, drop, restore FROM (
		SELECT true AS is_index, i.indrelid::regclass::text AS table_name, format('index %s', i.indexrelid::regclass) AS name,
			format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS restore,
			a.amname = 'gin' AS gin, array_position($1::text[], i.indrelid::regclass::text) AS table_order
		FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
		WHERE i.indrelid = ANY ($1::regclass[])
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
		UNION ALL
		SELECT false, k.conrelid::regclass::text, format('foreign key %s', k.conname),
			format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
			format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid)),
			false, 0
		FROM pg_constraint k
		WHERE k.contype = 'f' AND k.conrelid = ANY ($1::regclass[])
		) aside ORDER BY is_index DESC, gin DESC, table_order, name`, pq.Array(filledTables))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("indexes and keys to set aside: %w", err)
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, r.Drop); err != nil {
			return nil, nil, nil, fmt.Errorf("set aside %s: %w", r.Name, err)
		}
		s := statement{what: r.Name, query: r.Restore}
		switch {
		case !r.Index:
			keys = append(keys, s)
		case r.Table == "messages":
			messagesIndexes = append(messagesIndexes, s)
		default:
			otherIndexes = append(otherIndexes, s)
		}
	}
	return messagesIndexes, otherIndexes, keys, nil
}
