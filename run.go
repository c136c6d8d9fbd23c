package main

import (
	"hubchat/app/logging"

	"context"
	"fmt"
	"io"
	"log/slog"

	"hubchat/app/config"
)

const usage = `usage: hubchat <command>

commands:
  serve     run the app (production; configured from the environment)
  dev       run the app locally with a local Shopify and its demo shop, on a
            private PostgreSQL when DATABASE_URL is unset
  dev --shopify
            the same against the real Shopify (for shopify app dev)
  migrate   apply the database migrations and exit
  load      the load tool: drive hubchat as its clients do and print the
            budget table (hubchat load -h lists its flags)

Environment variables are listed in the README.`

// run is the whole program: main only adds the process's signals, arguments,
// environment and output, so tests can run it exactly as a user does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	command := "serve"
	if len(args) > 1 {
		command = args[1]
	}
	switch command {
	case "serve":
		return runServer(ctx, config.Serve, getenv, stdout)
	case "dev":
		realShopify := len(args) > 2 && args[2] == "--shopify"
		return runServer(ctx, config.Dev, devEnv(getenv, realShopify), stdout)
	case "migrate":
		return runMigrate(ctx, getenv, stdout)
	case "load":
		return runLoad(ctx, args[2:], getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", command, usage)
	}
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	// Every line goes through the redactor: no secret or customer's words
	// reach the log, whatever a call site passes.
	return slog.New(logging.NewHandler(h, logging.ConfigSecrets(cfg)...))
}

// devEnv is the environment of `hubchat dev`; with the real Shopify it
// names Shopify's own shop URL, which turns the local Shopify off.
func devEnv(getenv func(string) string, realShopify bool) func(string) string {
	if !realShopify {
		return getenv
	}
	return func(k string) string {
		if v := getenv(k); v != "" || k != "SHOPIFY_SHOP_URL" {
			return v
		}
		return "https://{shop}"
	}
}
