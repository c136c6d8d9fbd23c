package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// settingsEnv is the app with the demo shop installed and synced, and a
// staff member's session to call the admin with.
type settingsEnv struct {
	*apptest.Env
	t      *testing.T
	shopID int64
}

func startSettings(t *testing.T) settingsEnv {
	t.Helper()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t) // the shop's details (time zone, policies) and the first publish
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return settingsEnv{Env: env, t: t, shopID: shopID}
}

// noRedirect keeps a redirect as the answer, to check where it goes.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (e settingsEnv) do(req *http.Request) (*http.Response, string) {
	e.t.Helper()
	req.Header.Set("Authorization", "Bearer "+e.SessionToken(e.t, 9001))
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// page GETs an admin page as the staff member.
func (e settingsEnv) page(path string) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.URL+path, nil)
	return e.do(req)
}

// post submits a form as a browser without JavaScript does, or as htmx does.
func (e settingsEnv) post(path string, form url.Values, htmx bool) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return e.do(req)
}

func (e settingsEnv) chatSettings() storage.ChatSettings {
	e.t.Helper()
	cs, err := storage.NewChatSettings(e.DB, time.Now).Get(context.Background(), e.shopID)
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

// otherShop installs a second shop and returns its id.
func (e settingsEnv) otherShop() int64 {
	e.t.Helper()
	other, err := storage.NewShops(e.DB, e.Keys, time.Now).Install(context.Background(), "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		e.t.Fatal(err)
	}
	return other.ID
}

// wantStatus fails unless resp has the status.
func wantStatus(t *testing.T, what string, resp *http.Response, body string, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%.3000s", what, resp.StatusCode, status, body)
	}
}

// wantRedirect fails unless resp is a POST-then-GET redirect to location.
func wantRedirect(t *testing.T, what string, resp *http.Response, location string) {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != location {
		t.Fatalf("%s: %d to %q, want 303 to %q", what, resp.StatusCode, resp.Header.Get("Location"), location)
	}
}

// wantFieldError fails unless the page shows message as the error of the
// field with this id, inside that field's box (before the next field).
func wantFieldError(t *testing.T, body, field, message string) {
	t.Helper()
	start := strings.Index(body, `data-testid="field-`+field+`"`)
	if start < 0 {
		start = strings.Index(body, `id="`+field+`"`)
	}
	at := strings.Index(body, `data-testid="error-`+field+`"`)
	if start < 0 || at < start {
		t.Fatalf("no error beside %s:\n%.4000s", field, body)
	}
	if next := strings.Index(body[start+1:], `data-testid="field-`); next >= 0 && start+1+next < at {
		t.Fatalf("the error of %s is not beside it", field)
	}
	if end := strings.Index(body[at:], "</p>"); end < 0 || !strings.Contains(body[at:at+end], message) {
		t.Fatalf("error of %s does not say %q: %.400s", field, message, body[at:])
	}
}

// saved is the toast a page or fragment asks admin.js to show.
const savedToast = `data-toast="Settings saved"`

// inputValues are the values of the inputs named name, in page order.
func inputValues(body, name string) []string {
	re := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}
