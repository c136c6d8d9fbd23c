package pgtest

import (
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// Round trips are counted between a client and the server: a test that a
// store method, or the pool's connection, costs so many round trips opens
// its pool through CountingProxy.

// CountingProxy forwards connections to the server of dbURL and counts
// the client's writes to it; it returns dbURL through the proxy.
func CountingProxy(t *testing.T, dbURL string) (string, *atomic.Int64) {
	t.Helper()
	var writes atomic.Int64
	return proxy(t, dbURL, func() func([]byte) {
		return func([]byte) { writes.Add(1) }
	}), &writes
}

// SimpleQueryProxy forwards connections to the server of dbURL and keeps
// the text of every query the clients send by the simple protocol (each a
// string PostgreSQL parses and plans as it runs it; statements with
// parameters go by the extended protocol, prepared); queries returns those
// sent so far. It returns dbURL through the proxy.
func SimpleQueryProxy(t *testing.T, dbURL string) (proxied string, queries func() []string) {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	proxied = proxy(t, dbURL, func() func([]byte) {
		r := &messageReader{startup: true}
		return func(b []byte) {
			for _, m := range r.add(b) {
				if m.kind == 'Q' {
					mu.Lock()
					seen = append(seen, string(m.body[:max(0, len(m.body)-1)])) // less its NUL
					mu.Unlock()
				}
			}
		}
	})
	return proxied, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// proxy forwards connections to the server of dbURL, showing the client's
// bytes of each connection, as they are read, to a function newObserver
// makes for it; it returns dbURL through the proxy.
func proxy(t *testing.T, dbURL string, newObserver func() func([]byte)) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	server := u.Host
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns sync.WaitGroup
	t.Cleanup(func() { ln.Close(); conns.Wait() })
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", server)
			if err != nil {
				client.Close()
				continue
			}
			conns.Add(2)
			observe := newObserver()
			go func() { defer conns.Done(); defer up.Close(); copyObserved(up, client, observe) }()
			go func() { defer conns.Done(); defer client.Close(); io.Copy(client, up) }()
		}
	}()
	u.Host = ln.Addr().String()
	return u.String()
}

// copyObserved copies src to dst, showing each read from src to observe:
// the client's writes, as its messages are small.
func copyObserved(dst io.Writer, src io.Reader, observe func([]byte)) {
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			observe(buf[:n])
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// message is one message of PostgreSQL's protocol from the client: its
// type byte and its body.
type message struct {
	kind byte
	body []byte
}

// messageReader splits a client's bytes into messages, however the reads
// cut them. The first message (the startup, sslmode=disable) has no type.
type messageReader struct {
	startup bool
	pending []byte
}

func (r *messageReader) add(b []byte) []message {
	r.pending = append(r.pending, b...)
	var out []message
	for {
		head := 5
		if r.startup {
			head = 4
		}
		if len(r.pending) < head {
			return out
		}
		size := int(binary.BigEndian.Uint32(r.pending[head-4 : head])) // counts itself, not the type
		if size < 4 || len(r.pending) < head-4+size {
			return out
		}
		end := head - 4 + size
		if !r.startup {
			out = append(out, message{kind: r.pending[0], body: append([]byte(nil), r.pending[head:end]...)})
		}
		r.startup = false
		r.pending = r.pending[end:]
	}
}
