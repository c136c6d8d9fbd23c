package app_test

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"
	"time"

	"hubchat/app"
	"hubchat/static"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// logBuffer collects log output written from the server's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newServer builds the real server on a fresh database; logs go to the
// returned buffer.
func newServer(t *testing.T) (*app.Server, *logBuffer) {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	srv := app.New(app.Deps{
		Log:             slog.New(slog.NewTextHandler(logs, nil)),
		DB:              pgtest.NewDB(t),
		Assets:          assets,
		ShutdownTimeout: 10 * time.Second,
	})
	return srv, logs
}

// newServerWithClosedDB builds the server on a database pool that is closed, as
// when PostgreSQL has gone away.
func newServerWithClosedDB(t *testing.T) (*app.Server, *logBuffer) {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := pgtest.Open(t, pgtest.NewURL(t))
	db.Close()
	logs := &logBuffer{}
	return app.New(app.Deps{
		Log: slog.New(slog.NewTextHandler(logs, nil)), DB: db, Assets: assets, ShutdownTimeout: time.Second,
	}), logs
}
