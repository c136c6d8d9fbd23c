package app

import (
	"context"
	"errors"
	"net"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"
)

// requestContext gives every request a context that ends when the first of
// these comes: the request timeout passes, the client closes its connection,
// or the server's drain gives up on it (aborted). Handlers pass
// c.UserContext() to storage, so each of those cancels the request's
// database work and frees its pooled connection. A live stream's handler
// returns at once; its stream then lives on the server's Streams context.
func requestContext(aborted context.Context, timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(aborted, timeout)
		defer cancel()
		stop := cancelOnDisconnect(c.Context().Conn(), cancel)
		defer stop()
		outer := c.UserContext()
		c.SetUserContext(ctx)
		err := c.Next()
		// The error handler renders after this returns, when ctx is done.
		c.SetUserContext(outer)
		return err
	}
}

// cancelOnDisconnect calls cancel if the client closes conn before stop is
// called. fasthttp reads nothing more from a connection while its handler
// runs, so the socket is free to watch: the watcher waits until it is
// readable and then peeks (MSG_PEEK), which consumes nothing — bytes of a
// pipelined next request stay for fasthttp, and only end-of-stream or a
// reset counts as gone. stop wakes the watcher through a read deadline and
// waits for it, so fasthttp's own deadlines are never raced. Connections
// that are not plain sockets (TLS, test pipes) are not watched.
func cancelOnDisconnect(conn net.Conn, cancel context.CancelFunc) (stop func()) {
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
			cancel()
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
