package shopauth_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify"
)

// The merchant installs from the admin through the OAuth grant and lands in
// the embedded app, which shows the shop's name.
func TestOAuthInstallFromTheAdmin(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	b, read := browser(t), reader(t)

	_, home := read(b.Get(env.Shopify.AdminURL + "/store/hubchat-demo"))
	install := attr(t, home, "install-app-start", "href")
	// The signed app URL redirects to /auth, which redirects to the grant
	// screen; the client follows to the consent page.
	resp, consent := read(b.Get(install))
	if resp.Request.URL.Path != "/shops/"+env.Shop()+"/admin/oauth/authorize" {
		t.Fatalf("install ended at %s, want the grant screen", resp.Request.URL)
	}
	contains(t, consent, "read_orders", `data-testid="install-app"`)
	approve := consentForm(t, consent)
	resp, frame := read(b.PostForm(resp.Request.URL.String(), approve))
	appHome := env.Shopify.AppHomeURL()
	if resp.Request.URL.String() != appHome {
		t.Fatalf("after approval landed on %s, want App Home %s", resp.Request.URL, appHome)
	}
	_, page := read(b.Get(attr(t, frame, "app-frame", "src")))
	contains(t, page, `data-testid="shop-name">`+env.Shopify.Shop.Info().Name+`<`)

	var sealed, domain string
	if err := env.DB.QueryRow(`SELECT access_token_sealed, domain FROM shops`).Scan(&sealed, &domain); err != nil {
		t.Fatal(err)
	}
	if domain != env.Shop() || !strings.HasPrefix(sealed, "v1.") {
		t.Fatalf("stored shop %s with token %q", domain, sealed)
	}
	if c := env.Shopify.OAuth.Counters(); c.Codes != 1 {
		t.Fatalf("token endpoint counters %+v, want one code grant", c)
	}
}

// consentForm reads the hidden fields of the grant screen's form.
func consentForm(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, name := range []string{"redirect_uri", "state", "scope"} {
		v.Set(name, hiddenValue(t, page, name))
	}
	return v
}

func hiddenValue(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `name="`+name+`" value="`)
	if i < 0 {
		t.Fatalf("no field %s", name)
	}
	rest := page[i+len(`name="`+name+`" value="`):]
	return unescape(rest[:strings.Index(rest, `"`)])
}

// A callback that is forged, stale, replayed into another browser or for
// another shop installs nothing.
func TestOAuthCallbackRefusesWhatShopifyDidNotSign(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	secret := env.Config.ShopifyAPISecret
	begin := func(b *http.Client) string { // starts an install; returns the state
		resp, err := noRedirectsWith(b).Get(env.URL + "/auth?shop=" + env.Shop())
		if err != nil {
			return "unreachable: " + err.Error()
		}
		resp.Body.Close()
		u, _ := url.Parse(resp.Header.Get("Location"))
		return u.Query().Get("state")
	}
	signed := func(q url.Values) string {
		q.Set("hmac", shopify.SignQuery(q, secret))
		return env.URL + "/auth/callback?" + q.Encode()
	}
	now := strconv.FormatInt(time.Now().Unix(), 10)
	tests := []struct {
		name   string
		url    func(b *http.Client) string
		status int
	}{
		{"forged hmac", func(b *http.Client) string {
			q := url.Values{"code": {"x"}, "shop": {env.Shop()}, "state": {begin(b)}, "timestamp": {now}}
			q.Set("hmac", strings.Repeat("0", 64))
			return env.URL + "/auth/callback?" + q.Encode()
		}, 401},
		{"stale", func(b *http.Client) string {
			old := strconv.FormatInt(time.Now().Add(-10*time.Minute).Unix(), 10)
			return signed(url.Values{"code": {"x"}, "shop": {env.Shop()}, "state": {begin(b)}, "timestamp": {old}})
		}, 401},
		{"state of another browser", func(b *http.Client) string {
			jar, _ := cookiejar.New(nil)
			other := begin(&http.Client{Jar: jar})
			begin(b)
			return signed(url.Values{"code": {"x"}, "shop": {env.Shop()}, "state": {other}, "timestamp": {now}})
		}, 403},
		{"no install started", func(b *http.Client) string {
			return signed(url.Values{"code": {"x"}, "shop": {env.Shop()}, "state": {"abc"}, "timestamp": {now}})
		}, 403},
		{"state for another shop", func(b *http.Client) string {
			return signed(url.Values{"code": {"x"}, "shop": {"other.myshopify.com"}, "state": {begin(b)}, "timestamp": {now}})
		}, 403},
		{"unknown code", func(b *http.Client) string {
			return signed(url.Values{"code": {"made-up"}, "shop": {env.Shop()}, "state": {begin(b)}, "timestamp": {now}})
		}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, read := browser(t), reader(t)
			resp, body := read(noRedirectsWith(b).Get(tt.url(b)))
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.status, body)
			}
		})
	}
	var n int
	env.DB.Get(&n, `SELECT count(*) FROM shops`)
	if n != 0 {
		t.Fatalf("%d shops installed by refused callbacks", n)
	}
}

// noRedirectsWith keeps b's cookies but stops at the first answer.
func noRedirectsWith(b *http.Client) *http.Client {
	return &http.Client{Jar: b.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
