package realtime_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"hubchat/app/realtime"
)

// An idle stream holds well under the 30 KB a stream may cost (DESIGN §7):
// it takes its connection over, so fasthttp's connection writer, body
// pipe, copy buffer and serving goroutine are not held beside its own
// small buffer. Measured in this process (the server's) with bare sockets
// for clients, which hold nothing on the Go heap.
func TestAnIdleStreamHoldsLittleMemory(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	addr := strings.TrimPrefix(srv.base, "http://")
	const streams = 200
	open := func(agent int) {
		conn := openRaw(t, addr, fmt.Sprintf("shop=%d&agent=%d", e.shop, agent))
		t.Cleanup(func() { conn.Close() })
	}
	open(1) // the first stream's one-time allocations
	before := goMemory()
	for agent := 2; agent < 2+streams; agent++ {
		open(agent)
	}
	perStream := (goMemory() - before) / streams
	t.Logf("%d B of Go heap and stacks per idle stream", perStream)
	if perStream > 30_000 {
		t.Fatalf("an idle stream holds %d B, want at most 30 KB", perStream)
	}
}

// goMemory is the live Go heap and goroutine stacks after a collection.
func goMemory() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}

// A stream taken over from fasthttp still sends every header the handler
// chain set, in chunks; a frame larger than the stream's buffer arrives
// whole, and the end of the streams ends the response cleanly (its last
// chunk), not by dropping the connection.
func TestATakenOverStreamKeepsHeadersFramesAndItsEnd(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	c := srv.open(t, e.shopperQuery(), "")
	if c.resp.Header.Get("Cache-Control") != "no-cache" || fmt.Sprint(c.resp.TransferEncoding) != "[chunked]" {
		t.Fatalf("headers %v, transfer encoding %v", c.resp.Header, c.resp.TransferEncoding)
	}
	if f := c.next(t); f.comment != "ok" {
		t.Fatalf("first frame %q, want the opening comment", f.raw)
	}
	long := strings.Repeat("a long message ", 500)
	id := e.append(t, e.message(long))
	if f := c.nextEvent(t); f.id != fmt.Sprint(id) || !strings.Contains(strings.Join(f.data, ""), long) {
		t.Fatalf("the long event came as %d bytes: %.200q", len(f.raw), f.raw)
	}
	srv.stopStreams()
	select {
	case err := <-c.err:
		if !errors.Is(err, io.EOF) {
			t.Fatalf("the stream ended with %v, want its end", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the stream did not end")
	}
}
