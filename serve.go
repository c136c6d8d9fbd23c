package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"time"

	"hubchat/app"
	"hubchat/app/config"
	"hubchat/shopify/shopifytest"
	"hubchat/static"
)

// runServer serves until ctx is cancelled (SIGINT/SIGTERM), then drains
// in-flight requests, stops the worker and exits. In dev mode it also runs
// the local Shopify and installs the app into its demo shop.
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
	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", cfg.Port))
	if err != nil {
		return fmt.Errorf("listen on port %d: %w", cfg.Port, err)
	}
	defer ln.Close()
	if cfg.DebugAddr != "" {
		if err := startDebugServer(ctx, cfg.DebugAddr, log); err != nil {
			return fmt.Errorf("debug server on %s: %w", cfg.DebugAddr, err)
		}
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if mode == config.Dev && getenv("APP_URL") == "" && getenv("HOST") == "" {
		cfg.AppURL = &url.URL{Scheme: "http", Host: fmt.Sprintf("localhost:%d", port)}
	}
	helpdesks, err := startLocalHelpdesks(ctx, &cfg, log)
	if err != nil {
		return err
	}
	model, err := startLocalModel(ctx, cfg, log)
	if err != nil {
		return err
	}
	localTwilio, err := startLocalTwilio(ctx, &cfg, log)
	if err != nil {
		return err
	}
	var local *shopifytest.Shopify
	if cfg.Local.Enabled {
		if local, err = startLocalShopify(&cfg, log); err != nil {
			return err
		}
		defer local.Close(context.Background())
		if err := pointLocalTwilioAt(localTwilio, cfg.AppURL.String(), local.Shop.Info().Domain); err != nil {
			return err
		}
	}
	keys, err := tokenKeys(cfg)
	if err != nil {
		return err
	}
	db, dbURL, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	a, err := app.New(app.Deps{Config: cfg, Log: log, DB: db, DatabaseURL: dbURL, Assets: assets, Keys: keys})
	if err != nil {
		return err
	}
	if local != nil {
		if err := installIntoDemoShop(ctx, local, a, log); err != nil {
			return err
		}
	}
	return serveUntilDone(ctx, a, ln, cfg.ShutdownTimeout, log, func() {
		log.Info("hubchat is listening", "mode", string(mode), "url", fmt.Sprintf("http://localhost:%d", port), "app_url", cfg.AppURL.String())
		if local != nil {
			log.Info("local Shopify is running", "admin_url", local.AppHomeURL(), "storefront_url", local.StorefrontURL)
			printDevURLs(stdout, cfg.AppURL.String(), local, helpdesks, model, localTwilio)
		} else {
			printLocalHelpdesks(stdout, helpdesks)
			printLocalModel(stdout, model)
			printLocalTwilio(stdout, localTwilio, "")
		}
	})
}

// serveUntilDone runs the server and the worker until ctx ends, then stops
// them both within the shutdown timeout, whatever their requests and jobs
// are waiting on: the server drains its requests (cancelling those still
// running late), the worker its jobs (abandoning late ones, which run again
// after their lease). Jobs queued by the last requests are durable: another
// instance, or the next start, runs them.
func serveUntilDone(ctx context.Context, a *app.App, ln net.Listener, timeout time.Duration, log *slog.Logger, ready func()) error {
	served := make(chan error, 1)
	go func() { served <- a.Server.Serve(ln) }()
	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	worked := make(chan error, 1)
	go func() { worked <- a.Worker.Run(workerCtx) }()
	for _, p := range a.Periodic {
		go p.Run(workerCtx)
	}
	listened := make(chan error, 1)
	go func() { listened <- a.Listener.Run(workerCtx) }()
	ready()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests and jobs", "timeout", timeout.String())
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	stopWorker()
	errs := []error{a.Server.Shutdown()}
	for _, part := range []struct {
		name string
		done chan error
	}{{"the server", served}, {"the event listener", listened}, {"the job worker", worked}} {
		err, ok := waitUntil(part.done, deadline.C)
		if !ok {
			log.Warn("shutdown timeout passed; exiting with work still running", "waiting_for", part.name)
			return errors.Join(append(errs, fmt.Errorf("shutdown: timed out waiting for %s", part.name))...)
		}
		if !errors.Is(err, context.Canceled) {
			errs = append(errs, err)
		}
	}
	log.Info("stopped")
	return errors.Join(errs...)
}

// waitUntil receives from ch unless deadline comes first (ok false). An
// answer already there wins over a deadline that has also passed.
func waitUntil(ch chan error, deadline <-chan time.Time) (err error, ok bool) {
	select {
	case err := <-ch:
		return err, true
	default:
	}
	select {
	case err := <-ch:
		return err, true
	case <-deadline:
		return nil, false
	}
}

// runMigrate brings the schema up to date and exits.
func runMigrate(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load(config.Migrate, getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := newLogger(cfg, stdout)
	_, _, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	closeDB()
	log.Info("migrations are up to date")
	return nil
}
