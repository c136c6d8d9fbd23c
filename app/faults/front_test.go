package faults

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
)

// front stands before one of the local fakes of an outside service
// (Twilio, Zendesk, the OpenAI-compatible model), on the address hubchat
// is given for that service, and makes the service misbehave as seen from
// hubchat: down (503 to everything), answering garbage (an HTML page with a
// 200), hanging (no answer until the test ends), or slow at one call —
// the request is passed on and done by the fake, and its answer held until
// released, as a service still answering when its caller dies.
type front struct {
	URL   string
	proxy *httputil.ReverseProxy

	mu    sync.Mutex
	mode  frontMode
	held  *heldAnswer   // waiting for the request to hold
	holds []*heldAnswer // every hold, released at the end at the latest
	calls int           // requests that reached the fake
	hangs chan struct{}
}

type frontMode int

const (
	passing frontMode = iota
	down
	garbage
	hanging
)

// heldAnswer is an answer of the fake kept from hubchat until released.
type heldAnswer struct {
	match    func(*http.Request) bool
	arrived  chan struct{} // closed once a matching call is done by the fake
	released chan struct{}
	once     sync.Once
}

// startFront serves a front for the fake at upstream until the test ends.
func startFront(t *testing.T, upstream string) *front {
	t.Helper()
	target, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	f := &front{proxy: httputil.NewSingleHostReverseProxy(target), hangs: make(chan struct{})}
	f.proxy.FlushInterval = -1 // streamed answers (the model's) pass as they come
	f.proxy.ModifyResponse = f.holdIfAsked
	srv := httptest.NewServer(f)
	f.URL = srv.URL
	t.Cleanup(func() {
		close(f.hangs)
		f.mu.Lock()
		holds := f.holds
		f.mu.Unlock()
		for _, h := range holds {
			h.release()
		}
		srv.CloseClientConnections()
		srv.Close()
	})
	return f
}

// set changes how the front answers from now on.
func (f *front) set(m frontMode) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mode = m
}

// Calls counts the requests passed on to the fake.
func (f *front) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// holdNext passes the next request match accepts on to the fake and keeps
// the fake's answer from hubchat until release; arrived is closed once
// the fake has done the call.
func (f *front) holdNext(match func(*http.Request) bool) (arrived <-chan struct{}, release func()) {
	h := &heldAnswer{match: match, arrived: make(chan struct{}), released: make(chan struct{})}
	f.mu.Lock()
	f.held, f.holds = h, append(f.holds, h)
	f.mu.Unlock()
	return h.arrived, h.release
}

func (h *heldAnswer) release() { h.once.Do(func() { close(h.released) }) }

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	mode := f.mode
	if mode == passing {
		f.calls++
	}
	f.mu.Unlock()
	switch mode {
	case down:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
	case garbage:
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><h1>Welcome to nginx!</h1></body></html>")) // a proxy's page, not the API's
	case hanging:
		select {
		case <-r.Context().Done():
		case <-f.hangs:
		}
	default:
		f.proxy.ServeHTTP(w, r)
	}
}

// holdIfAsked keeps the fake's answer to the held request until released.
func (f *front) holdIfAsked(resp *http.Response) error {
	f.mu.Lock()
	h := f.held
	if h == nil || !h.match(resp.Request) {
		f.mu.Unlock()
		return nil
	}
	f.held = nil
	f.mu.Unlock()
	close(h.arrived)
	<-h.released
	return nil
}

// posts matches POST requests whose path ends as suffix.
func posts(suffix string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return r.Method == http.MethodPost && len(r.URL.Path) >= len(suffix) && r.URL.Path[len(r.URL.Path)-len(suffix):] == suffix
	}
}
