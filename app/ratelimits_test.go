package app_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app"
	"hubchat/app/apptest"
	"hubchat/shopify"
	"hubchat/shopify/shopifytest"
)

// answer is what a flood's request got: its status, Retry-After and the
// code of a JSON error body.
type answer struct {
	status     int
	retryAfter string
	code       string
}

// clientFrom is an HTTP client whose connections leave from addr, another
// loopback address standing for another client on the internet.
func clientFrom(addr string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}, Timeout: 10 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 8}}
}

// floodSend makes the request newReq builds with client and reads the answer.
func floodSend(t *testing.T, client *http.Client, newReq func() *http.Request) answer {
	t.Helper()
	req := newReq()
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Error(err)
		return answer{}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var e struct{ Code string }
	_ = json.Unmarshal(body, &e)
	return answer{resp.StatusCode, resp.Header.Get("Retry-After"), e.Code}
}

// workers is how many requests a flood has in flight at once.
const workers = 8

// flood sends n requests at once from workers and returns their answers
// and how long they took.
func flood(t *testing.T, client *http.Client, n int, newReq func() *http.Request) ([]answer, time.Duration) {
	t.Helper()
	start := time.Now()
	answers := make([]answer, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				answers[i] = floodSend(t, client, newReq)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return answers, time.Since(start)
}

// floodUntilLimited floods rounds of n requests until one is answered 429,
// at most rounds rounds: on a machine so busy that a round's requests are
// served slower than the bucket refills, the next round comes faster than
// that. It returns every answer and the time all took.
func floodUntilLimited(t *testing.T, client *http.Client, n, rounds int, newReq func() *http.Request) ([]answer, time.Duration) {
	t.Helper()
	var all []answer
	var took time.Duration
	for range rounds {
		answers, d := flood(t, client, n, newReq)
		all, took = append(all, answers...), took+d
		if slices.ContainsFunc(answers, func(a answer) bool { return a.status == http.StatusTooManyRequests }) {
			break
		}
	}
	return all, took
}

// checkLimited fails unless some answer is a coded 429 with a Retry-After
// of whole seconds, and no more were served than the burst, what the
// bucket earned back while the flood lasted (a busy machine is slow) and,
// where only refusals count (counted once answered), the requests in
// flight at once.
func checkLimited(t *testing.T, what string, answers []answer, took time.Duration, burst int, interval time.Duration, inFlight int) {
	t.Helper()
	most := burst + int(took/interval) + 1 + inFlight
	served, limited := 0, 0
	for _, a := range answers {
		if a.status != http.StatusTooManyRequests {
			served++
			continue
		}
		limited++
		if s, err := strconv.Atoi(a.retryAfter); err != nil || s < 1 || a.code != "too_many" {
			t.Errorf("%s: 429 with Retry-After %q and code %q", what, a.retryAfter, a.code)
		}
	}
	if limited == 0 || served > most {
		t.Errorf("%s: %d served, %d limited; want at most %d served", what, served, limited, most)
	}
}

// An agent's flood of writes or replies is answered 429 with Retry-After,
// and another agent of the shop works on meanwhile.
func TestAgentFloodsLimitOnlyThatAgent(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	staff := shopifytest.DemoStaff()
	post := func(userID int64, path string, form url.Values) func() *http.Request {
		return func() *http.Request {
			req, _ := http.NewRequest("POST", env.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, userID))
			return req
		}
	}
	alerts := url.Values{"enabled": {"true"}}
	reply := url.Values{"body": {"Hello"}}
	client := clientFrom("127.0.0.1")
	// Replies first: they spend the agent's writes too.
	answers, took := floodUntilLimited(t, client, 2*app.AgentReplyBurst, 4, post(staff[0].ID, "/app/tickets/999999/messages", reply))
	checkLimited(t, "replies", answers, took, app.AgentReplyBurst, app.AgentReplyInterval, 0)
	answers, took = floodUntilLimited(t, client, 2*app.AgentWriteBurst, 4, post(staff[0].ID, "/app/alerts", alerts))
	checkLimited(t, "writes", answers, took, app.AgentWriteBurst, app.AgentWriteInterval, 0)
	if a := floodSend(t, client, post(staff[1].ID, "/app/alerts", alerts)); a.status == http.StatusTooManyRequests {
		t.Error("another agent was limited too")
	}
	if a := floodSend(t, client, post(staff[1].ID, "/app/tickets/999999/messages", reply)); a.status == http.StatusTooManyRequests {
		t.Error("another agent's reply was limited too")
	}
}

