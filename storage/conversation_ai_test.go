package storage_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// aiPost is a shopper's message while the AI agent is on.
func (f chatFixture) aiPost(t *testing.T, body string) storage.PostResult {
	t.Helper()
	res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
		ClientID: newClientID(), Body: body, Preview: body, AutoReply: "One moment", AIAnswers: true, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f chatFixture) aiReply(t *testing.T, res storage.PostResult, r storage.AIReply) storage.Message {
	t.Helper()
	r.ReplyTo = res.Message.ID
	if r.Preview == "" {
		r.Preview = r.Body
	}
	m, err := f.convs.RecordAIReply(f.ctx, f.shopID, res.Conversation.ID, r)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// With the agent on, a first message starts the agent's conversation: not a
// ticket (no inbox row, no email, no office-hours reply), its events for the
// shopper alone, and the agent's answer queued with the message.
func TestAMessageToTheAgentIsQueuedForItsAnswerAndIsNoTicket(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Do you ship to Canada?")
	c := res.Conversation
	if !c.AIAnswering || !c.AIInvolved || c.AIStatus == nil || *c.AIStatus != "open" || len(res.Automatic) != 0 {
		t.Fatalf("conversation %+v, automatic %v: want the agent's, AI status open, no office-hours reply", c, res.Automatic)
	}
	var payloads []string
	f.db.Select(&payloads, `SELECT payload::text FROM jobs WHERE kind = $1`, storage.JobAIAnswer)
	if len(payloads) != 1 || countRows(t, f.db, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobNotifyNewTicket) != 0 {
		t.Fatalf("answering jobs %v (want one), or an email queued for a conversation that is no ticket", payloads)
	}
	rows, err := f.convs.Inbox(f.ctx, f.shopID, storage.InboxFilter{Status: "open"})
	if err != nil || len(rows) != 0 {
		t.Fatalf("inbox %v, %v: the agent's conversation is no ticket of the team's", rows, err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM events WHERE conversation_id = $1 AND audience <> 'shopper'`, c.ID); n != 0 {
		t.Fatalf("%d events of the agent's conversation reach the team", n)
	}
}

// A retried answering job stores the answer once; a conversation no longer
// the agent's takes none.
func TestTheAgentsReplyIsStoredOnce(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Where is my order?")
	first := f.aiReply(t, res, storage.AIReply{Body: "It ships today.", Tag: "order_status"})
	again := f.aiReply(t, res, storage.AIReply{Body: "It ships today.", Tag: "order_status"})
	if again.ID != first.ID || first.Author != storage.AuthorAI || first.ReplyTo == nil {
		t.Fatalf("the retry stored %+v after %+v", again, first)
	}
	c, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if c.Tag == nil || *c.Tag != "order_status" || c.LastAuthor != "ai" || c.MessageCount != 2 {
		t.Fatalf("conversation after the reply: %+v", c)
	}
	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	res.Message.ID++ // another message of the conversation, now closed
	_, err := f.convs.RecordAIReply(f.ctx, f.shopID, c.ID, storage.AIReply{ReplyTo: res.Message.ID, Body: "late"})
	if !errors.Is(err, storage.ErrNotTheAgents) {
		t.Fatalf("a reply to a closed conversation: %v, want ErrNotTheAgents", err)
	}
}

// The shopper's Yes to the agent's offer makes the conversation a ticket:
// in the inbox with its transcript, unread, waiting, with the office-hours
// reply and the team's email; AI unresolved from then on. A second click
// changes nothing.
func TestYesToTheOfferMakesATicketForTheTeam(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Can I change my order's address?")
	f.aiReply(t, res, storage.AIReply{Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer})
	c, added, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, f.profile.ID, res.Conversation.ID,
		storage.HandoffAnswer{Accept: true, AutoReply: "One moment, the team is coming."})
	if err != nil {
		t.Fatal(err)
	}
	if c.AIAnswering || c.Handoff != "inbox" || c.HandoffAt == nil || c.AIStatus == nil || *c.AIStatus != "unresolved" ||
		!c.Unread || c.AwaitingReplySince == nil || len(added) != 1 || added[0].Author != storage.AuthorSystem {
		t.Fatalf("after Yes: %+v, added %+v", c, added)
	}
	rows, err := f.convs.Inbox(f.ctx, f.shopID, storage.InboxFilter{Status: "open"})
	if err != nil || len(rows) != 1 || rows[0].ID != c.ID {
		t.Fatalf("inbox after Yes: %v, %v", rows, err)
	}
	msgs, _ := f.convs.Messages(f.ctx, f.shopID, c.ID)
	if len(msgs) != 3 {
		t.Fatalf("the ticket's transcript has %d messages, want the question, the offer and the reply", len(msgs))
	}
	if countRows(t, f.db, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobNotifyNewTicket) != 1 ||
		countRows(t, f.db, `SELECT count(*) FROM events WHERE conversation_id = $1 AND kind = 'conversation.created' AND audience = 'agents'`, c.ID) != 1 {
		t.Fatal("the team is not told of the new ticket (email job and inbox event)")
	}
	if _, _, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, f.profile.ID, c.ID, storage.HandoffAnswer{Accept: true}); !errors.Is(err, storage.ErrNotTheAgents) {
		t.Fatalf("a second Yes: %v, want ErrNotTheAgents", err)
	}
	f.reply(t, c.ID)
	c, _ = f.convs.Get(f.ctx, f.shopID, c.ID)
	if *c.AIStatus != "unresolved" {
		t.Fatalf("the team's reply after a handoff: %s, want unresolved", *c.AIStatus)
	}
}

// No withdraws the offer, and the agent goes on.
func TestNoToTheOfferLetsTheAgentGoOn(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Hmm")
	f.aiReply(t, res, storage.AIReply{Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer})
	c, added, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, f.profile.ID, res.Conversation.ID,
		storage.HandoffAnswer{Reply: "No problem! What else can I help you with?"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.AIAnswering || c.Handoff != "none" || c.HandoffOfferedAt != nil || len(added) != 1 || added[0].Author != storage.AuthorAI {
		t.Fatalf("after No: %+v, added %+v", c, added)
	}
	other := newChatFixtureProfile(t, f, 7002)
	if _, _, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, other.profile.ID, c.ID, storage.HandoffAnswer{Accept: true}); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shopper answering: %v, want not found", err)
	}
}

// The stored AI status agrees with app/chat's rule on every combination of
// what it depends on.
func TestStoredAIStatusFollowsTheRule(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.aiPost(t, "Hello").Conversation
	for _, status := range []string{"open", "snoozed", "closed"} {
		for _, handoff := range []string{"none", "inbox", "custom_message", "zendesk", "gorgias"} {
			for _, last := range []string{"shopper", "ai", "agent", "system"} {
				var got *string
				err := f.db.Get(&got, `UPDATE conversations SET status = $2, handoff = $3, last_author = $4,
					snoozed_until = CASE WHEN $2 = 'snoozed' THEN now() END, closed_at = CASE WHEN $2 = 'closed' THEN now() END,
					closed_by = CASE WHEN $2 = 'closed' THEN 'shopper' END
					WHERE id = $1 RETURNING ai_status`, c.ID, status, handoff, last)
				if err != nil {
					t.Fatal(err)
				}
				want := chat.StatusOfAI(chat.AIConversation{Status: chat.Status(status), Handoff: chat.Handoff(handoff), LastAuthor: last})
				if got == nil || *got != string(want) {
					t.Errorf("%s, handoff %s, last %s: stored %v, rule %s", status, handoff, last, got, want)
				}
			}
		}
	}
}

// An AI answer left unanswered until the 48-hour close is AI resolved.
func TestAnAnswerLeftUntilTheInactivityCloseIsResolved(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "What sizes do you have?")
	f.aiReply(t, res, storage.AIReply{Body: "S to XL."})
	f.clock.Advance(48 * time.Hour)
	if _, err := f.convs.CloseInactive(f.ctx, chat.AutoCloseCutoff(f.clock.Now()), 10); err != nil {
		t.Fatal(err)
	}
	c, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if c.Status != "closed" || c.AIStatus == nil || *c.AIStatus != "resolved" {
		t.Fatalf("after 48 hours: %s, AI status %v; want closed and resolved", c.Status, c.AIStatus)
	}
}

// With the agent turned off, the shopper's next message in a conversation
// the agent had hands it to the team: a new ticket, with its email.
func TestTurningTheAgentOffHandsItsConversationsToTheTeam(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Hi")
	res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
		ClientID: newClientID(), Body: "Anyone?", Preview: "Anyone?", AIAnswers: false})
	if err != nil {
		t.Fatal(err)
	}
	if res.Conversation.AIAnswering || !res.HandedToTeam ||
		countRows(t, f.db, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobNotifyNewTicket) != 1 {
		t.Fatalf("after the agent is off: %+v", res)
	}
}

// The AI agent's answers to the same message recorded at once (a job run
// twice, its lease gone) store one reply: each gets the same message, and
// the conversation counts it once.
func TestAnswersRecordedAtOnceStoreOneReply(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Where is my order?")
	const at = 8
	got, errs := make([]storage.Message, at), make([]error, at)
	var wg sync.WaitGroup
	for i := range at {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = f.convs.RecordAIReply(f.ctx, f.shopID, res.Conversation.ID,
				storage.AIReply{ReplyTo: res.Message.ID, Body: "It ships today.", Preview: "It ships today."})
		}()
	}
	wg.Wait()
	for i := range at {
		if errs[i] != nil || got[i].ID != got[0].ID || got[i].Body != "It ships today." {
			t.Fatalf("answer %d: %+v, %v; the first %+v", i, got[i], errs[i], got[0])
		}
	}
	c, err := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if err != nil || c.MessageCount != 2 || countRows(t, f.db, `SELECT count(*) FROM messages WHERE reply_to = $1`, res.Message.ID) != 1 {
		t.Fatalf("conversation %+v, %v: want one reply, counted once", c, err)
	}
}

// Recording an AI answer is four round trips: the transaction's begin
// with its shop wall (two before), the conversation's update with the
// message (its lock, check and update were three statements, the message
// a fourth), its event, the commit.
func TestRecordingAnAnswerIsFourRoundTrips(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	n := f.roundTrips(t, func(convs *storage.Conversations, round string) error {
		res := f.aiPost(t, round+" question")
		_, err := convs.RecordAIReply(f.ctx, f.shopID, res.Conversation.ID, storage.AIReply{ReplyTo: res.Message.ID, Body: "Yes.", Preview: "Yes."})
		return err
	})
	if n != 4 {
		t.Fatalf("recording an answer took %d round trips, want 4", n)
	}
}

// roundTrips counts the writes to the server of write, run by a store of
// one connection through a proxy: its round trips. It is run twice and
// counted the second time, when its statements are prepared already.
func (f chatFixture) roundTrips(t *testing.T, write func(convs *storage.Conversations, round string) error) int64 {
	t.Helper()
	var dbName string
	if err := f.db.Get(&dbName, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	proxied, writes := pgtest.CountingProxy(t, pgtest.AsAppRole(pgtest.URLFor(t, dbName)))
	convs := storage.NewConversations(pgtest.OpenPool(t, proxied, storage.Pool{MaxConns: 1}), time.Now)
	var n int64
	for _, round := range []string{"warm", "counted"} {
		before := writes.Load()
		if err := write(convs, round); err != nil {
			t.Fatal(err)
		}
		n = writes.Load() - before
	}
	return n
}

// A conversation read with its messages and its shopper's profile, in one
// statement, is what Get, Messages and Profiles.Get read apart; one
// without messages comes with none.
func TestAConversationReadWithItsMessages(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "Where is my order?")
	f.aiReply(t, res, storage.AIReply{Body: "It ships today.", Tag: "order_status"})
	c, msgs, p, err := f.convs.WithMessagesAndProfile(f.ctx, f.shopID, res.Conversation.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantC, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	wantM, _ := f.convs.Messages(f.ctx, f.shopID, res.Conversation.ID)
	wantP, _ := storage.NewProfiles(f.db, f.clock.Now).Get(f.ctx, f.shopID, f.profile.ID)
	if !reflect.DeepEqual(c, wantC) || !reflect.DeepEqual(msgs, wantM) || len(msgs) != 2 {
		t.Fatalf("read together: %+v %+v\napart: %+v %+v", c, msgs, wantC, wantM)
	}
	if !reflect.DeepEqual(p, wantP) || p.ShopifyCustomerID == nil || *p.ShopifyCustomerID != 7001 {
		t.Fatalf("the shopper read with the conversation: %+v\napart: %+v", p, wantP)
	}
	var empty int64
	if err := f.db.Get(&empty, `INSERT INTO conversations (shop_id, profile_id, channel, status, first_message, last_message_at, created_at, updated_at)
		VALUES ($1, $2, 'sms', 'open', '', now(), now(), now()) RETURNING id`, f.shopID, f.profile.ID); err != nil {
		t.Fatal(err)
	}
	if c, msgs, p, err := f.convs.WithMessagesAndProfile(f.ctx, f.shopID, empty); err != nil || c.ID != empty || len(msgs) != 0 || p.ID != f.profile.ID {
		t.Fatalf("a conversation without messages: %+v, %v, %+v, %v", c, msgs, p, err)
	}
	if _, _, err := f.convs.WithMessages(f.ctx, f.shopID, empty+1000); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a missing conversation: %v, want ErrNotFound", err)
	}
}
