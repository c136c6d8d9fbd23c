package realtime_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/realtime"
)

// A client that has a stream's response header has its stream: every event
// committed from then on reaches it. A client takes a stream as open when
// the header comes (the widget, which has no event id to resume from on its
// first stream, then reloads its state for what came before), so the header
// must wait until the stream has subscribed. Here the stream cannot
// subscribe yet: its instance's listener has not read the end of the log
// (a new instance, as in the storefront's two-instance test), so its hub is
// not ready. A header sent then let the message committed next fall below
// the horizon the stream later subscribed at: neither replayed (no
// Last-Event-ID) nor live.
func TestAStreamsHeaderWaitsUntilItIsSubscribed(t *testing.T) {
	e := newEnv(t)
	hub := realtime.NewHub(0) // no listener yet: not ready
	srv := e.serve(t, &instance{hub: hub}, time.Hour, realtime.StoredPayload)
	opened := srv.openInBackground(t, e.shopperQuery())

	var c *sseClient
	select {
	case c = <-opened:
		t.Error("the stream's header came before the stream could subscribe")
	case <-time.After(time.Second): // the header must not come while the hub is not ready
	}
	listening := false
	if c == nil {
		e.start(t, realtime.ListenerConfig{Hub: hub})
		listening = true
		select {
		case c = <-opened:
		case <-time.After(10 * time.Second):
			t.Fatal("no header once the hub was ready")
		}
	}
	id := e.append(t, e.message("sent once the client has the header"))
	if !listening {
		e.start(t, realtime.ListenerConfig{Hub: hub})
	}
	if f := c.nextEvent(t); f.id != fmt.Sprint(id) {
		t.Fatalf("first event %q, want the message %d", f.raw, id)
	}
}

// openInBackground opens a stream without a Last-Event-ID and sends its
// client once the response's header has come.
func (s *sseServer) openInBackground(t *testing.T, query string) <-chan *sseClient {
	opened := make(chan *sseClient, 1)
	var body atomic.Pointer[io.ReadCloser]
	req, _ := http.NewRequest(http.MethodGet, s.base+"/stream?"+query, nil)
	go func() {
		resp, err := s.client.Do(req)
		if err != nil {
			t.Errorf("open the stream: %v", err)
			return
		}
		body.Store(&resp.Body)
		c := &sseClient{resp: resp, frames: make(chan frame, 1000), err: make(chan error, 1)}
		go c.read()
		opened <- c
	}()
	t.Cleanup(func() {
		if b := body.Load(); b != nil {
			(*b).Close()
		}
	})
	return opened
}

// A stream that ends before its first write (the server shuts down while
// its hub is not ready) still answers with its header and an empty body,
// ended cleanly, rather than dropping the connection.
func TestAStreamEndedBeforeSubscribingSendsAnEmptyResponse(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, &instance{hub: realtime.NewHub(0)}, time.Hour, realtime.StoredPayload)
	opened := srv.openInBackground(t, e.shopperQuery())
	srv.stopStreams()
	var c *sseClient
	select {
	case c = <-opened:
	case <-time.After(10 * time.Second):
		t.Fatal("no response once the streams were stopped")
	}
	if c.resp.StatusCode != http.StatusOK || c.resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, headers %v", c.resp.StatusCode, c.resp.Header)
	}
	select {
	case f := <-c.frames:
		t.Fatalf("a frame %q from a stream that never subscribed", f.raw)
	case err := <-c.err:
		if !errors.Is(err, io.EOF) {
			t.Fatalf("the response ended with %v, want its end", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the response did not end")
	}
}
