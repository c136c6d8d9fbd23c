package shopifytest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

// adminTestClock is shared by the client (whose sleeps advance it) and the
// fake (whose bucket restores by it), so nothing really waits.
type adminTestClock struct {
	mu     sync.Mutex
	now    time.Time
	slept  time.Duration
	sleeps int
}

func (c *adminTestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *adminTestClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *adminTestClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now, c.slept, c.sleeps = c.now.Add(d), c.slept+d, c.sleeps+1
	return nil
}

// adminTestEntry is what the fake answered to one request.
type adminTestEntry struct {
	status    int
	codes     []string
	requested float64
	actual    *float64
	available float64
}

// adminTestLog records every answer of the handler it wraps.
type adminTestLog struct {
	mu      sync.Mutex
	entries []adminTestEntry
}

func (l *adminTestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var body struct {
			Errors []struct {
				Extensions struct{ Code string }
			}
			Extensions struct {
				Cost struct {
					RequestedQueryCost float64
					ActualQueryCost    *float64
					ThrottleStatus     struct{ CurrentlyAvailable float64 }
				}
			}
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		e := adminTestEntry{status: rec.Code, requested: body.Extensions.Cost.RequestedQueryCost,
			actual: body.Extensions.Cost.ActualQueryCost, available: body.Extensions.Cost.ThrottleStatus.CurrentlyAvailable}
		for _, x := range body.Errors {
			e.codes = append(e.codes, x.Extensions.Code)
		}
		l.mu.Lock()
		l.entries = append(l.entries, e)
		l.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

func (l *adminTestLog) throttled() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.entries {
		if len(e.codes) == 1 && e.codes[0] == "THROTTLED" {
			n++
		}
	}
	return n
}

// adminTestToken is the token the fake accepts for shop.
func adminTestToken(shop string) string { return "shpat_" + strings.TrimSuffix(shop, ".myshopify.com") }

type adminTestEnv struct {
	shop  *shopifytest.DemoShop
	api   *shopifytest.AdminAPI
	srv   *httptest.Server
	clock *adminTestClock
	log   *adminTestLog
}

func newAdminTestEnv(t *testing.T, opts shopifytest.AdminAPIOptions) *adminTestEnv {
	t.Helper()
	shop, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	env := &adminTestEnv{shop: shop, clock: &adminTestClock{now: shop.Now()}, log: &adminTestLog{}}
	opts.Now = env.clock.Now
	env.api, err = shopifytest.NewAdminAPI(func(shop, token string) bool { return token == adminTestToken(shop) }, opts, shop)
	if err != nil {
		t.Fatal(err)
	}
	env.srv = httptest.NewServer(env.log.wrap(env.api))
	t.Cleanup(env.srv.Close)
	return env
}

func (env *adminTestEnv) client(t *testing.T) *adminapi.Client {
	t.Helper()
	c, err := adminapi.New("hubchat-demo.myshopify.com", adminapi.StaticToken(adminTestToken("hubchat-demo.myshopify.com")), adminapi.Options{
		Endpoint: func(string) string { return env.srv.URL + "/admin/api/" + adminapi.APIVersion + "/graphql.json" },
		Now:      env.clock.Now,
		Sleep:    env.clock.Sleep,
		Jitter:   func(d time.Duration) time.Duration { return d },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// post sends one raw GraphQL request and decodes the answer.
func (env *adminTestEnv) post(t *testing.T, host, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, env.srv.URL+"/admin/api/2026-10/graphql.json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	req.Header.Set("X-Shopify-Access-Token", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestAdminAPIChecksTheAccessToken(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	second, err := shopifytest.LoadDemoShop(strings.NewReader(strings.ReplaceAll(string(demoJSON(t, func(map[string]any) {})),
		"hubchat-demo.myshopify.com", "second-demo.myshopify.com")))
	if err != nil {
		t.Fatal(err)
	}
	api, err := shopifytest.NewAdminAPI(func(shop, token string) bool { return token == adminTestToken(shop) }, shopifytest.AdminAPIOptions{}, env.shop, second)
	if err != nil {
		t.Fatal(err)
	}
	env.srv.Config.Handler = api
	query := `{"query":"{ shop { myshopifyDomain } }"}`
	tests := []struct {
		name, host, token string
		want              int
		domain            string
	}{
		{"no token", "127.0.0.1", "", 401, ""},
		{"wrong token", "127.0.0.1", "shpat_guess", 401, ""},
		{"another shop's token", "127.0.0.1", adminTestToken("second-demo.myshopify.com"), 401, ""},
		{"default shop", "127.0.0.1", adminTestToken("hubchat-demo.myshopify.com"), 200, "hubchat-demo.myshopify.com"},
		{"shop by Host", "second-demo.myshopify.com:443", adminTestToken("second-demo.myshopify.com"), 200, "second-demo.myshopify.com"},
	}
	for _, tt := range tests {
		status, body := env.post(t, tt.host, tt.token, query)
		if status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.want)
		}
		if tt.want == 401 && body["errors"] != "[API] Invalid API key or access token (unrecognized login or wrong password)" {
			t.Errorf("%s: body %v", tt.name, body)
		}
		if data, _ := body["data"].(map[string]any); tt.want == 200 && fmt.Sprint(data["shop"].(map[string]any)["myshopifyDomain"]) != tt.domain {
			t.Errorf("%s: answered for another shop", tt.name)
		}
	}
	for _, probe := range []struct {
		method, path string
		want         int
	}{{"GET", "/admin/api/2026-10/graphql.json", 405}, {"POST", "/admin/api/latest/graphql.json", 404}, {"POST", "/admin/oauth/access_token", 404}} {
		req, _ := http.NewRequest(probe.method, env.srv.URL+probe.path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != probe.want {
			t.Errorf("%s %s: %d, want %d", probe.method, probe.path, res.StatusCode, probe.want)
		}
	}
}

