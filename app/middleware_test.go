package app_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apptest"
	"hubchat/app/config"
)

// A panicking handler answers 500 through the one error handler, with its
// request id, and is logged once with its stack; the process and the other
// requests' open streams go on.
func TestAPanicFailsOnlyItsRequest(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{Routes: func(f *fiber.App) {
		f.Get("/test/panic", func(*fiber.Ctx) error { panic("a bug in one handler") })
	}})
	env.Install(t)
	token := env.ShopperToken(t, 8101)
	events := apptest.Stream(t, env.ShopperRequest(t, token, "GET", "/stream", nil))

	req, _ := http.NewRequest("GET", env.URL+"/test/panic", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the server died with the panic: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var answer struct {
		RequestID string `json:"request_id"`
	}
	json.Unmarshal(body, &answer)
	if resp.StatusCode != 500 || answer.RequestID == "" || strings.Contains(string(body), "a bug in one handler") {
		t.Fatalf("panic answered %d %s; want 500 with a request id and no details", resp.StatusCode, body)
	}
	logs := env.Logs.String()
	if n := strings.Count(logs, "handler panicked"); n != 1 || !strings.Contains(logs, "middleware_test.go") {
		t.Fatalf("the panic is logged %d times (want once, with its stack):\n%s", n, logs)
	}

	// The stream opened before the panic still delivers.
	post := env.ShopperRequest(t, token, "POST", "/messages",
		map[string]string{"client_id": "00000000-0000-4000-8000-000000000101", "body": "still there?"})
	if resp, err := http.DefaultClient.Do(post); err != nil || resp.StatusCode != 201 {
		t.Fatalf("a message after the panic: %v %v", resp, err)
	}
	apptest.Next(t, events, "message.created")
}

// A client that goes away while its request waits on the database cancels
// the request's statement: its connection is free at once, not when the
// statement would have ended.
func TestAClientThatLeavesCancelsItsDatabaseWork(t *testing.T) {
	t.Parallel()
	var env *apptest.Env
	env = apptest.Start(t, apptest.Options{Routes: func(f *fiber.App) {
		f.Get("/test/slow", func(c *fiber.Ctx) error {
			_, err := env.DB.ExecContext(c.UserContext(), `SELECT pg_sleep(30) /* slow request */`)
			return err
		})
	}})
	conn, err := net.Dial("tcp", strings.TrimPrefix(env.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(conn, "GET /test/slow HTTP/1.1\r\nHost: hubchat\r\n\r\n")
	sleeping := func() int {
		var n int
		env.DB.Get(&n, `SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow request%' AND state = 'active' AND pid <> pg_backend_pid()`)
		return n
	}
	apptest.Eventually(t, 5*time.Second, "the slow statement to run", func() bool { return sleeping() == 1 })
	conn.Close()
	apptest.Eventually(t, 2*time.Second, "the slow statement cancelled", func() bool { return sleeping() == 0 })
}

// A request runs within REQUEST_TIMEOUT: past it, its database work is
// cancelled and the client is told to try again (503 with Retry-After).
func TestARequestPastItsDeadlineIsCancelled(t *testing.T) {
	var env *apptest.Env
	env = apptest.Start(t, apptest.Options{
		Config: func(c *config.Config) { c.RequestTimeout = 300 * time.Millisecond },
		Routes: func(f *fiber.App) {
			f.Get("/test/slow", func(c *fiber.Ctx) error {
				_, err := env.DB.ExecContext(c.UserContext(), `SELECT pg_sleep(30)`)
				return err
			})
		}})
	start := time.Now()
	resp, err := http.Get(env.URL + "/test/slow")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || took > 5*time.Second {
		t.Fatalf("a request past its deadline: %d, Retry-After %q, after %v", resp.StatusCode, resp.Header.Get("Retry-After"), took)
	}
}
