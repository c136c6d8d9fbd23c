package shopauth_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
)

const owner = 9001 // the demo shop's owner

// embeddedLoad is the URL the admin loads in its iframe.
func embeddedLoad(env *apptest.Env, path, idToken string) string {
	q := url.Values{"embedded": {"1"}, "shop": {env.Shop()}, "host": {shopify.EncodeHost("admin.shopify.com/store/hubchat-demo")}}
	if idToken != "" {
		q.Set("id_token", idToken)
	}
	return env.URL + path + "?" + q.Encode()
}

func bearer(t *testing.T, url, token string, header ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}

func TestEmbeddedDocumentLoad(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	read := reader(t)

	resp, page := read(noRedirects().Get(embeddedLoad(env, "/app", env.SessionToken(t, owner))))
	if resp.StatusCode != 200 {
		t.Fatalf("with a valid id_token: %d %.300s", resp.StatusCode, page)
	}
	contains(t, page, `data-testid="shop-name">`+env.Shopify.Shop.Info().Name, `<meta name="shopify-api-key" content="`+env.Config.ShopifyAPIKey+`"`)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors https://"+env.Shop()+" "+env.Shopify.AdminURL+";") {
		t.Fatalf("CSP %q does not let the shop's admin frame the page", csp)
	}
	// App Bridge's script comes first and is not deferred.
	if i, j := strings.Index(page, "app-bridge.js"), strings.Index(page, "<script"); i < 0 || j < 0 || i < j || strings.Contains(page[j:i], "defer") {
		t.Fatal("App Bridge is not the first, synchronous script")
	}

	// Without a token (or with a bad one) the page bounces through App Bridge,
	// which reloads the same page with a fresh one.
	for _, token := range []string{"", "not-a-jwt"} {
		resp, _ = read(noRedirects().Get(embeddedLoad(env, "/app/privacy", token)))
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != 302 || loc.Path != "/auth/session-token" {
			t.Fatalf("token %q: %d to %s, want the bounce page", token, resp.StatusCode, loc)
		}
		reload, _ := url.Parse(loc.Query().Get("shopify-reload"))
		if reload.Path != "/app/privacy" || reload.Query().Get("id_token") != "" || reload.Query().Get("embedded") != "1" {
			t.Fatalf("bounce reloads %s", reload)
		}
		resp, page = read(noRedirects().Get(env.URL + loc.String()))
		contains(t, page, `data-testid="bounce-page"`, env.Config.AppBridgeURL)
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors https://"+env.Shop()) {
			t.Fatal("the bounce page cannot be framed by the admin")
		}
	}
}

func TestAdminRequestsNeedAValidSessionToken(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	read := reader(t)
	expired, _ := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: env.Shop(), APIKey: env.Config.ShopifyAPIKey,
		UserID: strconv.Itoa(owner), IssuedAt: time.Now().Add(-5 * time.Minute)}, env.Config.ShopifyAPISecret)
	otherApp, _ := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: env.Shop(), APIKey: "another-app",
		UserID: strconv.Itoa(owner), IssuedAt: time.Now()}, env.Config.ShopifyAPISecret)
	type guardCase struct {
		name   string
		req    *http.Request
		status int
		retry  bool
	}
	tests := []guardCase{
		{"valid token", bearer(t, env.URL+"/app/privacy", env.SessionToken(t, owner)), 200, false},
		{"htmx without token", bearer(t, env.URL+"/app/privacy", "", "HX-Request", "true"), 401, true},
		{"garbage token", bearer(t, env.URL+"/app/privacy", "garbage"), 401, true},
		{"expired token", bearer(t, env.URL+"/app/privacy", expired), 401, true},
		{"token for another app", bearer(t, env.URL+"/app/privacy", otherApp), 401, true},
	}
	// sub must name a staff member: a positive user id.
	for _, sub := range []string{"0", "-5", "abc", ""} {
		token, err := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: env.Shop(), APIKey: env.Config.ShopifyAPIKey,
			UserID: sub, IssuedAt: time.Now()}, env.Config.ShopifyAPISecret)
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, guardCase{"sub " + strconv.Quote(sub), bearer(t, env.URL+"/app/privacy", token), 401, true})
	}
	for _, tt := range tests {
		resp, body := read(noRedirects().Do(tt.req))
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %.200s", tt.name, resp.StatusCode, tt.status, body)
		}
		if got := resp.Header.Get("X-Shopify-Retry-Invalid-Session-Request") == "1"; got != tt.retry {
			t.Errorf("%s: retry header %v, want %v", tt.name, got, tt.retry)
		}
	}
	var strangers int
	if err := env.DB.Get(&strangers, `SELECT count(*) FROM agents WHERE shopify_user_id <= 0`); err != nil || strangers != 0 {
		t.Fatalf("%d agents recorded for a non-positive sub (%v)", strangers, err)
	}
}

