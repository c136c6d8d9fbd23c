package shopifytest

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/shopify"
)

// proxiedRequest is what the test app received.
type proxiedRequest struct {
	method, path, body string
	query              url.Values
	header             http.Header
	verified           shopify.AppProxyRequest
	verifyErr          error
}

// testApp is an app behind the proxy: it verifies every request as the
// real app must and answers by path.
type testApp struct {
	mu       sync.Mutex
	requests []proxiedRequest
	release  chan struct{} // ends the event stream
}

func (a *testApp) last(t *testing.T) proxiedRequest {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.requests) == 0 {
		t.Fatal("the app received no request")
	}
	return a.requests[len(a.requests)-1]
}

func (a *testApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	verified, err := shopify.VerifyAppProxy(r.URL.Query(), testSecret, time.Now)
	a.mu.Lock()
	a.requests = append(a.requests, proxiedRequest{method: r.Method, path: r.URL.Path, body: string(body),
		query: r.URL.Query(), header: r.Header.Clone(), verified: verified, verifyErr: err})
	a.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "app_session", Value: "leak"})
	switch r.URL.Path {
	case "/proxy/page":
		w.Header().Set("Content-Type", "application/liquid; charset=utf-8")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `<h1 data-testid="proxy-page">Hello {{ customer.first_name | default: 'guest' }}</h1>`)
	case "/proxy/bare":
		w.Header().Set("Content-Type", "application/liquid")
		io.WriteString(w, `{% layout none %}<p data-testid="bare">{{ shop.name }}</p>`)
	case "/proxy/broken":
		w.Header().Set("Content-Type", "application/liquid")
		io.WriteString(w, "<p>\n{% if customer %}")
	case "/proxy/stream":
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-a.release:
		case <-r.Context().Done():
		}
		io.WriteString(w, "data: two\n\n")
	default:
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}
}

// startProxy runs a storefront whose app proxy points at a test app.
func startProxy(t *testing.T, now func() time.Time) (*httptest.Server, *testApp) {
	t.Helper()
	app := &testApp{release: make(chan struct{})}
	appSrv := httptest.NewServer(app)
	t.Cleanup(appSrv.Close)
	cfg := newTestConfig(&testShopData{}, fixtureDir)
	cfg.AppProxy = StorefrontAppProxy{URL: appSrv.URL + "/proxy", Secret: testSecret}
	cfg.Now = now
	return startStorefront(t, cfg), app
}

func signIn(t *testing.T, srv *httptest.Server) *http.Client {
	t.Helper()
	browser := newBrowser(t)
	resp, err := browser.PostForm(srv.URL+"/account/login", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return browser
}

func TestAppProxyForwardsSignedRequests(t *testing.T) {
	srv, app := startProxy(t, time.Now)
	tests := []struct {
		name, method, path, body, wantPath, wantCustomer string
		signedIn                                         bool
	}{
		{name: "anonymous GET", method: http.MethodGet, path: "/apps/hubchat/session?lang=en&logged_in_customer_id=99&signature=forged",
			wantPath: "/proxy/session"},
		{name: "signed-in POST", method: http.MethodPost, path: "/apps/hubchat/messages/new?lang=en", body: `{"text":"hi"}`,
			wantPath: "/proxy/messages/new", wantCustomer: "7", signedIn: true},
		{name: "proxy root", method: http.MethodGet, path: "/apps/hubchat?lang=en", wantPath: "/proxy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			browser := newBrowser(t)
			if tt.signedIn {
				browser = signIn(t, srv)
			}
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			req.AddCookie(&http.Cookie{Name: "theme_pref", Value: "dark"})
			req.Header.Set("X-Forwarded-Host", "evil.example")
			req.Header.Set("X-Forwarded-For", "203.0.113.9")
			resp, err := browser.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			if body := readBody(t, resp); resp.StatusCode != http.StatusOK || body != `{"ok":true}` {
				t.Fatalf("%s %s = %d %q", tt.method, tt.path, resp.StatusCode, body)
			}
			if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 {
				t.Errorf("the app's Set-Cookie reached the browser: %q", sc)
			}
			got := app.last(t)
			if got.verifyErr != nil {
				t.Fatalf("the app could not verify the request: %v (query %v)", got.verifyErr, got.query)
			}
			want := shopify.AppProxyRequest{Shop: testShopDomain, LoggedInCustomerID: tt.wantCustomer, PathPrefix: "/apps/hubchat"}
			if got.verified != want {
				t.Errorf("verified %+v, want %+v", got.verified, want)
			}
			if got.method != tt.method || got.path != tt.wantPath || got.body != tt.body || got.query.Get("lang") != "en" {
				t.Errorf("app got %s %s %q lang=%q, want %s %s %q lang=en", got.method, got.path, got.body, got.query.Get("lang"), tt.method, tt.wantPath, tt.body)
			}
			if got.query.Has("logged_in_customer_id") == false || len(got.query["logged_in_customer_id"]) != 1 {
				t.Errorf("logged_in_customer_id = %q, want exactly one (empty when anonymous)", got.query["logged_in_customer_id"])
			}
			if c := got.header.Get("Cookie"); c != "" {
				t.Errorf("cookies reached the app: %q", c)
			}
			// Shopify documents only the signed query: no forwarding header
			// reaches the app, not even one the visitor sent.
			for name := range got.header {
				if strings.HasPrefix(name, "X-Forwarded-") || name == "Forwarded" {
					t.Errorf("%s: %q reached the app", name, got.header.Values(name))
				}
			}
		})
	}
}

