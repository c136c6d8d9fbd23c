package storage_test

import (
	"errors"
	"sync"
	"testing"

	"hubchat/storage"
)

// A shopper's client id is theirs: another shopper sending the same id gets
// a message and a conversation of their own, even racing, and the first
// shopper's retry still finds their message, even after its conversation
// ended.
func TestAnotherShoppersClientIDStoresTheirOwnMessage(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	other := newChatFixtureProfile(t, f, 7002)
	id := newClientID()
	mine := f.post(t, id, "My parcel is late", "")
	theirs := other.post(t, id, "Do you ship to Canada?", "")
	if theirs.Duplicate || !theirs.Started || theirs.Message.ID == mine.Message.ID || theirs.Message.Body != "Do you ship to Canada?" ||
		theirs.Conversation.ID == mine.Conversation.ID || theirs.Conversation.ProfileID != other.profile.ID {
		t.Fatalf("the other shopper got %+v", theirs)
	}
	if _, err := f.convs.Close(f.ctx, f.shopID, mine.Conversation.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	again := f.post(t, id, "My parcel is late", "")
	if !again.Duplicate || again.Message.ID != mine.Message.ID || again.Conversation.ID != mine.Conversation.ID {
		t.Fatalf("the retry after the end: %+v", again)
	}

	raced := newClientID()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			[]chatFixture{f, other}[i%2].post(t, raced, "Anyone there?", "")
		}()
	}
	wg.Wait()
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE client_id = $1`, raced); n != 2 {
		t.Fatalf("%d messages for two shoppers racing retries of one id, want one each", n)
	}
	if n := countRows(t, f.db, `SELECT count(DISTINCT v.profile_id) FROM messages m
		JOIN conversations v ON v.id = m.conversation_id WHERE m.client_id = $1`, raced); n != 2 {
		t.Fatalf("the raced messages are in %d shoppers' conversations, want 2", n)
	}
}

// An agent's client id is scoped to the conversation: the shopper's message
// with the same id is another message, and so is a reply with it in another
// conversation.
func TestAgentClientIDIsScopedToTheConversation(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	id := newClientID()
	first := f.post(t, id, "Hi", "").Conversation
	reply := func(convID int64, body string) storage.Message {
		t.Helper()
		m, err := f.convs.PostFromAgent(f.ctx, f.shopID, convID, f.agentID, storage.AgentReply{ClientID: id, Body: body, Preview: body})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	r1 := reply(first.ID, "Hello!")
	if r1.Author != storage.AuthorAgent || r1.Body != "Hello!" || r1.ConversationID != first.ID {
		t.Fatalf("the reply with the shopper's id: %+v", r1)
	}
	second := newChatFixtureProfile(t, f, 7002).post(t, newClientID(), "Hey", "").Conversation
	if r2 := reply(second.ID, "Hi there"); r2.ID == r1.ID || r2.ConversationID != second.ID || r2.Body != "Hi there" {
		t.Fatalf("the same id in another conversation: %+v", r2)
	}
	if again := reply(first.ID, "Hello!"); again.ID != r1.ID {
		t.Fatalf("the retry in the first conversation stored %+v", again)
	}
}

// An agent's retried reply with an image, racing or late, is stored once:
// every retry gets the first message back and no retry stores an image,
// even after the ticket was closed; a new reply to the closed ticket
// stores nothing.
func TestRetriedAgentReplyStoresItsImageOnce(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Which colour?", "").Conversation
	id := newClientID()
	send := func(clientID string) (storage.Message, error) {
		u, err := storage.NewUpload("image/png", []byte("\x89PNG\r\n\x1a\nfake"))
		if err != nil {
			return storage.Message{}, err
		}
		return f.convs.PostFromAgent(f.ctx, f.shopID, c.ID, f.agentID, storage.AgentReply{
			ClientID: clientID, Body: "This one", Preview: "This one", Uploads: []storage.Upload{u},
			Attachments: []storage.Attachment{{URL: "https://app.example/media/" + u.ID, ContentType: "image/png"}}})
	}
	got := make([]storage.Message, 8)
	errs := make([]error, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i], errs[i] = send(id) }()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i].ID != got[0].ID || len(got[i].Attachments) != 1 || got[i].Attachments[0] != got[0].Attachments[0] {
			t.Fatalf("retry %d: %+v, %v; want the first reply %+v", i, got[i], errs[i], got[0])
		}
	}
	var token string
	if err := f.db.Get(&token, `SELECT id FROM uploads`); err != nil {
		t.Fatalf("want exactly one upload: %v", err)
	}
	if got[0].Attachments[0].URL != "https://app.example/media/"+token {
		t.Fatalf("the reply shows %s, not the stored image %s", got[0].Attachments[0].URL, token)
	}
	if n := countRows(t, f.db, `SELECT message_count FROM conversations WHERE id = $1`, c.ID); n != 2 {
		t.Fatalf("message count %d, want 2", n)
	}

	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "agent"); err != nil {
		t.Fatal(err)
	}
	if late, err := send(id); err != nil || late.ID != got[0].ID {
		t.Fatalf("a retry after the close: %+v, %v", late, err)
	}
	if _, err := send(newClientID()); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("a new reply to the closed ticket: %v", err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM uploads`); n != 1 {
		t.Fatalf("%d uploads, want 1", n)
	}
}