// A load outside the admin is sent into it: to App Home when installed, to
// the OAuth grant when not; unsigned loads are refused.
func TestLoadOutsideTheAdmin(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	read := reader(t)
	signed := func() string {
		q := url.Values{"shop": {env.Shop()}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)},
			"host": {shopify.EncodeHost("admin.shopify.com/store/hubchat-demo")}}
		q.Set("hmac", shopify.SignQuery(q, env.Config.ShopifyAPISecret))
		return env.URL + "/app?" + q.Encode()
	}
	resp, _ := read(noRedirects().Get(signed()))
	if loc := resp.Header.Get("Location"); resp.StatusCode != 302 || loc != "/auth?shop="+env.Shop() {
		t.Fatalf("not installed: %d to %s, want the OAuth grant", resp.StatusCode, loc)
	}
	env.Install(t)
	resp, _ = read(noRedirects().Get(signed()))
	if loc := resp.Header.Get("Location"); loc != env.Shopify.AppHomeURL() {
		t.Fatalf("installed: to %s, want App Home %s", loc, env.Shopify.AppHomeURL())
	}
	resp, _ = read(noRedirects().Get(env.URL + "/app?shop=" + env.Shop()))
	if resp.StatusCode != 400 {
		t.Fatalf("unsigned load: %d, want 400", resp.StatusCode)
	}
}

// Opening the app for the first time after a Shopify-managed install
// installs it by token exchange and names the staff member.
func TestManagedInstallOnFirstOpen(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	read := reader(t)
	env.Shopify.GrantManagedInstall(env.Shop())
	resp, page := read(noRedirects().Get(embeddedLoad(env, "/app", env.SessionToken(t, 9002))))
	if resp.StatusCode != 200 {
		t.Fatalf("first open: %d %.300s", resp.StatusCode, page)
	}
	staff := shopifytest.DemoStaff()[1]
	var first, last, email string
	if err := env.DB.QueryRow(`SELECT first_name, last_name, email FROM agents WHERE shopify_user_id = $1`, staff.ID).Scan(&first, &last, &email); err != nil {
		t.Fatal(err)
	}
	if first != staff.FirstName || last != staff.LastName || email != staff.Email {
		t.Fatalf("the staff member is named %q %q <%s>, want %s %s", first, last, email, staff.FirstName, staff.LastName)
	}
	if c := env.Shopify.OAuth.Counters(); c.Exchanges != 2 {
		t.Fatalf("token exchanges %+v, want 2 (offline token, then the staff member's online token)", c)
	}
}

// Without the merchant's approval, token exchange fails and the app falls
// back to the OAuth grant, leaving the iframe first.
func TestOpenWithoutApprovalFallsBackToOAuth(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	read := reader(t)
	resp, _ := read(noRedirects().Get(embeddedLoad(env, "/app", env.SessionToken(t, owner))))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 302 || !strings.HasPrefix(loc, "/auth?") {
		t.Fatalf("%d to %s, want /auth", resp.StatusCode, loc)
	}
	_, page := read(noRedirects().Get(env.URL + loc))
	contains(t, page, `data-testid="exit-iframe-page"`, `/auth?shop=`+env.Shop())
}

// The admin's language comes from the locale a signed admin load gives, and
// the staff member's later requests, which carry only a bearer token, are
// answered in it; a locale without the admin's HMAC changes nothing.
func TestTheAdminSpeaksTheLanguageItWasOpenedIn(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	read := reader(t)
	load := func(locale string, signed bool) string {
		q := url.Values{"embedded": {"1"}, "shop": {env.Shop()}, "host": {shopify.EncodeHost("admin.shopify.com/store/hubchat-demo")},
			"id_token": {env.SessionToken(t, owner)}, "locale": {locale}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
		if signed {
			q.Set("hmac", shopify.SignQuery(q, env.Config.ShopifyAPISecret))
		}
		resp, page := read(noRedirects().Get(env.URL + "/app/privacy?" + q.Encode()))
		if resp.StatusCode != 200 {
			t.Fatalf("load in %s: %d %.300s", locale, resp.StatusCode, page)
		}
		return page
	}
	later := func() string {
		_, page := read(http.DefaultClient.Do(bearer(t, env.URL+"/app/privacy", env.SessionToken(t, owner))))
		return page
	}

	contains(t, load("es-MX", true), `<html lang="es">`)
	contains(t, later(), `<html lang="es">`)
	contains(t, load("pl", false), `<html lang="es">`)
	contains(t, load("pl", true), `<html lang="pl">`)
	contains(t, later(), `<html lang="pl">`)
	contains(t, load("pt-BR", true), `<html lang="en">`)
}
