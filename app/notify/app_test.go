package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/shopify/shopifytest"
	"hubchat/static"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// startApp runs the whole app (server, worker, listener) with SMTP_URL set,
// as apptest.Start does with none: apptest's configuration has no SMTP
// server and cannot be given one.
func startApp(t *testing.T, smtpURL string) *apptest.Env {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env := &apptest.Env{URL: "http://" + ln.Addr().String(), Logs: &apptest.Output{}}
	env.Config, err = config.Load(config.Dev, func(k string) string { return map[string]string{"SMTP_URL": smtpURL}[k] })
	if err != nil {
		t.Fatal(err)
	}
	env.Config.AppURL, _ = url.Parse(env.URL)
	env.Config.ShutdownTimeout = 5 * time.Second
	env.Shopify, err = shopifytest.Start(shopifytest.Config{APIKey: env.Config.ShopifyAPIKey, APISecret: env.Config.ShopifyAPISecret,
		AppURL: env.URL, AppHomePath: "/app", Scopes: env.Config.Scopes})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.Shopify.Close(context.Background()) })
	env.Config.ShopifyAdminURL, _ = url.Parse(env.Shopify.AdminURL)
	env.Config.ShopifyShopURL = env.Shopify.ShopURL()
	env.Config.AppBridgeURL = env.Shopify.AdminURL + "/shopifycloud/app-bridge.js"
	dbURL := pgtest.NewURL(t)
	env.DB = pgtest.Open(t, dbURL)
	if env.Keys, err = seal.ParseKeyring("k1:" + seal.GenerateKey()); err != nil {
		t.Fatal(err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(env.Logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	env.App, err = app.New(app.Deps{Config: env.Config, Log: log, DB: env.DB, DatabaseURL: dbURL, Assets: assets, Keys: env.Keys})
	if err != nil {
		t.Fatal(err)
	}
	run(t, env, ln)
	return env
}

// run serves and works until the test ends.
func run(t *testing.T, env *apptest.Env, ln net.Listener) {
	served, worked, listened := make(chan error, 1), make(chan error, 1), make(chan error, 1)
	ctx, stop := context.WithCancel(context.Background())
	go func() { served <- env.App.Server.Serve(ln) }()
	go func() { worked <- env.App.Worker.Run(ctx) }()
	go func() { listened <- env.App.Listener.Run(ctx) }()
	for _, p := range env.App.Periodic {
		go p.Run(ctx)
	}
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

// addRecipient adds an address through the settings page, as a plain form
// post with a session token; the page answers with a redirect.
func addRecipient(t *testing.T, env *apptest.Env, email string) {
	t.Helper()
	postSettings(t, env, "/app/settings/notifications", url.Values{"email": {email}})
}

// quoteMessages ticks (or unticks) "Quote the shopper's first message" on
// Settings → Notifications.
func quoteMessages(t *testing.T, env *apptest.Env, on bool) {
	t.Helper()
	form := url.Values{}
	if on {
		form.Set("quote_messages", "on")
	}
	postSettings(t, env, "/app/settings/notifications/content", form)
}

// postSettings posts a plain form as the shop's first staff member, which
// is answered with a redirect to the page.
func postSettings(t *testing.T, env *apptest.Env, path string, form url.Values) {
	t.Helper()
	req, _ := http.NewRequest("POST", env.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, shopifytest.DemoStaff()[0].ID))
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("post %s %v: %d, want 303", path, form, resp.StatusCode)
	}
}

// shopper is a signed-in customer chatting through the storefront API.
type shopper struct {
	t     *testing.T
	env   *apptest.Env
	token string
}

// signIn opens a chat session as Shopify's app proxy signs it.
func signIn(t *testing.T, env *apptest.Env, customerID int64) shopper {
	t.Helper()
	return shopper{t: t, env: env, token: env.ShopperToken(t, customerID)}
}

var clientIDs atomic.Int64

// send posts a message and returns the status and the conversation's id.
func (s shopper) send(body string) (int, int64) {
	s.t.Helper()
	var out struct {
		Conversation struct{ ID int64 } `json:"conversation"`
	}
	id := fmt.Sprintf("b0000000-0000-4000-8000-%012d", clientIDs.Add(1))
	status := s.do(s.api("/api/storefront/messages", map[string]string{"client_id": id, "body": body}), &out)
	return status, out.Conversation.ID
}

// end ends the chat, so the next message opens a new ticket.
func (s shopper) end(conversationID int64) {
	s.t.Helper()
	if status := s.do(s.api("/api/storefront/end", map[string]int64{"conversation_id": conversationID}), nil); status != 204 {
		s.t.Fatalf("end: %d", status)
	}
}

func (s shopper) api(path string, body any) *http.Request {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.env.URL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Origin", s.env.Shopify.StorefrontURL)
	req.Header.Set("Content-Type", "application/json")
	return req
}

func (s shopper) do(req *http.Request, out any) int {
	s.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("%s: %v in %s", req.URL.Path, err, raw)
		}
	}
	return resp.StatusCode
}

// smtpURL points the app at a test mail server.
func smtpURL(addr string) string {
	return "smtp://" + addr + "?from=" + url.QueryEscape("hubchat@mail.example")
}
