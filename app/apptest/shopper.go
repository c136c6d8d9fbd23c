package apptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"hubchat/shopify"
)

// ShopperToken opens a chat session for a signed-in customer of the demo
// shop with a request signed as Shopify's app proxy signs it (only the
// documented parameters), and returns the shopper token the widget would
// use on the chat API.
func (env *Env) ShopperToken(t testing.TB, customerID int64) string {
	t.Helper()
	q := url.Values{"shop": {env.Shop()}, "path_prefix": {"/apps/hubchat"},
		"logged_in_customer_id": {strconv.FormatInt(customerID, 10)},
		"timestamp":             {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("signature", shopify.SignAppProxy(q, env.Config.ShopifyAPISecret))
	resp, err := http.Post(env.URL+"/proxy/session?"+q.Encode(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var s struct {
		Token string `json:"token"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &s) != nil || s.Token == "" {
		t.Fatalf("session for customer %d: %d %s", customerID, resp.StatusCode, body)
	}
	return s.Token
}

// ShopperRequest is a request to the chat API with a shopper token; body,
// when not nil, is sent as JSON.
func (env *Env) ShopperRequest(t testing.TB, token, method, path string, body any) *http.Request {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, env.URL+"/api/storefront"+path, r)
	if err != nil {
		t.Fatal(fmt.Errorf("shopper request: %w", err))
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	return req
}
