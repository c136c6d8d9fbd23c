package apptest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jmoiron/sqlx"

	"hubchat/app"
	"hubchat/app/aiagent"
	"hubchat/app/config"
	"hubchat/app/logging"
	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
	"hubchat/static"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// Env is the whole application running against a local Shopify, on a fresh
// database, as `hubchat dev` runs it: for tests that go through HTTP.
type Env struct {
	App     *app.App
	URL     string // the app's base URL
	Shopify *shopifytest.Shopify
	DB      *sqlx.DB // the owner's pool, for the test's own queries
	Config  config.Config
	Keys    *seal.Keyring
	Logs    *Output
	dbURL   string
}

// shareWith makes env a second instance of other's deployment.
func (env *Env) shareWith(other *Env) {
	env.Shopify, env.Keys, env.dbURL = other.Shopify, other.Keys, other.dbURL
	env.Config.ShopifyAdminURL = other.Config.ShopifyAdminURL
	env.Config.ShopifyShopURL = other.Config.ShopifyShopURL
	env.Config.AppBridgeURL = other.Config.AppBridgeURL
}

// Options change the environment a test starts.
type Options struct {
	// Shopify tunes the local Shopify before it starts (nil: defaults).
	Shopify func(*shopifytest.Config)
	// Share runs this app on the database, token keys and local Shopify of
	// another running Env: a second instance of the same deployment.
	Share *Env
	// MaxConns caps the app's pool of database connections (0: 10).
	MaxConns int
	// Config tunes the app's configuration before it starts.
	Config func(*config.Config)
	// Routes adds test-only routes to the app before it serves, behind all
	// of its middleware (e.g. a handler that panics).
	Routes func(*fiber.App)
	// NoWorker runs no job worker in this instance: jobs wait in the queue,
	// as when an instance dies before it gets to them.
	NoWorker bool
	// Engine answers the AI agent's questions (nil: the built-in engine).
	Engine aiagent.Engine
}

// Start runs the app and a local Shopify until the test ends. The caller's
// package must run pgtest.Main from its TestMain.
func Start(t testing.TB, opts Options) *Env {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env := &Env{URL: "http://" + ln.Addr().String(), Logs: &Output{}}
	env.Config = testConfig(t, env.URL)
	if opts.Share != nil {
		env.shareWith(opts.Share)
	} else {
		env.Shopify = startShopify(t, env, opts)
		env.dbURL = pgtest.NewURL(t)
		keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
		if err != nil {
			t.Fatal(err)
		}
		env.Keys = keys
	}
	if opts.Config != nil {
		opts.Config(&env.Config)
	}
	dbURL := env.dbURL
	pool := pgtest.TestPool
	if opts.MaxConns > 0 {
		pool.MaxConns = opts.MaxConns
	}
	env.DB = pgtest.OpenPool(t, dbURL, pool)
	// The app runs as a role of its own, under the shop wall (storage's
	// row-level security); the test's own pool stays the owner's.
	appDB := pgtest.OpenPool(t, pgtest.AsAppRole(dbURL), pool)
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := env.Keys
	// The app's logger as `hubchat serve` builds it: redacting, at debug.
	text := slog.NewTextHandler(io.Writer(env.Logs), &slog.HandlerOptions{Level: slog.LevelDebug})
	log := slog.New(logging.NewHandler(text, append(logging.ConfigSecrets(env.Config), logging.URLPassword(dbURL))...))
	env.App, err = app.New(app.Deps{Config: env.Config, Log: log, DB: appDB, DatabaseURL: dbURL, Assets: assets, Keys: keys, Engine: opts.Engine})
	if err != nil {
		t.Fatal(err)
	}
	if opts.Routes != nil {
		opts.Routes(env.App.Server.Fiber())
	}
	env.run(t, ln, !opts.NoWorker)
	return env
}

