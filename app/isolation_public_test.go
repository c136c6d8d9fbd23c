package app_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/productlink"
	"hubchat/app/twilio"
	"hubchat/shopify"
)

// The checks of the routes public by design (isolationRows): each makes
// its own attempt on shop B and judges the answer; the suite's digest then
// proves B unchanged.

// showsNothingOfB: a public page or probe answers without a trace of B.
func showsNothingOfB(path string) func(t *testing.T, w *isolationWorld) {
	return func(t *testing.T, w *isolationWorld) {
		resp, body := send(t, mustRequest(t, "GET", w.env.URL+w.fill(path), nil))
		if resp.StatusCode >= 500 || strings.Contains(body, bSecret) {
			t.Errorf("%s: %d, or shows B's data: %.300s", path, resp.StatusCode, body)
		}
	}
}

// installStartsOnlyAtShopify: /auth for shop B only sends the browser to
// B's grant screen on Shopify, which B's merchant must approve.
func installStartsOnlyAtShopify(t *testing.T, w *isolationWorld) {
	resp, _ := send(t, mustRequest(t, "GET", w.env.URL+"/auth?shop="+w.shopB, nil))
	if resp.Request.URL.Path != "/shops/"+w.shopB+"/admin/oauth/authorize" {
		t.Errorf("/auth for B ended at %s, want B's grant screen", resp.Request.URL)
	}
}

// forgedInstallCallbackRefused: a callback for B signed with another
// secret, or signed but never started in this browser, installs nothing.
func forgedInstallCallbackRefused(t *testing.T, w *isolationWorld) {
	now := strconv.FormatInt(time.Now().Unix(), 10)
	for name, secret := range map[string]string{"forged": "shpss_not-the-apps-secret", "not started here": w.env.Config.ShopifyAPISecret} {
		q := url.Values{"code": {"made-up"}, "shop": {w.shopB}, "state": {"abc"}, "timestamp": {now}}
		q.Set("hmac", shopify.SignQuery(q, secret))
		resp, body := send(t, mustRequest(t, "GET", w.env.URL+"/auth/callback?"+q.Encode(), nil))
		if !refused(resp.StatusCode) {
			t.Errorf("%s callback for B: %d, want a refusal: %.200s", name, resp.StatusCode, body)
		}
	}
}

