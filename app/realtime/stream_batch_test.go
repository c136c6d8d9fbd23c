package realtime_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// The events waiting in a stream's buffer go out in one write: a stream
// busy writing one event while ten more are published finds them queued,
// and sends all eleven together, in one chunk, in order, each once.
// (Flushed one by one, they took eleven writes to the connection; an
// agent's stream gets two events for each message, and a busy instance's
// reads of the log publish many.)
func TestAStreamSendsTheEventsWaitingForItInOneWrite(t *testing.T) {
	e := newEnv(t)
	in := &instance{hub: realtime.NewHub(0), out: &logBuffer{}}
	in.hub.Publish(nil, 0)
	busy, free := make(chan struct{}), make(chan struct{})
	var once sync.Once
	encode := func(ev storage.Event) (string, []byte, bool) {
		once.Do(func() { close(busy); <-free }) // the first event keeps the stream busy
		return ev.Kind, []byte(`{}`), true
	}
	srv := e.serve(t, in, time.Minute, encode)
	conn, r := openChunked(t, strings.TrimPrefix(srv.base, "http://"), fmt.Sprintf("shop=%d", e.shop))
	defer conn.Close()

	event := func(id int64) storage.Event {
		return storage.Event{ID: id, ShopID: e.shop, Kind: "message.created", Audience: storage.AudienceAll}
	}
	in.hub.Publish([]storage.Event{event(1)}, 1)
	<-busy
	var queued []storage.Event
	for id := int64(2); id <= 11; id++ {
		queued = append(queued, event(id))
	}
	in.hub.Publish(queued, 11)
	close(free)

	var ids []string
	chunks := 0
	for len(ids) < 11 {
		chunk := readChunk(t, r)
		if !strings.Contains(chunk, "event: ") {
			continue // the opening comment, the id the stream goes on from
		}
		chunks++
		for _, line := range strings.Split(chunk, "\n") {
			if id, ok := strings.CutPrefix(line, "id: "); ok {
				ids = append(ids, id)
			}
		}
	}
	if want := "[1 2 3 4 5 6 7 8 9 10 11]"; fmt.Sprint(ids) != want || chunks != 1 {
		t.Fatalf("received ids %v in %d chunks; want %s in one", ids, chunks, want)
	}
}

// openChunked opens an agents' stream over a bare connection and reads its
// response header; the chunks follow on the returned reader.
func openChunked(t *testing.T, addr, query string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(15 * time.Second))
	fmt.Fprintf(conn, "GET /stream?%s HTTP/1.1\r\nHost: hubchat\r\n\r\n", query)
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream header: %v", err)
		}
		if line == "\r\n" {
			return conn, r
		}
	}
}

// readChunk reads one chunk of a chunked response body.
func readChunk(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("chunk size: %v", err)
	}
	size, err := strconv.ParseInt(strings.TrimSpace(line), 16, 64)
	if err != nil || size == 0 {
		t.Fatalf("chunk size line %q: %v", line, err)
	}
	buf := make([]byte, size+2)
	if _, err := io.ReadFull(r, buf); err != nil {
		t.Fatalf("chunk: %v", err)
	}
	return string(buf[:size])
}
