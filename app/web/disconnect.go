package web

import (
	"errors"
	"net"
	"syscall"
	"time"
)

// OnClientGone calls gone if the client closes conn (or resets it) before
// stop is called. fasthttp reads nothing more from a connection while its
// handler runs, or while a streamed body is written, so the socket is free
// to watch: the watcher waits until it is readable and then peeks
// (MSG_PEEK), which consumes nothing — bytes of a pipelined next request
// stay for fasthttp, and only end-of-stream or a reset counts as gone. stop
// wakes the watcher through a read deadline and waits for it, so fasthttp's
// own deadlines are never raced. Connections that are not plain sockets
// (TLS, test pipes) are not watched.
func OnClientGone(conn net.Conn, gone func()) (stop func()) {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return func() {}
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if clientGone(raw) {
			gone()
		}
	}()
	return func() {
		conn.SetReadDeadline(time.Now())
		<-done
		conn.SetReadDeadline(time.Time{})
	}
}

// clientGone waits until the socket is readable (or the read deadline
// passes) and reports whether the peer closed or reset it.
func clientGone(raw syscall.RawConn) bool {
	var gone bool
	buf := make([]byte, 1)
	err := raw.Read(func(fd uintptr) bool {
		for {
			n, _, err := syscall.Recvfrom(int(fd), buf, syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
			switch {
			case errors.Is(err, syscall.EINTR):
				continue
			case errors.Is(err, syscall.EAGAIN):
				return false // nothing to read yet: wait for the poller
			case err != nil:
				gone = true // reset by the peer
			case n == 0:
				gone = true // orderly close
			}
			return true // gone, or a pipelined request waits: stop watching
		}
	})
	return gone && err == nil
}