func TestAppProxyTamperingFailsVerification(t *testing.T) {
	srv, app := startProxy(t, time.Now)
	resp, _ := get(t, signIn(t, srv), srv.URL+"/apps/hubchat/session")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET = %d", resp.StatusCode)
	}
	q := app.last(t).query
	if _, err := shopify.VerifyAppProxy(q, testSecret, time.Now); err != nil {
		t.Fatalf("the untouched query does not verify: %v", err)
	}
	for name, tamper := range map[string]func(url.Values){
		"customer id":  func(q url.Values) { q.Set("logged_in_customer_id", "8") },
		"signed out":   func(q url.Values) { q.Set("logged_in_customer_id", "") },
		"path prefix":  func(q url.Values) { q.Set("path_prefix", "/apps/other") },
		"extra param":  func(q url.Values) { q.Set("admin", "1") },
		"wrong secret": func(q url.Values) { q.Set("signature", shopify.SignAppProxy(q, "not-the-secret")) },
	} {
		forged := url.Values{}
		for k, v := range q {
			forged[k] = append([]string(nil), v...)
		}
		tamper(forged)
		if _, err := shopify.VerifyAppProxy(forged, testSecret, time.Now); !errors.Is(err, shopify.ErrInvalidHMAC) {
			t.Errorf("%s: VerifyAppProxy = %v, want ErrInvalidHMAC", name, err)
		}
	}
}

func TestAppProxyTimestampFromClock(t *testing.T) {
	srv, app := startProxy(t, func() time.Time { return time.Now().Add(-time.Hour) })
	get(t, newBrowser(t), srv.URL+"/apps/hubchat/session")
	if err := app.last(t).verifyErr; !errors.Is(err, shopify.ErrStaleRequest) {
		t.Errorf("an hour-old timestamp verified as %v, want ErrStaleRequest", err)
	}
}

func TestAppProxyLiquidResponses(t *testing.T) {
	srv, _ := startProxy(t, time.Now)
	tests := []struct {
		name     string
		browser  *http.Client
		path     string
		status   int
		want     []string
		wantNot  []string
		wantBare string
	}{
		{name: "in layout, anonymous", browser: newBrowser(t), path: "/apps/hubchat/page", status: http.StatusAccepted,
			want: []string{`<h1 data-testid="proxy-page">Hello guest</h1>`, `class="site-header"`, `data-testid="hub-embed"`}},
		{name: "in layout, signed in", browser: signIn(t, srv), path: "/apps/hubchat/page", status: http.StatusAccepted,
			want: []string{`<h1 data-testid="proxy-page">Hello Jane</h1>`, `data-testid="hub-greeting"`}},
		{name: "layout none", browser: newBrowser(t), path: "/apps/hubchat/bare", status: http.StatusOK,
			wantBare: `<p data-testid="bare">Juniper & Ash</p>`},
		{name: "syntax error", browser: newBrowser(t), path: "/apps/hubchat/broken", status: http.StatusOK,
			want: []string{`Liquid syntax error (app proxy response /apps/hubchat/broken line 2)`, `class="site-header"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, tt.browser, srv.URL+tt.path)
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("GET %s = %d %q, want %d text/html", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status)
			}
			if tt.wantBare != "" && strings.TrimSpace(body) != tt.wantBare {
				t.Errorf("body = %q, want exactly %q", body, tt.wantBare)
			}
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %s:\n%s", want, body)
				}
			}
		})
	}
}

func TestAppProxyStreams(t *testing.T) {
	srv, app := startProxy(t, time.Now)
	resp, err := http.Get(srv.URL + "/apps/hubchat/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		got <- line
	}()
	select {
	case line := <-got:
		if line != "data: one\n" {
			t.Errorf("first line %q, want the first event", line)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first event was held back until the stream ends")
	}
	close(app.release)
}

func TestAppProxyUnavailable(t *testing.T) {
	cfg := newTestConfig(&testShopData{}, fixtureDir)
	if resp, _ := get(t, newBrowser(t), startStorefront(t, cfg).URL+"/apps/hubchat/x"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("without a proxy URL: %d, want 404", resp.StatusCode)
	}
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	cfg.AppProxy = StorefrontAppProxy{URL: down.URL + "/proxy", Secret: testSecret}
	if resp, _ := get(t, newBrowser(t), startStorefront(t, cfg).URL+"/apps/hubchat/x"); resp.StatusCode != http.StatusBadGateway {
		t.Errorf("with the app down: %d, want 502", resp.StatusCode)
	}
}
