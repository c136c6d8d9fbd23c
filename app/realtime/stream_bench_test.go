package realtime_test

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"hubchat/app/realtime"
)

// BenchmarkSSEStreamMemory opens 4,000 idle shopper streams over TCP to a
// Fiber server (not 10,000: client and server share this process's file
// descriptors) and reports the memory each costs the process: hub
// subscription, the stream's goroutines, fasthttp's connection and stream
// buffers, and the client's end of the socket, which a real server would not
// hold.
func BenchmarkSSEStreamMemory(b *testing.B) {
	const n = 4000
	e := newEnv(b)
	in := e.start(b, realtime.ListenerConfig{})
	var perStream float64
	for b.Loop() {
		// A server of its own each time, so nothing an earlier one pooled
		// (buffers, idle workers) is counted as free.
		srv := e.serve(b, in, time.Hour, realtime.StoredPayload)
		addr := strings.TrimPrefix(srv.base, "http://")
		conns := make([]net.Conn, n)
		before := memInUse()
		for i := range conns {
			conns[i] = openRaw(b, addr, fmt.Sprintf("shop=%d&profile=%d", e.shop, i+1))
		}
		perStream = float64(memInUse()-before) / n
		srv.stopStreams()
		for _, c := range conns {
			c.Close()
		}
		if err := srv.app.ShutdownWithTimeout(10 * time.Second); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(perStream, "bytes/stream")
}

// openRaw opens a stream over a bare TCP connection and reads up to its
// opening comment: the stream is subscribed by then.
func openRaw(b testing.TB, addr, query string) net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(c, "GET /stream?%s HTTP/1.1\r\nHost: hubchat\r\n\r\n", query)
	var got []byte
	buf := make([]byte, 512)
	for !bytes.Contains(got, []byte(": ok\n\n")) {
		k, err := c.Read(buf)
		if err != nil {
			b.Fatalf("stream %s: %v after %q", query, err, got)
		}
		got = append(got, buf[:k]...)
	}
	return c
}
