package adminapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is the injected clock: Sleep records each wait and moves Now
// forward by it, so a test sees exactly what the client decided to wait.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// script answers the n-th request with replies[n] (the last one repeats)
// and records the tokens it was sent.
type script struct {
	mu      sync.Mutex
	replies []func(w http.ResponseWriter)
	tokens  []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	n := len(s.tokens)
	s.tokens = append(s.tokens, r.Header.Get("X-Shopify-Access-Token"))
	s.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/admin/api/"+APIVersion+"/graphql.json" {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	s.replies[min(n, len(s.replies)-1)](w)
}

func (s *script) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tokens)
}

func respond(status int, body string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
}

// costJSON is extensions.cost as Shopify sends it; actual < 0 means null.
func costJSON(requested, actual, max, available, rate float64) string {
	a := "null"
	if actual >= 0 {
		a = fmt.Sprint(actual)
	}
	return fmt.Sprintf(`"extensions":{"cost":{"requestedQueryCost":%v,"actualQueryCost":%s,`+
		`"throttleStatus":{"maximumAvailable":%v,"currentlyAvailable":%v,"restoreRate":%v}}}`,
		requested, a, max, available, rate)
}

func ok(requested, available, rate float64) func(http.ResponseWriter) {
	return respond(200, `{"data":{"shop":{"name":"Demo"}},`+costJSON(requested, requested, 1000, available, rate)+`}`)
}

func throttled(requested, available, rate float64) func(http.ResponseWriter) {
	return respond(200, `{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],`+
		costJSON(requested, -1, 1000, available, rate)+`}`)
}

const secretToken = "shpat_secret_do_not_print"

func newTestClient(t *testing.T, h http.Handler, tokens TokenSource, tune func(*Options)) (*Client, *fakeClock) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	clock := newFakeClock()
	opts := Options{
		Endpoint: func(shop string) string { return srv.URL + "/admin/api/" + APIVersion + "/graphql.json" },
		Now:      clock.Now,
		Sleep:    clock.Sleep,
		Jitter:   func(d time.Duration) time.Duration { return d },
	}
	if tune != nil {
		tune(&opts)
	}
	if tokens == nil {
		tokens = StaticToken(secretToken)
	}
	c, err := New("Hubchat-Demo.myshopify.com", tokens, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, clock
}

const tinyQuery = `{ shop { name } }`

func TestWaitComputedFromThrottleStatus(t *testing.T) {
	tests := []struct {
		name                       string
		requested, available, rate float64
		want                       []time.Duration
	}{
		{"short by 400 at 50/s", 500, 100, 50, []time.Duration{8 * time.Second}},
		{"Shopify's example", 752, 666, 50, []time.Duration{1720 * time.Millisecond}},
		{"enough left", 100, 900, 50, nil},
		{"empty bucket at 100/s", 10, 0, 100, []time.Duration{100 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []func(http.ResponseWriter){ok(tt.requested, tt.available, tt.rate)}}
			c, clock := newTestClient(t, s, nil, nil)
			// The first call learns the bucket and the query's cost; the
			// second must wait for (requested − available) / restoreRate.
			for range 2 {
				if err := c.Do(context.Background(), tinyQuery, nil, nil); err != nil {
					t.Fatal(err)
				}
			}
			if got := clock.Sleeps(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sleeps = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestThrottledIsRetriedAfterTheRestoreWait(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){throttled(752, 666, 50), ok(752, 0, 50)}}
	c, clock := newTestClient(t, s, nil, nil)
	var data struct{ Shop struct{ Name string } }
	if err := c.Do(context.Background(), tinyQuery, nil, &data); err != nil {
		t.Fatal(err)
	}
	if data.Shop.Name != "Demo" || s.requests() != 2 {
		t.Errorf("data = %+v after %d requests", data, s.requests())
	}
	if got, want := clock.Sleeps(), []time.Duration{1720 * time.Millisecond}; !reflect.DeepEqual(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
}

func TestQueryCostlierThanTheBucketFailsFast(t *testing.T) {
	// Shopify says the query costs 150 and the bucket holds 100: waiting
	// can never help, so the client must not sleep forever.
	s := &script{replies: []func(http.ResponseWriter){respond(200, `{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],`+
		costJSON(150, -1, 100, 100, 50)+`}`)}}
	c, clock := newTestClient(t, s, nil, nil)
	if err := c.Do(context.Background(), tinyQuery, nil, nil); !errors.Is(err, ErrQueryTooCostly) {
		t.Fatalf("err = %v, want ErrQueryTooCostly", err)
	}
	if s.requests() != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("requests %d, sleeps %v", s.requests(), clock.Sleeps())
	}
}

func TestGraphQLErrorsAreTyped(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){respond(200, `{"errors":[`+
		`{"message":"Field 'foo' doesn't exist on type 'QueryRoot'","locations":[{"line":1,"column":3}],"extensions":{"code":"undefinedField"}},`+
		`{"message":"Access denied for email field."}]}`)}}
	c, _ := newTestClient(t, s, nil, nil)
	err := c.Do(context.Background(), `{ foo }`, nil, nil)
	var ge *GraphQLError
	if !errors.As(err, &ge) || len(ge.Errors) != 2 || !ge.HasCode("undefinedField") || ge.HasCode("THROTTLED") {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(err.Error(), "Field 'foo' doesn't exist") || !strings.Contains(err.Error(), "Access denied") {
		t.Errorf("message lost: %v", err)
	}
}

func TestRequestShape(t *testing.T) {
	var got struct {
		path, token, ctype string
		body               map[string]any
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.token, got.ctype = r.URL.Path, r.Header.Get("X-Shopify-Access-Token"), r.Header.Get("Content-Type")
		_ = json.NewDecoder(r.Body).Decode(&got.body)
		ok(1, 999, 50)(w)
	})
	c, _ := newTestClient(t, h, nil, nil)
	if c.ShopDomain() != "hubchat-demo.myshopify.com" {
		t.Errorf("shop not normalised: %s", c.ShopDomain())
	}
	if err := c.Do(context.Background(), tinyQuery, map[string]any{"first": 3}, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"query": tinyQuery, "variables": map[string]any{"first": 3.0}}
	if got.path != "/admin/api/2026-10/graphql.json" || got.token != secretToken ||
		got.ctype != "application/json" || !reflect.DeepEqual(got.body, want) {
		t.Errorf("request = %+v", got)
	}
	if DefaultEndpoint("a.myshopify.com") != "https://a.myshopify.com/admin/api/2026-10/graphql.json" {
		t.Error(DefaultEndpoint("a.myshopify.com"))
	}
	if _, err := New("evil.example.com", StaticToken("x"), Options{}); err == nil {
		t.Error("New accepted a non-myshopify shop")
	}
}
