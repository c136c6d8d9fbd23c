package realtime_test

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

func (e *env) shopperQuery() string { return fmt.Sprintf("shop=%d&profile=%d", e.shop, e.profile) }

func TestStreamSendsEventsAndPings(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), 100*time.Millisecond, realtime.StoredPayload)
	c := srv.open(t, e.shopperQuery(), "")
	if ct := c.resp.Header.Get("Content-Type"); c.resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("status %d, Content-Type %q", c.resp.StatusCode, ct)
	}
	if f := c.next(t); f.comment != "ok" {
		t.Fatalf("first frame %q, want the opening comment", f.raw)
	}
	_, neighbour, _ := e.shopper(t, e.shop)
	e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ProfileID: neighbour})
	e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "conversation.updated", ProfileID: e.profile, Audience: storage.AudienceAgents})
	id := e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.seen", ProfileID: e.profile,
		Payload: map[string]any{"conversation_id": e.conversation, "message_ids": []int{340, 345}}})
	want := fmt.Sprintf("id: %d\nevent: message.seen\ndata: {\"message_ids\": [340, 345], \"conversation_id\": %d}\n\n", id, e.conversation)
	if f := c.nextEvent(t); f.raw != want {
		t.Fatalf("frame %q,\nwant  %q", f.raw, want)
	}
	if f := c.next(t); f.comment != "ping" {
		t.Fatalf("frame %q, want a ping", f.raw)
	}
}

// An encoder chooses the name and the data; data with line breaks is sent as
// several data lines, which a client joins back with "\n".
func TestStreamUsesTheCallersEncoder(t *testing.T) {
	e := newEnv(t)
	html := func(ev storage.Event) (string, []byte, bool) {
		if ev.Audience == storage.AudienceAgents {
			return "", nil, false
		}
		return "ticket", []byte("<li>\n" + strconv.FormatInt(ev.ID, 10) + "\r\n</li>"), true
	}
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, html)
	c := srv.open(t, fmt.Sprintf("shop=%d", e.shop), "")
	e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "conversation.updated", Audience: storage.AudienceAgents})
	id := e.append(t, e.message("hi"))
	f := c.nextEvent(t)
	if f.id != strconv.FormatInt(id, 10) || f.event != "ticket" || strings.Join(f.data, "\n") != "<li>\n"+f.id+"\n</li>" {
		t.Fatalf("frame %q", f.raw)
	}
}

func TestStreamReplaysAfterLastEventID(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	_, neighbour, _ := e.shopper(t, e.shop)
	var ids []int64
	for i := range 4 {
		ids = append(ids, e.append(t, e.message(fmt.Sprint(i))))
		e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ProfileID: neighbour})
	}
	c := srv.open(t, e.shopperQuery(), strconv.FormatInt(ids[0], 10))
	ids = append(ids, e.append(t, e.message("live")))
	for i, body := range []string{"1", "2", "3", "live"} {
		want := fmt.Sprintf("id: %d\nevent: message.created\ndata: {\"body\": %q}\n\n", ids[i+1], body)
		if f := c.nextEvent(t); f.raw != want {
			t.Fatalf("frame %q, want %q", f.raw, want)
		}
	}
	select {
	case f := <-c.frames:
		if f.comment == "" {
			t.Fatalf("unexpected frame %q", f.raw)
		}
	case <-time.After(200 * time.Millisecond):
	}
}

// A shopper's client drops its connection now and then while messages keep
// coming, and reconnects with the last id it saw: it ends up with every
// message exactly once, in order.
func TestStreamResumesWithoutGapOrDuplicate(t *testing.T) {
	e := newEnv(t)
	// The server notices a dropped connection at its next write: frequent
	// pings give the shopper's slots back soon (MaxShopperStreams).
	const ping = 20 * time.Millisecond
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), ping, realtime.StoredPayload)
	var mu sync.Mutex
	var appended []int64
	var writers sync.WaitGroup
	for range 2 {
		writers.Go(func() {
			for i := range 150 {
				id := e.append(t, e.message(fmt.Sprint(i)))
				e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "conversation.updated", ProfileID: e.profile, Audience: storage.AudienceAgents})
				mu.Lock()
				appended = append(appended, id)
				mu.Unlock()
				time.Sleep(time.Duration(rand.IntN(500)) * time.Microsecond)
			}
		})
	}
	done := make(chan struct{})
	go func() { writers.Wait(); close(done) }()

	// complete reports whether every message has come (or more: duplicates);
	// it is only true once the writers are done and appended stays as it is.
	writing := true
	var received []int64
	complete := func() bool { return !writing && len(received) >= len(appended) }
	last, connections, dropped := "0", 0, 0
	for !complete() {
		connections++
		c := srv.open(t, e.shopperQuery(), last)
		for c.resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(ping) // as a client waits for Retry-After; dropped streams end at their next ping
			c = srv.open(t, e.shopperQuery(), last)
		}
		for quota := 1 + rand.IntN(30); quota > 0 && !complete(); {
			select {
			case f := <-c.frames:
				if f.id != "" {
					last = f.id // as a client does, from events and from an id alone
				}
				if f.event == "" {
					continue
				}
				id, _ := strconv.ParseInt(f.id, 10, 64)
				received = append(received, id)
				quota--
			case <-done:
				writing, done = false, nil
			case <-c.err:
				// The hub dropped it for falling behind, as under load it
				// may: the client reconnects, as after its own drop.
				dropped++
				quota = 0
			case <-time.After(10 * time.Second):
				t.Fatalf("stuck after %d events", len(received))
			}
		}
		c.resp.Body.Close()
	}
	if want := sorted(appended); fmt.Sprint(received) != fmt.Sprint(want) {
		t.Fatalf("received %v,\nwant     %v", received, want)
	}
	if connections < 5 {
		t.Fatalf("only %d connections: the test did not reconnect enough", connections)
	}
	t.Logf("%d events over %d connections, %d ended by the server", len(received), connections, dropped)
}

func TestStreamEndsOnShutdown(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	c := srv.open(t, e.shopperQuery(), "")
	c.next(t)
	srv.stopStreams()
	select {
	case err := <-c.err:
		if !errors.Is(err, io.EOF) {
			t.Fatalf("stream ended with %v, want its end", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stream outlived the server's streams context")
	}
	ended := make(chan error, 1)
	go func() { ended <- srv.app.ShutdownWithTimeout(5 * time.Second) }()
	select {
	case err := <-ended:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("shutdown waited on the stream")
	}
}

func TestStreamRefusesAMalformedLastEventID(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	for _, bad := range []string{"abc", "-3", "1.5"} {
		c := srv.open(t, e.shopperQuery(), bad)
		if c.resp.StatusCode != http.StatusBadRequest {
			t.Errorf("Last-Event-ID %q: status %d", bad, c.resp.StatusCode)
		}
	}
}
