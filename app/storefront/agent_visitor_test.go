package storefront_test

import (
	"testing"

	"hubchat/storage"
)

// Before a Zendesk handoff the agent asks a visitor for their email: an
// invalid address is refused with the reason and changes nothing; a valid
// one is kept, the external ticket queued and the visitor told; the request
// is then closed. A conversation where no email was asked takes none.
func TestLeavingAnEmailBeforeAnExternalHandoff(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	e.aiOn(storage.AISettings{Handoff: storage.HandoffZendesk, ZendeskSubdomain: "demo-shop", ZendeskAgentEmail: "agent@demo-shop.example"},
		storage.HelpdeskSecrets{ZendeskAPIToken: "zendesk-token"})
	_, s := e.visitorSession("", visitorKey)
	answer, convID := e.ask(s, unanswerable)
	if answer["kind"] != "email" {
		t.Fatalf("a visitor without an email got %v, want to be asked for one", answer)
	}
	handoffJobs := func() int {
		return e.count(`SELECT count(*) FROM jobs WHERE kind = 'handoff.external' AND shop_id = $1`, e.shopID)
	}
	for _, bad := range []string{"", "jane@", "Jane <jane@example.com>", "jane@localhost"} {
		code, out := e.post(s.Token, "/api/storefront/email", map[string]any{"conversation_id": convID, "email": bad})
		if code != 422 || out["error"] == "" {
			t.Errorf("email %q: %d %v, want 422 with the reason", bad, code, out)
		}
	}
	if handoffJobs() != 0 || e.count(`SELECT count(*) FROM profiles WHERE visitor_key = $1 AND email <> ''`, visitorKey) != 0 {
		t.Fatal("an invalid address was kept or handed off")
	}

	code, out := e.post(s.Token, "/api/storefront/email", map[string]any{"conversation_id": convID, "email": " jane@example.com ", "language": "en"})
	m, _ := out["message"].(map[string]any)
	if code != 201 || m["author"] != "ai" || m["body"] != "Thanks! Our team will follow up with you by email at jane@example.com." {
		t.Fatalf("a valid email: %d %v", code, out)
	}
	var email string
	if err := e.DB.Get(&email, `SELECT email FROM profiles WHERE visitor_key = $1`, visitorKey); err != nil || email != "jane@example.com" {
		t.Fatalf("the visitor's email is %q (%v)", email, err)
	}
	if handoffJobs() != 1 {
		t.Fatalf("%d external handoff jobs, want 1", handoffJobs())
	}
	if code, _ := e.post(s.Token, "/api/storefront/email", map[string]any{"conversation_id": convID, "email": "other@example.com"}); code != 409 {
		t.Fatalf("a second email: %d, want 409", code)
	}

	// A signed-in customer's conversation where no email was asked.
	e.aiOn(storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	_, jane := e.session("7001")
	_, janeConv := e.ask(jane, "hello")
	if code, _ := e.post(jane.Token, "/api/storefront/email", map[string]any{"conversation_id": janeConv, "email": "jane@example.com"}); code != 409 {
		t.Fatalf("an email nobody asked for: %d, want 409", code)
	}
	// Another shopper's conversation is not found.
	if code, _ := e.post(jane.Token, "/api/storefront/email", map[string]any{"conversation_id": convID, "email": "jane@example.com"}); code != 404 {
		t.Fatalf("an email on another shopper's conversation: %d, want 404", code)
	}
}

// A visitor who signs in keeps the conversation they had with the agent:
// the session that names the customer, with the browser's visitor key,
// hands it to their customer profile, history and all; the visitor's
// profile keeps nothing.
func TestVisitorWhoSignsInKeepsTheirConversation(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	visitor := e.visitorWithAgent()
	answer, convID := e.ask(visitor, "where is my order?")
	if answer["kind"] != "sign_in" {
		t.Fatalf("a visitor asking for their order got %v, want a sign-in prompt", answer)
	}

	status, signedIn := e.visitorSession("7001", visitorKey)
	shopper, _ := signedIn.State["shopper"].(map[string]any)
	conv, _ := signedIn.State["conversation"].(map[string]any)
	if status != 200 || shopper["signed_in"] != true || conv == nil || conv["id"] != float64(convID) {
		t.Fatalf("after signing in: %d %v, want the visitor's conversation", status, signedIn.State)
	}
	msgs, _ := conv["messages"].([]any)
	if len(msgs) != 2 || msgs[0].(map[string]any)["body"] != "where is my order?" || msgs[1].(map[string]any)["id"] != answer["id"] {
		t.Fatalf("the conversation's history after signing in: %v", msgs)
	}
	var owner *int64
	if err := e.DB.Get(&owner, `SELECT p.shopify_customer_id FROM conversations c JOIN profiles p ON p.id = c.profile_id WHERE c.id = $1`, convID); err != nil || owner == nil || *owner != 7001 {
		t.Fatalf("the conversation's profile is customer %v (%v), want 7001", owner, err)
	}
	// Its stream follows: the agent's next answer reaches the customer.
	if next, _ := e.ask(signedIn, "where is my order?"); next["kind"] != "text" {
		t.Fatalf("the signed-in customer's order question got %v", next)
	}
	// The browser's visitor profile has no conversation left.
	_, back := e.visitorSession("", visitorKey)
	if back.State["conversation"] != nil {
		t.Fatalf("the visitor still has the conversation: %v", back.State["conversation"])
	}
}
