package app

import (
	"net"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

// freshConns are the server's connections that have not sent a request yet.
// fasthttp closes idle connections at shutdown, but counts a new one as idle
// only five seconds after it opened: a client's spare connection, dialled
// just before a shutdown and never used, held the shutdown that long, past
// a short shutdown timeout (a test's 5 s failed on it now and then).
type freshConns struct {
	mu     sync.Mutex
	opened map[net.Conn]time.Time
}

// track is the fasthttp server's ConnState hook.
func (f *freshConns) track(c net.Conn, state fasthttp.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if state == fasthttp.StateNew {
		if f.opened == nil {
			f.opened = map[net.Conn]time.Time{}
		}
		f.opened[c] = time.Now()
		return
	}
	delete(f.opened, c)
}

// freshUnused is how long a new connection must have sent nothing to be
// closed at shutdown: a request sent on it by then would have been read,
// so no request in flight is cut.
const freshUnused = 250 * time.Millisecond

// closeUnused closes the connections that opened freshUnused ago or more
// and have sent nothing.
func (f *freshConns) closeUnused() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c, at := range f.opened {
		if time.Since(at) >= freshUnused {
			c.Close()
			delete(f.opened, c)
		}
	}
}

// closeUnusedUntil calls closeUnused every 50 ms until done is closed.
func (f *freshConns) closeUnusedUntil(done <-chan struct{}) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		f.closeUnused()
		select {
		case <-done:
			return
		case <-tick.C:
		}
	}
}