// From one address, a flood of forged webhooks, Twilio callbacks and proxy
// requests, or of install starts, is answered 429 with Retry-After; another
// address is still answered as before. Genuine, signed webhooks are never
// counted.
func TestAddressFloodsLimitOnlyThatAddress(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	attacker, other := clientFrom("127.0.0.1"), clientFrom("127.0.0.2")
	webhook := func(hmac string) func() *http.Request {
		return func() *http.Request {
			body := `{"id":1}`
			req, _ := http.NewRequest("POST", env.URL+"/webhooks", strings.NewReader(body))
			req.Header.Set(shopify.HeaderWebhookHMAC, hmac)
			req.Header.Set(shopify.HeaderWebhookTopic, "products/delete")
			req.Header.Set(shopify.HeaderWebhookShopDomain, env.Shop())
			req.Header.Set(shopify.HeaderWebhookAPIVersion, "2026-10")
			req.Header.Set(shopify.HeaderWebhookID, "wh-"+strconv.FormatInt(time.Now().UnixNano(), 36))
			if hmac == "" {
				req.Header.Set(shopify.HeaderWebhookHMAC, shopify.SignWebhook([]byte(body), env.Config.ShopifyAPISecret))
			}
			return req
		}
	}
	// Shopify's genuine burst, from the same address, is never limited.
	signed, _ := flood(t, attacker, 3*app.BadSignatureBurst, webhook(""))
	for _, a := range signed {
		if a.status != http.StatusOK {
			t.Fatalf("a signed webhook got %d", a.status)
		}
	}
	twilio := func() *http.Request {
		req, _ := http.NewRequest("POST", env.URL+"/twilio/"+env.Shop()+"/messages", strings.NewReader("Body=hi"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", "forged")
		return req
	}
	proxy := func() *http.Request {
		q := url.Values{"shop": {env.Shop()}, "logged_in_customer_id": {"7001"}, "path_prefix": {"/apps/hubchat"},
			"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "signature": {strings.Repeat("0", 64)}}
		req, _ := http.NewRequest("POST", env.URL+"/proxy/session?"+q.Encode(), nil)
		return req
	}
	install := func() *http.Request {
		req, _ := http.NewRequest("GET", env.URL+"/auth?shop="+env.Shop(), nil)
		return req
	}
	noRedirects := *other
	noRedirects.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	attackerNoRedirects := *attacker
	attackerNoRedirects.CheckRedirect = noRedirects.CheckRedirect
	tests := []struct {
		name     string
		client   *http.Client
		other    *http.Client
		burst    int
		interval time.Duration
		inFlight int
		req      func() *http.Request
	}{
		{"forged webhooks", attacker, other, app.BadSignatureBurst, app.BadSignatureInterval, workers, webhook("forged")},
		{"forged Twilio callbacks", attacker, other, app.BadSignatureBurst, app.BadSignatureInterval, workers, twilio},
		{"forged proxy sessions", attacker, other, app.BadSignatureBurst, app.BadSignatureInterval, workers, proxy},
		{"install starts", &attackerNoRedirects, &noRedirects, app.OAuthBurst, app.OAuthInterval, 0, install},
	}
	for _, tt := range tests {
		answers, took := flood(t, tt.client, 2*tt.burst, tt.req)
		checkLimited(t, tt.name, answers, took, tt.burst, tt.interval, tt.inFlight)
		if a := floodSend(t, tt.other, tt.req); a.status == http.StatusTooManyRequests {
			t.Errorf("%s: another address was limited too", tt.name)
		}
	}
}