func TestAdminAPIBucketMath(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{MaxAvailable: 10, RestoreRate: 1})
	token := adminTestToken("hubchat-demo.myshopify.com")
	shopQuery := `{"query":"{ shop { name primaryDomain { host } shopPolicies { type } } }"}` // costs 3
	steps := []struct {
		advance       time.Duration
		wantThrottled bool
		wantAvailable float64
	}{
		{0, false, 7}, {0, false, 4}, {0, false, 1},
		{0, true, 1},                       // 1 point cannot pay for 3: nothing is charged
		{1500 * time.Millisecond, true, 2}, // 2.5 restored, still short; reported rounded down
		{500 * time.Millisecond, false, 0}, // exactly 3
		{time.Hour, false, 7},              // restores to the maximum of 10, no further
	}
	for i, s := range steps {
		env.clock.Advance(s.advance)
		_, body := env.post(t, "127.0.0.1", token, shopQuery)
		cost := body["extensions"].(map[string]any)["cost"].(map[string]any)
		status := cost["throttleStatus"].(map[string]any)
		throttled := strings.Contains(fmt.Sprint(body["errors"]), "THROTTLED")
		if throttled != s.wantThrottled || status["currentlyAvailable"] != s.wantAvailable || cost["requestedQueryCost"] != 3.0 ||
			status["maximumAvailable"] != 10.0 || status["restoreRate"] != 1.0 || (cost["actualQueryCost"] == nil) != throttled {
			t.Errorf("step %d: throttled %v, cost %v", i, throttled, cost)
		}
	}
	// A query is charged what it asked for and refunded down to what it
	// returned: customer 7004 has three orders, not the five asked for.
	env = newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	body := fmt.Sprintf(`{"query":%q,"variables":{"q":"customer_id:7004"}}`,
		`query($q: String) { orders(first: 5, query: $q) { nodes { id customer { id } totalPriceSet { shopMoney { amount } } lineItems(first: 10) { nodes { title } } } } }`)
	_, out := env.post(t, "127.0.0.1", token, body)
	cost := out["extensions"].(map[string]any)["cost"].(map[string]any)
	if cost["requestedQueryCost"] != 82.0 || cost["actualQueryCost"] != 24.0 ||
		cost["throttleStatus"].(map[string]any)["currentlyAvailable"] != 2000.0-24 {
		t.Errorf("cost = %v, want requested 82 (2 + 5×16), actual 24 (2 + 7 + 7 + 8), 1976 left", cost)
	}
}

func TestAdminAPIAnswersBadQueriesWithErrors(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	token := adminTestToken("hubchat-demo.myshopify.com")
	q := func(query string, vars map[string]any) string {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return string(b)
	}
	orders := `query($first: Int!, $after: String, $q: String) { orders(first: $first, after: $after, query: $q) { nodes { id } } }`
	tests := []struct {
		name, body, want string
		status           int
	}{
		{"unknown field", q(`{ collections(first: 1) { nodes { id } } }`, nil), "undefinedField", 200},
		{"unknown mutation", q(`mutation { shop { id } }`, nil), "doesn't exist on type 'Mutation'", 200},
		{"subscription", q(`subscription { shop { id } }`, nil), "PARSE_ERROR", 200},
		{"not graphql", q(`shop`, nil), "PARSE_ERROR", 200},
		{"too costly", q(`{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { title } } } } }`, nil), "MAX_COST_EXCEEDED", 200},
		{"bad cursor", q(orders, map[string]any{"first": 5, "after": "%%%"}), "Invalid cursor", 200},
		{"unsupported search", q(orders, map[string]any{"first": 5, "q": "tag:vip"}), "not supported by the fake", 200},
		{"no page size", q(`{ orders { nodes { id } } }`, nil), "first or last", 200},
		{"bad customer id", q(`{ customer(id: "7001") { id } }`, nil), "Invalid global id", 200},
		{"not json", `query=shop`, "Required parameter", 400},
	}
	for _, tt := range tests {
		status, body := env.post(t, "127.0.0.1", token, tt.body)
		if errs := fmt.Sprint(body["errors"]); status != tt.status || !strings.Contains(errs, tt.want) || body["data"] != nil {
			t.Errorf("%s: %d %.300s, want %d with %q", tt.name, status, errs, tt.status, tt.want)
		}
	}
	_, body := env.post(t, "127.0.0.1", token, q(`{ customer(id: "gid://shopify/Customer/424242") { id } }`, nil))
	if data := body["data"].(map[string]any); data["customer"] != nil || body["errors"] != nil {
		t.Errorf("unknown customer: %v, want data.customer null", body)
	}
}

func TestAdminAPIInjectedFailures(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	env.api.FailNext(2, http.StatusServiceUnavailable)
	shop, err := env.client(t).Shop(context.Background())
	if err != nil || shop.Name != "Hubchat Demo Outfitters" {
		t.Fatalf("shop = %+v, %v", shop, err)
	}
	if len(env.log.entries) != 3 || env.log.entries[0].status != 503 || env.log.entries[1].status != 503 {
		t.Errorf("answers = %+v, want 503, 503, 200", env.log.entries)
	}
	if env.clock.sleeps != 2 || env.clock.slept != 1500*time.Millisecond {
		t.Errorf("backoff slept %v in %d sleeps, want 0.5 s + 1 s", env.clock.slept, env.clock.sleeps)
	}
	env.api.FailNext(10, http.StatusInternalServerError)
	var he *adminapi.HTTPError
	if _, err := env.client(t).Shop(context.Background()); !errors.As(err, &he) || he.StatusCode != 500 {
		t.Errorf("after 5 failed attempts err = %v", err)
	}
}
