package app_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
)

func TestErrorHandlerAnswersInTheFormTheRequestWants(t *testing.T) {
	t.Parallel()
	srv, logs := newServer(t)
	srv.Fiber().Get("/test/missing", func(c *fiber.Ctx) error {
		return apperr.New(apperr.NotFound, "No ticket <b>42</b> in this shop")
	})
	srv.Fiber().Get("/test/crash", func(c *fiber.Ctx) error {
		return errors.New("pq: password authentication failed for secret-db-user")
	})

	tests := []struct {
		name, path  string
		header      map[string]string
		status      int
		contentType string
		contains    []string
		absent      []string
	}{
		{"page", "/test/missing", nil, 404, "text/html",
			[]string{`data-testid="error-page"`, "No ticket &lt;b&gt;42&lt;/b&gt; in this shop", "<!doctype html>"}, []string{"<b>42</b>"}},
		{"htmx fragment", "/test/missing", map[string]string{"HX-Request": "true"}, 404, "text/html",
			[]string{`data-testid="error-fragment"`, `role="alert"`}, []string{"<html", "<!doctype"}},
		{"json by accept", "/test/missing", map[string]string{"Accept": "application/json"}, 404, "application/json",
			[]string{`"code":"not_found"`, `"error":"No ticket \u003cb\u003e42\u003c/b\u003e in this shop"`}, nil},
		{"unknown route json", "/api/nothing", nil, 404, "application/json", []string{`"code":"not_found"`}, nil},
		{"internal hides details", "/test/crash", nil, 500, "text/html",
			[]string{"Something went wrong", `data-testid="error-reference"`}, []string{"secret-db-user", "pq:"}},
		{"internal json", "/test/crash", map[string]string{"Accept": "application/json"}, 500, "application/json",
			[]string{`"code":"internal"`, `"request_id":"`}, []string{"secret-db-user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := srv.Fiber().Test(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Fatalf("content type %q, want %q", ct, tt.contentType)
			}
			for _, s := range tt.contains {
				if !strings.Contains(string(body), s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(string(body), s) {
					t.Errorf("body contains %q:\n%s", s, body)
				}
			}
		})
	}
	// The internal error is logged once per request with its request id, so the
	// reference on the page leads to it.
	if n := strings.Count(logs.String(), `msg="request failed"`); n != 2 {
		t.Fatalf("%d internal errors logged, want 2:\n%s", n, logs)
	}
	if strings.Contains(logs.String(), "No ticket") {
		t.Fatal("a not-found error was logged as a failure")
	}
}

func TestEveryCodeMapsToItsStatus(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	want := map[apperr.Code]int{
		apperr.Invalid: 422, apperr.NotFound: 404, apperr.Conflict: 409, apperr.Unauthorized: 401,
		apperr.Forbidden: 403, apperr.TooMany: 429, apperr.Internal: 500,
	}
	for code, status := range want {
		srv.Fiber().Get("/test/code/"+string(code), func(c *fiber.Ctx) error {
			return apperr.New(code, "message for %s", code)
		})
		req := httptest.NewRequest("GET", "/test/code/"+string(code), nil)
		req.Header.Set("Accept", "application/json")
		resp, err := srv.Fiber().Test(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Code, Error string }
		json.NewDecoder(resp.Body).Decode(&body)
		if resp.StatusCode != status || body.Code != string(code) {
			t.Errorf("%s: status %d code %q, want %d", code, resp.StatusCode, body.Code, status)
		}
	}
}

// No error a merchant sees is titled with HTTP's status text ("Unprocessable
// Entity", "Conflict"): every code, and Fiber's own errors with their
// default words, get a heading and a sentence in plain words.
func TestErrorsAreTitledInWordsNotStatusText(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	codes := []apperr.Code{apperr.Invalid, apperr.NotFound, apperr.Conflict, apperr.Unauthorized,
		apperr.Forbidden, apperr.TooMany, apperr.Unavailable, apperr.Internal}
	for _, code := range codes {
		srv.Fiber().Get("/test/words/"+string(code), func(c *fiber.Ctx) error {
			return apperr.New(code, "What exactly is wrong.")
		})
	}
	for _, status := range []int{fiber.StatusBadRequest, fiber.StatusMethodNotAllowed, fiber.StatusConflict, fiber.StatusUnprocessableEntity} {
		srv.Fiber().Get("/test/fiber/"+strconv.Itoa(status), func(c *fiber.Ctx) error { return fiber.NewError(status) })
	}
	paths := []string{"/test/fiber/400", "/test/fiber/405", "/test/fiber/409", "/test/fiber/422"}
	for _, code := range codes {
		paths = append(paths, "/test/words/"+string(code))
	}
	for _, path := range paths {
		for _, htmx := range []bool{true, false} {
			req := httptest.NewRequest("GET", path, nil)
			if htmx {
				req.Header.Set("HX-Request", "true")
			}
			resp, err := srv.Fiber().Test(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			page := string(body)
			if text := http.StatusText(resp.StatusCode); strings.Contains(page, text) {
				t.Errorf("%s (htmx %v): the page shows the status text %q:\n%s", path, htmx, text, page)
			}
			if !strings.Contains(page, `data-testid="error-message"`) {
				t.Errorf("%s (htmx %v): no message:\n%s", path, htmx, page)
			}
		}
	}
}

// While PostgreSQL is away the API says "try again" (503 with Retry-After),
// not "something went wrong", so clients retry instead of giving up.
func TestADatabaseThatIsAwayIsAnsweredWithRetryAfter(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now: every connection is refused
	away, err := sql.Open("postgres", fmt.Sprintf("postgres://nobody@127.0.0.1:%d/none?sslmode=disable&connect_timeout=2", port))
	if err != nil {
		t.Fatal(err)
	}
	defer away.Close()
	srv.Fiber().Get("/api/test/db-away", func(c *fiber.Ctx) error {
		return fmt.Errorf("load conversation: %w", away.PingContext(c.UserContext()))
	})

	resp, err := srv.Fiber().Test(httptest.NewRequest("GET", "/api/test/db-away", nil), 10_000)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != fiber.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q: %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if !strings.Contains(string(body), `"code":"unavailable"`) || strings.Contains(string(body), "127.0.0.1") {
		t.Fatalf("body %s", body)
	}
}
