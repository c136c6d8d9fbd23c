package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"hubchat/app"
	"hubchat/app/config"
	"hubchat/static"
)

// runServer serves until ctx is cancelled (SIGINT/SIGTERM), then drains
// in-flight requests and stops.
func runServer(ctx context.Context, mode config.Mode, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load(mode, getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := newLogger(cfg, stdout)
	assets, err := static.Load()
	if err != nil {
		return err
	}
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()

	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", cfg.Port))
	if err != nil {
		return fmt.Errorf("listen on port %d: %w", cfg.Port, err)
	}
	srv := app.New(app.Deps{Log: log, DB: db, Assets: assets, ShutdownTimeout: cfg.ShutdownTimeout})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	port := ln.Addr().(*net.TCPAddr).Port
	log.Info("hubchat is listening", "mode", string(mode), "url", fmt.Sprintf("http://localhost:%d", port), "app_url", cfg.AppURL.String())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "timeout", cfg.ShutdownTimeout.String())
	if err := srv.Shutdown(); err != nil {
		return err
	}
	if err := <-served; err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// runMigrate brings the schema up to date and exits.
func runMigrate(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load(config.Migrate, getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := newLogger(cfg, stdout)
	_, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	closeDB()
	log.Info("migrations are up to date")
	return nil
}
