package storefront_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// preflight sends the CORS preflight a browser sends before a POST of JSON
// with the token from a page of origin.
func (e chatEnv) preflight(origin string) *http.Response {
	e.t.Helper()
	req, _ := http.NewRequest("OPTIONS", e.URL+"/api/storefront/messages", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// The chat API serves the shop's storefronts, as the Admin API names them
// (both of the local store's custom domains, neither its myshopify.com
// domain) plus its myshopify.com domain, and nothing else: a foreign origin
// gets no CORS grant, with or without a token.
func TestOriginsAreTheShopsStorefronts(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	// Another installed shop, with a storefront of its own.
	other, err := storage.NewShops(e.DB, e.Keys, time.Now).Install(context.Background(), "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.NewShops(e.DB, e.Keys, time.Now).UpdateDetails(context.Background(), other.ID,
		storage.ShopDetails{Name: "Other", StorefrontOrigins: []string{"https://other.example"}}); err != nil {
		t.Fatal(err)
	}
	if len(e.Shopify.StorefrontURLs) != 2 {
		t.Fatalf("the local store has domains %q, want two", e.Shopify.StorefrontURLs)
	}
	for _, origin := range append(e.Shopify.StorefrontURLs, "https://"+e.Shop()) {
		if pre := e.preflight(origin); pre.StatusCode != 204 || pre.Header.Get("Access-Control-Allow-Origin") != origin ||
			!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
			t.Errorf("preflight from %s: %d %v", origin, pre.StatusCode, pre.Header)
		}
		if resp, body := e.apiFrom(origin, s.Token, "GET", "/api/storefront/state", nil); resp.StatusCode != 200 ||
			resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("state from %s: %d %s, ACAO %q", origin, resp.StatusCode, body, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	}

	for _, tc := range []struct {
		name, origin, token string
		preflight, call     int
	}{
		{"a foreign site", "https://evil.example", s.Token, 403, 403},
		{"another shop's storefront", "https://other.example", s.Token, 204, 403},
		{"the storefront over http", "http://" + e.Shop(), s.Token, 403, 403},
		{"an opaque origin", "null", s.Token, 403, 403},
		{"a foreign site without a token", "https://evil.example", "", 403, 401},
	} {
		if pre := e.preflight(tc.origin); pre.StatusCode != tc.preflight ||
			(tc.preflight != 204 && pre.Header.Get("Access-Control-Allow-Origin") != "") {
			t.Errorf("%s: preflight %d, ACAO %q; want %d", tc.name, pre.StatusCode, pre.Header.Get("Access-Control-Allow-Origin"), tc.preflight)
		}
		resp, body := e.apiFrom(tc.origin, tc.token, "GET", "/api/storefront/state", nil)
		if resp.StatusCode != tc.call || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: state %d %s, ACAO %q; want %d and no grant", tc.name, resp.StatusCode, body,
				resp.Header.Get("Access-Control-Allow-Origin"), tc.call)
		}
	}

	// An expired or missing token on the storefront: 401 with the grant, so
	// the widget can read it and renew its token.
	resp, _ := e.apiFrom(e.Shopify.StorefrontURL, "not-a-token", "GET", "/api/storefront/state", nil)
	if resp.StatusCode != 401 || resp.Header.Get("Access-Control-Allow-Origin") != e.Shopify.StorefrontURL {
		t.Errorf("bad token from the storefront: %d, ACAO %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	// A client that is not a browser sends no Origin: the token decides.
	resp, _ = e.apiFrom("", s.Token, "GET", "/api/storefront/state", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no Origin: %d, ACAO %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
}
