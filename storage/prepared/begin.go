package prepared

import (
	"context"
	"database/sql/driver"
)

// A transaction's BEGIN goes with its first statement. lib/pq sends BEGIN
// as a round trip of its own; on this app's transactions of four to eight
// statements, each round trip a wait for a machine the app and PostgreSQL
// share, that is an eighth to a quarter of the waiting. BeginTx here sends
// nothing: the transaction's first statement, when it has no parameters
// (the simple protocol, which takes several commands in one string), goes
// as "BEGIN; <statement>", one round trip; one with parameters is preceded
// by lib/pq's own BEGIN, as before. A transaction that ran nothing commits
// or rolls back without a word to the server.
//
// Only transactions at the server's defaults begin late; one with an
// isolation level or read-only begins at once, through lib/pq.
//
// lib/pq keeps the watch it starts on a transaction's context at BeginTx
// and runs it at every later Commit or Rollback of the connection, also at
// those of a transaction begun here without a BeginTx, where a watch that
// has run panics. So every BEGIN through lib/pq goes without a context to
// watch (context.Background: no watch kept): each statement's own context
// still cancels it, and database/sql rolls back a transaction whose
// context ends.

// BeginTx begins a transaction at the server's defaults lazily (see
// above), any other at once.
func (c *conn) BeginTx(_ context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.Isolation != 0 || opts.ReadOnly {
		return c.pqConn.BeginTx(context.Background(), opts)
	}
	c.beginPending = true
	return &lateTx{c: c}, nil
}

// lateTx is a transaction whose BEGIN is sent with its first statement.
type lateTx struct{ c *conn }

func (t *lateTx) Commit() error   { return t.end(driver.Tx.Commit) }
func (t *lateTx) Rollback() error { return t.end(driver.Tx.Rollback) }

// end commits or rolls back through lib/pq once the BEGIN went to the
// server; before that there is nothing to end.
func (t *lateTx) end(how func(driver.Tx) error) error {
	if t.c.beginPending {
		t.c.beginPending = false
		return nil
	}
	return how(t.c.pqConn)
}

// begin sends a pending BEGIN before a statement: it returns the query to
// send, with the BEGIN in front when the statement has no parameters, or
// after lib/pq has sent the BEGIN alone.
func (c *conn) begin(query string, args []driver.NamedValue) (string, error) {
	if !c.beginPending {
		return query, nil
	}
	c.beginPending = false
	if len(args) == 0 {
		return "BEGIN; " + query, nil
	}
	_, err := c.pqConn.BeginTx(context.Background(), driver.TxOptions{})
	return query, err
}

// PrepareContext sends a pending BEGIN first: a statement prepared in a
// transaction runs in it, by itself, not through QueryContext or
// ExecContext.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if c.beginPending {
		c.beginPending = false
		if _, err := c.pqConn.BeginTx(context.Background(), driver.TxOptions{}); err != nil {
			return nil, err
		}
	}
	return c.pqConn.PrepareContext(ctx, query)
}
