package pgtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"testing"

	"github.com/jmoiron/sqlx"

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
	// The suffix names how the template is built beyond the migrations
	// (w: with the grants of the app's role), so an older build is not reused.
	name := "hubchat_template_" + sum[:15] + "w"
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
	if err := grantToAppRole(ctx, conn, URLFor(tb, building)); err != nil {
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

// AppRole is the role the app's queries run as in tests (AsAppRole): not a
// superuser, not the tables' owner, without BYPASSRLS, so PostgreSQL's
// row-level security between shops (storage's shop wall) holds for it as
// in a deployment that runs the app under a role of its own.
const AppRole = "hubchat_app"

// AsAppRole is url with the session's role set to AppRole at connection
// (a run-time parameter of the start-up message): the pool's queries run
// with AppRole's privileges.
func AsAppRole(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	q.Set("role", AppRole)
	u.RawQuery = q.Encode()
	return u.String()
}

// grantToAppRole creates AppRole on the server unless it exists and gives
// it what the app does with the database at url: reading and writing every
// table and sequence, nothing of their definitions.
func grantToAppRole(ctx context.Context, admin *sqlx.Conn, dbURL string) error {
	if _, err := admin.ExecContext(ctx, fmt.Sprintf(`DO $$ BEGIN
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%[1]s') THEN
			CREATE ROLE %[1]s NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
		END IF; END $$`, AppRole)); err != nil {
		return fmt.Errorf("app role: %w", err)
	}
	db, err := storage.Open(ctx, dbURL, storage.Pool{MaxConns: 1})
	if err != nil {
		return err
	}
	defer db.Close() // a template must have no connections when it is copied
	for _, stmt := range []string{
		`GRANT USAGE ON SCHEMA public TO ` + AppRole,
		`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ` + AppRole,
		`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ` + AppRole,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("app role: %w", err)
		}
	}
	return nil
}
