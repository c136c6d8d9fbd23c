package shopifytest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"hubchat/shopify"
)

// StaffUser is a member of a shop's staff: who signs in to the fake admin,
// and whom an online token or a session token names.
type StaffUser struct {
	ID           int64
	FirstName    string
	LastName     string
	Email        string
	AccountOwner bool
	// Locale is the language the staff member chose for the admin in their
	// profile (BCP 47, as the admin sends it: "en", "es", "pt-BR"); "" is
	// English. The admin passes it to the app as locale.
	Locale string
}

// AdminLocale is the locale the admin runs in for u.
func (u StaffUser) AdminLocale() string {
	if u.Locale == "" {
		return "en"
	}
	return u.Locale
}

// OAuthServer is the fake's authorization server for every shop it hosts:
// the authorize (consent) screen, and the token endpoint with the three
// grants Shopify supports for hubchat — authorization code, token exchange
// and refresh — issuing expiring offline tokens as Shopify does.
type OAuthServer struct {
	APIKey, APISecret string
	// AccessTTL and RefreshTTL are the lifetimes of issued tokens; Shopify's
	// are one hour and 90 days.
	AccessTTL, RefreshTTL time.Duration
	// Scopes are what a Shopify-managed install (token exchange) grants: the
	// scopes the app's configuration declares.
	Scopes []string
	Now    func() time.Time

	mu       sync.Mutex
	codes    map[string]codeGrant
	access   map[string]tokenGrant
	refresh  map[string]tokenGrant
	staff    map[int64]StaffUser
	granted  map[string]string // shop → scopes granted by its last install
	counters OAuthCounters
}

// OAuthCounters count the token endpoint's successful grants, for tests.
type OAuthCounters struct {
	Codes, Exchanges, Refreshes int
}

type codeGrant struct {
	shop, scope string
	expires     time.Time
}

type tokenGrant struct {
	shop, scope string
	expires     time.Time
	userID      int64  // online tokens only
	successor   string // refresh tokens: the one issued when this was used
}

// NewOAuthServer returns an authorization server for the app's credentials
// with Shopify's token lifetimes.
func NewOAuthServer(apiKey, apiSecret string, staff ...StaffUser) *OAuthServer {
	o := &OAuthServer{
		APIKey: apiKey, APISecret: apiSecret,
		AccessTTL: time.Hour, RefreshTTL: 90 * 24 * time.Hour, Now: time.Now,
		codes: map[string]codeGrant{}, access: map[string]tokenGrant{},
		refresh: map[string]tokenGrant{}, staff: map[int64]StaffUser{}, granted: map[string]string{},
	}
	for _, u := range staff {
		o.staff[u.ID] = u
	}
	return o
}

// ValidAccessToken reports whether token is a live access token of shop.
func (o *OAuthServer) ValidAccessToken(shop, token string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	g, ok := o.access[token]
	return ok && g.shop == shop && o.Now().Before(g.expires)
}

// AccessTokenScope is the scope a live access token of shop was issued
// with; false for a token that is not one.
func (o *OAuthServer) AccessTokenScope(shop, token string) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	g, ok := o.access[token]
	if !ok || g.shop != shop || !o.Now().Before(g.expires) {
		return "", false
	}
	return g.scope, true
}

// Installed reports whether shop has granted the app access and not
// uninstalled it since.
func (o *OAuthServer) Installed(shop string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.granted[shop] != ""
}

// Revoke forgets every token of shop and its grant, as uninstalling the app
// does.
func (o *OAuthServer) Revoke(shop string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.granted, shop)
	for _, m := range []map[string]tokenGrant{o.access, o.refresh} {
		for t, g := range m {
			if g.shop == shop {
				delete(m, t)
			}
		}
	}
}

// RevokeAccessTokens forgets shop's access tokens but not its refresh
// tokens, as when Shopify rotates or revokes a token before its expiry.
func (o *OAuthServer) RevokeAccessTokens(shop string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for t, g := range o.access {
		if g.shop == shop {
			delete(o.access, t)
		}
	}
}

// Counters returns how many grants of each kind succeeded.
func (o *OAuthServer) Counters() OAuthCounters {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.counters
}

