package adminapi

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRetriesTransientFailures(t *testing.T) {
	tests := []struct {
		name    string
		replies []func(http.ResponseWriter)
		want    []time.Duration
	}{
		{"5xx then success", []func(http.ResponseWriter){respond(503, `{"errors":"Service Unavailable"}`), respond(502, `<html>bad gateway</html>`), ok(1, 999, 50)},
			[]time.Duration{500 * time.Millisecond, time.Second}},
		{"429 honours Retry-After", []func(http.ResponseWriter){func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3")
			respond(429, `{"errors":"Too Many Requests"}`)(w)
		}, ok(1, 999, 50)}, []time.Duration{3 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: tt.replies}
			c, clock := newTestClient(t, s, nil, nil)
			if err := c.Do(context.Background(), tinyQuery, nil, nil); err != nil {
				t.Fatal(err)
			}
			if got := clock.Sleeps(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sleeps = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGivesUpAfterBoundedAttempts(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){respond(500, `{"errors":"Internal Server Error"}`)}}
	c, clock := newTestClient(t, s, nil, func(o *Options) { o.MaxBackoff = 3 * time.Second })
	err := c.Do(context.Background(), tinyQuery, nil, nil)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 500 {
		t.Fatalf("err = %v, want an HTTPError 500", err)
	}
	if s.requests() != 5 {
		t.Errorf("requests = %d, want 5 (the default MaxAttempts)", s.requests())
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 3 * time.Second}
	if got := clock.Sleeps(); !reflect.DeepEqual(got, want) {
		t.Errorf("sleeps = %v, want %v (doubling, capped)", got, want)
	}
}

func TestNetworkErrorIsRetried(t *testing.T) {
	hangUp := func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	s := &script{replies: []func(http.ResponseWriter){hangUp, ok(1, 999, 50)}}
	c, clock := newTestClient(t, s, nil, nil)
	if err := c.Do(context.Background(), tinyQuery, nil, nil); err != nil {
		t.Fatal(err)
	}
	if len(clock.Sleeps()) != 1 || s.requests() != 2 {
		t.Errorf("sleeps %v, requests %d; want one backoff and a second request", clock.Sleeps(), s.requests())
	}
}

func TestMaxThrottledThenGivesUp(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){throttled(50, 0, 50)}}
	c, _ := newTestClient(t, s, nil, func(o *Options) { o.MaxThrottled = 3 })
	if err := c.Do(context.Background(), tinyQuery, nil, nil); !errors.Is(err, ErrThrottled) {
		t.Fatalf("err = %v, want ErrThrottled", err)
	}
	if s.requests() != 4 {
		t.Errorf("requests = %d, want 4", s.requests())
	}
}

// rotating is a TokenSource whose Refresh hands out the next token.
type rotating struct {
	mu      sync.Mutex
	current string
	next    string
	calls   int
}

func (r *rotating) Token(context.Context) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.current, nil
}

func (r *rotating) Refresh(_ context.Context, rejected string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if rejected == r.current {
		r.current = r.next
	}
	return r.current, nil
}

func TestUnauthorizedRefreshesTheTokenOnce(t *testing.T) {
	unauthorized := respond(401, `{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}`)
	tests := []struct {
		name       string
		replies    []func(http.ResponseWriter)
		wantErr    error
		wantTokens []string
	}{
		{"fresh token accepted", []func(http.ResponseWriter){unauthorized, ok(1, 999, 50)}, nil, []string{"old-" + secretToken, "new-" + secretToken}},
		{"fresh token rejected too", []func(http.ResponseWriter){unauthorized}, ErrUnauthorized, []string{"old-" + secretToken, "new-" + secretToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: tt.replies}
			src := &rotating{current: "old-" + secretToken, next: "new-" + secretToken}
			c, _ := newTestClient(t, s, src, nil)
			err := c.Do(context.Background(), tinyQuery, nil, nil)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), secretToken) {
				t.Error("the error message contains the access token")
			}
			if src.calls != 1 || !reflect.DeepEqual(s.tokens, tt.wantTokens) {
				t.Errorf("refresh calls %d, tokens sent %v", src.calls, s.tokens)
			}
		})
	}
}

func TestContextCancellationStopsWaiting(t *testing.T) {
	tests := map[string]func(http.ResponseWriter){
		"throttle wait of an hour": throttled(1000, 0, 0.28),
		"backoff":                  respond(503, `{}`),
	}
	for name, first := range tests {
		t.Run(name, func(t *testing.T) {
			s := &script{replies: []func(http.ResponseWriter){first}}
			c, _ := newTestClient(t, s, nil, func(o *Options) {
				o.Sleep, o.Now, o.BaseBackoff = nil, nil, time.Hour // real timer, real clock
			})
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := c.Do(ctx, tinyQuery, nil, nil)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want the context's error", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Do returned after %v", d)
			}
		})
	}
}
