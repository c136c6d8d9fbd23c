package storefront_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"hubchat/app/storefront"
	"hubchat/shopify"
	"hubchat/storage"
)

// sessionStatus opens a session as e.session does and returns its status
// and Retry-After.
func (e chatEnv) sessionStatus(customer string) (int, string) {
	e.t.Helper()
	q := url.Values{"shop": {e.Shop()}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {customer},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}}
	q.Set("signature", shopify.SignAppProxy(q, e.Config.ShopifyAPISecret))
	resp, err := http.Post(e.URL+"/proxy/session?"+q.Encode(), "", nil)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Retry-After")
}

// streamStatus opens the stream and closes it at once.
func (e chatEnv) streamStatus(token string) (int, string) {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", e.URL+"/api/storefront/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Origin", e.Shopify.StorefrontURL)
	// A malformed resume point: the request is counted, then refused before
	// a stream opens, so the cap of open streams plays no part here.
	req.Header.Set("Last-Event-ID", "not-an-id")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Retry-After")
}

// Every storefront endpoint answers 429 with Retry-After past its limit,
// counted per customer, per profile, per anonymous token or, for anonymous
// sessions, per shop.
func TestEveryStorefrontEndpointIsRateLimited(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	_, jane := e.session("7001")
	_, sam := e.session("7002")
	_, anonymous := e.session("")
	_, visitor := e.session("")
	call := func(token, method, path string, body any) func() (int, string) {
		return func() (int, string) {
			resp, _ := e.api(token, method, path, body)
			return resp.StatusCode, resp.Header.Get("Retry-After")
		}
	}
	stream := func(token string) func() (int, string) { return func() (int, string) { return e.streamStatus(token) } }
	session := func(customer string) func() (int, string) {
		return func() (int, string) { return e.sessionStatus(customer) }
	}
	seen, end := map[string]int64{"up_to_id": 0}, map[string]int64{"conversation_id": 0}
	faq := map[string]int64{"faq_id": 1}
	tests := []struct {
		name  string
		burst int // the requests served before the limit: the sessions above spent some
		call  func() (int, string)
		other func() (int, string) // another shopper, still served
		// refillsFast: asked one at a time on a busy machine, requests
		// could come no faster than the limit refills (anonymous sessions:
		// one per 50 ms), so they are sent 20 at once.
		refillsFast bool
	}{
		{"session", storefront.SessionBurst - 1, session("7001"), session("7002"), false},
		{"anonymous session", storefront.AnonymousSessionBurst - 2, session(""), session("7003"), true},
		{"state", storefront.StateBurst, call(jane.Token, "GET", "/api/storefront/state", nil),
			call(sam.Token, "GET", "/api/storefront/state", nil), false},
		{"anonymous state", storefront.StateBurst, call(anonymous.Token, "GET", "/api/storefront/state", nil),
			call(visitor.Token, "GET", "/api/storefront/state", nil), false},
		{"seen", storefront.SeenBurst, call(jane.Token, "POST", "/api/storefront/seen", seen),
			call(sam.Token, "POST", "/api/storefront/seen", seen), false},
		{"end", storefront.EndBurst, call(jane.Token, "POST", "/api/storefront/end", end),
			call(sam.Token, "POST", "/api/storefront/end", end), false},
		{"stream", storefront.StreamBurst, stream(jane.Token), stream(sam.Token), false},
		{"handoff", storefront.HandoffBurst, call(jane.Token, "POST", "/api/storefront/handoff", end),
			call(sam.Token, "POST", "/api/storefront/handoff", end), false},
		{"email", storefront.EmailBurst, call(jane.Token, "POST", "/api/storefront/email", end),
			call(sam.Token, "POST", "/api/storefront/email", end), false},
		{"FAQ reads", storefront.FAQReadsBurst, call(jane.Token, "POST", "/api/storefront/faq-reads", faq),
			call(sam.Token, "POST", "/api/storefront/faq-reads", faq), false},
	}
	for _, tt := range tests {
		round := 1
		if tt.refillsFast {
			round = 20
		}
		served, status, retryAfter := untilLimited(tt.call, round, 2*tt.burst)
		if status != 429 || served < tt.burst {
			t.Errorf("%s: %d after %d requests, want 429 after at least %d", tt.name, status, served, tt.burst)
			continue
		}
		if s, err := strconv.Atoi(retryAfter); err != nil || s < 1 {
			t.Errorf("%s: Retry-After %q", tt.name, retryAfter)
		}
		if status, _ := tt.other(); status == 429 {
			t.Errorf("%s: another shopper was limited too", tt.name)
		}
	}
}

// untilLimited calls call in rounds of round requests at once, until one
// is answered 429 or most were served: how many were served, the last
// status and a 429's Retry-After. Rounds keep the rate above a fast
// refill however long each request takes on a busy machine (one at a time,
// 40 ms a session matched the anonymous sessions' refill of one per 50 ms).
func untilLimited(call func() (int, string), round, most int) (served, status int, retryAfter string) {
	for served <= most {
		statuses, waits := make([]int, round), make([]string, round)
		var wg sync.WaitGroup
		for i := range round {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], waits[i] = call()
			}()
		}
		wg.Wait()
		for i, st := range statuses {
			if st == 429 {
				status, retryAfter = st, waits[i]
			} else {
				served++
			}
		}
		if status == 429 {
			return served, status, retryAfter
		}
		status = statuses[round-1]
	}
	return served, status, retryAfter
}
