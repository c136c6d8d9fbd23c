package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A database that cannot be reached is told apart from our own failures,
// so the API can answer "try again" instead of "something went wrong".
func TestUnreachableTellsADatabaseThatIsAwayFromOtherFailures(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// A port nothing listens on: the dial is refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	refused, err := sql.Open("postgres", fmt.Sprintf("postgres://nobody@127.0.0.1:%d/none?sslmode=disable&connect_timeout=2", port))
	if err != nil {
		t.Fatal(err)
	}
	defer refused.Close()
	pingErr := refused.PingContext(ctx)
	if pingErr == nil || !storage.Unreachable(pingErr) {
		t.Fatalf("refused connection: Unreachable(%v) = false", pingErr)
	}

	// A connection the server ends (as a restart does) while it is held.
	db := pgtest.NewDB(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pid int
	if err := conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	_, cutErr := conn.ExecContext(ctx, `SELECT 1`)
	if cutErr == nil || !storage.Unreachable(cutErr) {
		t.Fatalf("terminated connection: Unreachable(%v) = false", cutErr)
	}

	// Our own mistakes and the data's answers are not "away".
	_, syntaxErr := db.ExecContext(ctx, `SELEC 1`)
	for _, err := range []error{syntaxErr, storage.ErrNotFound, storage.ErrConflict, errors.New("boom"), nil,
		&pq.Error{Code: "23505"}, context.DeadlineExceeded} {
		if storage.Unreachable(err) {
			t.Errorf("Unreachable(%v) = true", err)
		}
	}
	if !storage.Unreachable(fmt.Errorf("load: %w", &pq.Error{Code: "57P03"})) {
		t.Error("cannot_connect_now (starting up) is not unreachable")
	}
}
