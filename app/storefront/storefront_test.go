package storefront_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

func TestSessionForASignedInCustomer(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	faqs := storage.NewFAQs(e.DB, time.Now)
	faqs.Create(context.Background(), e.shopID, "Do you ship abroad?", "Yes, to 40 countries.", true)
	faqs.Create(context.Background(), e.shopID, "Draft question", "Not yet", false)

	status, s := e.session("7001")
	if status != 200 || s.Token == "" || s.APIBase != e.URL {
		t.Fatalf("session: %d %+v", status, s)
	}
	st := s.State
	if st["can_chat"] != true || st["conversation"] != nil {
		t.Fatalf("state: %+v", st)
	}
	if list := st["faqs"].([]any); len(list) != 1 || list[0].(map[string]any)["question"] != "Do you ship abroad?" {
		t.Fatalf("faqs: %v (only the published one)", st["faqs"])
	}
	// The customer's details arrive from the Admin API in the background.
	e.WaitForJobs(t)
	var first, email string
	e.DB.QueryRow(`SELECT first_name, email FROM profiles WHERE shopify_customer_id = 7001`).Scan(&first, &email)
	if first != "Jane" || email == "" {
		t.Fatalf("profile not synced: %q %q", first, email)
	}
	_, again := e.session("7001")
	if shopper := again.State["shopper"].(map[string]any); shopper["first_name"] != "Jane" || shopper["signed_in"] != true {
		t.Fatalf("shopper: %v", shopper)
	}
}

func TestSessionForAnonymousVisitors(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	if status, _ := e.session(""); status != 403 {
		t.Fatalf("anonymous with Logged-in users: %d, want 403", status)
	}
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	status, s := e.session("")
	if status != 200 || s.State["can_chat"] != false || s.State["login_url"] != "/account/login?return_url=%2Fproducts%2Fhat" {
		t.Fatalf("anonymous with All users: %d %+v", status, s.State)
	}
	if code, _ := e.send(s.Token, clientID(), "hello"); code != 403 {
		t.Fatalf("an anonymous visitor sent a live-chat message: %d", code)
	}
}

// Only Shopify's signature vouches for a customer: a request claiming one
// without it is refused.
func TestForgedCustomerIsRefused(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	before := countProfiles(t, e) // the buyers of the imported orders
	q := url.Values{"shop": {e.Shop()}, "logged_in_customer_id": {"7001"}, "timestamp": {"1"}, "signature": {strings.Repeat("a", 64)}}
	req, _ := http.NewRequest("POST", e.URL+"/proxy/session?"+q.Encode(), nil)
	if status, _ := e.do(req); status != 401 {
		t.Fatalf("forged proxy request: %d, want 401", status)
	}
	if n := countProfiles(t, e) - before; n != 0 {
		t.Fatalf("%d profiles created by a forged request", n)
	}
}

func countProfiles(t *testing.T, e chatEnv) int {
	t.Helper()
	var n int
	if err := e.DB.Get(&n, `SELECT count(*) FROM profiles`); err != nil {
		t.Fatal(err)
	}
	return n
}

