// Package prepared is lib/pq's driver with each pooled connection keeping
// the statements it runs prepared, so PostgreSQL parses and plans a
// statement once a connection, not at every execution.
//
// Sent unprepared, every statement with parameters is parsed, analysed and
// planned by the server each time it runs: in the chat scenario of the
// load tool, planning alone was a third of PostgreSQL's time in the app's
// statements (docs/BENCHMARKS.md), on a machine where the app, its clients
// and the database share two cores. A statement prepared on a connection
// is parsed once; after its first five runs PostgreSQL keeps one generic
// plan for it when that plan costs no more than the ones made for the
// given values (the app's pool asks for the generic plan from the first
// run: storage.Open).
//
// Only statements with parameters are kept (those without go by the simple
// protocol, which allows several commands in one string); at most Size a
// connection, the least recently used closed when the connection is next
// handed out. A statement containing NoPrepare runs unprepared, planned for
// its values every time: for queries whose best plan depends on them.
//
// A transaction's statements wait on each other's round trips, so its
// BEGIN goes with its first statement too, not in a round trip of its own
// (begin.go).
package prepared

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"strings"

	"github.com/lib/pq"
)

// NoPrepare, anywhere in a statement (as an SQL comment), keeps it from
// being prepared.
const NoPrepare = "/* planned for its values */"

// Size is how many statements a connection keeps prepared. The app runs
// fewer distinct statements with parameters than this on its hot paths.
const Size = 256

// NewConnector is a connector to the PostgreSQL at dsn (lib/pq's form)
// whose connections keep their statements prepared.
func NewConnector(dsn string) (driver.Connector, error) {
	base, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return &connector{base: base, size: Size}, nil
}

type connector struct {
	base driver.Connector
	size int
}

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	cn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := cn.(pqConn)
	if !ok {
		cn.Close()
		return nil, errors.New("prepared: lib/pq's connection lacks an interface it had")
	}
	return &conn{pqConn: pc, kept: newKept(c.size)}, nil
}

func (c *connector) Driver() driver.Driver { return c.base.Driver() }

// pqConn is what lib/pq's connection does, all passed on as it is but for
// statements with parameters.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Tx // lib/pq's connection is its own transaction
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// conn is one pooled connection with its kept statements. database/sql
// uses a connection from one goroutine at a time, so kept needs no lock.
type conn struct {
	pqConn
	kept *kept
	// beginPending says a transaction has begun whose BEGIN is not sent
	// yet (begin.go).
	beginPending bool
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	query, err := c.begin(query, args)
	if err != nil {
		return nil, err
	}
	if !preparable(query, args) {
		return c.pqConn.QueryContext(ctx, query, args)
	}
	st, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	c.forgetIfStale(query, err)
	return rows, err
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	query, err := c.begin(query, args)
	if err != nil {
		return nil, err
	}
	if !preparable(query, args) {
		return c.pqConn.ExecContext(ctx, query, args)
	}
	st, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := st.(driver.StmtExecContext).ExecContext(ctx, args)
	c.forgetIfStale(query, err)
	return res, err
}

// ResetSession closes the statements pushed out of the connection's kept
// ones, now that it is between uses (outside any transaction), then lets
// lib/pq check the connection.
func (c *conn) ResetSession(ctx context.Context) error {
	for _, st := range c.kept.dropped {
		if err := st.Close(); err != nil {
			return driver.ErrBadConn // its state is unknown: a new connection replaces it
		}
	}
	c.kept.dropped = nil
	return c.pqConn.ResetSession(ctx)
}

// preparable reports whether query is kept prepared: one with parameters
// (a single statement, as the extended protocol requires) not marked
// NoPrepare.
func preparable(query string, args []driver.NamedValue) bool {
	return len(args) > 0 && !strings.Contains(query, NoPrepare)
}

// statement returns query's statement prepared on c, preparing it the first
// time (one round trip more, once a connection).
func (c *conn) statement(ctx context.Context, query string) (driver.Stmt, error) {
	if st, ok := c.kept.get(query); ok {
		return st, nil
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.kept.add(query, st)
	return st, nil
}

// forgetIfStale drops query's statement when the server refused its kept
// plan because a table it reads changed shape (a migration while the app
// runs): the next run prepares it anew.
func (c *conn) forgetIfStale(query string, err error) {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "0A000" && strings.Contains(pqErr.Message, "cached plan") {
		c.kept.drop(query)
	}
}

// kept is a connection's prepared statements by query, the most recently
// used first; dropped are those pushed out, to close between uses.
type kept struct {
	size    int
	byQuery map[string]*list.Element
	order   *list.List // of *entry
	dropped []driver.Stmt
}

type entry struct {
	query string
	st    driver.Stmt
}

func newKept(size int) *kept {
	return &kept{size: size, byQuery: map[string]*list.Element{}, order: list.New()}
}

func (k *kept) get(query string) (driver.Stmt, bool) {
	e, ok := k.byQuery[query]
	if !ok {
		return nil, false
	}
	k.order.MoveToFront(e)
	return e.Value.(*entry).st, true
}

func (k *kept) add(query string, st driver.Stmt) {
	k.byQuery[query] = k.order.PushFront(&entry{query: query, st: st})
	if k.order.Len() > k.size {
		k.drop(k.order.Back().Value.(*entry).query)
	}
}

func (k *kept) drop(query string) {
	e, ok := k.byQuery[query]
	if !ok {
		return
	}
	k.order.Remove(e)
	delete(k.byQuery, query)
	k.dropped = append(k.dropped, e.Value.(*entry).st)
}
