package app_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/static"
)

func get(t *testing.T, srv interface {
	Fiber() *fiber.App
}, path string) (*http.Response, string) {
	t.Helper()
	resp, err := srv.Fiber().Test(httptest.NewRequest("GET", path, nil))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestHealthAndReadiness(t *testing.T) {
	srv, _ := newServer(t)
	if resp, body := get(t, srv, "/healthz"); resp.StatusCode != 200 || body != "ok" {
		t.Fatalf("healthz: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv, "/readyz"); resp.StatusCode != 200 {
		t.Fatalf("readyz with a database: %d", resp.StatusCode)
	}
}

// readyz must fail when the database does not answer; healthz must not.
func TestReadinessFailsWithoutDatabase(t *testing.T) {
	srv, _ := newServerWithClosedDB(t)
	if resp, _ := get(t, srv, "/readyz"); resp.StatusCode != 503 {
		t.Fatalf("readyz without a database: %d, want 503", resp.StatusCode)
	}
	if resp, _ := get(t, srv, "/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz without a database: %d, want 200", resp.StatusCode)
	}
}

func TestRequestLogNeverHasQueryOrBody(t *testing.T) {
	t.Parallel()
	srv, logs := newServer(t)
	req := httptest.NewRequest("POST", "/healthz?hmac=deadbeef&id_token=eyJsecret", strings.NewReader("message body secret"))
	req.Header.Set("X-Request-Id", "lb-request-0001")
	resp, err := srv.Fiber().Test(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("X-Request-Id") != "lb-request-0001" {
		t.Fatalf("request id not echoed: %q", resp.Header.Get("X-Request-Id"))
	}
	line := logs.String()
	for _, want := range []string{"request_id=lb-request-0001", "path=/healthz", "status=405", "duration_ms="} {
		if !strings.Contains(line, want) {
			t.Errorf("log lacks %q: %s", want, line)
		}
	}
	for _, secret := range []string{"deadbeef", "eyJsecret", "message body"} {
		if strings.Contains(line, secret) {
			t.Errorf("log contains %q: %s", secret, line)
		}
	}
}

func TestStaticAssetsAreImmutable(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	assets, _ := static.Load()
	resp, body := get(t, srv, assets.MustURL("css/admin.css"))
	if resp.StatusCode != 200 || !strings.Contains(body, ".card") {
		t.Fatalf("asset: %d", resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Fatalf("Cache-Control %q", cc)
	}
	if resp, _ := get(t, srv, "/static/css/admin.css"); resp.StatusCode != 404 {
		t.Fatalf("unhashed path answered %d", resp.StatusCode)
	}
}

// Shutdown must stop taking connections, let a request already running finish
// and end open streams at once rather than wait for its time limit.
func TestShutdownDrainsInFlightRequestsAndEndsStreams(t *testing.T) {
	srv, _ := newServer(t)
	inSlow := make(chan struct{})
	srv.Fiber().Get("/test/slow", func(c *fiber.Ctx) error {
		close(inSlow)
		time.Sleep(500 * time.Millisecond)
		return c.SendString("finished")
	})
	srv.Fiber().Get("/test/stream", func(c *fiber.Ctx) error {
		streams := srv.Streams()
		c.Set("Content-Type", "text/event-stream")
		c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
			w.WriteString("data: hello\n\n")
			w.Flush()
			<-streams.Done()
		})
		return nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()

	stream, err := http.Get(base + "/test/stream")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := bufio.NewReader(stream.Body).ReadString('\n')
	if first != "data: hello\n" {
		t.Fatalf("stream began with %q", first)
	}
	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/test/slow")
		if err != nil {
			slow <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		slow <- string(b)
	}()
	<-inSlow

	start := time.Now()
	if err := srv.Shutdown(); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	took := time.Since(start)
	if got := <-slow; got != "finished" {
		t.Fatalf("in-flight request got %q, want it to finish", got)
	}
	if took > 5*time.Second {
		t.Fatalf("Shutdown took %s: the open stream held it", took)
	}
	if _, err := io.ReadAll(stream.Body); err != nil && err != io.ErrUnexpectedEOF {
		t.Fatalf("stream did not end cleanly: %v", err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := (&net.Dialer{}).DialContext(ctx, "tcp", ln.Addr().String()); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
}

// A connection opened and never used (a client's spare one) does not hold
// the shutdown: fasthttp alone counted it idle, and closed it, only five
// seconds after it opened.
func TestShutdownIsNotHeldByAnUnusedConnection(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	// A request first, so the server is surely accepting; then a spare
	// connection that sends nothing.
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	spare, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer spare.Close()
	time.Sleep(100 * time.Millisecond) // accepted by the server

	start := time.Now()
	if err := srv.Shutdown(); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("Shutdown took %s with an unused connection open", took)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}
