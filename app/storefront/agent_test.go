package storefront_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"testing"
	"time"

	"hubchat/shopify"
	"hubchat/storage"
)

// The AI agent in the chat API (docs/chat-api.md), answered by the
// built-in engine on the demo shop's data.

// A question no data of the demo shop answers: the agent hands off.
const unanswerable = "do you offer a student discount"

// aiOn turns the AI agent on with a handoff, as Settings → AI agent does.
func (e chatEnv) aiOn(a storage.AISettings, secrets storage.HelpdeskSecrets) {
	e.t.Helper()
	a.ShopID, a.Enabled = e.shopID, true
	if _, err := storage.NewAISettings(e.DB, e.Keys, time.Now).Save(context.Background(), a, secrets); err != nil {
		e.t.Fatal(err)
	}
}

// visitorSession opens a session as visitorKey's browser, which the widget
// sends as {"visitor": …}; customer "" is an anonymous visitor.
func (e chatEnv) visitorSession(customer, visitorKey string) (int, session) {
	e.t.Helper()
	q := url.Values{"shop": {e.Shop()}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {customer},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "return_to": {"/products/hat"}}
	q.Set("signature", shopify.SignAppProxy(q, e.Config.ShopifyAPISecret))
	body, _ := json.Marshal(map[string]string{"visitor": visitorKey})
	resp, raw := e.request("", "", "POST", "/proxy/session?"+q.Encode(), "application/json", body)
	var s session
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(raw, &s); err != nil {
			e.t.Fatal(err)
		}
	}
	return resp.StatusCode, s
}

// post calls a chat API endpoint and decodes its JSON answer.
func (e chatEnv) post(token, path string, body any) (int, map[string]any) {
	e.t.Helper()
	resp, raw := e.api(token, "POST", path, body)
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

// ask sends a question in English and returns the AI agent's answer, read
// from the shopper's stream, and the conversation's id.
func (e chatEnv) ask(s session, question string) (map[string]any, int64) {
	e.t.Helper()
	events := e.stream(e.URL, s.Token, stateEventID(e.t, s))
	resp, raw := e.api(s.Token, "POST", "/api/storefront/messages",
		map[string]string{"client_id": clientID(), "body": question, "language": "en"})
	var sent struct {
		Conversation struct {
			ID          int64 `json:"id"`
			AIAnswering bool  `json:"ai_answering"`
		} `json:"conversation"`
	}
	if json.Unmarshal(raw, &sent); resp.StatusCode != 201 || !sent.Conversation.AIAnswering {
		e.t.Fatalf("%q: %d %s, want 201 with the agent answering", question, resp.StatusCode, raw)
	}
	for {
		ev := next(e.t, events, "message.created")
		if ev.Data["author"] == "ai" {
			return ev.Data, sent.Conversation.ID
		}
	}
}

// state is the shopper's current state.
func (e chatEnv) state(token string) map[string]any {
	e.t.Helper()
	resp, raw := e.api(token, "GET", "/api/storefront/state", nil)
	var st map[string]any
	if err := json.Unmarshal(raw, &st); err != nil || resp.StatusCode != 200 {
		e.t.Fatalf("state: %d %s", resp.StatusCode, raw)
	}
	return st
}

func (e chatEnv) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.DB.Get(&n, query, args...); err != nil {
		e.t.Fatal(err)
	}
	return n
}

const visitorKey = "0123456789abcdef0123456789abcdef"

