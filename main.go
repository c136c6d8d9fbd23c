// Command hubchat is the hubchat Shopify app: `hubchat serve` in production,
// `hubchat dev` for a local demo, `hubchat migrate` to update the schema.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hubchat:", err)
		os.Exit(1)
	}
}
