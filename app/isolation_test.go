package app_test

import (
	"context"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/app/storefront"
	"hubchat/shopify"
)

// caller is whose credentials a row's request carries.
type caller int

const (
	nobody      caller = iota // public by design: the row's check decides
	staffOfA                  // a session token of shop A's owner
	customerOfA               // a shopper token of shop A's signed-in customer
)

// isolationRow is how one route is tried across shops (isolationRows).
type isolationRow struct {
	as     caller
	path   string // with placeholders of shop B's objects
	body   string // a form for staff, JSON for a customer; placeholders too
	stream bool   // an event stream: read for a moment, then hang up
	// check replaces the tries for a route public by design: it makes its
	// own attempt on shop B (a forged signature, another shop's secret…).
	check func(t *testing.T, w *isolationWorld)
}

// Every route the app serves has a row, and every row a route: the list is
// the one Fiber registered, so it cannot drift from app/routes.go.
func TestIsolationCoversEveryRoute(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	registered := map[string]bool{}
	for _, r := range srv.Fiber().GetRoutes(true) {
		if r.Method == http.MethodHead { // Fiber's twin of each GET: the same handlers
			continue
		}
		registered[r.Method+" "+r.Path] = true
	}
	for _, route := range slices.Sorted(maps.Keys(registered)) {
		if _, ok := isolationRows[route]; !ok {
			t.Errorf("route %s has no row in isolationRows (app/isolation_rows_test.go): say how it is tried across shops", route)
		}
	}
	for _, route := range slices.Sorted(maps.Keys(isolationRows)) {
		if !registered[route] {
			t.Errorf("isolationRows has a row for %s, which the app does not serve", route)
		}
	}
}

// With valid credentials of shop A — its staff, its customer — or none,
// no route reads or changes shop B's data: every try aimed at B's objects
// is refused as an object that never existed is, every forged credential
// claiming B is refused, no answer shows B's data, and every row of B, in
// every shop-scoped table, is as it was.
func TestIsolationBetweenShops(t *testing.T) {
	t.Parallel()
	w := newIsolationWorld(t)
	before := w.digestOfB(t)
	if len(before) < 10 {
		t.Fatalf("shop B has data in only %d tables: %v", len(before), slices.Sorted(maps.Keys(before)))
	}
	for _, route := range slices.Sorted(maps.Keys(isolationRows)) {
		row := isolationRows[route]
		t.Run(route, func(t *testing.T) {
			if row.check != nil {
				row.check(t, w)
				return
			}
			method, _, _ := strings.Cut(route, " ")
			w.tryForged(t, method, row)
			w.tryAsA(t, method, row)
		})
	}
	w.env.WaitForJobs(t)
	after := w.digestOfB(t)
	for _, table := range slices.Sorted(maps.Keys(before)) {
		if before[table] != after[table] {
			t.Errorf("shop B's rows in %s changed", table)
		}
	}
	for table := range after {
		if _, ok := before[table]; !ok {
			t.Errorf("shop B gained rows in %s", table)
		}
	}
	t.Logf("shop-scoped tables compared: %d; tables without shop_id: %v", len(w.tablesOfShops), w.unscopedTables)
}

// tryForged sends the row's request with credentials claiming shop B that
// its secret did not sign: refused.
func (w *isolationWorld) tryForged(t *testing.T, method string, row isolationRow) {
	t.Helper()
	req := w.request(t, method, row, w.fill(row.path), w.fill(row.body), w.forgedCredential(t, row.as))
	resp, body := w.do(t, req, row.stream)
	if !refused(resp.StatusCode) {
		t.Errorf("forged credentials for shop B: %d, want a refusal: %.300s", resp.StatusCode, body)
	}
}

// tryAsA sends the row's request with A's real credentials: aimed at B's
// objects, refused as a missing object is; otherwise showing nothing of B.
func (w *isolationWorld) tryAsA(t *testing.T, method string, row isolationRow) {
	t.Helper()
	credential := map[caller]string{staffOfA: w.staffA, customerOfA: w.customerA}[row.as]
	resp, body := w.do(t, w.request(t, method, row, w.fill(row.path), w.fill(row.body), credential), row.stream)
	if strings.Contains(body, bSecret) {
		t.Errorf("A's answer shows shop B's data: %d %.500s", resp.StatusCode, body)
	}
	if resp.StatusCode >= 500 {
		t.Errorf("A's request failed: %d %.300s", resp.StatusCode, body)
	}
	if !aimsAtB(row) {
		return
	}
	if !refused(resp.StatusCode) {
		t.Fatalf("A reached shop B's object: %d, want a refusal: %.300s", resp.StatusCode, body)
	}
	missing, _ := w.do(t, w.request(t, method, row, missingObjects(row.path), missingObjects(row.body), credential), row.stream)
	if missing.StatusCode != resp.StatusCode {
		t.Errorf("B's object answered %d, an object that never existed %d: existence leaks", resp.StatusCode, missing.StatusCode)
	}
}

var placeholder = regexp.MustCompile(`\{(ticket|message|faq|article|synonyms|macro|recipient|request|media)\}`)

// aimsAtB reports whether the row names one of B's objects.
func aimsAtB(row isolationRow) bool { return placeholder.MatchString(row.path + row.body) }

// fill puts B's objects in place of the placeholders.
func (w *isolationWorld) fill(s string) string {
	for name, id := range w.objectsB {
		s = strings.ReplaceAll(s, "{"+name+"}", id)
	}
	return s
}

// missingObjects puts ids no shop has in place of the placeholders.
func missingObjects(s string) string {
	return placeholder.ReplaceAllString(strings.ReplaceAll(s, "{shop}", "nowhere.myshopify.com"), "987654321")
}

func refused(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound
}

// request builds the row's request with credential as the caller's.
func (w *isolationWorld) request(t *testing.T, method string, row isolationRow, path, body, credential string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, w.env.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+credential)
	switch row.as {
	case staffOfA:
		req.Header.Set("HX-Request", "true")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case customerOfA:
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// forgedCredential claims shop B, signed with a secret that is not the
// app's.
func (w *isolationWorld) forgedCredential(t *testing.T, as caller) string {
	t.Helper()
	const notTheSecret = "shpss_not-the-apps-secret"
	var token string
	var err error
	switch as {
	case staffOfA:
		token, err = shopify.SignSessionToken(shopify.SessionTokenParams{Shop: w.shopB, APIKey: w.env.Config.ShopifyAPIKey,
			UserID: "9001", SessionID: "forged", IssuedAt: time.Now()}, notTheSecret)
	case customerOfA:
		var profile int64
		w.env.DB.Get(&profile, `SELECT min(id) FROM profiles WHERE shop_id = $1`, w.idB)
		token, _, err = storefront.NewTokens(notTheSecret, time.Now).Issue(storefront.Shopper{ShopID: w.idB, ProfileID: profile})
	}
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// do sends req; a stream is read for a moment and then hung up on.
func (w *isolationWorld) do(t *testing.T, req *http.Request, stream bool) (*http.Response, string) {
	t.Helper()
	if !stream {
		return send(t, req)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // ends at the deadline for a stream that stays open
	return resp, string(b)
}
