package shopifytest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"hubchat/shopify/adminapi"
)

// AdminAPIOptions tunes the fake Admin API; zero values take the defaults
// named on each field.
type AdminAPIOptions struct {
	// MaxAvailable and RestoreRate size each shop's cost bucket (default
	// 2,000 points, 100 per second). Tests shrink them to force throttling.
	MaxAvailable, RestoreRate float64
	// MaxQueryCost is the single-query limit (default 1,000 points).
	MaxQueryCost int
	// Now is the bucket's clock (default time.Now); tests share a fake one
	// with the client so that its sleeps restore the bucket.
	Now func() time.Time
	// ShopFor names the shop a request is for. The default takes the Host
	// header when it is a known shop's domain, else the first shop, so a
	// client pointed at http://127.0.0.1:port talks to the demo shop.
	ShopFor func(r *http.Request) string
	// AssetBase prefixes image paths that are not absolute URLs (e.g. the
	// fake storefront's origin); empty leaves them as they are.
	AssetBase string
	// ScopeOf is the scope an access token of a shop was granted (the fake
	// OAuth server's AccessTokenScope): fields that need a scope it lacks
	// are refused with ACCESS_DENIED, as on Shopify. nil grants them all.
	ScopeOf func(shop, token string) string
	// StorefrontURLs are the origins the shop's online store answers on,
	// its primary domain first: what shop.primaryDomain and webPresences
	// report. Empty: https://{primary_domain} alone.
	StorefrontURLs []string
	// Themes is the published theme of a shop, whose settings_data.json
	// themes(roles: [MAIN]) reports. Default: one per shop, with no app
	// embed switched on (NewTheme("hubchat")).
	Themes func(shop string) *Theme
}

// AdminAPI fakes POST /admin/api/{version}/graphql.json for the demo shops:
// the access-token check, the queries hubchat's adminapi client sends, the
// per-shop leaky bucket with its extensions.cost and THROTTLED answers, and
// injected failures (docs/demo-shop.md lists what it supports). It is an
// http.Handler, safe for concurrent use.
type AdminAPI struct {
	authorize func(shop, token string) bool
	opts      AdminAPIOptions
	shops     map[string]*DemoShop
	first     string

	mu       sync.Mutex
	buckets  map[string]*adminapi.Bucket
	failures []int // statuses to answer the next requests with

	appData appMetafieldStore // the app's app-data metafields, per shop
}

// NewAdminAPI serves shops; authorize decides whether an
// X-Shopify-Access-Token is valid for a shop (the fake OAuth server's
// ValidAccessToken).
func NewAdminAPI(authorize func(shop, token string) bool, opts AdminAPIOptions, shops ...*DemoShop) (*AdminAPI, error) {
	if authorize == nil || len(shops) == 0 {
		return nil, fmt.Errorf("admin api: need an authorize func and at least one shop")
	}
	opts.MaxAvailable = cmp.Or(opts.MaxAvailable, 2000)
	opts.RestoreRate = cmp.Or(opts.RestoreRate, 100)
	opts.MaxQueryCost = cmp.Or(opts.MaxQueryCost, 1000)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a := &AdminAPI{authorize: authorize, opts: opts, shops: map[string]*DemoShop{}, buckets: map[string]*adminapi.Bucket{}}
	for _, s := range shops {
		d := s.Info().Domain
		if a.shops[d] != nil {
			return nil, fmt.Errorf("admin api: shop %s given twice", d)
		}
		a.shops[d] = s
		a.first = cmp.Or(a.first, d)
	}
	if a.opts.ShopFor == nil {
		a.opts.ShopFor = a.shopFromHost
	}
	if a.opts.Themes == nil {
		themes := map[string]*Theme{}
		for d := range a.shops {
			themes[d] = NewTheme("hubchat")
		}
		a.opts.Themes = func(shop string) *Theme { return themes[shop] }
	}
	return a, nil
}

func (a *AdminAPI) shopFromHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	if a.shops[strings.ToLower(host)] != nil {
		return strings.ToLower(host)
	}
	return a.first
}

// Theme is the shop's published theme.
func (a *AdminAPI) Theme(shop string) *Theme { return a.opts.Themes(shop) }

// FailNext makes the next n requests (after the token check) fail with
// status, as Shopify's 5xx and 429 do now and then.
func (a *AdminAPI) FailNext(n, status int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for range n {
		a.failures = append(a.failures, status)
	}
}

var adminapiPath = regexp.MustCompile(`^/admin/api/(\d{4}-\d{2}|unstable)/graphql\.json$`)

// adminapiUnauthorized is Shopify's answer to an unknown access token.
const adminapiUnauthorized = `{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}`

