// Package app is hubchat's HTTP application: the Fiber server, its routes,
// middleware and the error handler. The handlers for each area (admin,
// storefront, webhooks) and the domain rules live in the packages below it.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Server is the HTTP server with its routes.
type Server struct {
	fiber *fiber.App
	log   *slog.Logger
	// streams is done when shutdown starts: long-lived responses (SSE) end on it,
	// so they do not hold the drain of ordinary requests to its time limit.
	streams     context.Context
	stopStreams context.CancelFunc
	// aborted ends every request's context: near the end of the drain, so
	// requests still running return (and free their database connections)
	// before the shutdown's deadline.
	aborted context.Context
	abort   context.CancelFunc
	timeout time.Duration
	fresh   freshConns
}

// newServer builds the server and registers every route.
func newServer(d Deps, svc *services) *Server {
	streams, stop := context.WithCancel(context.Background())
	aborted, abort := context.WithCancel(context.Background())
	s := &Server{log: d.Log, streams: streams, stopStreams: stop, aborted: aborted, abort: abort, timeout: d.Config.ShutdownTimeout}
	errs := errorHandler{log: d.Log, assets: d.Assets}
	s.fiber = fiber.New(fiber.Config{
		AppName:               "hubchat",
		DisableStartupMessage: true,
		ErrorHandler:          errs.handle,
		ReadTimeout:           30 * time.Second,
		IdleTimeout:           75 * time.Second,
		BodyLimit:             maxBody, // routes set tighter limits (routes.go)
		// No WriteTimeout: server-sent event streams stay open for hours.
		// Connections give their read and write buffers back between
		// requests: an open stream (which takes its connection over,
		// app/realtime) then holds none, nor does an idle keep-alive.
		ReduceMemoryUsage: true,
	})
	s.fiber.Server().ConnState = s.fresh.track
	s.routes(d, svc)
	return s
}

// Fiber exposes the Fiber app, for handler tests that call app.Test.
func (s *Server) Fiber() *fiber.App { return s.fiber }

// Streams is done when shutdown starts; a long-lived response must end on it.
func (s *Server) Streams() context.Context { return s.streams }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.fiber.Listener(ln)
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, ends the long-lived streams, and waits
// for in-flight requests to finish; those still running at four fifths of
// the shutdown timeout are cancelled, and it gives up at nine tenths, so the
// process can stop within the timeout whatever they wait on.
func (s *Server) Shutdown() error {
	s.stopStreams()
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout*9/10)
	defer cancel()
	abortLate := time.AfterFunc(s.timeout*4/5, s.abort)
	defer abortLate.Stop()
	defer s.abort()
	done := make(chan struct{})
	defer close(done)
	go s.fresh.closeUnusedUntil(done)
	if err := s.fiber.ShutdownWithContext(ctx); err != nil {
		return fmt.Errorf("shutdown: requests still running after %s: %w", s.timeout*9/10, err)
	}
	return nil
}
