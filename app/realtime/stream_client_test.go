package realtime_test

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/realtime"
)

// sseServer is a Fiber server with one stream route; the query names the
// stream (?shop=&profile=, no profile for the agents'; &agent= the agent, 1
// when not given), as an authenticated handler would after checking a token.
type sseServer struct {
	base        string
	stopStreams context.CancelFunc
	app         *fiber.App
	client      *http.Client
	log         *logBuffer // the streamer's
}

func (e *env) serve(t testing.TB, in *instance, ping time.Duration, encode realtime.Encoder) *sseServer {
	t.Helper()
	return e.serveFrom(t, in, e.log, ping, encode)
}

// serveFrom is serve with the streams replaying from backlog.
func (e *env) serveFrom(t testing.TB, in *instance, backlog realtime.Backlog, ping time.Duration, encode realtime.Encoder) *sseServer {
	t.Helper()
	streams, stop := context.WithCancel(context.Background())
	out := &logBuffer{}
	st := realtime.NewStreamer(realtime.StreamerConfig{Hub: in.hub, Backlog: backlog, Streams: streams, Ping: ping,
		WriteTimeout: e.writeTimeout, Logger: slog.New(slog.NewTextHandler(out, nil))})
	app := fiber.New(fiber.Config{DisableStartupMessage: true, ErrorHandler: func(c *fiber.Ctx, err error) error {
		switch apperr.CodeOf(err) {
		case apperr.Invalid:
			return c.Status(http.StatusBadRequest).SendString(err.Error())
		case apperr.TooMany:
			return c.Status(http.StatusTooManyRequests).SendString(err.Error())
		}
		return c.SendStatus(http.StatusInternalServerError)
	}})
	app.Get("/stream", func(c *fiber.Ctx) error {
		f, who := realtime.Agents(int64(c.QueryInt("shop"))), realtime.AgentCaller(int64(c.QueryInt("agent", 1)))
		if profile := c.QueryInt("profile"); profile != 0 {
			f, who = realtime.Shopper(f.ShopID(), int64(profile)), realtime.ShopperCaller(int64(profile))
		}
		return st.Serve(c, who, f, c.Get("Last-Event-ID"), encode)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	// A client of its own, whose idle connections the clean-up closes: the
	// server's shutdown waits for connections that never sent a request.
	client := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		stop()
		client.CloseIdleConnections()
		if err := app.ShutdownWithTimeout(5 * time.Second); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if t.Failed() {
			t.Logf("streamer log:\n%s", out.String())
		}
	})
	return &sseServer{base: "http://" + ln.Addr().String(), stopStreams: stop, app: app, client: client, log: out}
}

// frame is one block of a stream, up to its blank line.
type frame struct {
	raw       string
	id, event string
	data      []string
	comment   string
}

// sseClient reads a stream in the background, frame by frame.
type sseClient struct {
	resp   *http.Response
	frames chan frame
	err    chan error // the read's end: io.EOF when the server ended the stream
}

func (s *sseServer) open(t *testing.T, query, lastEventID string) *sseClient {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.base+"/stream?"+query, nil)
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := &sseClient{resp: resp, frames: make(chan frame, 1000), err: make(chan error, 1)}
	go c.read()
	return c
}

func (c *sseClient) read() {
	r := bufio.NewReader(c.resp.Body)
	var f frame
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			c.err <- err
			return
		}
		f.raw += line
		line = strings.TrimSuffix(line, "\n")
		name, value, _ := strings.Cut(line, ": ")
		switch {
		case line == "":
			c.frames <- f
			f = frame{}
		case name == "":
			f.comment = value
		case name == "id":
			f.id = value
		case name == "event":
			f.event = value
		case name == "data":
			f.data = append(f.data, value)
		}
	}
}

func (c *sseClient) next(t *testing.T) frame {
	t.Helper()
	select {
	case f := <-c.frames:
		return f
	case err := <-c.err:
		t.Fatalf("stream ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no frame within 10 s")
	}
	return frame{}
}

// nextEvent skips comments and frames of an id alone.
func (c *sseClient) nextEvent(t *testing.T) frame {
	t.Helper()
	for {
		if f := c.next(t); f.event != "" {
			return f
		}
	}
}
