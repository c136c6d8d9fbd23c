package pgtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"hubchat/storage"
)

// templateLockID serialises template creation between the test processes of
// one run, which all start at once.
const templateLockID = 72_11_0002

// ensureTemplate returns the name of a database holding the migrated schema,
// building it when the migrations changed. It is built under another name and
// renamed when complete, so a crash halfway never leaves a broken template.
func ensureTemplate(tb testing.TB) (string, error) {
	sum, err := storage.MigrationsChecksum(storage.Migrations())
	if err != nil {
		return "", err
	}
	name := "hubchat_template_" + sum[:16]
	ctx := context.Background()
	admin := Open(tb, URLFor(tb, "postgres"))
	conn, err := admin.Connx(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, templateLockID); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, templateLockID)

	var exists bool
	if err := conn.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	for _, stmt := range []string{
		fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, building),
		fmt.Sprintf(`CREATE DATABASE %s TEMPLATE template0`, building),
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return "", err
		}
	}
	if err := migrateInto(ctx, URLFor(tb, building)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, building, name)); err != nil {
		return "", err
	}
	return name, nil
}

func migrateInto(ctx context.Context, url string) error {
	db, err := storage.Open(ctx, url, storage.Pool{MaxConns: 2})
	if err != nil {
		return err
	}
	defer db.Close() // a template must have no connections when it is copied
	return storage.Migrate(ctx, db, storage.Migrations(), slog.New(slog.NewTextHandler(io.Discard, nil)))
}