func (a *AdminAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if !adminapiPath.MatchString(r.URL.Path) {
		adminapiWrite(w, http.StatusNotFound, `{"errors":"Not Found"}`)
		return
	}
	if r.Method != http.MethodPost {
		adminapiWrite(w, http.StatusMethodNotAllowed, `{"errors":"Method Not Allowed"}`)
		return
	}
	shop := a.opts.ShopFor(r)
	if a.shops[shop] == nil || !a.authorize(shop, r.Header.Get("X-Shopify-Access-Token")) {
		adminapiWrite(w, http.StatusUnauthorized, adminapiUnauthorized)
		return
	}
	if status := a.nextFailure(); status != 0 {
		adminapiWrite(w, status, fmt.Sprintf(`{"errors":%q}`, http.StatusText(status)))
		return
	}
	var req struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil || req.Query == "" {
		adminapiWrite(w, http.StatusBadRequest, `{"errors":{"query":"Required parameter missing or invalid"}}`)
		return
	}
	body := a.answer(a.shops[shop], shop, r.Header.Get("X-Shopify-Access-Token"), req.Query, req.Variables)
	out, _ := json.Marshal(body)
	adminapiWrite(w, http.StatusOK, string(out))
}

func adminapiWrite(w http.ResponseWriter, status int, body string) {
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func (a *AdminAPI) nextFailure() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.failures) == 0 {
		return 0
	}
	status := a.failures[0]
	a.failures = a.failures[1:]
	return status
}

// answer runs one query against the bucket: a query the bucket cannot afford
// is THROTTLED (HTTP 200, actualQueryCost null); one that runs is charged
// its requested cost and refunded the difference to its actual cost.
func (a *AdminAPI) answer(s *DemoShop, shop, token, query string, vars map[string]any) map[string]any {
	op, err := adminapi.ParseQuery(query)
	if err != nil {
		return adminapiErrors(err.Error(), "PARSE_ERROR")
	}
	for _, f := range op.Fields {
		known, root := adminapiResolvers[f.Name] != nil, "QueryRoot"
		if op.Type == adminapi.OpMutation {
			known, root = adminapiMutations[f.Name] != nil, "Mutation"
		}
		if !known {
			return adminapiErrors(fmt.Sprintf("Field '%s' doesn't exist on type '%s'", f.Name, root), "undefinedField")
		}
	}
	if denied := a.deniedField(op, shop, token); denied != nil {
		return denied
	}
	requested := adminapi.RequestedCost(op, vars)
	if requested > a.opts.MaxQueryCost {
		return adminapiErrors(fmt.Sprintf("Query cost is %d, which exceeds the single query max cost limit (%d).",
			requested, a.opts.MaxQueryCost), "MAX_COST_EXCEEDED")
	}
	a.mu.Lock()
	b := a.buckets[shop]
	if b == nil {
		b = adminapi.NewBucket(a.opts.MaxAvailable, a.opts.RestoreRate, a.opts.Now())
		a.buckets[shop] = b
	}
	if !b.Take(float64(requested), a.opts.Now()) {
		body := adminapiErrors("Throttled", "THROTTLED")
		body["extensions"] = a.costExtension(b, requested, nil)
		a.mu.Unlock()
		return body
	}
	a.mu.Unlock()

	var data map[string]any
	if op.Type == adminapi.OpMutation {
		data, err = a.mutate(shop, op, vars)
	} else {
		data, err = adminapiResolve(s, op, vars, &a.opts)
	}
	actual := 0
	if err == nil {
		actual = adminapi.ActualCost(op, vars, data)
	}
	body := map[string]any{"data": data}
	if err != nil {
		body = adminapiErrors(err.Error(), "")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b.Put(float64(requested-actual), a.opts.Now())
	body["extensions"] = a.costExtension(b, requested, &actual)
	return body
}

// costExtension is extensions.cost as Shopify documents it; the caller
// holds a.mu. currentlyAvailable is a whole number, as Shopify reports it.
func (a *AdminAPI) costExtension(b *adminapi.Bucket, requested int, actual *int) map[string]any {
	return map[string]any{"cost": map[string]any{
		"requestedQueryCost": requested,
		"actualQueryCost":    actual,
		"throttleStatus": map[string]any{
			"maximumAvailable":   b.Max,
			"currentlyAvailable": math.Floor(b.Available(a.opts.Now())),
			"restoreRate":        b.Rate,
		},
	}}
}

func adminapiErrors(message, code string) map[string]any {
	e := map[string]any{"message": message}
	if code != "" {
		e["extensions"] = map[string]any{"code": code}
	}
	return map[string]any{"errors": []any{e}}
}
