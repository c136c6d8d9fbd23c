package helpdesktest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// call sends one request to h and returns the answer's status, headers and body.
func call(t *testing.T, h http.Handler, method, target, body string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	raw, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header(), string(raw)
}

// zendeskAuth is the header of the fake agent: "agent@x.test/token" and "tok".
var zendeskAuth = map[string]string{"Authorization": "Basic YWdlbnRAeC50ZXN0L3Rva2VuOnRvaw==", "Content-Type": "application/json"}

const zendeskTicket = `{"ticket":{"subject":"Help","comment":{"html_body":"<p>Hi</p>"},"requester":{"name":"Jane","email":"jane@example.com"},"tags":["a"],"external_id":"x-1"}}`

func TestZendeskFakeRefusesWhatZendeskRefuses(t *testing.T) {
	for _, tc := range []struct {
		name       string
		method     string
		path, body string
		header     map[string]string
		status     int
		wantBody   string
	}{
		{"no credentials", "POST", "/api/v2/tickets.json", zendeskTicket, map[string]string{"Content-Type": "application/json"},
			401, `{"error":"Couldn't authenticate you"}`},
		{"wrong token", "GET", "/api/v2/tickets.json", "", map[string]string{"Authorization": "Basic YWdlbnRAeC50ZXN0L3Rva2VuOm5v"},
			401, `{"error":"Couldn't authenticate you"}`},
		{"password instead of token", "GET", "/api/v2/users/me.json", "", map[string]string{"Authorization": "Basic YWdlbnRAeC50ZXN0OnRvaw=="},
			401, `Couldn't authenticate you`},
		{"not JSON", "POST", "/api/v2/tickets.json", zendeskTicket, map[string]string{"Authorization": zendeskAuth["Authorization"]},
			400, "Content-Type: application/json"},
		{"no comment", "POST", "/api/v2/tickets.json", `{"ticket":{"subject":"Help"}}`, zendeskAuth,
			422, `"details":{"base":[{"description":"Description: cannot be blank","error":"BlankValue"}]}`},
		{"blank comment", "POST", "/api/v2/tickets.json", `{"ticket":{"comment":{"body":"  "}}}`, zendeskAuth,
			422, `"error":"RecordInvalid"`},
		{"bad requester email", "POST", "/api/v2/tickets.json", `{"ticket":{"comment":{"body":"Hi"},"requester":{"name":"J","email":"jane"}}}`, zendeskAuth,
			422, `"requester":[{"description":"Requester: Email jane is not properly formatted"`},
		{"undocumented field", "POST", "/api/v2/tickets.json", `{"ticket":{"comment":{"body":"Hi"},"transcript":"x"}}`, zendeskAuth,
			400, `unknown field \"transcript\"`},
		{"unknown endpoint", "GET", "/api/v2/nothing.json", "", zendeskAuth, 404, `"error":"InvalidEndpoint"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := NewZendesk("agent@x.test", "tok")
			status, _, body := call(t, fake, tc.method, tc.path, tc.body, tc.header)
			if status != tc.status || !strings.Contains(body, tc.wantBody) {
				t.Errorf("got %d %s, want %d with %s", status, body, tc.status, tc.wantBody)
			}
			if n := len(fake.Tickets()); n != 0 {
				t.Errorf("fake created %d tickets", n)
			}
		})
	}
}

func TestZendeskFakeShowSelf(t *testing.T) {
	fake := NewZendesk("agent@x.test", "tok")
	_, _, body := call(t, fake, "GET", "/api/v2/users/me.json", "", nil)
	if !strings.Contains(body, `"id":null`) || !strings.Contains(body, `"role":"end-user"`) {
		t.Errorf("anonymous self: %s", body)
	}
	_, _, body = call(t, fake, "GET", "/api/v2/users/me.json", "", zendeskAuth)
	if !strings.Contains(body, `"id":1`) || !strings.Contains(body, `"role":"admin"`) {
		t.Errorf("agent self: %s", body)
	}
	fake.SetRole("end-user")
	if status, _, body := call(t, fake, "POST", "/api/v2/tickets.json", zendeskTicket, zendeskAuth); status != 403 || !strings.Contains(body, `"error":"Forbidden"`) {
		t.Errorf("end user creating a ticket: %d %s", status, body)
	}
}

func TestZendeskFakeIdempotencyKey(t *testing.T) {
	fake := NewZendesk("agent@x.test", "tok")
	keyed := map[string]string{"Idempotency-Key": "k-1"}
	for k, v := range zendeskAuth {
		keyed[k] = v
	}
	status, h, first := call(t, fake, "POST", "/api/v2/tickets.json", zendeskTicket, keyed)
	if status != 201 || h.Get("X-Idempotency-Lookup") != "miss" || h.Get("Location") != "/api/v2/tickets/1.json" {
		t.Fatalf("first use: %d %v %s", status, h, first)
	}
	status, h, again := call(t, fake, "POST", "/api/v2/tickets.json", zendeskTicket, keyed)
	if status != 201 || h.Get("X-Idempotency-Lookup") != "hit" || again != first {
		t.Errorf("same key and body: %d %v %s", status, h, again)
	}
	other := strings.Replace(zendeskTicket, "Help", "Other", 1)
	status, _, body := call(t, fake, "POST", "/api/v2/tickets.json", other, keyed)
	if status != 400 || !strings.Contains(body, `"error":"IdempotentRequestError"`) {
		t.Errorf("same key, other body: %d %s", status, body)
	}
	if n := len(fake.Tickets()); n != 1 {
		t.Errorf("fake created %d tickets, want 1", n)
	}
	fake.ForgetIdempotencyKeys()
	if status, h, _ := call(t, fake, "POST", "/api/v2/tickets.json", other, keyed); status != 201 || h.Get("X-Idempotency-Lookup") != "miss" {
		t.Errorf("a forgotten key: %d %v", status, h)
	}
}

func TestZendeskFakeListsTicketsByExternalID(t *testing.T) {
	fake := NewZendesk("agent@x.test", "tok")
	call(t, fake, "POST", "/api/v2/tickets.json", zendeskTicket, zendeskAuth)
	call(t, fake, "POST", "/api/v2/tickets.json", strings.Replace(zendeskTicket, "x-1", "x-2", 1), zendeskAuth)
	_, _, body := call(t, fake, "GET", "/api/v2/tickets.json?external_id=x-2", "", zendeskAuth)
	var list struct {
		Tickets []struct {
			ID          int64  `json:"id"`
			ExternalID  string `json:"external_id"`
			RequesterID int64  `json:"requester_id"`
		} `json:"tickets"`
		Count int `json:"count"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || list.Count != 1 || list.Tickets[0].ID != 2 ||
		list.Tickets[0].ExternalID != "x-2" || list.Tickets[0].RequesterID < 1000 {
		t.Errorf("list by external id: %s (%v)", body, err)
	}
}

func TestFaultsComeBeforeEverythingAndInOrder(t *testing.T) {
	fake := NewZendesk("agent@x.test", "tok")
	fake.RateLimitNext(1, 1500*time.Millisecond)
	fake.FailNext(1, 503)
	status, h, _ := call(t, fake, "GET", "/api/v2/users/me.json", "", nil)
	if status != 429 || h.Get("Retry-After") != "2" {
		t.Errorf("first: %d Retry-After %q, want 429 and 2 (rounded up)", status, h.Get("Retry-After"))
	}
	if status, h, _ := call(t, fake, "GET", "/api/v2/users/me.json", "", nil); status != 503 || h.Get("Retry-After") != "" {
		t.Errorf("second: %d %v", status, h)
	}
	if status, _, _ := call(t, fake, "GET", "/api/v2/users/me.json", "", nil); status != 200 {
		t.Errorf("third: %d", status)
	}
}
