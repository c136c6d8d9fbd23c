package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// Opening the ticket shows the thread (the shopper's text as text) and the
// profile, and marks the ticket read with an event for the inbox.
func TestOpeningATicketMarksItRead(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	if !e.conversation(e.convID).Unread {
		t.Fatal("a new ticket is not unread")
	}
	updates := func() (n int) {
		e.DB.Get(&n, `SELECT count(*) FROM events WHERE conversation_id = $1 AND kind = 'conversation.updated' AND audience = 'agents'`, e.convID)
		return n
	}
	before := updates()
	resp, page := e.get(e.path(""))
	wantCode(t, "ticket page", resp, page, 200)
	for _, want := range []string{"Where is my &lt;b&gt;parcel&lt;/b&gt;?", `data-testid="ticket-name">Jane Cooper<`,
		"jane@example.com", "$120.50", `/store/` + strings.TrimSuffix(e.Shop(), ".myshopify.com") + `/customers/7001"`, `target="_top"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "<b>parcel") {
		t.Error("the shopper's text was rendered as HTML")
	}
	if e.conversation(e.convID).Unread {
		t.Fatal("opening the ticket left it unread")
	}
	if got := updates() - before; got != 1 {
		t.Fatalf("the read announced %d conversation.updated events, want 1", got)
	}
}

// A text reply is stored as the agent's, assigns the unassigned ticket to
// them, and asks the page to refresh.
func TestReplyIsStoredAndAssigns(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	resp, body := e.reply(e.path("/messages"), "Checking now 🙂\nOne moment", "", nil)
	wantCode(t, "reply", resp, body, 200)
	if !strings.Contains(resp.Header.Get("HX-Trigger"), "hubchat:ticket") {
		t.Errorf("no refresh asked: %q", resp.Header.Get("HX-Trigger"))
	}
	msgs, _ := e.convs.Messages(t.Context(), e.shopID, e.convID)
	last := msgs[len(msgs)-1]
	if last.Author != storage.AuthorAgent || last.Body != "Checking now 🙂\nOne moment" || last.AgentID == nil || *last.AgentID != e.agentID() {
		t.Fatalf("stored reply: %+v", last)
	}
	c := e.conversation(e.convID)
	if c.AssigneeAgentID == nil || *c.AssigneeAgentID != e.agentID() || c.LastMessagePreview != "Checking now 🙂 One moment" {
		t.Fatalf("ticket after the reply: %+v", c)
	}
	if resp, body := e.reply(e.path("/messages"), "   ", "", nil); resp.StatusCode != 422 {
		t.Fatalf("an empty reply: %d %s", resp.StatusCode, body)
	}
	_, thread := e.get(e.path("/thread"))
	if !strings.Contains(thread, "Checking now 🙂") || !strings.Contains(thread, `data-testid="message-receipt"`) {
		t.Fatalf("the thread lacks the reply and its receipt:\n%s", thread)
	}
}

// An image is recognised by its content, limited in size, stored, and
// served publicly at its capability URL with its type and nosniff.
func TestImageReplies(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var pngData bytes.Buffer
	png.Encode(&pngData, img)

	resp, body := e.reply(e.path("/messages"), "", "photo.png", pngData.Bytes())
	wantCode(t, "a PNG", resp, body, 200)
	var raw string
	e.DB.Get(&raw, `SELECT attachments::text FROM messages WHERE conversation_id = $1 AND author = 'agent'`, e.convID)
	var files []storage.Attachment
	json.Unmarshal([]byte(raw), &files)
	if len(files) != 1 || !strings.HasPrefix(files[0].URL, e.URL+"/media/") || files[0].ContentType != "image/png" ||
		files[0].Width != 3 || files[0].Height != 2 {
		t.Fatalf("attachments: %s", raw)
	}
	if c := e.conversation(e.convID); c.LastMessagePreview != "Sent an image" {
		t.Errorf("preview of an image: %q", c.LastMessagePreview)
	}
	served, err := http.Get(files[0].URL) // no session: the widget loads it from the storefront
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(served.Body)
	served.Body.Close()
	if served.StatusCode != 200 || served.Header.Get("Content-Type") != "image/png" || served.Header.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(served.Header.Get("Content-Disposition"), "inline") || !strings.Contains(served.Header.Get("Cache-Control"), "max-age") ||
		!bytes.Equal(got, pngData.Bytes()) {
		t.Fatalf("served image: %d %v", served.StatusCode, served.Header)
	}
	if miss, _ := http.Get(e.URL + "/media/AAAAAAAAAAAAAAAAAAAAAA"); miss.StatusCode != 404 {
		t.Fatalf("an unknown token: %d", miss.StatusCode)
	}

	resp, body = e.reply(e.path("/messages"), "see this", "page.png", []byte("<html><script>alert(1)</script></html>"))
	wantCode(t, "a text file named .png", resp, body, 422)
	big := append(append([]byte{}, pngData.Bytes()...), make([]byte, 6<<20)...)
	resp, body = e.reply(e.path("/messages"), "", "big.png", big)
	wantCode(t, "a 6 MB image", resp, body, 413) // refused before the form is decoded
	if !strings.Contains(body, "at most 5 MB") {
		t.Errorf("the size error does not say the limit: %s", body)
	}
	// The type is the content's, whatever the name says.
	var gifData bytes.Buffer
	gif.Encode(&gifData, img, nil)
	resp, body = e.reply(e.path("/messages"), "a GIF after all", "named.png", gifData.Bytes())
	wantCode(t, "a GIF named .png", resp, body, 200)
	var types []string
	e.DB.Select(&types, `SELECT content_type FROM uploads ORDER BY created_at`)
	if strings.Join(types, " ") != "image/png image/gif" {
		t.Fatalf("stored uploads: %v, want the PNG and the GIF only", types)
	}
}

// Snoozing: the presets land where they say, and a past time is refused.
func TestSnoozePresetsAndPastTimes(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	var tz string
	e.DB.Get(&tz, `SELECT iana_timezone FROM shops WHERE id = $1`, e.shopID)
	loc, _ := time.LoadLocation(tz)
	for _, preset := range []string{"hour", "tomorrow", "next_week"} {
		resp, body := e.post(e.path("/snooze"), url.Values{"preset": {preset}})
		wantCode(t, "snooze "+preset, resp, body, 200)
		c := e.conversation(e.convID)
		if c.Status != storage.StatusSnoozed || c.SnoozedUntil == nil || !c.SnoozedUntil.After(time.Now()) {
			t.Fatalf("%s: %+v", preset, c)
		}
		if local := c.SnoozedUntil.In(loc); preset != "hour" && (local.Hour() != 9 || local.Minute() != 0) {
			t.Errorf("%s wakes at %s, want 9:00 in the shop's time zone", preset, local)
		}
		if local := c.SnoozedUntil.In(loc); preset == "next_week" && local.Weekday() != time.Monday {
			t.Errorf("next week is a %s", local.Weekday())
		}
	}
	past := time.Now().In(loc).Add(-time.Hour).Format("2006-01-02T15:04")
	resp, body := e.post(e.path("/snooze"), url.Values{"preset": {"custom"}, "until": {past}})
	wantCode(t, "snooze until the past", resp, body, 422)
	future := time.Now().In(loc).Add(50 * time.Hour).Format("2006-01-02T15:04")
	resp, body = e.post(e.path("/snooze"), url.Values{"preset": {"custom"}, "until": {future}})
	wantCode(t, "snooze until a chosen time", resp, body, 200)
	if got := e.conversation(e.convID).SnoozedUntil.In(loc).Format("2006-01-02T15:04"); got != future {
		t.Fatalf("snoozed until %s, want %s", got, future)
	}
	resp, body = e.post(e.path("/snooze"), url.Values{"preset": {"someday"}})
	wantCode(t, "an unknown preset", resp, body, 422)
}

// Assignment by hand: to one of the shop's agents, or to nobody.
func TestAssignByHand(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	e.get(e.path("")) // the agent opens the app
	me := e.agentID()
	resp, body := e.post(e.path("/assign"), url.Values{"agent_id": {fmt.Sprint(me)}})
	wantCode(t, "assign", resp, body, 200)
	if c := e.conversation(e.convID); c.AssigneeAgentID == nil || *c.AssigneeAgentID != me {
		t.Fatalf("assignee: %v", c.AssigneeAgentID)
	}
	resp, body = e.post(e.path("/assign"), url.Values{"agent_id": {""}})
	wantCode(t, "unassign", resp, body, 200)
	if c := e.conversation(e.convID); c.AssigneeAgentID != nil {
		t.Fatalf("still assigned to %d", *c.AssigneeAgentID)
	}
	e.otherShopTicket()
	var stranger int64
	e.DB.Get(&stranger, `INSERT INTO agents (shop_id, shopify_user_id, last_seen_at, created_at)
		SELECT id, 5, now(), now() FROM shops WHERE domain = 'other.myshopify.com' RETURNING id`)
	resp, body = e.post(e.path("/assign"), url.Values{"agent_id": {fmt.Sprint(stranger)}})
	wantCode(t, "assign to another shop's agent", resp, body, 422)
}

// A closed ticket cannot be reopened or changed: every action is a 409,
// and the page shows no composer.
func TestClosedTicketRefusesActions(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	resp, body := e.post(e.path("/close"), nil)
	wantCode(t, "close", resp, body, 200)
	if c := e.conversation(e.convID); c.Status != storage.StatusClosed || c.ClosedBy == nil || *c.ClosedBy != "agent" {
		t.Fatalf("after close: %+v", c)
	}
	for what, try := range map[string]func() (*http.Response, string){
		"close again": func() (*http.Response, string) { return e.post(e.path("/close"), nil) },
		"snooze":      func() (*http.Response, string) { return e.post(e.path("/snooze"), url.Values{"preset": {"hour"}}) },
		"assign":      func() (*http.Response, string) { return e.post(e.path("/assign"), url.Values{"agent_id": {""}}) },
		"reply":       func() (*http.Response, string) { return e.reply(e.path("/messages"), "Hello?", "", nil) },
	} {
		resp, body := try()
		wantCode(t, what+" on a closed ticket", resp, body, 409)
	}
	if c := e.conversation(e.convID); c.Status != storage.StatusClosed {
		t.Fatalf("status %s after the refused actions", c.Status)
	}
	_, page := e.get(e.path(""))
	if !strings.Contains(page, `data-testid="composer-closed"`) || strings.Contains(page, `data-testid="composer"`) ||
		strings.Contains(page, `data-testid="close-open"`) || !strings.Contains(page, "new ticket") {
		t.Fatal("the closed ticket's page still offers a composer or actions")
	}
}

// Another shop's ticket does not exist for this shop's agents.
func TestAnotherShopsTicketIsNotFound(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	theirs := e.otherShopTicket()
	e.convID = theirs
	for _, path := range []string{"", "/header", "/thread", "/composer", "/profile"} {
		resp, body := e.get(e.path(path))
		wantCode(t, "GET "+path, resp, body, 404)
	}
	for _, path := range []string{"/close", "/snooze", "/assign"} {
		resp, body := e.post(e.path(path), url.Values{"preset": {"hour"}})
		wantCode(t, "POST "+path, resp, body, 404)
	}
	resp, body := e.reply(e.path("/messages"), "Hi from elsewhere", "", nil)
	wantCode(t, "reply", resp, body, 404)
	var status string
	var unread bool
	e.DB.QueryRow(`SELECT status, unread FROM conversations WHERE id = $1`, theirs).Scan(&status, &unread)
	if status != "open" || !unread {
		t.Fatalf("the other shop's ticket changed: %s, unread %v", status, unread)
	}
}

// Numbers as a merchant reads them: money in the currency's format
// ("€5,000.50", not "5000.50 EUR"), counts with thousands grouped, and a
// count of one in the singular ("1 unread ticket").
func TestNumbersInTheShopsFormat(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	storage.NewProfiles(e.DB, time.Now).UpdateDetails(context.Background(), e.shopID, e.profile.ID, storage.CustomerDetails{
		FirstName: "Jane", LastName: "Cooper", OrdersCount: 1200, TotalSpent: "5000.5", Currency: "EUR"})
	resp, page := e.get(e.path("/profile"))
	wantCode(t, "profile", resp, page, 200)
	for _, want := range []string{">€5,000.50<", ">1,200<"} {
		if !strings.Contains(page, want) {
			t.Errorf("the profile lacks %s:\n%.3000s", want, page)
		}
	}
	resp, badge := e.get("/app/inbox/badge")
	wantCode(t, "badge", resp, badge, 200)
	if !strings.Contains(badge, `aria-label="1 unread ticket"`) {
		t.Fatalf("the badge of one unread ticket: %s", badge)
	}
}
