package realtime_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// A client that stops reading but keeps its connection, while its stream
// has more to send than the connection buffers (its TCP window full): the
// server's write blocks, the hub drops the stream for falling behind, and
// the stream ends at its write deadline, giving its slot back, though the
// client neither reads nor closes.
func TestAStreamWhoseClientStopsReadingEndsAtItsWriteDeadline(t *testing.T) {
	e := newEnv(t)
	e.writeTimeout = 300 * time.Millisecond
	big := bytes.Repeat([]byte("x"), 256<<10)
	in := e.start(t, realtime.ListenerConfig{})
	srv := e.serve(t, in, time.Minute,
		func(storage.Event) (string, []byte, bool) { return "message.created", big, true })
	query := fmt.Sprintf("shop=%d&agent=7", e.shop)
	stalled := openStalledClient(t, srv.base+"/stream?"+query)
	defer stalled.Close()
	// 15 MB for the stream: the events the hub keeps for a stream that
	// fell behind alone are several times what loopback's buffers and the
	// server's own hold.
	var last int64
	for range 60 {
		last = e.append(t, e.message("hello"))
	}
	// Once the hub has published them, the agent's streams opened next
	// get none of them (a burst that would have the hub drop them too).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		sub, horizon := in.hub.Subscribe(realtime.Agents(e.shop))
		sub.Close()
		if horizon >= last {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the hub never published the events")
		}
	}
	// The agent's streams are capped: all of them open only once the
	// stalled one has given its slot back.
	deadline := time.Now().Add(10 * time.Second)
	for opened := 0; opened < realtime.MaxAgentStreams; {
		c, status := srv.opened(t, query)
		switch {
		case status == http.StatusOK:
			opened++
		case status == http.StatusTooManyRequests && time.Now().Before(deadline):
			c.resp.Body.Close()
			time.Sleep(100 * time.Millisecond)
		default:
			t.Fatalf("stream %d of the agent's %d: %d; the stalled client's stream still holds its slot",
				opened+1, realtime.MaxAgentStreams, status)
		}
	}
}

// openStalledClient opens a stream on a connection with the smallest
// receive buffer the kernel allows, reads its answer's head, and then
// reads nothing more.
func openStalledClient(t *testing.T, url string) net.Conn {
	t.Helper()
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 1024) })
	}}
	host := strings.TrimPrefix(strings.SplitN(url, "/stream", 2)[0], "http://")
	conn, err := dialer.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 256), req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the stalled client's stream: %v %v", resp, err)
	}
	return conn
}
