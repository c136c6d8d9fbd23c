package admin_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"slices"
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

// An inbox's stream that keeps reading is not dropped when one read of the
// log brings more of the shop's changes at once than a shopper's stream
// holds (a busy shop's last fraction of a second): it gets every change, in
// order, on the connection it has. With the agents' buffer the size of a
// shopper's (64), the hub dropped it at such a read and the page had to
// reconnect and replay (docs/BENCHMARKS.md).
func TestLiveStreamKeepsUpWithAReadOfManyChanges(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	live := e.openLive(liveClient(t), 9001, "")
	if live.resp.StatusCode != 200 {
		t.Fatalf("stream: %d", live.resp.StatusCode)
	}
	// One transaction, so the listener reads them all at once (its poll or
	// any wake-up), a full read of 500 and the rest.
	const changes = 600
	var ids []int64
	if err := e.DB.Select(&ids, `INSERT INTO events (shop_id, kind, conversation_id, profile_id, audience, payload, created_at)
		SELECT $1, 'conversation.updated', $2, $3, 'agents', '{}', now() FROM generate_series(1, $4)
		RETURNING id`, e.shopID, e.convID, e.profile.ID, changes); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	b := live.next(t)
	for !strings.HasPrefix(b, fmt.Sprintf("id: %d\n", ids[0])) {
		b = live.next(t) // the stream's first id, and the ticket's own events
	}
	for i, want := range ids {
		if !strings.HasPrefix(b, fmt.Sprintf("id: %d\nevent: hubchat:conversation\n", want)) {
			t.Fatalf("change %d of %d: %q, want id %d", i+1, changes, b, want)
		}
		if i+1 < len(ids) {
			b = live.next(t) // fails if the stream ended: dropped
		}
	}
}
