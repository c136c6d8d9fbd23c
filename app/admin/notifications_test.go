package admin_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// postForm posts a form to the admin with a session token, as htmx does
// when htmx is true, else as a plain form; redirects are not followed.
func postForm(t *testing.T, env *apptest.Env, path string, form url.Values, htmx bool) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", env.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func recipientCount(page string) int { return strings.Count(page, `data-testid="recipient"`) }

// fieldError is the error shown beside the address field, or "".
func fieldError(page string) string {
	_, rest, ok := strings.Cut(page, `data-testid="email-error">`)
	if !ok {
		return ""
	}
	_, rest, _ = strings.Cut(rest, "<span>")
	msg, _, _ := strings.Cut(rest, "</span>")
	return html.UnescapeString(msg)
}

func TestNotificationsPageAddsAndRemovesAddresses(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	resp, page := get(t, env, "/app/settings/notifications")
	if resp.StatusCode != 200 || !strings.Contains(page, `data-testid="settings-notifications"`) || !strings.Contains(page, `data-testid="recipients-empty"`) {
		t.Fatalf("empty page: %d\n%.2000s", resp.StatusCode, page)
	}
	// apptest configures no SMTP server: the page must not promise emails.
	if !strings.Contains(page, `data-testid="smtp-off"`) || !strings.Contains(page, "Emails are not being sent") {
		t.Fatal("no notice that emails are not being sent")
	}

	// Without htmx: POST, then a redirect to the page, which confirms.
	resp, _ = postForm(t, env, "/app/settings/notifications", url.Values{"email": {" ops@team.example "}}, false)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/settings/notifications?saved=added" {
		t.Fatalf("plain add: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = get(t, env, "/app/settings/notifications?saved=added")
	if !strings.Contains(page, `data-testid="saved"`) || !strings.Contains(page, "ops@team.example") || recipientCount(page) != 1 {
		t.Fatalf("after a plain add:\n%.3000s", page)
	}

	// With htmx: the updated list alone, with a toast to show.
	resp, frag := postForm(t, env, "/app/settings/notifications", url.Values{"email": {"lead@team.example"}}, true)
	if resp.StatusCode != 200 || strings.Contains(frag, "<html") || !strings.Contains(frag, `data-saved-toast="Address added"`) || recipientCount(frag) != 2 {
		t.Fatalf("htmx add: %d\n%s", resp.StatusCode, frag)
	}

	// Removal, by the form beside the address.
	var id int64
	if err := env.DB.Get(&id, `SELECT id FROM notification_recipients WHERE email = 'ops@team.example'`); err != nil {
		t.Fatal(err)
	}
	remove := fmt.Sprintf("/app/settings/notifications/%d/delete", id)
	if !strings.Contains(frag, `hx-post="`+remove+`"`) {
		t.Fatalf("no remove form for the address:\n%s", frag)
	}
	resp, frag = postForm(t, env, remove, nil, true)
	if resp.StatusCode != 200 || !strings.Contains(frag, `data-saved-toast="Address removed"`) || strings.Contains(frag, "ops@team.example") || recipientCount(frag) != 1 {
		t.Fatalf("remove: %d\n%s", resp.StatusCode, frag)
	}
	if resp, _ := postForm(t, env, remove, nil, false); resp.StatusCode != 404 {
		t.Fatalf("removing it again: %d, want 404", resp.StatusCode)
	}
}

// Every refused address re-renders the form with status 422, the reason
// beside the field and what was typed still in it.
func TestNotificationsPageRefusesBadAddresses(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	postForm(t, env, "/app/settings/notifications", url.Values{"email": {"ops@team.example"}}, true)
	tests := []struct{ email, want string }{
		{"", "Enter an email address."},
		{"not-an-email", "Enter an email address like name@example.com."},
		{"jane@localhost", "Enter an email address like name@example.com."},
		{"Jane <jane@example.com>", "Enter an email address like name@example.com."},
		{"OPS@team.example", "OPS@team.example is already on the list."},
	}
	for _, tt := range tests {
		for _, htmx := range []bool{true, false} {
			resp, page := postForm(t, env, "/app/settings/notifications", url.Values{"email": {tt.email}}, htmx)
			if resp.StatusCode != 422 || fieldError(page) != tt.want {
				t.Errorf("%q (htmx %v): %d, error %q, want 422 and %q", tt.email, htmx, resp.StatusCode, fieldError(page), tt.want)
			}
			if !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, `value="`+html.EscapeString(tt.email)+`"`) {
				t.Errorf("%q (htmx %v): the field is not marked invalid or lost its value", tt.email, htmx)
			}
			if full := strings.Contains(page, "<html"); full == htmx {
				t.Errorf("%q (htmx %v): full page %v", tt.email, htmx, full)
			}
		}
	}

	// A full list takes no more.
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	for i := 2; i <= 20; i++ {
		env.DB.MustExec(`INSERT INTO notification_recipients (shop_id, email) VALUES ($1, $2)`, shopID, fmt.Sprintf("agent%d@team.example", i))
	}
	resp, page := postForm(t, env, "/app/settings/notifications", url.Values{"email": {"one-more@team.example"}}, true)
	if resp.StatusCode != 422 || !strings.Contains(fieldError(page), "up to 20 addresses") || recipientCount(page) != 20 {
		t.Fatalf("a 21st address: %d, error %q, %d listed", resp.StatusCode, fieldError(page), recipientCount(page))
	}
}

