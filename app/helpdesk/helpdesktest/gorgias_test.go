package helpdesktest

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// gorgiasAuth is the header of the fake user: "owner@x.test" and "key-1234".
var gorgiasAuth = map[string]string{"Authorization": "Basic b3duZXJAeC50ZXN0OmtleS0xMjM0", "Content-Type": "application/json"}

const gorgiasTicket = `{"channel":"api","via":"api","from_agent":false,"subject":"Help","external_id":"x-1",
 "customer":{"email":"jane@example.com","name":"Jane"},"tags":[{"name":"shipping"}],
 "messages":[{"channel":"api","via":"api","from_agent":false,"sender":{"email":"jane@example.com"},"body_text":"Hi","body_html":"<p>Hi</p>"}]}`

func TestGorgiasFakeRefusesWhatGorgiasRefuses(t *testing.T) {
	noSender := strings.Replace(gorgiasTicket, `"sender":{"email":"jane@example.com"},`, "", 1)
	for _, tc := range []struct {
		name, body string
		header     map[string]string
		status     int
		wantBody   string
	}{
		{"no credentials", gorgiasTicket, map[string]string{"Content-Type": "application/json"}, 401, `"error":{"msg":"Unauthorized"}`},
		{"wrong key", gorgiasTicket, map[string]string{"Authorization": "Basic b3duZXJAeC50ZXN0Ondyb25n", "Content-Type": "application/json"},
			401, `"error"`},
		{"not JSON", gorgiasTicket, map[string]string{"Authorization": gorgiasAuth["Authorization"]}, 400, `"error"`},
		{"no messages", `{"channel":"api","via":"api","from_agent":false}`, gorgiasAuth, 400,
			`"messages":["Length must be between 1 and 500."]`},
		{"no via", strings.Replace(gorgiasTicket, `"via":"api","from_agent":false,"subject"`, `"from_agent":false,"subject"`, 1), gorgiasAuth, 400,
			`"via":["Missing data for required field."]`},
		{"unknown via", strings.Replace(gorgiasTicket, `"via":"api","from_agent":false,"subject"`, `"via":"web","from_agent":false,"subject"`, 1),
			gorgiasAuth, 400, `"via":["Must be one of the documented values."]`},
		{"incoming message without sender", noSender, gorgiasAuth, 400, `"messages":{"0":{"sender":`},
		{"message without channel", strings.Replace(gorgiasTicket, `[{"channel":"api",`, `[{`, 1), gorgiasAuth, 400,
			`"messages":{"0":{"channel":["Missing data for required field."]}}`},
		{"tag without name", strings.Replace(gorgiasTicket, `{"name":"shipping"}`, `{}`, 1), gorgiasAuth, 400, `"tags":{"0":{"name":`},
		{"undocumented field", strings.Replace(gorgiasTicket, `"subject":"Help"`, `"subject":"Help","transcript":"x"`, 1), gorgiasAuth, 400,
			`unknown field \"transcript\"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := NewGorgias("shop", "owner@x.test", "key-1234")
			status, _, body := call(t, fake, "POST", "/api/tickets", tc.body, tc.header)
			if status != tc.status || !strings.Contains(body, tc.wantBody) {
				t.Errorf("got %d %s, want %d with %s", status, body, tc.status, tc.wantBody)
			}
			if n := len(fake.Tickets()); n != 0 {
				t.Errorf("fake created %d tickets", n)
			}
		})
	}
}

func TestGorgiasFakeCreatesAndListsByExternalID(t *testing.T) {
	fake := NewGorgias("shop", "owner@x.test", "key-1234")
	status, _, body := call(t, fake, "POST", "/api/tickets", gorgiasTicket, gorgiasAuth)
	if status != 201 || !strings.Contains(body, `"id":1`) || !strings.Contains(body, `"uri":"/api/tickets/1/"`) {
		t.Fatalf("create: %d %s", status, body)
	}
	call(t, fake, "POST", "/api/tickets", strings.Replace(gorgiasTicket, "x-1", "x-2", 1), gorgiasAuth)
	got := fake.Tickets()
	if len(got) != 2 || got[0].Customer != (GorgiasCustomer{Email: "jane@example.com", Name: "Jane"}) ||
		got[0].Messages[0].SenderEmail != "jane@example.com" || got[0].Tags[0] != "shipping" {
		t.Fatalf("recorded: %+v", got)
	}
	_, _, body = call(t, fake, "GET", "/api/tickets?external_id=x-1&limit=5", "", gorgiasAuth)
	var list struct {
		Data []struct {
			ID         int64  `json:"id"`
			ExternalID string `json:"external_id"`
		} `json:"data"`
		Object string `json:"object"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || list.Object != "list" || len(list.Data) != 1 || list.Data[0].ID != 1 {
		t.Errorf("list by external id: %s (%v)", body, err)
	}
	if status, _, body := call(t, fake, "GET", "/api/tickets?limit=101", "", gorgiasAuth); status != 400 || !strings.Contains(body, `"limit"`) {
		t.Errorf("limit 101: %d %s", status, body)
	}
}

func TestGorgiasFakeAccount(t *testing.T) {
	fake := NewGorgias("shop", "owner@x.test", "key-1234")
	status, h, body := call(t, fake, "GET", "/api/account", "", gorgiasAuth)
	if status != 200 || !strings.Contains(body, `"domain":"shop"`) || !strings.Contains(body, `"deactivated_datetime":null`) ||
		h.Get("X-Gorgias-Account-Api-Call-Limit") != "1/40" {
		t.Errorf("account: %d %v %s", status, h, body)
	}
}

func TestGorgiasFakeLeakyBucket(t *testing.T) {
	fake := NewGorgias("shop", "owner@x.test", "key-1234")
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fake.SetClock(func() time.Time { return now })
	for range 40 {
		if status, _, _ := call(t, fake, "GET", "/api/account", "", gorgiasAuth); status != 200 {
			t.Fatalf("within the burst: %d", status)
		}
	}
	status, h, _ := call(t, fake, "GET", "/api/account", "", gorgiasAuth)
	if status != 429 || h.Get("Retry-After") != "1" || h.Get("X-Gorgias-Account-Api-Call-Limit") != "40/40" {
		t.Fatalf("41st: %d %v", status, h)
	}
	now = now.Add(10 * time.Second) // 20 requests drained
	for i := range 20 {
		if status, _, _ := call(t, fake, "GET", "/api/account", "", gorgiasAuth); status != 200 {
			t.Fatalf("after 10 s, request %d: %d", i+1, status)
		}
	}
	if status, _, _ := call(t, fake, "GET", "/api/account", "", gorgiasAuth); status != 429 {
		t.Fatalf("after 10 s, the 21st: %d, want 429", status)
	}
}

func TestServeAnswersOnAListenerUntilTheContextEnds(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, NewGorgias("shop", "owner@x.test", "key-1234")) }()
	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/api/account", nil)
	req.SetBasicAuth("owner@x.test", "key-1234")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /api/account: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
}
