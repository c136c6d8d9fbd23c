package storage

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // registers the "postgres" driver
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
	dsn, err := withSessionSettings(dsn, map[string]time.Duration{
		"statement_timeout":                   p.StatementTimeout,
		"idle_in_transaction_session_timeout": p.IdleInTransactionTimeout,
	})
	if err != nil {
		return nil, err
	}
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
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

// withSessionSettings adds run-time parameters to dsn, in milliseconds, for
// the connection's start-up message (lib/pq passes on every parameter it
// does not use itself). Settings already in dsn win; zero ones are left out.
func withSessionSettings(dsn string, settings map[string]time.Duration) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("open database: DATABASE_URL is not a valid URL")
		}
		q := u.Query()
		for name, d := range settings {
			if d > 0 && q.Get(name) == "" {
				q.Set(name, strconv.FormatInt(d.Milliseconds(), 10))
			}
		}
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	for name, d := range settings {
		if d > 0 && !strings.Contains(dsn, name+"=") {
			dsn += fmt.Sprintf(" %s=%d", name, d.Milliseconds())
		}
	}
	return dsn, nil
}