// visitorWithAgent lets everyone chat, turns the AI agent on with the inbox
// handoff, and opens a session as an anonymous visitor of visitorKey.
func (e chatEnv) visitorWithAgent() session {
	e.t.Helper()
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	e.aiOn(storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	status, s := e.visitorSession("", visitorKey)
	if status != 200 {
		e.t.Fatalf("a visitor's session: %d", status)
	}
	return s
}

// allWeek are office hours that are always open.
var allWeek = json.RawMessage(`{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],
	"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}`)

// Under "All users", an anonymous visitor whose browser sends its key gets
// a profile to talk to the AI agent only while the agent is on; without a
// key, or a malformed one, they only read FAQs.
func TestVisitorSessionWithAndWithoutTheAgent(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	visitors := func() int { return e.count(`SELECT count(*) FROM profiles WHERE visitor_key IS NOT NULL`) }

	status, off := e.visitorSession("", visitorKey)
	if status != 200 || off.State["can_chat"] != false || visitors() != 0 {
		t.Fatalf("agent off: %d can_chat %v, %d visitor profiles; want 200, false, none", status, off.State["can_chat"], visitors())
	}
	if code, _ := e.send(off.Token, clientID(), "hello"); code != 403 {
		t.Fatalf("agent off: a visitor's message got %d, want 403", code)
	}

	e.aiOn(storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	status, on := e.visitorSession("", visitorKey)
	shopper, _ := on.State["shopper"].(map[string]any)
	if status != 200 || on.State["can_chat"] != true || shopper["signed_in"] != false || visitors() != 1 {
		t.Fatalf("agent on: %d %v, %d visitor profiles; want can_chat, not signed in, one profile", status, on.State, visitors())
	}
	answer, convID := e.ask(on, "hello")
	if answer["kind"] != "text" || answer["body"] == "" {
		t.Fatalf("the agent's answer to a visitor: %v", answer)
	}
	// The same browser comes back to the same conversation.
	_, again := e.visitorSession("", visitorKey)
	if conv, _ := again.State["conversation"].(map[string]any); conv == nil || conv["id"] != float64(convID) || conv["ai_answering"] != true {
		t.Fatalf("the visitor's conversation on their next page: %v", again.State["conversation"])
	}
	for name, key := range map[string]string{"no key": "", "malformed key": "0123456789ABCDEF0123456789ABCDEF"} {
		if status, s := e.visitorSession("", key); status != 200 || s.State["can_chat"] != false {
			t.Errorf("%s: %d can_chat %v, want 200 false", name, status, s.State["can_chat"])
		}
	}
	if visitors() != 1 {
		t.Fatalf("%d visitor profiles, want 1", visitors())
	}

	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "logged_in" })
	if status, _ := e.visitorSession("", visitorKey); status != 403 {
		t.Fatalf("Logged-in users: a visitor's session got %d, want 403", status)
	}
}

