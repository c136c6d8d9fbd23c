// Package helpdesktest holds local fakes of the Zendesk and Gorgias APIs that
// package helpdesk calls. Each fake is an http.Handler (for httptest.Server)
// that can also run on a fixed port (Serve) for local development.
//
// The fakes check what the real APIs require, as their documentation states
// it: Basic authentication with the right credentials, JSON bodies, the
// required fields, and the status and error document of each refusal. They
// are stricter in one way: they refuse fields their service does not
// document, so that a client sending one fails its tests. They can be told to
// answer the next requests with 429 and Retry-After or with a 5xx, or to
// create a ticket and drop the connection before answering, and they record
// the tickets created for tests to read.
package helpdesktest

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBody bounds a request body the fakes read.
const maxBody = 4 << 20

// Faults makes a fake misbehave on its next requests, in the order set.
// Its methods are safe for concurrent use.
type Faults struct {
	mu      sync.Mutex
	answers []failure
	drops   int
	held    *heldCreates
}

// heldCreates keeps ticket creations waiting, to line up racing attempts.
type heldCreates struct {
	want, waiting int
	arrived       chan struct{} // closed when want creations wait
	released      chan struct{}
}

type failure struct {
	status     int
	retryAfter time.Duration
}

// RateLimitNext makes the next n requests answer 429 Too Many Requests with a
// Retry-After of retryAfter (rounded up to whole seconds, as the header is).
func (f *Faults) RateLimitNext(n int, retryAfter time.Duration) {
	f.queue(n, failure{status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

// FailNext makes the next n requests answer status (a 5xx) with no Retry-After.
func (f *Faults) FailNext(n, status int) { f.queue(n, failure{status: status}) }

// DropNextCreates makes the next n ticket creations succeed but close the
// connection before answering: the client cannot tell that the ticket exists.
func (f *Faults) DropNextCreates(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drops += n
}

// HoldCreates makes the next ticket creations wait, once their request is
// read and checked, until release is called; arrived is closed when n of them
// are waiting. Tests use it to line up attempts that race on one ticket.
func (f *Faults) HoldCreates(n int) (arrived <-chan struct{}, release func()) {
	h := &heldCreates{want: n, arrived: make(chan struct{}), released: make(chan struct{})}
	f.mu.Lock()
	f.held = h
	f.mu.Unlock()
	var once sync.Once
	return h.arrived, func() {
		once.Do(func() {
			f.mu.Lock()
			f.held = nil
			f.mu.Unlock()
			close(h.released)
		})
	}
}

// waitIfHeld blocks a creation while creations are held.
func (f *Faults) waitIfHeld() {
	f.mu.Lock()
	h := f.held
	if h == nil {
		f.mu.Unlock()
		return
	}
	if h.waiting++; h.waiting == h.want {
		close(h.arrived)
	}
	f.mu.Unlock()
	<-h.released
}

func (f *Faults) queue(n int, fl failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.answers = append(f.answers, fl)
	}
}

// next takes the failure planned for this request, if any.
func (f *Faults) next() (failure, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.answers) == 0 {
		return failure{}, false
	}
	fl := f.answers[0]
	f.answers = f.answers[1:]
	return fl, true
}

// takeDrop reports whether this creation's answer is to be dropped.
func (f *Faults) takeDrop() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.drops == 0 {
		return false
	}
	f.drops--
	return true
}

// writePlanned answers a planned failure, reporting whether there was one.
func (f *Faults) writePlanned(w http.ResponseWriter) bool {
	fl, ok := f.next()
	if !ok {
		return false
	}
	if fl.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((fl.retryAfter+time.Second-1)/time.Second)))
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(fl.status)
	_, _ = w.Write([]byte(http.StatusText(fl.status) + "\n"))
	return true
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // the server then closes the connection itself
}

// basicAuthMatches reports whether the request carries exactly these
// credentials, compared in constant time.
func basicAuthMatches(r *http.Request, user, pass string) bool {
	u, p, ok := r.BasicAuth()
	return ok && subtle.ConstantTimeCompare([]byte(u), []byte(user)) == 1 &&
		subtle.ConstantTimeCompare([]byte(p), []byte(pass)) == 1
}

// isJSON reports whether the request declares a JSON body.
func isJSON(r *http.Request) bool {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	return ct == "application/json"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Serve answers with h on ln (such as net.Listen("tcp", "127.0.0.1:8091"))
// until ctx ends, then shuts down and returns nil. Local development points
// the helpdesk clients at it with helpdesk.WithBaseURL.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
