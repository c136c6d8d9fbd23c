package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// chatFixture is a shop with one signed-in customer's profile and an agent.
type chatFixture struct {
	ctx     context.Context
	db      *sqlx.DB
	clock   *clock
	convs   *storage.Conversations
	shopID  int64
	profile storage.Profile
	agentID int64
}

func newChatFixture(t testing.TB) chatFixture {
	t.Helper()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shop, err := storage.NewShops(db, testKeys(t), clk.Now).Install(ctx, "chat.myshopify.com", expiringToken(clk.Now(), "shpat_c", "shprt_c"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := storage.NewProfiles(db, clk.Now).ForCustomer(ctx, shop.ID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := storage.NewAgents(db, clk.Now).Seen(ctx, shop.ID, 9001)
	if err != nil {
		t.Fatal(err)
	}
	return chatFixture{ctx: ctx, db: db, clock: clk, convs: storage.NewConversations(db, clk.Now), shopID: shop.ID, profile: p, agentID: agent.ID}
}

var clientIDs = struct {
	sync.Mutex
	n int
}{}

func newClientID() string {
	clientIDs.Lock()
	defer clientIDs.Unlock()
	clientIDs.n++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", clientIDs.n)
}

func (f chatFixture) post(t *testing.T, clientID, body string, reply string) storage.PostResult {
	t.Helper()
	res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
		ClientID: clientID, Body: body, Preview: body,
		AutoReply: reply,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f chatFixture) events(t *testing.T, kind string) int {
	t.Helper()
	return countRows(t, f.db, `SELECT count(*) FROM events WHERE shop_id = $1 AND kind = $2`, f.shopID, kind)
}

func TestFirstMessageStartsAConversationWithItsAutomaticReply(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	first := f.post(t, newClientID(), "Where is my order?", "One moment, please.")
	if !first.Started || first.Duplicate || len(first.Automatic) != 1 || first.Automatic[0].Author != storage.AuthorSystem {
		t.Fatalf("first post: %+v", first)
	}
	c := first.Conversation
	if c.Status != storage.StatusOpen || c.MessageCount != 2 || c.FirstMessage != "Where is my order?" || c.AwaitingReplySince == nil {
		t.Fatalf("conversation: %+v", c)
	}
	f.clock.Advance(time.Minute)
	second := f.post(t, newClientID(), "It was #1001", "One moment, please.")
	if second.Started || second.Conversation.ID != c.ID || len(second.Automatic) != 0 || second.Conversation.MessageCount != 3 {
		t.Fatalf("second post joined %+v", second)
	}
	if !second.Conversation.AwaitingReplySince.Equal(*c.AwaitingReplySince) {
		t.Fatal("waiting time restarted on the shopper's second message")
	}
	if f.events(t, "conversation.created") != 1 || f.events(t, "message.created") != 3 {
		t.Fatalf("events: %d created, %d messages", f.events(t, "conversation.created"), f.events(t, "message.created"))
	}
}

// A retried send (same client id) is stored once, even when the retry
// races the original.
func TestRetriedSendIsStoredOnce(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	id := newClientID()
	first := f.post(t, id, "Hello", "")
	again := f.post(t, id, "Hello", "")
	if !again.Duplicate || again.Message.ID != first.Message.ID {
		t.Fatalf("retry: %+v", again)
	}
	raced := newClientID()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); f.post(t, raced, "Are you there?", "") }()
	}
	wg.Wait()
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE client_id = $1`, raced); n != 1 {
		t.Fatalf("%d copies of a raced retry", n)
	}
	if n := countRows(t, f.db, `SELECT message_count FROM conversations`); n != 2 {
		t.Fatalf("message count %d, want 2", n)
	}
}

// Two first messages at once open one conversation, not two tickets.
func TestConcurrentFirstMessagesOpenOneConversation(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); f.post(t, newClientID(), "hi", "auto") }()
	}
	wg.Wait()
	if n := countRows(t, f.db, `SELECT count(*) FROM conversations`); n != 1 {
		t.Fatalf("%d conversations", n)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE author = 'system'`); n != 1 {
		t.Fatalf("%d automatic replies, want 1", n)
	}
}

func TestSnoozedConversationWakesOnAShopperMessage(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "hi", "").Conversation
	f.db.MustExec(`UPDATE conversations SET status = 'snoozed', snoozed_until = now() + interval '1 day' WHERE id = $1`, c.ID)
	res := f.post(t, newClientID(), "still there?", "")
	if res.Conversation.ID != c.ID || res.Conversation.Status != storage.StatusOpen || res.Conversation.SnoozedUntil != nil {
		t.Fatalf("after a message to a snoozed conversation: %+v", res.Conversation)
	}
}

// Ending a conversation closes it for good: it is no longer the shopper's,
// it takes no reply, and the next message opens a new one.
func TestEndedConversationIsNeverReopened(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "hi", "").Conversation
	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "shopper"); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("closing twice: %v", err)
	}
	if active, _, err := f.convs.Active(f.ctx, f.shopID, f.profile.ID); err != nil || active != nil {
		t.Fatalf("after ending, active = %+v, %v", active, err)
	}
	if _, err := f.convs.PostFromAgent(f.ctx, f.shopID, c.ID, f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "late", Preview: "late"}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("reply to an ended conversation: %v", err)
	}
	next := f.post(t, newClientID(), "new question", "")
	if !next.Started || next.Conversation.ID == c.ID {
		t.Fatalf("the next message joined the ended conversation: %+v", next)
	}
	if f.events(t, "conversation.closed") != 1 {
		t.Fatal("no conversation.closed event, or one from the refused close")
	}
}

func TestAgentReplyAssignsAndIsSeenByTheShopper(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "hi", "").Conversation
	r1, err := f.convs.PostFromAgent(f.ctx, f.shopID, c.ID, f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "Hello! Checking.", Preview: "Hello! Checking."})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := f.convs.PostFromAgent(f.ctx, f.shopID, c.ID, f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "Found it.", Preview: "Found it."})
	got, _ := f.convs.Get(f.ctx, f.shopID, c.ID)
	if got.AssigneeAgentID == nil || *got.AssigneeAgentID != f.agentID || got.AwaitingReplySince != nil {
		t.Fatalf("after the reply: assignee %v, waiting since %v", got.AssigneeAgentID, got.AwaitingReplySince)
	}
	seen, err := f.convs.MarkSeenByShopper(f.ctx, f.shopID, f.profile.ID, r1.ID)
	if err != nil || len(seen) != 1 || seen[0] != r1.ID {
		t.Fatalf("seen %v, %v; want only %d", seen, err, r1.ID)
	}
	if again, _ := f.convs.MarkSeenByShopper(f.ctx, f.shopID, f.profile.ID, r2.ID); len(again) != 1 || again[0] != r2.ID {
		t.Fatalf("second mark: %v", again)
	}
	if f.events(t, "message.seen") != 2 {
		t.Fatal("seen events missing")
	}
	// The shopper's own messages are never marked seen by the shopper.
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE author = 'shopper' AND seen_at IS NOT NULL`); n != 0 {
		t.Fatal("a shopper message was marked seen")
	}
}