// Through the local storefront's own app proxy: signed in there, the widget's
// session call reaches the app as that customer.
func TestSessionThroughTheStorefrontProxy(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	b := &http.Client{Jar: newJar()}
	if resp, err := b.PostForm(e.Shopify.StorefrontURL+"/account/login", url.Values{"return_url": {"/"}}); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	resp, err := b.Post(e.Shopify.StorefrontURL+"/apps/hubchat/session", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var s session
	json.Unmarshal(raw, &s)
	if resp.StatusCode != 200 || s.State["can_chat"] != true {
		t.Fatalf("through the proxy: %d %s", resp.StatusCode, raw)
	}
	if shopper, _ := s.State["shopper"].(map[string]any); shopper["signed_in"] != true {
		t.Fatalf("through the proxy the shopper is not signed in: %v", s.State["shopper"])
	}
	var profiles int
	err = e.DB.Get(&profiles, `SELECT count(*) FROM profiles WHERE shopify_customer_id = $1`, e.Shopify.Shop.SignedInCustomerID())
	if err != nil || profiles != 1 {
		t.Fatalf("the signed-in demo customer has %d profiles, %v", profiles, err)
	}
}

func TestSendingMessages(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) {
		cs.OfficeHours = json.RawMessage(`{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],
			"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}`)
	})
	_, s := e.session("7001")
	id := clientID()
	code, first := e.send(s.Token, id, "  Where is my order? 📦  ")
	if code != 201 {
		t.Fatalf("first message: %d %v", code, first)
	}
	msg := first["message"].(map[string]any)
	auto := first["automatic"].([]any)
	if msg["body"] != "Where is my order? 📦" || msg["author"] != "shopper" || len(auto) != 1 ||
		auto[0].(map[string]any)["body"] != "One moment, a member of our team will be with you shortly." {
		t.Fatalf("first message answer: %v", first)
	}
	code, retry := e.send(s.Token, strings.ToUpper(id), "Where is my order? 📦")
	if code != 200 || retry["message"].(map[string]any)["id"] != msg["id"] {
		t.Fatalf("retry: %d %v", code, retry)
	}
	var n int
	e.DB.Get(&n, `SELECT count(*) FROM messages WHERE author = 'shopper'`)
	if n != 1 {
		t.Fatalf("%d shopper messages stored, want 1", n)
	}
	for name, tc := range map[string]struct {
		id, body string
		code     int
	}{
		"empty":         {clientID(), "   ", 422},
		"too long":      {clientID(), strings.Repeat("é", 5001), 422},
		"bad client id": {"not-a-uuid", "hi", 422},
		"5,000 is fine": {clientID(), strings.Repeat("é", 5000), 201},
	} {
		if code, out := e.send(s.Token, tc.id, tc.body); code != tc.code {
			t.Errorf("%s: %d %v, want %d", name, code, out, tc.code)
		}
	}
	resp, _ := e.api(s.Token, "POST", "/api/storefront/messages", nil)
	if resp.StatusCode != 400 {
		t.Errorf("no JSON body: %d, want 400", resp.StatusCode)
	}
}

// No office hours at all: no automatic reply.
func TestNoOfficeHoursNoAutomaticReply(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	if code, out := e.send(s.Token, clientID(), "hi"); code != 201 || len(out["automatic"].([]any)) != 0 {
		t.Fatalf("%d %v", code, out)
	}
}

func TestSendingTooFastIsLimited(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	var resp *http.Response
	for i := range 20 {
		resp, _ = e.api(s.Token, "POST", "/api/storefront/messages", map[string]string{"client_id": clientID(), "body": "flood"})
		if resp.StatusCode == 429 {
			if i < 10 {
				t.Fatalf("limited after %d messages", i)
			}
			break
		}
	}
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("20 messages at once: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp.Header.Get("Access-Control-Expose-Headers") != "Retry-After" {
		t.Fatal("the widget cannot read Retry-After across origins")
	}
}

func TestEndingAConversationStartsAfreshNextTime(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	_, first := e.send(s.Token, clientID(), "first question")
	convID := first["conversation"].(map[string]any)["id"]
	if resp, _ := e.api(s.Token, "POST", "/api/storefront/end", map[string]any{"conversation_id": convID}); resp.StatusCode != 204 {
		t.Fatalf("end: %d", resp.StatusCode)
	}
	_, raw := e.api(s.Token, "GET", "/api/storefront/state", nil)
	var st map[string]any
	json.Unmarshal(raw, &st)
	if st["conversation"] != nil {
		t.Fatalf("an ended conversation is still shown: %v", st["conversation"])
	}
	_, next := e.send(s.Token, clientID(), "second question")
	if next["conversation"].(map[string]any)["id"] == convID {
		t.Fatal("the next message joined the ended conversation")
	}
	// Another shopper cannot end it.
	_, other := e.session("7002")
	if resp, _ := e.api(other.Token, "POST", "/api/storefront/end", map[string]any{"conversation_id": next["conversation"].(map[string]any)["id"]}); resp.StatusCode != 404 {
		t.Fatalf("another shopper ended it: %d", resp.StatusCode)
	}
}

func TestSeenMarksTheAgentsReplies(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	_, first := e.send(s.Token, clientID(), "hi")
	conv := int64(first["conversation"].(map[string]any)["id"].(float64))
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	reply, err := storage.NewConversations(e.DB, time.Now).PostFromAgent(context.Background(), e.shopID, conv, agent.ID, storage.AgentReply{ClientID: "b0000000-0000-4000-8000-000000000001", Body: "Hello Jane!", Preview: "Hello Jane!"})
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := e.api(s.Token, "POST", "/api/storefront/seen", map[string]any{"up_to_id": reply.ID}); resp.StatusCode != 204 {
		t.Fatalf("seen: %d", resp.StatusCode)
	}
	var seen bool
	e.DB.Get(&seen, `SELECT seen_at IS NOT NULL FROM messages WHERE id = $1`, reply.ID)
	if !seen {
		t.Fatal("the reply was not marked seen")
	}
}
