package app_test

import (
	"log/slog"
	"testing"
	"time"

	"hubchat/app"
	"hubchat/app/apptest"
	"hubchat/static"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newServer builds the real server on a fresh database; logs go to the
// returned buffer.
func newServer(t *testing.T) (*app.Server, *apptest.Output) {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	logs := &apptest.Output{}
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
func newServerWithClosedDB(t *testing.T) (*app.Server, *apptest.Output) {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := pgtest.Open(t, pgtest.NewURL(t))
	db.Close()
	logs := &apptest.Output{}
	return app.New(app.Deps{
		Log: slog.New(slog.NewTextHandler(logs, nil)), DB: db, Assets: assets, ShutdownTimeout: time.Second,
	}), logs
}
