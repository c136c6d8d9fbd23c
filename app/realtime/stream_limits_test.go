package realtime_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// opened opens a stream and reports its status, reading the opening comment
// of a stream that started.
func (s *sseServer) opened(t *testing.T, query string) (*sseClient, int) {
	t.Helper()
	c := s.open(t, query, "")
	if c.resp.StatusCode == http.StatusOK {
		if f := c.next(t); f.comment != "ok" {
			t.Fatalf("first frame %q, want the opening comment", f.raw)
		}
	}
	return c, c.resp.StatusCode
}

// Each caller holds at most their cap of streams: the next is refused with
// 429 and a Retry-After before any stream starts, other callers are not
// affected, and a slot comes back once one of the caller's streams ends.
func TestStreamsPerCallerAreCapped(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), 50*time.Millisecond, realtime.StoredPayload)
	_, neighbour, _ := e.shopper(t, e.shop)
	for _, caller := range []struct {
		name         string
		query, other string
		limit        int
	}{
		{"shopper", e.shopperQuery(), fmt.Sprintf("shop=%d&profile=%d", e.shop, neighbour), realtime.MaxShopperStreams},
		{"agent", fmt.Sprintf("shop=%d&agent=7", e.shop), fmt.Sprintf("shop=%d&agent=8", e.shop), realtime.MaxAgentStreams},
	} {
		t.Run(caller.name, func(t *testing.T) {
			var held []*sseClient
			for range caller.limit {
				c, status := srv.opened(t, caller.query)
				if status != http.StatusOK {
					t.Fatalf("stream %d of %d: status %d", len(held)+1, caller.limit, status)
				}
				held = append(held, c)
			}
			refused, status := srv.opened(t, caller.query)
			if status != http.StatusTooManyRequests || refused.resp.Header.Get("Retry-After") != "1" ||
				strings.HasPrefix(refused.resp.Header.Get("Content-Type"), "text/event-stream") {
				t.Fatalf("one stream over the cap: status %d, headers %v", status, refused.resp.Header)
			}
			if _, status := srv.opened(t, caller.other); status != http.StatusOK {
				t.Fatalf("another caller: status %d", status)
			}
			// The client goes away; its stream ends at its next ping.
			held[0].resp.Body.Close()
			deadline := time.Now().Add(5 * time.Second)
			for {
				c, status := srv.opened(t, caller.query)
				if status == http.StatusOK {
					break
				}
				c.resp.Body.Close()
				if time.Now().After(deadline) {
					t.Fatalf("no slot came back after a stream ended: status %d", status)
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}

// Many streams asked for at once by one caller: exactly the cap of them
// start.
func TestStreamsCapHoldsUnderConcurrentRequests(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for range 4 * realtime.MaxShopperStreams {
		wg.Go(func() {
			resp, err := srv.client.Get(srv.base + "/stream?" + e.shopperQuery())
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				statuses[0]++
				return
			}
			statuses[resp.StatusCode]++
			t.Cleanup(func() { resp.Body.Close() })
		})
	}
	wg.Wait()
	if want := map[int]int{200: realtime.MaxShopperStreams, 429: 3 * realtime.MaxShopperStreams}; fmt.Sprint(statuses) != fmt.Sprint(want) {
		t.Fatalf("statuses %v, want %v", statuses, want)
	}
}

// An Encoder that panics ends its own stream only: another stream goes on
// receiving events, the panic is logged once with its stack but without the
// event's data, and the ended stream's slot comes back.
func TestStreamPanicEndsThatStreamOnly(t *testing.T) {
	e := newEnv(t)
	_, other, _ := e.shopper(t, e.shop)
	bomb := e.profile
	encode := func(ev storage.Event) (string, []byte, bool) {
		if ev.ProfileID == bomb {
			panic("cannot encode " + string(ev.Payload))
		}
		return realtime.StoredPayload(ev)
	}
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, encode)
	doomed, _ := srv.opened(t, e.shopperQuery())
	survivor, _ := srv.opened(t, fmt.Sprintf("shop=%d&profile=%d", e.shop, other))

	e.append(t, e.message("a secret body"))
	select {
	case err := <-doomed.err:
		if !errors.Is(err, io.EOF) {
			t.Fatalf("the panicking stream ended with %v, want its end", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the panicking stream did not end")
	}
	id := e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ProfileID: other})
	if f := survivor.nextEvent(t); f.id != fmt.Sprint(id) {
		t.Fatalf("the other stream got %q, want event %d", f.raw, id)
	}
	log := srv.log.String()
	if n := strings.Count(log, "stream: panic"); n != 1 || !strings.Contains(log, "goroutine ") {
		t.Fatalf("the panic was logged %d times, with a stack: %v\n%s", n, strings.Contains(log, "goroutine "), log)
	}
	if strings.Contains(log, "secret body") {
		t.Fatalf("the log holds the event's data:\n%s", log)
	}
	for range realtime.MaxShopperStreams {
		if _, status := srv.opened(t, e.shopperQuery()); status != http.StatusOK {
			t.Fatalf("after the panic, the shopper's streams: status %d", status)
		}
	}
}
