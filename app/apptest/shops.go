package apptest

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/shopify"
)

// InstallWithOAuth installs the app into shop, one of the local Shopify's
// stores, as a merchant does through the authorization-code grant: /auth,
// Shopify's consent screen, the approval, the app's callback, landing on
// the app's page in the shop's admin.
func (env *Env) InstallWithOAuth(t testing.TB, shop string) {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{Jar: jar}
	consent, body := readAll(t)(browser.Get(env.URL + "/auth?" + url.Values{"shop": {shop}}.Encode()))
	if consent.StatusCode != http.StatusOK || !strings.Contains(consent.Request.URL.Path, "/admin/oauth/authorize") {
		t.Fatalf("install %s: /auth led to %d %s", shop, consent.StatusCode, consent.Request.URL)
	}
	approval := url.Values{}
	for _, name := range []string{"redirect_uri", "state", "scope"} {
		approval.Set(name, hiddenField(t, body, name))
	}
	landed, body := readAll(t)(browser.PostForm(consent.Request.URL.String(), approval))
	if landed.StatusCode != http.StatusOK || !strings.Contains(landed.Request.URL.Path, "/apps/"+env.Config.ShopifyAPIKey) {
		t.Fatalf("install %s: approval led to %d %s: %.300s", shop, landed.StatusCode, landed.Request.URL, body)
	}
}

// SessionTokenOf is a fresh session token of staff member userID in shop.
func (env *Env) SessionTokenOf(t testing.TB, shop string, userID int64) string {
	t.Helper()
	token, err := env.Shopify.SessionToken(shop, userID)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// ShopperTokenIn opens a chat session in shop for a signed-in customer
// (customerID 0: a visitor who is not signed in) through the app proxy, as
// ShopperToken does for the demo shop.
func (env *Env) ShopperTokenIn(t testing.TB, shop string, customerID int64) string {
	t.Helper()
	q := url.Values{"shop": {shop}, "path_prefix": {"/apps/hubchat"},
		"logged_in_customer_id": {""}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	if customerID != 0 {
		q.Set("logged_in_customer_id", strconv.FormatInt(customerID, 10))
	}
	q.Set("signature", shopify.SignAppProxy(q, env.Config.ShopifyAPISecret))
	resp, body := readAll(t)(http.Post(env.URL+"/proxy/session?"+q.Encode(), "", nil))
	token := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || token == nil {
		t.Fatalf("session in %s for customer %d: %d %s", shop, customerID, resp.StatusCode, body)
	}
	return token[1]
}

func readAll(t testing.TB) func(*http.Response, error) (*http.Response, string) {
	return func(resp *http.Response, err error) (*http.Response, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
}

// hiddenField is the value of the hidden input name in page.
func hiddenField(t testing.TB, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no field %s in:\n%.500s", name, page)
	}
	return html.UnescapeString(m[1])
}
