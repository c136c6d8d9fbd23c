package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// ticketEnv is the app with the demo shop installed and one shopper's open
// ticket, and a staff member's session to act on it with.
type ticketEnv struct {
	*apptest.Env
	t       *testing.T
	shopID  int64
	profile storage.Profile
	convID  int64
	convs   *storage.Conversations
}

func startTicket(t *testing.T) ticketEnv {
	t.Helper()
	return startTicketWith(t, apptest.Options{})
}

// startTicketWith is startTicket with the app started with opts.
func startTicketWith(t *testing.T, opts apptest.Options) ticketEnv {
	t.Helper()
	env := apptest.Start(t, opts)
	env.Install(t)
	env.WaitForJobs(t)
	e := ticketEnv{Env: env, t: t, convs: storage.NewConversations(env.DB, time.Now)}
	if err := env.DB.Get(&e.shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, err := profiles.ForCustomer(ctx, e.shopID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	profiles.UpdateDetails(ctx, e.shopID, p.ID, storage.CustomerDetails{FirstName: "Jane", LastName: "Cooper",
		Email: "jane@example.com", OrdersCount: 3, TotalSpent: "120.50", Currency: "USD", CustomerSince: time.Now().AddDate(-1, 0, 0)})
	e.profile, _ = profiles.Get(ctx, e.shopID, p.ID)
	e.convID = e.shopperSays("Where is my <b>parcel</b>?")
	return e
}

var shopperMessages int

// shopperSays posts a message from the shopper and returns its ticket.
func (e ticketEnv) shopperSays(body string) int64 {
	e.t.Helper()
	shopperMessages++
	res, err := e.convs.PostFromShopper(context.Background(), e.shopID, e.profile.ID, storage.ShopperPost{
		ClientID: fmt.Sprintf("a0000000-0000-4000-8000-%012d", shopperMessages), Body: body, Preview: body})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Conversation.ID
}

// path is a path of the ticket's page.
func (e ticketEnv) path(rest string) string { return fmt.Sprintf("/app/tickets/%d%s", e.convID, rest) }

// do sends req as staff member 9001 through htmx, and returns the answer.
func (e ticketEnv) do(req *http.Request) (*http.Response, string) {
	e.t.Helper()
	req.Header.Set("Authorization", "Bearer "+e.SessionToken(e.t, 9001))
	req.Header.Set("HX-Request", "true")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (e ticketEnv) get(path string) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.URL+path, nil)
	return e.do(req)
}

func (e ticketEnv) post(path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(req)
}

// reply posts the composer as the browser does: multipart, with an image
// file when name is not "".
func (e ticketEnv) reply(path, body, name string, file []byte) (*http.Response, string) {
	e.t.Helper()
	return e.replyForm(path, url.Values{"body": {body}}, name, file)
}

// replyForm posts the composer with the given fields.
func (e ticketEnv) replyForm(path string, fields url.Values, name string, file []byte) (*http.Response, string) {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for key, values := range fields {
		for _, v := range values {
			w.WriteField(key, v)
		}
	}
	if name != "" {
		part, _ := w.CreateFormFile("image", name)
		part.Write(file)
	}
	w.Close()
	req, _ := http.NewRequest("POST", e.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return e.do(req)
}

func (e ticketEnv) conversation(id int64) storage.Conversation {
	e.t.Helper()
	c, err := e.convs.Get(context.Background(), e.shopID, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// agentID is staff member 9001's agent id (the guard records it on their
// first request).
func (e ticketEnv) agentID() int64 {
	e.t.Helper()
	var id int64
	if err := e.DB.Get(&id, `SELECT id FROM agents WHERE shop_id = $1 AND shopify_user_id = 9001`, e.shopID); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// otherShopTicket is a ticket of another shop, with its shopper.
func (e ticketEnv) otherShopTicket() int64 {
	e.t.Helper()
	ctx := context.Background()
	other, err := storage.NewShops(e.DB, e.Keys, time.Now).Install(ctx, "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		e.t.Fatal(err)
	}
	p, _ := storage.NewProfiles(e.DB, time.Now).ForCustomer(ctx, other.ID, 8001)
	res, err := e.convs.PostFromShopper(ctx, other.ID, p.ID, storage.ShopperPost{
		ClientID: "b0000000-0000-4000-8000-000000000001", Body: "Theirs", Preview: "Theirs"})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Conversation.ID
}

func wantCode(t *testing.T, what string, resp *http.Response, body string, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%.2000s", what, resp.StatusCode, status, body)
	}
}
