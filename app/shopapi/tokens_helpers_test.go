package shopapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// clock is a movable test clock, shared by storage, the clients and the
// local Shopify's token endpoint.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// tokenEnv is a shop installed on a real database, with Shopify's token
// endpoint served by the local Shopify's authorization server. Each refresh
// grant first passes through answer (numbered from 1, with the request's
// context), which may hold it (a slow Shopify) or fail it (an error answers
// 503).
type tokenEnv struct {
	clk      *clock
	dbURL    string
	keys     *seal.Keyring
	oauth    *shopifytest.OAuthServer
	endpoint *httptest.Server
	client   *shopify.OAuth
	shops    *storage.Shops
	shop     storage.Shop
	answer   func(ctx context.Context, call int32) error
	calls    atomic.Int32
}

const testShop = "tokens.myshopify.com"

// newTokenEnv installs testShop, with an expiring token granted by the
// local Shopify, on a database whose pool has maxConns connections.
func newTokenEnv(t *testing.T, maxConns int, answer func(ctx context.Context, call int32) error) *tokenEnv {
	t.Helper()
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	e := &tokenEnv{clk: newClock(), dbURL: pgtest.NewURL(t), keys: keys, answer: answer}
	e.oauth = shopifytest.NewOAuthServer("test-key", "test-secret")
	e.oauth.Now = e.clk.Now
	e.endpoint = httptest.NewServer(e.mux())
	t.Cleanup(e.endpoint.Close)
	e.client = &shopify.OAuth{APIKey: "test-key", APISecret: "test-secret", Scopes: []string{"read_orders"},
		ShopURL: func(shop string) string { return e.endpoint.URL + "/shops/" + shop }}
	e.shops = e.newShops(t, maxConns)
	granted, err := e.grant(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if e.shop, err = e.shops.Install(context.Background(), testShop, granted); err != nil {
		t.Fatal(err)
	}
	return e
}

// newShops is the shop store of one app instance, on a pool of its own.
func (e *tokenEnv) newShops(t *testing.T, maxConns int) *storage.Shops {
	return storage.NewShops(e.openDB(t, maxConns), e.keys, e.clk.Now)
}

// openDB opens a pool of maxConns connections to the database.
func (e *tokenEnv) openDB(t *testing.T, maxConns int) *sqlx.DB {
	pool := pgtest.TestPool
	pool.MaxConns = maxConns
	return pgtest.OpenPool(t, e.dbURL, pool)
}

// clients are the Admin API clients of an instance whose tokens live in
// store.
func (e *tokenEnv) clients(store TokenStore) *Clients {
	return &Clients{Tokens: store, OAuth: e.client, ShopURL: e.endpoint.URL + "/shops/{shop}", Now: e.clk.Now}
}

// token asks for the shop's token as the Admin API client does.
func (e *tokenEnv) token(ctx context.Context, c *Clients) (string, error) {
	return tokenSource{c, e.shop}.Token(ctx)
}

func (e *tokenEnv) mux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/shops/{shop}/admin/oauth/authorize", func(w http.ResponseWriter, r *http.Request) {
		e.oauth.Authorize(r.PathValue("shop"), w, r)
	})
	mux.HandleFunc("POST /shops/{shop}/admin/oauth/access_token", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var grant struct {
			Type string `json:"grant_type"`
		}
		_ = json.Unmarshal(body, &grant)
		if grant.Type == "refresh_token" {
			if err := e.answer(r.Context(), e.calls.Add(1)); err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
		}
		e.oauth.AccessToken(r.PathValue("shop"), w, r)
	})
	return mux
}

// grant is a new expiring offline token for the shop, as a merchant
// approving the install gets it: the consent screen's approval, then the
// authorization code traded at the token endpoint.
func (e *tokenEnv) grant(ctx context.Context) (storage.OfflineToken, error) {
	approval := url.Values{"redirect_uri": {"https://app.example/auth/callback"}, "state": {"nonce"}, "scope": {"read_orders"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.endpoint.URL+"/shops/"+testShop+"/admin/oauth/authorize",
		strings.NewReader(approval.Encode()))
	if err != nil {
		return storage.OfflineToken{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirects.Do(req)
	if err != nil {
		return storage.OfflineToken{}, err
	}
	resp.Body.Close()
	callback, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || callback.Query().Get("code") == "" {
		return storage.OfflineToken{}, fmt.Errorf("approval answered %d, %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	tok, err := e.client.ExchangeCode(ctx, testShop, callback.Query().Get("code"))
	if err != nil {
		return storage.OfflineToken{}, err
	}
	now := e.clk.Now()
	return storage.OfflineToken{AccessToken: tok.AccessToken, Scopes: tok.Scope, ExpiresAt: tok.ExpiresAt(now),
		RefreshToken: tok.RefreshToken, RefreshExpiresAt: tok.RefreshExpiresAt(now)}, nil
}

// refreshes is how many refreshes Shopify granted.
func (e *tokenEnv) refreshes() int { return e.oauth.Counters().Refreshes }

// storedToken is the access token in the shop's row now.
func (e *tokenEnv) storedToken(t *testing.T) string {
	t.Helper()
	st, err := e.shops.Token(context.Background(), e.shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	return st.AccessToken
}

// readTracker tells when want different callers, each named by asCaller
// in its context, have read the shop's token: by then all of them have seen
// the token as it was.
type readTracker struct {
	mu   sync.Mutex
	seen map[int]bool
	want int
	all  chan struct{}
}

type callerKey struct{}

// asCaller names the caller i in ctx.
func asCaller(ctx context.Context, i int) context.Context {
	return context.WithValue(ctx, callerKey{}, i)
}

func newReadTracker(want int) *readTracker {
	return &readTracker{seen: map[int]bool{}, want: want, all: make(chan struct{})}
}

// store is s, its reads of the token tracked.
func (r *readTracker) store(s *storage.Shops) TokenStore { return trackedStore{s, r} }

func (r *readTracker) saw(ctx context.Context) {
	id, ok := ctx.Value(callerKey{}).(int)
	r.mu.Lock()
	defer r.mu.Unlock()
	if ok && !r.seen[id] {
		r.seen[id] = true
		if len(r.seen) == r.want {
			close(r.all)
		}
	}
}

type trackedStore struct {
	*storage.Shops
	reads *readTracker
}

func (s trackedStore) Token(ctx context.Context, shopID int64) (storage.StoredToken, error) {
	s.reads.saw(ctx)
	return s.Shops.Token(ctx, shopID)
}

// awaitOrFail waits for ch, failing the test if it takes longer than d.
func awaitOrFail(t *testing.T, ch <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(d):
		t.Fatalf("%s did not happen within %v", what, d)
	}
}
