package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var listening = regexp.MustCompile(`hubchat is listening.*?"?url"?[=:]"?(http://localhost:\d+)`)

// startRun runs the program with env and returns its base URL once it listens;
// the program is stopped (as by SIGTERM) when the test ends.
func startRun(t *testing.T, command string, env map[string]string) string {
	t.Helper()
	return startRunTo(t, command, env, &apptest.Output{})
}

// startRunTo is startRun writing the program's output to out.
func startRunTo(t *testing.T, command string, env map[string]string, out *apptest.Output) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"hubchat", command}, func(k string) string { return env[k] }, out)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run returned %v", err)
		}
	})
	return waitListening(t, out, done)
}

func expectOK(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
}

func TestServeWithDatabaseURL(t *testing.T) {
	base := startRun(t, "serve", map[string]string{
		"DATABASE_URL":          pgtest.NewEmptyURL(t),
		"PORT":                  "0",
		"APP_URL":               "https://hubchat.example.com",
		"SHOPIFY_API_KEY":       "key",
		"SHOPIFY_API_SECRET":    "secret",
		"TOKEN_ENCRYPTION_KEYS": "k1:" + seal.GenerateKey(),
	})
	expectOK(t, base+"/healthz")
	expectOK(t, base+"/readyz")
}

// Without DATABASE_URL, dev starts its own PostgreSQL under DATA_DIR.
func TestDevWithoutDatabaseURL(t *testing.T) {
	base := startRun(t, "dev", map[string]string{
		"PORT":     "0",
		"DATA_DIR": filepath.Join(t.TempDir(), "data"),
	})
	expectOK(t, base+"/healthz")
	expectOK(t, base+"/readyz")
}

func TestDevWithDatabaseURL(t *testing.T) {
	base := startRun(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": pgtest.NewEmptyURL(t)})
	expectOK(t, base+"/readyz")
}

func TestMigrateCommand(t *testing.T) {
	url := pgtest.NewEmptyURL(t)
	out := &apptest.Output{}
	err := run(context.Background(), []string{"hubchat", "migrate"},
		func(k string) string { return map[string]string{"DATABASE_URL": url}[k] }, out)
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	var n int
	pgtest.Open(t, url).Get(&n, `SELECT count(*) FROM schema_migrations`)
	if n == 0 {
		t.Fatal("migrate applied nothing")
	}
}

func TestRunRefusesBadStarts(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		message string
	}{
		{"unknown command", []string{"hubchat", "serf"}, nil, `unknown command "serf"`},
		{"serve needs the secret", []string{"hubchat", "serve"}, map[string]string{
			"DATABASE_URL": "postgres://x/y", "APP_URL": "https://a.example.com", "SHOPIFY_API_KEY": "k", "TOKEN_ENCRYPTION_KEYS": "k1:" + seal.GenerateKey(),
		}, "SHOPIFY_API_SECRET is required"},
		{"bad port", []string{"hubchat", "dev"}, map[string]string{"PORT": "http"}, "PORT must be a whole number"},
		{"unreachable database", []string{"hubchat", "migrate"}, map[string]string{
			"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1",
		}, "database not reachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, &apptest.Output{})
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.message)
			}
		})
	}
}

// A migration that fails stops start-up with its file name and the database's
// error, and records nothing. Here the embedded 0001 meets a table it wants to
// create.
func TestFailedMigrationStopsStartUp(t *testing.T) {
	url := pgtest.NewEmptyURL(t)
	db := pgtest.Open(t, url)
	if _, err := db.Exec(`CREATE TABLE shops (squatter int)`); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"hubchat", "dev"},
		func(k string) string { return map[string]string{"DATABASE_URL": url, "PORT": "0"}[k] }, &apptest.Output{})
	if err == nil {
		t.Fatal("dev started on a database where a migration fails")
	}
	for _, want := range []string{"0001_create_shops.sql", `relation "shops" already exists`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	var recorded int
	db.Get(&recorded, `SELECT count(*) FROM schema_migrations`)
	if recorded != 0 {
		t.Fatalf("%d migrations recorded after the failure", recorded)
	}
}

// make dev SHOP_DATA=… runs the demo on a shop of one's own, under the
// domain DEMO_SHOP_DOMAIN names.
func TestDevRunsOnOwnShopData(t *testing.T) {
	var shop map[string]any
	if err := json.Unmarshal(builtinDemoShop(t), &shop); err != nil {
		t.Fatal(err)
	}
	shop["shop"].(map[string]any)["name"] = "Ada's Yarn Store"
	raw, _ := json.Marshal(shop)
	path := filepath.Join(t.TempDir(), "shop.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out := &apptest.Output{}
	startRunTo(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": pgtest.NewEmptyURL(t),
		"SHOP_DATA": path, "DEMO_SHOP_DOMAIN": "ada-yarn.myshopify.com"}, out)
	// The developer's block is printed just after the line listened for.
	for _, want := range []string{`the demo shop "Ada's Yarn Store"`, "/store/ada-yarn/apps/"} {
		apptest.Eventually(t, 10*time.Second, fmt.Sprintf("the output to name %q", want), func() bool {
			return strings.Contains(out.String(), want)
		})
	}
}

func builtinDemoShop(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile("shopify/shopifytest/demo-shop.json")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