// forgedWebhookRefused: a webhook for B (here its uninstall) with an HMAC
// of another secret is refused before anything is queued.
func forgedWebhookRefused(t *testing.T, w *isolationWorld) {
	payload := `{"id":1,"domain":"` + w.shopB + `","myshopify_domain":"` + w.shopB + `"}`
	req := mustRequest(t, "POST", w.env.URL+"/webhooks", strings.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shopify-Hmac-Sha256", shopify.SignWebhook([]byte(payload), "shpss_not-the-apps-secret"))
	req.Header.Set("X-Shopify-Topic", "app/uninstalled")
	req.Header.Set("X-Shopify-Shop-Domain", w.shopB)
	req.Header.Set("X-Shopify-Webhook-Id", "forged-1")
	if resp, body := send(t, req); !refused(resp.StatusCode) {
		t.Errorf("forged webhook for B: %d, want a refusal: %.200s", resp.StatusCode, body)
	}
}

// twilioSignedByAnotherShopRefused: a text or status "from Twilio" for B,
// signed with A's auth token (which A's staff know), is refused.
func twilioSignedByAnotherShopRefused(path string) func(t *testing.T, w *isolationWorld) {
	return func(t *testing.T, w *isolationWorld) {
		target := w.env.URL + w.fill(path)
		form := url.Values{"AccountSid": {"AC" + strings.Repeat("0", 32)}, "MessageSid": {"SM" + strings.Repeat("1", 32)},
			"From": {"+15550100999"}, "To": {"+15550100001"}, "Body": {"hello"}, "MessageStatus": {"delivered"}}
		req := mustRequest(t, "POST", target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(twilio.SignatureHeader, twilio.Signature(twilio.AuthToken(w.smsTokenA), target, form))
		if resp, body := send(t, req); !refused(resp.StatusCode) {
			t.Errorf("Twilio request for B signed with A's token: %d, want a refusal: %.200s", resp.StatusCode, body)
		}
	}
}

// forgedAppProxyRefused: a chat session for B's customer with a proxy
// signature of another secret, or A's genuine signature with B's
// customer, gives no token of B.
func forgedAppProxyRefused(t *testing.T, w *isolationWorld) {
	forged := w.proxyQuery(w.shopB, w.customerIDOfB, "shpss_not-the-apps-secret")
	resp, body := send(t, mustRequest(t, "POST", w.env.URL+"/proxy/session?"+forged.Encode(), nil))
	if !refused(resp.StatusCode) {
		t.Errorf("forged proxy signature for B: %d, want a refusal: %.200s", resp.StatusCode, body)
	}
	// Shopify signs a query naming shop A with B's customer id only if a
	// customer of A has that id: the session it opens is A's, never B's.
	mixed := w.proxyQuery(w.shopA, w.customerIDOfB, w.env.Config.ShopifyAPISecret)
	if _, body := send(t, mustRequest(t, "POST", w.env.URL+"/proxy/session?"+mixed.Encode(), nil)); strings.Contains(body, bSecret) {
		t.Errorf("a session of A naming B's customer shows B's data: %.300s", body)
	}
}

// forgedProductLinkRefused: a card's link made in B's chat, clicked through
// A's storefront, records nothing; a link signed with another key neither.
func forgedProductLinkRefused(t *testing.T, w *isolationWorld) {
	conv, _ := strconv.ParseInt(w.objectsB["ticket"], 10, 64)
	card := productlink.Card{ShopID: w.idB, ConversationID: conv, ProductID: otherShopOffset + 1, Handle: "anything"}
	for name, signer := range map[string]productlink.Signer{
		"B's genuine link": productlink.NewSigner(w.env.Config.ShopifyAPISecret), "forged link": productlink.NewSigner("not-the-secret"),
	} {
		link, err := signer.Link(card)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(link)
		q := w.proxyQuery(w.shopA, w.signedInOfA, w.env.Config.ShopifyAPISecret)
		q.Del("signature")
		q.Set("l", u.Query().Get("l"))
		q.Set("signature", shopify.SignAppProxy(q, w.env.Config.ShopifyAPISecret))
		resp, body := sendOnce(t, mustRequest(t, "GET", w.env.URL+"/proxy/click?"+q.Encode(), nil))
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s through A's storefront: %d, want a refusal: %.200s", name, resp.StatusCode, body)
		}
	}
}

// guessedMediaRefused: an image's URL is its capability; a guessed token,
// or B's token with a character changed, is not found.
func guessedMediaRefused(t *testing.T, w *isolationWorld) {
	token := w.objectsB["media"]
	altered := token[:len(token)-1] + map[bool]string{true: "A", false: "B"}[!strings.HasSuffix(token, "A")]
	for _, guess := range []string{strings.Repeat("A", len(token)), altered} {
		if resp, _ := send(t, mustRequest(t, "GET", w.env.URL+"/media/"+guess, nil)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("guessed media token: %d, want 404", resp.StatusCode)
		}
	}
}

// guessedSMSMediaRefused: the links Twilio fetches an MMS picture from open
// nothing to a guessed token, nor to another capability's token (B's
// image's /media token is no /sms-media link).
func guessedSMSMediaRefused(t *testing.T, w *isolationWorld) {
	for _, guess := range []string{strings.Repeat("A", 43), w.objectsB["media"]} {
		if resp, _ := send(t, mustRequest(t, "GET", w.env.URL+"/sms-media/"+guess, nil)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("guessed SMS media token: %d, want 404", resp.StatusCode)
		}
	}
}

// proxyQuery is an app proxy request's query for shop, signed with secret.
func (w *isolationWorld) proxyQuery(shop string, customerID int64, secret string) url.Values {
	q := url.Values{"shop": {shop}, "path_prefix": {"/apps/hubchat"},
		"logged_in_customer_id": {strconv.FormatInt(customerID, 10)}, "timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("signature", shopify.SignAppProxy(q, secret))
	return q
}

func mustRequest(t *testing.T, method, target string, body *strings.Reader) *http.Request {
	t.Helper()
	var req *http.Request
	var err error
	if body == nil {
		req, err = http.NewRequest(method, target, nil)
	} else {
		req, err = http.NewRequest(method, target, body)
	}
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// sendOnce does req without following a redirect.
func sendOnce(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}
