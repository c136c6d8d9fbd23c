package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Event is one server-sent event as a client reads it.
type Event struct {
	ID, Name string
	Data     []byte
	At       time.Time // when its blank line was read
}

// Stream is a fetch-style event stream (the token in the Authorization
// header, as the widget and the admin send it) that reconnects with
// Last-Event-ID, as they do, until its context ends.
type Stream struct {
	Client *http.Client
	URL    string
	// Token returns the bearer token for each (re)connection.
	Token func() string
	// OnEvent is called for every event, on the stream's goroutine. The
	// first frame (an id: line alone) is an event with no name.
	OnEvent func(Event)

	lastID     string
	Reconnects atomic.Int64
	Failures   atomic.Int64
}

// Run reads the stream until ctx ends. ready is closed once the first
// connection has answered 200 (or Run gives up on it).
func (s *Stream) Run(ctx context.Context, lastEventID string, ready chan<- struct{}) {
	s.lastID = lastEventID
	signalled := false
	signal := func() {
		if !signalled && ready != nil {
			close(ready)
		}
		signalled = true
	}
	defer signal()
	for attempt := 0; ctx.Err() == nil; attempt++ {
		if attempt > 0 {
			s.Reconnects.Add(1)
		}
		err := s.connect(ctx, signal)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.Failures.Add(1)
			select { // a refused or failed connection waits as the widget does
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}
}

// connect opens one connection and reads it to its end.
func (s *Stream) connect(ctx context.Context, connected func()) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.Token())
	req.Header.Set("Accept", "text/event-stream")
	if s.lastID != "" {
		req.Header.Set("Last-Event-ID", s.lastID)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("stream %s: %d %s", s.URL, resp.StatusCode, body)
	}
	connected()
	return readEvents(resp.Body, func(e Event) {
		if e.ID != "" {
			s.lastID = e.ID
		}
		s.OnEvent(e)
	})
}

// readEvents parses an event stream (the WHATWG format: field lines, a
// blank line ends an event, lines starting with ':' are comments) and calls
// emit for each event that has an id, a name or data.
func readEvents(r io.Reader, emit func(Event)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var e Event
	var data []string
	hasField := false
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			if hasField {
				e.Data, e.At = []byte(strings.Join(data, "\n")), time.Now()
				emit(e)
			}
			e, data, hasField = Event{}, nil, false
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "id":
			e.ID, hasField = value, true
		case "event":
			e.Name, hasField = value, true
		case "data":
			data, hasField = append(data, value), true
		}
	}
	return sc.Err()
}
