package admin_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// Text that is not valid UTF-8 is refused with 422 wherever the admin takes
// text (a reply, a settings form, a FAQ, a search) and nothing is stored.
func TestInvalidUTF8IsRefusedInTheAdmin(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	settings := storage.NewChatSettings(e.DB, time.Now)
	before, err := settings.Get(t.Context(), e.shopID)
	if err != nil {
		t.Fatal(err)
	}
	webChat := url.Values{"enabled": {"on"}, "login_status": {"all"}, "welcome_message": {"Hello \xff there"},
		"during_hours_message": {"We're here."}, "outside_hours_message": {"We're closed."},
		"color": {"#0A7"}, "icon": {"help"}, "position": {"left"}}
	tries := map[string]func() (int, string){
		"a reply": func() (int, string) {
			resp, body := e.reply(e.path("/messages"), "Checking \xc3\x28 now", "", nil)
			return resp.StatusCode, body
		},
		"the web chat settings": func() (int, string) {
			resp, body := e.post("/app/settings/web-chat", webChat)
			return resp.StatusCode, body
		},
		"a new FAQ": func() (int, string) {
			resp, body := e.post("/app/settings/faqs", url.Values{"question": {"Returns\xed\xa0\x80?"}, "answer": {"Within 30 days."}})
			return resp.StatusCode, body
		},
		"an inbox search": func() (int, string) {
			resp, body := e.get("/app/inbox/rows?q=%FF")
			return resp.StatusCode, body
		},
	}
	for what, try := range tries {
		status, body := try()
		if status != 422 || !strings.Contains(body, "not valid UTF-8") {
			t.Errorf("%s: %d, want 422 saying why:\n%.600s", what, status, body)
		}
	}
	var stored int
	e.DB.Get(&stored, `SELECT (SELECT count(*) FROM messages WHERE author = 'agent') + (SELECT count(*) FROM faqs)`)
	if after, _ := settings.Get(t.Context(), e.shopID); stored != 0 || after.WelcomeMessage != before.WelcomeMessage {
		t.Fatalf("stored %d replies and FAQs; welcome message %q, was %q", stored, after.WelcomeMessage, before.WelcomeMessage)
	}
}