// One shop never sees, nor removes, another's addresses.
func TestNotificationsAreScopedToTheShop(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	ctx := context.Background()
	other, err := storage.NewShops(env.DB, env.Keys, time.Now).Install(ctx, "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := storage.NewNotificationRecipients(env.DB, time.Now).Add(ctx, other.ID, "secret@other.example", 20)
	if err != nil {
		t.Fatal(err)
	}
	// The same address is not a duplicate across shops.
	if resp, _ := postForm(t, env, "/app/settings/notifications", url.Values{"email": {"secret@other.example"}}, true); resp.StatusCode != 200 {
		t.Fatalf("adding an address another shop has: %d", resp.StatusCode)
	}
	env.DB.MustExec(`DELETE FROM notification_recipients WHERE shop_id <> $1`, other.ID)
	if _, page := get(t, env, "/app/settings/notifications"); strings.Contains(page, "secret@other.example") {
		t.Fatal("the page shows another shop's address")
	}
	if resp, _ := postForm(t, env, fmt.Sprintf("/app/settings/notifications/%d/delete", theirs.ID), nil, true); resp.StatusCode != 404 {
		t.Fatalf("removing another shop's address: %d, want 404", resp.StatusCode)
	}
	var n int
	env.DB.Get(&n, `SELECT count(*) FROM notification_recipients WHERE shop_id = $1`, other.ID)
	if n != 1 {
		t.Fatal("another shop's address was removed")
	}
}

// quoteBox is the "quote the first message" checkbox of a page or fragment.
func quoteBox(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `id="quote-messages"`)
	if i < 0 {
		t.Fatalf("no quote checkbox:\n%.3000s", page)
	}
	start := strings.LastIndex(page[:i], "<input")
	end := strings.Index(page[i:], ">")
	return page[start : i+end]
}

// Quoting the first message in the email is off until the merchant ticks
// it, with the reason beside it; unticking turns it off again.
func TestNotificationsPageQuotesMessagesOnlyWhenTicked(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	_, page := get(t, env, "/app/settings/notifications")
	if strings.Contains(quoteBox(t, page), "checked") || !strings.Contains(page, "card numbers") {
		t.Fatalf("by default: %s, want unticked with the reason beside it", quoteBox(t, page))
	}
	resp, frag := postForm(t, env, "/app/settings/notifications/content", url.Values{"quote_messages": {"on"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(quoteBox(t, frag), "checked") || !strings.Contains(frag, `data-saved-toast="Email content saved"`) {
		t.Fatalf("tick: %d %s", resp.StatusCode, quoteBox(t, frag))
	}
	var on bool
	if err := env.DB.Get(&on, `SELECT quote_messages FROM notification_settings`); err != nil || !on {
		t.Fatalf("stored %v, %v", on, err)
	}
	// A plain form post of an unticked box sends no field at all.
	resp, _ = postForm(t, env, "/app/settings/notifications/content", url.Values{}, false)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/settings/notifications?saved=content" {
		t.Fatalf("untick: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, page = get(t, env, "/app/settings/notifications?saved=content"); strings.Contains(quoteBox(t, page), "checked") {
		t.Fatalf("after unticking: %s", quoteBox(t, page))
	}
}
