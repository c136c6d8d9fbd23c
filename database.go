package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/app/config"
	"hubchat/storage"
	"hubchat/storage/localpg"
)

// devDatabase is the database `hubchat dev` uses on its private cluster.
const devDatabase = "hubchat"

// openDatabase connects to DATABASE_URL, or, when it is unset, to a private
// cluster under DATA_DIR, and brings the schema up to date. It returns the
// pool, the URL it connected to, and a close function that closes the pool
// and leaves the cluster (stopping it if last).
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*sqlx.DB, string, func(), error) {
	url, leave := cfg.DatabaseURL, func() {}
	if url == "" {
		cluster, err := localpg.Start(ctx, localpg.Options{
			Dir: filepath.Join(cfg.DataDir, "postgres"), Durable: true, Log: log,
		})
		if err != nil {
			return nil, "", nil, err
		}
		leave = func() {
			if err := cluster.Close(); err != nil {
				log.Error("stop PostgreSQL", "error", err)
			}
		}
		if err := createDatabase(ctx, cluster.URL("postgres"), devDatabase); err != nil {
			leave()
			return nil, "", nil, err
		}
		url = cluster.URL(devDatabase)
	}
	db, err := storage.Open(ctx, url, storage.Pool{
		MaxConns: cfg.DatabaseMaxConns, StatementTimeout: cfg.DatabaseStatementTimeout,
		IdleInTransactionTimeout: cfg.DatabaseIdleInTransactionTimeout,
	})
	if err != nil {
		leave()
		return nil, "", nil, err
	}
	if err := storage.Migrate(ctx, db, storage.Migrations(), log); err != nil {
		db.Close()
		leave()
		return nil, "", nil, err
	}
	return db, url, func() { db.Close(); leave() }, nil
}

// createDatabase creates name on the server unless it exists.
func createDatabase(ctx context.Context, serverURL, name string) error {
	db, err := storage.Open(ctx, serverURL, storage.Pool{MaxConns: 1})
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name); err != nil {
		return fmt.Errorf("look for database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(name)); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}
