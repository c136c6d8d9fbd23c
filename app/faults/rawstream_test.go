package faults

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"hubchat/app/config"
	"hubchat/app/loadtest"
	"hubchat/shopify"
)

// sessionToken is a session token of staff member userID of the demo shop,
// signed as Shopify's admin signs them.
func sessionToken(userID int64) (string, error) {
	id := strconv.FormatInt(userID, 10)
	return shopify.SignSessionToken(shopify.SessionTokenParams{Shop: loadtest.DemoShop, APIKey: config.DevAPIKey,
		UserID: id, SessionID: "faults-" + id, IssuedAt: time.Now()}, config.DevAPISecret)
}

// rawStream is an agent's live stream (/app/stream) on a connection of its
// own whose receive buffer is as small as the kernel allows, so that a
// client that stops reading fills its TCP window, and the server's send
// buffer behind it, within a few events.
type rawStream struct {
	conn  net.Conn
	lines *bufio.Reader // the response's body

	mu sync.Mutex
	// ids are the events received, in order; cursor the last id the
	// stream moved the client to (events and id-only frames); ended is
	// closed when the stream ends.
	ids    []int64
	cursor int64
	start  int64 // the cursor the stream began at
	ended  chan struct{}
	// cutAt, when set before read, makes the client reset the connection
	// once it has read up to that id.
	cutAt int64
	frame struct {
		id    int64
		event bool
	}
}

// smallWindow dials with a 1 KB receive buffer (the kernel doubles it and
// keeps a minimum of a few KB).
var smallWindow = &net.Dialer{Timeout: 5 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 1024) })
	if err != nil {
		return err
	}
	return serr
}}

// openRawStream opens staff member userID's stream on base and reads up to
// its first frame (where the stream starts), then reads no more until
// told to (read).
func openRawStream(ctx context.Context, base string, userID int64, lastEventID string) (*rawStream, error) {
	tok, err := sessionToken(userID)
	if err != nil {
		return nil, err
	}
	conn, err := smallWindow.DialContext(ctx, "tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return nil, err
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/app/stream", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "text/event-stream")
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	if err := req.Write(conn); err != nil {
		conn.Close()
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 512), req)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		conn.Close()
		return nil, fmt.Errorf("stream of %d: %d", userID, resp.StatusCode)
	}
	s := &rawStream{conn: conn, lines: bufio.NewReaderSize(resp.Body, 512), ended: make(chan struct{})}
	for s.cursor == 0 {
		if err := s.readLine(); err != nil {
			conn.Close()
			return nil, err
		}
	}
	conn.SetDeadline(time.Time{})
	s.start = s.cursor
	return s, nil
}

// readLine reads one line of the stream and records a frame it ends.
func (s *rawStream) readLine() error {
	line, err := s.lines.ReadString('\n')
	if err != nil {
		return err
	}
	line = strings.TrimRight(line, "\r\n")
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case strings.HasPrefix(line, "id: "):
		s.frame.id, _ = strconv.ParseInt(line[4:], 10, 64)
	case strings.HasPrefix(line, "event: "):
		s.frame.event = true
	case line == "":
		if s.frame.id > 0 {
			if s.frame.event {
				s.ids = append(s.ids, s.frame.id)
			}
			s.cursor = s.frame.id
		}
		s.frame.id, s.frame.event = 0, false
	}
	return nil
}

// read reads the stream from now on, until it ends or is cut.
func (s *rawStream) read() {
	go func() {
		defer close(s.ended)
		for s.readLine() == nil {
			if _, at := s.seen(); s.cutAt > 0 && at >= s.cutAt {
				s.vanish()
				return
			}
		}
	}()
}

// seen is the events received and the cursor.
func (s *rawStream) seen() ([]int64, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.ids...), s.cursor
}

// vanish resets the connection (RST), as a phone dropping off the network
// or a killed tab does.
func (s *rawStream) vanish() {
	if tcp, ok := s.conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	s.conn.Close()
}

// goroutines reads the instance's goroutine count from its debug server.
func goroutines(in *loadtest.Instance) (int, error) {
	resp, err := http.Get("http://" + in.DebugAddr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	first, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil {
		return 0, err
	}
	var n int
	_, err = fmt.Sscanf(first, "goroutine profile: total %d", &n)
	return n, err
}

// heapInUse collects the instance's garbage (through its heap profile) and
// reads its heap in use from /debug/vars.
func heapInUse(in *loadtest.Instance) (uint64, error) {
	resp, err := http.Get("http://" + in.DebugAddr + "/debug/pprof/heap?gc=1")
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	resp, err = http.Get("http://" + in.DebugAddr + "/debug/vars")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	const key = `"HeapInuse":`
	i := strings.Index(string(body), key)
	if i < 0 {
		return 0, fmt.Errorf("no HeapInuse in /debug/vars")
	}
	rest := string(body[i+len(key):])
	end := strings.IndexAny(rest, ",}")
	return strconv.ParseUint(strings.TrimSpace(rest[:end]), 10, 64)
}

// streamCrowd is the misbehaving streams of a scenario.
type streamCrowd struct {
	mu      sync.Mutex
	stalled []*rawStream
	// vanished counts streams reset mid-stream; failed the opens refused.
	vanished, failed int
	firstErr         error
}

func (c *streamCrowd) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failed++
	if c.firstErr == nil {
		c.firstErr = err
	}
}
