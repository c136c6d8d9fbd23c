package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/prepared"
)

// Pool shapes the connections Open makes.
type Pool struct {
	MaxConns int
	// StatementTimeout and IdleInTransactionTimeout are set on every
	// connection as PostgreSQL's statement_timeout and
	// idle_in_transaction_session_timeout, so the server itself ends a
	// statement, or frees a connection left idle inside a transaction, that
	// outlives them; 0 leaves the server's setting.
	StatementTimeout         time.Duration
	IdleInTransactionTimeout time.Duration
}

// Open connects to PostgreSQL at dsn with the pool's settings and waits up
// to 10 s for the server to answer, so a database that is still starting
// does not fail start-up.
func Open(ctx context.Context, dsn string, p Pool) (*sqlx.DB, error) {
	dsn, err := withSessionSettings(dsn, map[string]string{
		"statement_timeout":                   milliseconds(p.StatementTimeout),
		"idle_in_transaction_session_timeout": milliseconds(p.IdleInTransactionTimeout),
		// The app's statements are short lookups, but the planner cannot
		// size a prefix search and may cost one in the millions: JIT would
		// then compile for seconds (4 of the 5.5 s an inbox search took on
		// the 1,000,000-ticket shop) to run a query of 100 ms.
		"jit": "off",
		// Nor start parallel workers for them: starting the processes
		// took longer than the searches they were to share (an inbox
		// search at 1,000,000 tickets ran 10 ms alone, 430 ms with them,
		// on a busy two-core machine).
		"max_parallel_workers_per_gather": "0",
		// A statement kept prepared on a connection (package prepared)
		// is planned once there, for any values: by default PostgreSQL
		// plans its first five runs for their values, and twenty
		// shoppers asking the AI agent at once spread those runs over
		// twenty connections, so nearly every run was planned (the
		// answer's read of its conversation, 4 tables under row-level
		// security, planned in 1.2 ms to run in 0.05). A statement whose
		// best plan depends on its values is marked prepared.NoPrepare.
		"plan_cache_mode": "force_generic_plan",
		// lib/pq's own option (not sent to the server): a statement with
		// parameters is sent as one message (parse, bind, execute) and
		// answered in one round trip, instead of a prepare answered
		// first, then the execution: half the round trips of every
		// transaction, which wait on each other (docs/BENCHMARKS.md).
		// []byte parameters then go in binary format, which the app
		// passes only to bytea columns.
		"binary_parameters": "yes",
	})
	if err != nil {
		return nil, err
	}
	connector, err := prepared.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := sqlx.NewDb(sql.OpenDB(connector), "postgres")
	db.SetMaxOpenConns(p.MaxConns)
	db.SetMaxIdleConns(p.MaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)

	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		err = db.PingContext(ctx)
		if err == nil {
			return db, nil
		}
		select {
		case <-ctx.Done():
			db.Close()
			return nil, fmt.Errorf("database not reachable: %w", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// milliseconds is d as a setting's value, "" (left out) for 0.
func milliseconds(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return strconv.FormatInt(d.Milliseconds(), 10)
}

// withSessionSettings adds run-time parameters to dsn for the connection's
// start-up message (lib/pq passes on every parameter it does not use
// itself). Settings already in dsn win; empty ones are left out.
func withSessionSettings(dsn string, settings map[string]string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("open database: DATABASE_URL is not a valid URL")
		}
		q := u.Query()
		for name, v := range settings {
			if v != "" && q.Get(name) == "" {
				q.Set(name, v)
			}
		}
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	for name, v := range settings {
		if v != "" && !strings.Contains(dsn, name+"=") {
			dsn += fmt.Sprintf(" %s=%s", name, v)
		}
	}
	return dsn, nil
}
