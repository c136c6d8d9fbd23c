package pgtest

import (
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
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	server := u.Host
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var writes atomic.Int64
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
			go func() { defer conns.Done(); defer up.Close(); copyCounting(up, client, &writes) }()
			go func() { defer conns.Done(); defer client.Close(); io.Copy(client, up) }()
		}
	}()
	u.Host = ln.Addr().String()
	return u.String(), &writes
}

// copyCounting copies src to dst, counting each read from src: the
// client's writes, as its messages are small.
func copyCounting(dst io.Writer, src io.Reader, writes *atomic.Int64) {
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			writes.Add(1)
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