func testConfig(t testing.TB, appURL string) config.Config {
	t.Helper()
	cfg, err := config.Load(config.Dev, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.AppURL, _ = url.Parse(appURL)
	cfg.ShutdownTimeout = 5 * time.Second
	return cfg
}

func startShopify(t testing.TB, env *Env, opts Options) *shopifytest.Shopify {
	t.Helper()
	cfg := shopifytest.Config{
		APIKey: env.Config.ShopifyAPIKey, APISecret: env.Config.ShopifyAPISecret,
		AppURL: env.URL, AppHomePath: "/app", Scopes: env.Config.Scopes,
	}
	if opts.Shopify != nil {
		opts.Shopify(&cfg)
	}
	s, err := shopifytest.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	env.Config.ShopifyAdminURL, _ = url.Parse(s.AdminURL)
	env.Config.ShopifyShopURL = s.ShopURL()
	env.Config.AppBridgeURL = s.AdminURL + "/shopifycloud/app-bridge.js"
	return s
}

// run serves and works until the test ends.
func (env *Env) run(t testing.TB, ln net.Listener, work bool) {
	t.Helper()
	served := make(chan error, 1)
	go func() { served <- env.App.Server.Serve(ln) }()
	ctx, stop := context.WithCancel(context.Background())
	worked := make(chan error, 1)
	if work {
		go func() { worked <- env.App.Worker.Run(ctx) }()
	} else {
		worked <- nil
	}
	for _, p := range env.App.Periodic {
		go p.Run(ctx)
	}
	listened := make(chan error, 1)
	go func() { listened <- env.App.Listener.Run(ctx) }()
	t.Cleanup(func() {
		if err := env.App.Server.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		<-served
		stop()
		<-worked
		<-listened
	})
}

// Shop is the demo shop's domain.
func (env *Env) Shop() string { return env.Shopify.Shop.Info().Domain }

// Install installs the app into the demo shop as a Shopify-managed install
// does (token exchange), as `hubchat dev` does at start.
func (env *Env) Install(t testing.TB) {
	t.Helper()
	env.Shopify.GrantManagedInstall(env.Shop())
	token := env.SessionToken(t, shopifytest.DemoStaff()[0].ID)
	if _, err := env.App.Installer.InstallFromSessionToken(context.Background(), env.Shop(), token); err != nil {
		t.Fatalf("install: %v", err)
	}
}

// SessionToken is a fresh session token of a staff member of the demo shop.
func (env *Env) SessionToken(t testing.TB, userID int64) string {
	t.Helper()
	token, err := env.Shopify.SessionToken(env.Shop(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// OpenAdminIn loads the admin as staff member userID, signed by the admin
// with locale (its language), as Shopify's admin opens the app: the guard
// remembers the language for the staff member's later requests.
func (env *Env) OpenAdminIn(t testing.TB, userID int64, locale string) {
	t.Helper()
	q := url.Values{"embedded": {"1"}, "shop": {env.Shop()}, "host": {shopify.EncodeHost("admin.shopify.com/store/hubchat-demo")},
		"id_token": {env.SessionToken(t, userID)}, "locale": {locale}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("hmac", shopify.SignQuery(q, env.Config.ShopifyAPISecret))
	resp, err := http.Get(env.URL + "/app/privacy?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("open the admin in %s: %s", locale, resp.Status)
	}
}

// Eventually polls cond until it holds or the timeout passes: for effects of
// background jobs.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitForJobs waits until the worker has no queued or running job left:
// every delivery and sync so far processed or parked. Jobs scheduled for
// later and never tried yet (the daily reconcile) are not waited for; a
// retry waiting for its backoff is. It waits up to a minute: parallel
// browser tests on a few cores can hold a job up for many seconds.
func (env *Env) WaitForJobs(t testing.TB) {
	t.Helper()
	Eventually(t, 60*time.Second, "the worker to finish its jobs", func() bool {
		var n int
		if err := env.DB.Get(&n, `SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')
			AND NOT (attempts = 0 AND run_at > now() + interval '1 hour')`); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}
