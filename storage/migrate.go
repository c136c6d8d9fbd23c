package storage

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"
	"sort"
	"strconv"

	"github.com/jmoiron/sqlx"
)

// Migrations are hubchat's schema changes, applied in order by Migrate.
//
//go:embed migrations/*.sql
var embedded embed.FS

// Migrations returns the embedded migration files, at the root of the FS.
func Migrations() fs.FS {
	sub, err := fs.Sub(embedded, "migrations")
	if err != nil {
		panic(err) // the directory is embedded at build time; it cannot be missing
	}
	return sub
}

// migrationName is "0001_create_shops.sql": a 4-digit version, then a name.
var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

// migrateLockID is the advisory lock that keeps two instances starting at once
// from applying the same migration twice.
const migrateLockID = 72_11_0001

type migration struct {
	version  int
	name     string
	sql      string
	checksum string
}

// Migrate applies the migrations in files that are not yet recorded, in version
// order, each in its own transaction together with its record. A failing file is
// rolled back whole and stops the run with its name and the database's error. A
// file changed after it was applied is refused, since the schema no longer
// matches its source.
func Migrate(ctx context.Context, db *sqlx.DB, files fs.FS, log *slog.Logger) error {
	all, err := readMigrations(files)
	if err != nil {
		return err
	}
	conn, err := db.Connx(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	// A migration may run, and wait for another instance's, longer than the
	// pool's statement_timeout allows requests; RESET restores the pool's
	// setting before the connection goes back.
	if _, err := conn.ExecContext(ctx, `SET statement_timeout = 0`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `RESET statement_timeout`)
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLockID); err != nil {
		return fmt.Errorf("migrate: take lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLockID)

	// Created only when absent: CREATE ... IF NOT EXISTS needs the right to
	// create even when the table exists, which the app's own role, serving
	// under the shop wall, does not have.
	var exists bool
	if err := conn.GetContext(ctx, &exists, `SELECT to_regclass('schema_migrations') IS NOT NULL`); err != nil {
		return fmt.Errorf("migrate: find schema_migrations: %w", err)
	}
	if !exists {
		if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		checksum   text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("migrate: create schema_migrations: %w", err)
		}
	}
	applied := map[int]string{}
	rows := []struct {
		Version  int    `db:"version"`
		Checksum string `db:"checksum"`
	}{}
	if err := sqlx.SelectContext(ctx, conn, &rows, `SELECT version, checksum FROM schema_migrations`); err != nil {
		return fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	for _, r := range rows {
		applied[r.Version] = r.Checksum
	}
	for _, m := range all {
		sum, done := applied[m.version]
		if done && sum != m.checksum {
			return fmt.Errorf("migration %s was changed after it was applied; add a new migration instead", m.name)
		}
		if done {
			continue
		}
		if err := apply(ctx, conn, m); err != nil {
			return err
		}
		log.Info("migration applied", "migration", m.name)
	}
	return nil
}

func apply(ctx context.Context, conn *sqlx.Conn, m migration) error {
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: begin: %w", m.name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s failed, nothing of it was applied: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
		m.version, m.name, m.checksum); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

func readMigrations(files fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		match := migrationName.FindStringSubmatch(e.Name())
		if match == nil {
			return nil, fmt.Errorf("migration file %q is not named like 0001_create_things.sql", e.Name())
		}
		version, _ := strconv.Atoi(match[1])
		if other, dup := seen[version]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, e.Name(), version)
		}
		seen[version] = e.Name()
		body, err := fs.ReadFile(files, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(body)
		out = append(out, migration{version, e.Name(), string(body), hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// MigrationsChecksum identifies a set of migration files; test helpers name their
// template database after it so a changed schema gets a fresh template.
func MigrationsChecksum(files fs.FS) (string, error) {
	all, err := readMigrations(files)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range all {
		fmt.Fprintf(h, "%d:%s\n", m.version, m.checksum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