// owner is the account owner, whom the fake admin signs in by default.
func (o *OAuthServer) owner() StaffUser {
	var first StaffUser
	for _, u := range o.allStaff() {
		if u.AccountOwner {
			return u
		}
		if first.ID == 0 {
			first = u
		}
	}
	return first
}

// allStaff lists the staff, by id.
func (o *OAuthServer) allStaff() []StaffUser {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]StaffUser, 0, len(o.staff))
	for _, u := range o.staff {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// SetStaffLocale changes the admin language of the staff user id, as their
// Shopify profile's language setting does; false when there is no such user.
func (o *OAuthServer) SetStaffLocale(id int64, locale string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.staff[id]
	if ok {
		u.Locale = locale
		o.staff[id] = u
	}
	return ok
}

// Staff returns the staff user with id.
func (o *OAuthServer) Staff(id int64) (StaffUser, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	u, ok := o.staff[id]
	return u, ok
}

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Install app · {{.Shop}}</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f1f1;margin:0}
main{max-width:32rem;margin:4rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
button{background:#303030;color:#fff;border:0;border-radius:8px;padding:.6rem 1.2rem;font:inherit;cursor:pointer}
li{margin:.3rem 0}</style></head>
<body><main><h1>Install app</h1><p>The app <strong>{{.APIKey}}</strong> asks for access to <strong>{{.Shop}}</strong>:</p>
<ul>{{range .Scopes}}<li>{{.}}</li>{{end}}</ul>
<form method="post" action="{{.Action}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}"><input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="scope" value="{{.Scope}}">
<button type="submit" data-testid="install-app">Install app</button></form></main></body></html>`))

// Authorize serves GET (the consent screen) and POST (the merchant's
// approval, redirecting to the app's callback with a signed query) of
// /admin/oauth/authorize for shop.
func (o *OAuthServer) Authorize(shop string, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		r.ParseForm()
		q = r.PostForm
	} else if q.Get("client_id") != o.APIKey {
		http.Error(w, "Oauth error invalid_request: The client_id is not valid", http.StatusBadRequest)
		return
	}
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || redirect.Host == "" {
		http.Error(w, "Oauth error invalid_request: The redirect_uri is missing or not a URL", http.StatusBadRequest)
		return
	}
	if r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		consentPage.Execute(w, map[string]any{
			"Shop": shop, "APIKey": o.APIKey, "Scopes": strings.Split(q.Get("scope"), ","), "Scope": q.Get("scope"),
			"RedirectURI": redirect.String(), "State": q.Get("state"), "Action": r.URL.Path,
		})
		return
	}
	code := randomToken("")
	o.mu.Lock()
	o.codes[code] = codeGrant{shop: shop, scope: q.Get("scope"), expires: o.Now().Add(time.Minute)}
	o.mu.Unlock()
	cb := url.Values{
		"code": {code}, "shop": {shop}, "state": {q.Get("state")},
		"host":      {base64.RawStdEncoding.EncodeToString([]byte("admin.shopify.com/store/" + storeHandle(shop)))},
		"timestamp": {itoa(o.Now().Unix())},
	}
	cb.Set("hmac", shopify.SignQuery(cb, o.APISecret))
	redirect.RawQuery = cb.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// AccessToken serves POST /admin/oauth/access_token for shop.
func (o *OAuthServer) AccessToken(shop string, w http.ResponseWriter, r *http.Request) {
	var req map[string]string
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		oauthError(w, "invalid_request", "The request body is not JSON")
		return
	}
	if req["client_id"] != o.APIKey || req["client_secret"] != o.APISecret {
		oauthError(w, "invalid_client", "Client authentication failed")
		return
	}
	switch {
	case req["code"] != "":
		o.grantCode(w, shop, req)
	case req["grant_type"] == "urn:ietf:params:oauth:grant-type:token-exchange":
		o.grantExchange(w, shop, req)
	case req["grant_type"] == "refresh_token":
		o.grantRefresh(w, shop, req["refresh_token"])
	default:
		oauthError(w, "unsupported_grant_type", "The grant type is not supported")
	}
}

func oauthError(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

func randomToken(prefix string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func storeHandle(shop string) string { return strings.TrimSuffix(shop, ".myshopify.com") }
