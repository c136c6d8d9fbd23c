package storefront_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// chatEnv is the app with the demo shop installed and a way to call the
// storefront API as a shopper.
type chatEnv struct {
	*apptest.Env
	t      *testing.T
	shopID int64
}

func startChat(t *testing.T) chatEnv {
	t.Helper()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t) // the install's sync and import, done before the test begins
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return chatEnv{Env: env, t: t, shopID: shopID}
}

// session opens a chat session through a request signed as Shopify's app
// proxy signs it; customer "" is an anonymous visitor.
func (e chatEnv) session(customer string) (int, session) {
	e.t.Helper()
	q := url.Values{"shop": {e.Shop()}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {customer},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "return_to": {"/products/hat"}}
	q.Set("signature", shopify.SignAppProxy(q, e.Config.ShopifyAPISecret))
	// Only the documented, signed query: no forwarding header.
	req, _ := http.NewRequest("POST", e.URL+"/proxy/session?"+q.Encode(), nil)
	status, body := e.do(req)
	var s session
	if status == 200 {
		if err := json.Unmarshal(body, &s); err != nil {
			e.t.Fatal(err)
		}
	} else {
		e.t.Logf("session for %q: %d %s", customer, status, body)
	}
	return status, s
}

type session struct {
	Token   string         `json:"token"`
	APIBase string         `json:"api_base"`
	State   map[string]any `json:"state"`
}

func (e chatEnv) do(req *http.Request) (int, []byte) {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// api calls the chat API with a token from the shop's storefront (its
// primary domain).
func (e chatEnv) api(token, method, path string, body any) (*http.Response, []byte) {
	e.t.Helper()
	return e.apiFrom(e.Shopify.StorefrontURL, token, method, path, body)
}

// apiFrom calls the chat API with a token from a page of origin ("": no
// Origin header, as a client that is not a browser).
func (e chatEnv) apiFrom(origin, token, method, path string, body any) (*http.Response, []byte) {
	e.t.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	return e.request(origin, token, method, path, "application/json", raw)
}

// apiRaw calls the chat API from the storefront with a body as it is (nil:
// none).
func (e chatEnv) apiRaw(token, method, path, contentType string, body []byte) (*http.Response, []byte) {
	e.t.Helper()
	return e.request(e.Shopify.StorefrontURL, token, method, path, contentType, body)
}

func (e chatEnv) request(origin, token, method, path, contentType string, body []byte) (*http.Response, []byte) {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.URL+path, r)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

var nextClientID atomic.Int64

func clientID() string { return fmt.Sprintf("a0000000-0000-4000-8000-%012d", nextClientID.Add(1)) }

// send posts a message and returns the status and the decoded answer.
func (e chatEnv) send(token, clientID, body string) (int, map[string]any) {
	e.t.Helper()
	resp, raw := e.api(token, "POST", "/api/storefront/messages", map[string]string{"client_id": clientID, "body": body})
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func (e chatEnv) settings(change func(*storage.ChatSettings)) {
	e.t.Helper()
	store := storage.NewChatSettings(e.DB, time.Now)
	cs, err := store.Get(context.Background(), e.shopID)
	if err != nil {
		e.t.Fatal(err)
	}
	change(&cs)
	if err := store.Save(context.Background(), cs); err != nil {
		e.t.Fatal(err)
	}
}

func newJar() http.CookieJar { j, _ := cookiejar.New(nil); return j }
