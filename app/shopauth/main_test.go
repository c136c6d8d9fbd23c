package shopauth_test

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"

	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// browser is an HTTP client with cookies that follows redirects, as a
// merchant's browser would.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// noRedirects is a client that stops at the first answer.
func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// reader returns read, which takes a request's result and returns the
// response with its body read.
func reader(t *testing.T) func(*http.Response, error) (*http.Response, string) {
	return func(resp *http.Response, err error) (*http.Response, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
}

// attr finds the value of attribute name on the element with data-testid.
func attr(t *testing.T, page, testid, name string) string {
	t.Helper()
	re := regexp.MustCompile(`<[^>]*data-testid="` + testid + `"[^>]*>`)
	tag := re.FindString(page)
	if tag == "" {
		re = regexp.MustCompile(`<[^>]*` + name + `="[^"]*"[^>]*data-testid="` + testid + `"`)
		tag = re.FindString(page)
	}
	m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("no %s on [data-testid=%s] in:\n%s", name, testid, page)
	}
	return html.UnescapeString(m[1])
}

func contains(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q:\n%.2000s", w, body)
		}
	}
}

func unescape(s string) string { return html.UnescapeString(s) }
