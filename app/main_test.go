package app_test

import (
	"log/slog"
	"testing"

	"github.com/jmoiron/sqlx"

	"hubchat/app"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/static"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newServer builds the real application on a fresh database and returns its
// server; logs go to the returned buffer.
func newServer(t *testing.T) (*app.Server, *apptest.Output) {
	t.Helper()
	url := pgtest.NewURL(t)
	return newServerOn(t, pgtest.Open(t, url), url)
}

// newServerWithClosedDB builds the server on a database pool that is closed,
// as when PostgreSQL has gone away.
func newServerWithClosedDB(t *testing.T) (*app.Server, *apptest.Output) {
	t.Helper()
	url := pgtest.NewURL(t)
	db := pgtest.Open(t, url)
	db.Close()
	return newServerOn(t, db, url)
}

func newServerOn(t *testing.T, db *sqlx.DB, url string) (*app.Server, *apptest.Output) {
	t.Helper()
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(config.Dev, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	logs := &apptest.Output{}
	a, err := app.New(app.Deps{
		Config: cfg, Log: slog.New(slog.NewTextHandler(logs, nil)), DB: db, DatabaseURL: url, Assets: assets, Keys: keys,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.Server, logs
}
