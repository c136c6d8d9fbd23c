package helpdesk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRetryAfterReadsSecondsAndDates(t *testing.T) {
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Fri, 14 Mar 2025 10:01:30 GMT": 90 * time.Second,
		"Fri, 14 Mar 2025 09:00:00 GMT": 0, // already past
	} {
		h := http.Header{}
		if value != "" {
			h.Set("Retry-After", value)
		}
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q: %v, want %v", value, got, want)
		}
	}
}

func testClient(t *testing.T, h http.Handler) *Zendesk {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	z, err := NewZendesk(ZendeskSettings{Subdomain: "mystore", AgentEmail: "agent@shop.example",
		APIToken: "zdTOKEN-secret-value"}, WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestNoAnswerInTimeIsTemporary(t *testing.T) {
	z := testClient(t, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := z.CheckCredentials(ctx)
	var he *Error
	if !errors.As(err, &he) || he.Kind != Unreachable || !he.Temporary() || !strings.Contains(he.Message, "did not answer in time") {
		t.Fatalf("timeout: %v", err)
	}
	if strings.Contains(err.Error(), "secret-value") {
		t.Errorf("error shows the token: %v", err)
	}
}

func TestARedirectIsNotFollowed(t *testing.T) {
	var sentTo []string
	z := testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sentTo = append(sentTo, r.URL.Path)
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	err := z.CheckCredentials(context.Background())
	var he *Error
	if !errors.As(err, &he) || he.Kind != NotFound || he.Temporary() || !strings.Contains(he.Message, "check the account address") {
		t.Fatalf("redirect: %v", err)
	}
	if len(sentTo) != 1 {
		t.Errorf("requests made: %q, want the first only", sentTo)
	}
}

func TestStatusClassification(t *testing.T) {
	for status, want := range map[int]Kind{
		400: Invalid, 401: BadCredentials, 403: Forbidden, 404: NotFound, 409: Refused, 413: Invalid,
		422: Invalid, 429: RateLimited, 500: Unavailable, 502: Unavailable, 503: Unavailable, 504: Unavailable,
	} {
		e := statusError("Zendesk", status, 0, func(Kind) string { return "" })
		if e.Kind != want || e.Temporary() != (status == 429 || status >= 500) || e.Message == "" {
			t.Errorf("HTTP %d: %+v, want kind %s", status, e, want)
		}
	}
}
