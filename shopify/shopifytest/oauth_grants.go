package shopifytest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hubchat/shopify"
)

// grantCode trades a one-time authorization code for tokens.
func (o *OAuthServer) grantCode(w http.ResponseWriter, shop string, req map[string]string) {
	o.mu.Lock()
	g, ok := o.codes[req["code"]]
	delete(o.codes, req["code"]) // codes are single use
	o.mu.Unlock()
	if !ok || g.shop != shop || o.Now().After(g.expires) {
		oauthError(w, "invalid_request", "The authorization code was not found or was already used")
		return
	}
	o.issue(w, shop, g.scope, req["expiring"] == "1", nil, func(c *OAuthCounters) { c.Codes++ })
}

// grantExchange trades a valid session token of shop for an offline token
// or, when asked, the staff user's online token.
func (o *OAuthServer) grantExchange(w http.ResponseWriter, shop string, req map[string]string) {
	st, err := shopify.VerifySessionToken(req["subject_token"], o.APIKey, o.APISecret, o.Now)
	if err != nil || st.Shop != shop || req["subject_token_type"] != "urn:ietf:params:oauth:token-type:id_token" {
		oauthError(w, "invalid_subject_token", "The subject token is invalid")
		return
	}
	if !o.Installed(shop) {
		// The merchant never approved the app's scopes: not a managed install.
		oauthError(w, "invalid_subject_token", "The app is not installed on this shop")
		return
	}
	var user *StaffUser
	if req["requested_token_type"] == "urn:shopify:params:oauth:token-type:online-access-token" {
		u, ok := o.Staff(st.UserID)
		if !ok {
			oauthError(w, "invalid_subject_token", "The session token names no staff member")
			return
		}
		user = &u
	}
	o.issue(w, shop, "", req["expiring"] == "1", user, func(c *OAuthCounters) { c.Exchanges++ })
}

// grantRefresh trades a refresh token for a new pair. The old refresh token
// keeps working until the new one is used, as Shopify documents, so a
// client that lost the answer can try again.
func (o *OAuthServer) grantRefresh(w http.ResponseWriter, shop, token string) {
	o.mu.Lock()
	g, ok := o.refresh[token]
	if ok {
		for t, other := range o.refresh { // the new one's predecessor retires now
			if other.successor == token {
				delete(o.refresh, t)
			}
		}
	}
	o.mu.Unlock()
	if !ok || g.shop != shop || o.Now().After(g.expires) {
		oauthError(w, "invalid_request", "The refresh token is invalid or expired")
		return
	}
	o.issueFrom(w, shop, g.scope, token, func(c *OAuthCounters) { c.Refreshes++ })
}

func (o *OAuthServer) issueFrom(w http.ResponseWriter, shop, scope, predecessor string, count func(*OAuthCounters)) {
	resp := o.newTokens(shop, scope, true, nil, count)
	o.mu.Lock()
	g := o.refresh[predecessor]
	g.successor = resp["refresh_token"].(string)
	o.refresh[predecessor] = g
	o.mu.Unlock()
	writeJSON(w, resp)
}

func (o *OAuthServer) issue(w http.ResponseWriter, shop, scope string, expiring bool, user *StaffUser, count func(*OAuthCounters)) {
	writeJSON(w, o.newTokens(shop, scope, expiring, user, count))
}

// newTokens records and returns a token response shaped like Shopify's.
func (o *OAuthServer) newTokens(shop, scope string, expiring bool, user *StaffUser, count func(*OAuthCounters)) map[string]any {
	if scope == "" {
		scope = o.grantedScope(shop)
	}
	now := o.Now()
	access := randomToken("shpat_")
	resp := map[string]any{"access_token": access, "scope": scope}
	o.mu.Lock()
	defer o.mu.Unlock()
	count(&o.counters)
	grant := tokenGrant{shop: shop, scope: scope, expires: now.Add(100 * 365 * 24 * time.Hour)}
	if expiring || user != nil {
		grant.expires = now.Add(o.AccessTTL)
		resp["expires_in"] = int(o.AccessTTL.Seconds())
	}
	if user != nil {
		grant.userID = user.ID
		resp["associated_user_scope"] = scope
		resp["associated_user"] = map[string]any{
			"id": user.ID, "first_name": user.FirstName, "last_name": user.LastName, "email": user.Email,
			"account_owner": user.AccountOwner, "locale": user.AdminLocale(), "collaborator": false, "email_verified": true,
		}
	} else if expiring {
		refresh := randomToken("shprt_")
		o.refresh[refresh] = tokenGrant{shop: shop, scope: scope, expires: now.Add(o.RefreshTTL)}
		resp["refresh_token"] = refresh
		resp["refresh_token_expires_in"] = int(o.RefreshTTL.Seconds())
	}
	o.access[access] = grant
	o.granted[shop] = scope
	return resp
}

// grantedScope is what shop granted last, or the app's declared scopes for a
// first, managed install.
func (o *OAuthServer) grantedScope(shop string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if s := o.granted[shop]; s != "" {
		return s
	}
	return strings.Join(o.Scopes, ",")
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
