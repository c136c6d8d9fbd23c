package admin_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// liveStream is the admin's live stream as staff member user opens it, read
// one block (up to its blank line) at a time.
type liveStream struct {
	resp   *http.Response
	blocks chan string
}

// liveClient is an HTTP client whose idle connections are closed when the
// test ends, before the app shuts down: the server's shutdown would wait for
// a connection the client opened and never sent a request on.
func liveClient(t *testing.T) *http.Client {
	c := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func (e ticketEnv) openLive(client *http.Client, user int64, lastEventID string) *liveStream {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.URL+"/app/stream", nil)
	req.Header.Set("Authorization", "Bearer "+e.SessionToken(e.t, user))
	req.Header.Set("HX-Request", "true")
	req.Header.Set("Accept", "text/html, text/event-stream")
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	s := &liveStream{resp: resp, blocks: make(chan string, 100)}
	go func() {
		defer resp.Body.Close()
		defer close(s.blocks)
		r, block := bufio.NewReader(resp.Body), ""
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if block += line; line == "\n" {
				s.blocks <- block
				block = ""
			}
		}
	}()
	return s
}

// next returns the next block that is not a comment.
func (s *liveStream) next(t *testing.T) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case b, ok := <-s.blocks:
			if !ok {
				t.Fatal("the stream ended")
			}
			if !strings.HasPrefix(b, ":") {
				return b
			}
		case <-timeout:
			t.Fatal("nothing on the stream within 10 s")
		}
	}
}

// An inbox that comes back from before what the log keeps is told to reset
// (its parts re-fetch themselves), then gets live changes again.
func TestLiveStreamResetsAResumeFromBeforeThePrunedLog(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	var seen int64
	if err := e.DB.Get(&seen, `SELECT max(id) FROM events`); err != nil {
		t.Fatal(err)
	}
	e.shopperSays("Sent while the inbox was away")
	if _, err := storage.NewEvents(e.DB, time.Now).DeleteBefore(context.Background(), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	live := e.openLive(liveClient(t), 9001, strconv.FormatInt(seen, 10))
	if live.resp.StatusCode != 200 {
		t.Fatalf("stream: %d", live.resp.StatusCode)
	}
	if b := live.next(t); !strings.Contains(b, "\nevent: reset\ndata: {}\n") {
		t.Fatalf("first block %q, want a reset", b)
	}
	e.shopperSays("Sent after the reset")
	want := fmt.Sprintf("event: hubchat:conversation\ndata: {\"id\":%d,", e.convID)
	if b := live.next(t); !strings.Contains(b, want) {
		t.Fatalf("after the reset %q, want %q", b, want)
	}
}

// A staff member holds at most realtime.MaxAgentStreams streams; another
// staff member of the shop is not affected.
func TestLiveStreamsPerAgentAreCapped(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	client := liveClient(t)
	for i := range realtime.MaxAgentStreams {
		if s := e.openLive(client, 9001, ""); s.resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", i+1, s.resp.StatusCode)
		}
	}
	over := e.openLive(client, 9001, "")
	if over.resp.StatusCode != 429 || over.resp.Header.Get("Retry-After") == "" {
		t.Fatalf("one stream over the cap: %d, Retry-After %q", over.resp.StatusCode, over.resp.Header.Get("Retry-After"))
	}
	if s := e.openLive(client, 9002, ""); s.resp.StatusCode != 200 {
		t.Fatalf("another staff member: %d", s.resp.StatusCode)
	}
}