// An anonymous visitor who asks for a person is asked to sign in, and a
// Yes from them is refused with 403: the team answers customers it knows.
func TestVisitorIsAskedToSignInBeforeAHandoff(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	s := e.visitorWithAgent()
	answer, convID := e.ask(s, "I want to talk to a person")
	if answer["kind"] != "sign_in" {
		t.Fatalf("a visitor asking for a person got %v, want a sign-in prompt", answer)
	}
	code, out := e.post(s.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": true})
	if code != 403 || out["error"] != "Sign in to your account to talk to our team." {
		t.Fatalf("a visitor's Yes: %d %v, want 403", code, out)
	}
	if n := e.count(`SELECT count(*) FROM conversations WHERE handoff <> 'none' OR NOT ai_answering`); n != 0 {
		t.Fatalf("a visitor's Yes handed %d conversations to the team", n)
	}
}

// A signed-in customer the agent cannot help is offered a person; their
// Yes makes the conversation a ticket in the team's inbox, with the
// office-hours reply, and a second Yes finds the offer closed.
func TestSignedInYesMakesATicket(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.OfficeHours = allWeek })
	e.aiOn(storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	_, s := e.session("7001")
	inbox := func() []storage.InboxRow {
		rows, err := storage.NewConversations(e.DB, time.Now).Inbox(context.Background(), e.shopID, storage.InboxFilter{Status: storage.StatusOpen})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}

	answer, convID := e.ask(s, unanswerable)
	if answer["kind"] != "handoff_offer" {
		t.Fatalf("an unanswerable question got %v, want the offer of a person", answer)
	}
	conv, _ := e.state(s.Token)["conversation"].(map[string]any)
	if conv == nil || conv["handoff_offered"] != true || conv["ai_answering"] != true {
		t.Fatalf("state while the offer is open: %v", conv)
	}
	if rows := inbox(); len(rows) != 0 {
		t.Fatalf("the agent's conversation is in the team's inbox before the Yes: %+v", rows)
	}

	code, out := e.post(s.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": true, "language": "en"})
	ref, _ := out["conversation"].(map[string]any)
	added, _ := out["messages"].([]any)
	if code != 200 || ref["id"] != float64(convID) || ref["ai_answering"] != false || len(added) != 1 ||
		added[0].(map[string]any)["body"] != "One moment, a member of our team will be with you shortly." {
		t.Fatalf("Yes: %d %v, want the ticket with its office-hours reply", code, out)
	}
	rows := inbox()
	if len(rows) != 1 || rows[0].ID != convID || !rows[0].Unread {
		t.Fatalf("the inbox after the Yes: %+v, want the conversation, unread", rows)
	}
	conv, _ = e.state(s.Token)["conversation"].(map[string]any)
	if conv["handoff_offered"] != false || conv["ai_answering"] != false {
		t.Fatalf("state after the Yes: %v", conv)
	}
	if code, _ := e.post(s.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": true}); code != 409 {
		t.Fatalf("a second Yes: %d, want 409", code)
	}
}

// No lets the agent go on: its reply comes back, the offer is closed, and
// the next question is the agent's to answer again.
func TestSignedInNoLetsTheAgentGoOn(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.aiOn(storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	_, s := e.session("7001")
	_, convID := e.ask(s, unanswerable)
	code, out := e.post(s.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": false, "language": "es"})
	added, _ := out["messages"].([]any)
	if code != 200 || len(added) != 1 || added[0].(map[string]any)["author"] != "ai" ||
		added[0].(map[string]any)["body"] != "¡De acuerdo! ¿En qué más puedo ayudarte?" {
		t.Fatalf("No: %d %v, want the agent's reply in the shopper's language", code, out)
	}
	conv, _ := e.state(s.Token)["conversation"].(map[string]any)
	if conv["handoff_offered"] != false || conv["ai_answering"] != true {
		t.Fatalf("state after the No: %v", conv)
	}
	if code, _ := e.post(s.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": true}); code != 409 {
		t.Fatalf("a Yes after the No: %d, want 409", code)
	}
	if answer, _ := e.ask(s, "hello"); answer["kind"] != "text" {
		t.Fatalf("after the No the agent answered %v", answer)
	}
	// Another customer cannot answer for this one.
	_, other := e.session("7002")
	if code, _ := e.post(other.Token, "/api/storefront/handoff", map[string]any{"conversation_id": convID, "accept": false}); code != 404 {
		t.Fatalf("another customer's answer: %d, want 404", code)
	}
}

// After the merchant's custom message the agent has handed off and answers
// no more: the state says so, as the answer to a message does, so the
// widget does not wait for an answer that will not come.
func TestCustomMessageEndsTheAgentsAnswering(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.aiOn(storage.AISettings{Handoff: storage.HandoffCustomMessage, CustomMessage: "Email us at help@example.com."}, storage.HelpdeskSecrets{})
	_, s := e.session("7001")
	if answer, _ := e.ask(s, unanswerable); answer["body"] != "Email us at help@example.com." {
		t.Fatalf("the agent's handoff: %v, want the merchant's message", answer)
	}
	conv, _ := e.state(s.Token)["conversation"].(map[string]any)
	if conv == nil || conv["ai_answering"] != false {
		t.Fatalf("state after the custom message: %v, want ai_answering false", conv)
	}
	if _, out := e.send(s.Token, clientID(), "thanks"); out["conversation"].(map[string]any)["ai_answering"] != false {
		t.Fatalf("a message after the custom message: %v, want ai_answering false", out)
	}
}
