package admin_test

import (
	"strings"
	"testing"
)

// The team reads, under the AI agent's "did you mean…?", the choices the
// shopper had, as text.
func TestTheTicketShowsTheChoicesTheAgentOffered(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	if _, err := e.DB.Exec(`INSERT INTO messages (shop_id, conversation_id, author, body, kind, choices, created_at)
		VALUES ($1, $2, 'ai', 'Did you mean one of these?', 'choices', $3, now())`,
		e.shopID, e.convID, `{"Tracking my order","<i>Returns</i>"}`); err != nil {
		t.Fatal(err)
	}
	resp, page := e.get(e.path(""))
	wantCode(t, "ticket", resp, page, 200)
	at := strings.Index(page, `data-testid="message-choices"`)
	if at < 0 || !strings.Contains(page[at:], "Tracking my order") || !strings.Contains(page[at:], "&lt;i&gt;Returns&lt;/i&gt;") {
		t.Fatalf("the choices are not shown as text under the message:\n%.4000s", page)
	}
}
