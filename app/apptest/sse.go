package apptest

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Event is one server-sent event of a stream.
type Event struct {
	ID   int64
	Kind string
	Data map[string]any
}

// Stream opens a live stream with req and returns its events; the stream is
// closed when the test ends, and the channel when the stream ends.
func Stream(t testing.TB, req *http.Request) <-chan Event {
	t.Helper()
	ctx, cancel := context.WithCancel(req.Context())
	t.Cleanup(cancel)
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan Event, 100)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev Event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				ev.ID, _ = strconv.ParseInt(line[4:], 10, 64)
			case strings.HasPrefix(line, "event: "):
				ev.Kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(line[6:]), &ev.Data)
			case line == "" && ev.Kind != "":
				out <- ev
				ev = Event{}
			}
		}
	}()
	return out
}

// Next waits up to 10 s for the next event of kind on events.
func Next(t testing.TB, events <-chan Event, kind string) Event {
	t.Helper()
	ev, ok := NextWithin(events, kind, 10*time.Second)
	if !ok {
		t.Fatalf("no %s event within 10 s", kind)
	}
	return ev
}

// NextWithin waits up to d for the next event of kind on events; false
// when none came (or the stream ended), for a caller that says why.
func NextWithin(events <-chan Event, kind string, d time.Duration) (Event, bool) {
	timeout := time.After(d)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return Event{}, false
			}
			if ev.Kind == kind {
				return ev, true
			}
		case <-timeout:
			return Event{}, false
		}
	}
}
