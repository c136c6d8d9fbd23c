package storage_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// The app may serve as a role that owns nothing (the shop wall's
// deployment): at start it applies the migrations, which, once the owner
// has applied them all, must find nothing to do and need no privilege to
// create anything.
func TestMigrateWithNothingPendingNeedsNoOwner(t *testing.T) {
	t.Parallel()
	url := pgtest.NewURL(t)
	app := pgtest.Open(t, pgtest.AsAppRole(url))
	if err := storage.Migrate(context.Background(), app, storage.Migrations(), slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatalf("migrate as the app's role with every migration applied: %v", err)
	}
}
