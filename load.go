package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"hubchat/app/loadtest"
)

// runLoad is `hubchat load`: the load tool (app/loadtest) against the URL
// of a deployment, or against hubchat processes it starts itself on a
// private PostgreSQL.
func runLoad(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stdout)
	o := loadtest.Options{Out: stdout}
	urls := fs.String("url", "", "the deployment's instances, comma separated (empty: start hubchat locally)")
	fs.StringVar(&o.Target.Shop, "shop", loadtest.DemoShop, "the installed shop's myshopify.com domain (with -url)")
	fs.StringVar(&o.Target.APIKey, "api-key", getenv("SHOPIFY_API_KEY"), "the app's client id (with -url; default $SHOPIFY_API_KEY)")
	fs.StringVar(&o.Target.DatabaseURL, "database-url", "", "the deployment's PostgreSQL, for the floor and webhook lag (with -url; optional)")
	fs.StringVar(&o.DataDir, "data-dir", ".data/load", "where the private cluster lives (without -url)")
	fs.IntVar(&o.Shoppers, "shoppers", 1000, "chatting shoppers")
	fs.IntVar(&o.Agents, "agents", 20, "agents answering")
	fs.DurationVar(&o.Chat, "chat", 45*time.Second, "how long each chat scenario sends")
	fs.IntVar(&o.IdleShoppers, "idle-shoppers", 2000, "shoppers holding 5 idle streams each")
	fs.IntVar(&o.WriteShoppers, "write-shoppers", 1000, "shoppers posting 10 messages each, as fast as accepted")
	fs.IntVar(&o.WebhookRate, "webhook-rate", 1000, "orders/create deliveries per second")
	fs.DurationVar(&o.Webhooks, "webhooks", 5*time.Second, "how long webhooks are sent")
	fs.StringVar(&o.GoBench, "go-bench", "", "a file of `go test -bench` output to add the Go benchmarks' budgets to the table")
	fs.BoolVar(&o.BigData, "big-data", true, "measure the inbox and dashboard on large shops kept in the private cluster (generated the first time; without -url)")
	fs.StringVar(&o.ProfileDir, "profile-dir", "", "save the first instance's CPU profile during each scenario (and its heap with the idle streams open) here")
	fs.StringVar(&o.Widget, "widget", "", "the embed's script, to check its size (extensions/customer-hub/assets/hub.js)")
	only := fs.String("only", "", "run only these scenarios, comma separated, after the floor (of: "+strings.Join(loadtest.ScenarioNames, ",")+"; empty: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *only != "" {
		o.Only = strings.Split(*only, ",")
		for _, name := range o.Only {
			if !slices.Contains(loadtest.ScenarioNames, name) {
				return fmt.Errorf("-only: no scenario %q (of %s)", name, strings.Join(loadtest.ScenarioNames, ", "))
			}
		}
	}
	// The secret only from the environment: a flag would show in ps.
	o.Target.APISecret = getenv("SHOPIFY_API_SECRET")
	if *urls != "" {
		o.Target.Bases = strings.Split(*urls, ",")
		if o.Target.APIKey == "" || o.Target.APISecret == "" {
			return fmt.Errorf("with -url, set SHOPIFY_API_KEY and SHOPIFY_API_SECRET to sign as Shopify does")
		}
	} else {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		o.Binary = exe
	}
	res, err := loadtest.Run(ctx, o)
	if err != nil {
		return err
	}
	for _, r := range res.Rows {
		if r.Pass == "FAIL" {
			return fmt.Errorf("some budgets were not met")
		}
	}
	return nil
}
