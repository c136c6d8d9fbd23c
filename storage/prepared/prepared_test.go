package prepared_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"hubchat/storage/pgtest"
	"hubchat/storage/prepared"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open is one connection of a pool made by prepared's connector, so the
// server's view of it (pg_prepared_statements) is the pool's.
func open(t *testing.T) (*sql.Conn, context.Context) {
	t.Helper()
	connector, err := prepared.NewConnector(pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, ctx
}

// preparedOn lists the statements the server keeps prepared for c.
func preparedOn(t *testing.T, ctx context.Context, c *sql.Conn) []string {
	t.Helper()
	rows, err := c.QueryContext(ctx, `SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// A statement with parameters is prepared once on its connection and
// reused: run ten times, the server holds it once and planned it for the
// first runs only (generic_plans counts the runs on its kept plan).
func TestAStatementIsPreparedOnceAConnection(t *testing.T) {
	c, ctx := open(t)
	const query = `SELECT $1::int * 2`
	for i := range 10 {
		var n int
		if err := c.QueryRowContext(ctx, query, i).Scan(&n); err != nil || n != 2*i {
			t.Fatalf("run %d: %d, %v", i, n, err)
		}
	}
	if _, err := c.ExecContext(ctx, `SELECT $1::int`, 1); err != nil {
		t.Fatal(err)
	}
	got := preparedOn(t, ctx, c)
	if len(got) != 2 || got[0] != query {
		t.Fatalf("prepared on the connection: %q, want the query then the exec", got)
	}
	var generic int
	if err := c.QueryRowContext(ctx, `SELECT generic_plans FROM pg_prepared_statements WHERE statement = $1::text `+prepared.NoPrepare, query).Scan(&generic); err != nil {
		t.Fatal(err)
	}
	if generic == 0 {
		t.Fatal("the statement was planned at every run")
	}
}

// Statements without parameters (which may hold several commands) and
// those marked NoPrepare run unprepared.
func TestStatementsWithoutParametersOrMarkedAreNotKept(t *testing.T) {
	c, ctx := open(t)
	if _, err := c.ExecContext(ctx, `SELECT 1; SELECT 2`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.QueryRowContext(ctx, `SELECT $1::int `+prepared.NoPrepare, 3).Scan(&n); err != nil || n != 3 {
		t.Fatalf("marked: %d, %v", n, err)
	}
	if got := preparedOn(t, ctx, c); len(got) != 0 {
		t.Fatalf("prepared: %q, want none", got)
	}
}

// A connection keeps at most prepared.Size statements: the least recently
// used are closed once it is handed out again.
func TestAConnectionKeepsABoundedNumberOfStatements(t *testing.T) {
	connector, err := prepared.NewConnector(pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	first := `SELECT $1::int AS first`
	for i := range prepared.Size + 10 {
		q := first
		if i > 0 {
			q = fmt.Sprintf(`SELECT $1::int + %d`, i)
		}
		if _, err := db.ExecContext(ctx, q, i); err != nil {
			t.Fatal(err)
		}
	}
	var kept int
	var firstKept bool
	if err := db.QueryRowContext(ctx, `SELECT count(*), bool_or(statement = $1::text) FROM pg_prepared_statements `+prepared.NoPrepare, first).
		Scan(&kept, &firstKept); err != nil {
		t.Fatal(err)
	}
	if kept != prepared.Size || firstKept {
		t.Fatalf("kept %d statements (the first among them: %v), want %d without the first", kept, firstKept, prepared.Size)
	}
}

// A table that changes shape under a kept statement fails that run (the
// server refuses the kept plan) and the next run prepares it anew.
func TestAStatementIsPreparedAnewAfterItsTableChanges(t *testing.T) {
	c, ctx := open(t)
	if _, err := c.ExecContext(ctx, `CREATE TABLE shapes (id int, a text); INSERT INTO shapes VALUES (1, 'x')`); err != nil {
		t.Fatal(err)
	}
	const query = `SELECT * FROM shapes WHERE id = $1`
	cols := func() ([]string, error) {
		rows, err := c.QueryContext(ctx, query, 1)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return rows.Columns()
	}
	if _, err := cols(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, `ALTER TABLE shapes ADD COLUMN b text`); err != nil {
		t.Fatal(err)
	}
	if _, err := cols(); err == nil || !strings.Contains(err.Error(), "cached plan") {
		t.Fatalf("the run after the change: %v, want the server's refusal of the kept plan", err)
	}
	got, err := cols()
	if err != nil || strings.Join(got, ",") != "id,a,b" {
		t.Fatalf("the run after: %q, %v; want id,a,b", got, err)
	}
}
