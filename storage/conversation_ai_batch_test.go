package storage_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// aiQuestions has one new shopper (customers from firstCustomer on) of f's
// shop ask the AI agent a question each, n of them.
func (f chatFixture) aiQuestions(t *testing.T, firstCustomer int64, n int) []storage.PostResult {
	t.Helper()
	out := make([]storage.PostResult, n)
	for i := range out {
		out[i] = newChatFixtureProfile(t, f, firstCustomer+int64(i)).aiPost(t, fmt.Sprintf("question %d", i))
	}
	return out
}

// aiReplyTo is the reply "answer to <question>" to res.
func aiReplyTo(shopID int64, res storage.PostResult) storage.AIReplyIn {
	body := "answer to " + res.Message.Body
	return storage.AIReplyIn{ShopID: shopID, ConversationID: res.Conversation.ID,
		Reply: storage.AIReply{ReplyTo: res.Message.ID, Body: body, Preview: body}}
}

// Replies recorded together, of two shops, one of them to a conversation
// the shopper has closed, are what each would be alone: each stored reply
// counted by its conversation and announced in its shop, in the order
// recorded; the closed one refused with nothing of it stored.
func TestAnswersRecordedTogetherAreEachWhatItWouldBeAlone(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	other := f
	other.shopID = newChatFixtureShop(t, f, "other-ai.myshopify.com")
	other.profile, _ = storage.NewProfiles(f.db, f.clock.Now).ForCustomer(f.ctx, other.shopID, 8001)
	mine, theirs := f.aiQuestions(t, 7100, 3), other.aiQuestions(t, 8100, 1)
	taken := f.aiQuestions(t, 7200, 1)[0]
	if _, err := f.convs.Close(f.ctx, f.shopID, taken.Conversation.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	replies := []storage.AIReplyIn{aiReplyTo(f.shopID, mine[0]), aiReplyTo(other.shopID, theirs[0]),
		aiReplyTo(f.shopID, taken), aiReplyTo(f.shopID, mine[1]), aiReplyTo(f.shopID, mine[2])}
	msgs, errs, err := storage.RecordAIRepliesTogether(f.ctx, f.convs, replies)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range replies {
		if i == 2 {
			if !errors.Is(errs[i], storage.ErrNotTheAgents) || msgs[i].ID != 0 {
				t.Fatalf("the reply to the closed conversation: %+v, %v; want ErrNotTheAgents", msgs[i], errs[i])
			}
			continue
		}
		if errs[i] != nil || msgs[i].Body != r.Reply.Body || msgs[i].ReplyTo == nil || *msgs[i].ReplyTo != r.Reply.ReplyTo || msgs[i].Author != storage.AuthorAI {
			t.Fatalf("reply %d: %+v, %v", i, msgs[i], errs[i])
		}
		c, err := f.convs.Get(f.ctx, r.ShopID, r.ConversationID)
		if err != nil || c.MessageCount != 2 || c.LastAuthor != storage.AuthorAI || c.LastMessagePreview != r.Reply.Preview {
			t.Fatalf("conversation of reply %d: %+v, %v", i, c, err)
		}
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE conversation_id = $1 AND author = 'ai'`, taken.Conversation.ID); n != 0 {
		t.Fatalf("the closed conversation got %d replies of the agent", n)
	}
	for _, shop := range []int64{f.shopID, other.shopID} {
		var announced []string
		if err := f.db.Select(&announced, `SELECT payload->>'body' FROM events WHERE shop_id = $1 AND kind = 'message.created'
			AND payload->>'author' = 'ai' ORDER BY id`, shop); err != nil {
			t.Fatal(err)
		}
		var want []string
		for i, r := range replies {
			if r.ShopID == shop && i != 2 {
				want = append(want, r.Reply.Body)
			}
		}
		if fmt.Sprint(announced) != fmt.Sprint(want) {
			t.Fatalf("shop %d announced %q, want %q", shop, announced, want)
		}
	}
}

// Three replies of a shop recorded together are four round trips, as one
// is: the begin with the wall, the conversations and messages, the shop's
// events, the commit.
func TestAnswersRecordedTogetherShareTheirRoundTrips(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	customers := int64(7300)
	n := f.roundTrips(t, func(convs *storage.Conversations, round string) error {
		asked := f.aiQuestions(t, customers, 3)
		customers += 3
		replies := make([]storage.AIReplyIn, len(asked))
		for i, res := range asked {
			replies[i] = aiReplyTo(f.shopID, res)
		}
		_, errs, err := storage.RecordAIRepliesTogether(f.ctx, convs, replies)
		return errors.Join(append(errs, err)...)
	})
	if n != 4 {
		t.Fatalf("recording three answers together took %d round trips, want 4", n)
	}
}

// Many answers recorded at once on a pool of two, each twice (a retried
// job racing its first run), are each stored once: both calls get the
// same message, each conversation counts it once and announces it once.
func TestManyAnswersRecordedAtOnceAreEachStoredOnce(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	var dbName string
	if err := f.db.Get(&dbName, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	convs := storage.NewConversations(pgtest.OpenPool(t, pgtest.AsAppRole(pgtest.URLFor(t, dbName)), storage.Pool{MaxConns: 2}), f.clock.Now)
	asked := f.aiQuestions(t, 7400, 24)
	got, errs := make([]storage.Message, 2*len(asked)), make([]error, 2*len(asked))
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := aiReplyTo(f.shopID, asked[i/2])
			got[i], errs[i] = convs.RecordAIReply(f.ctx, r.ShopID, r.ConversationID, r.Reply)
		}()
	}
	wg.Wait()
	for i, res := range asked {
		a, b := 2*i, 2*i+1
		if errs[a] != nil || errs[b] != nil || got[a].ID == 0 || got[a].ID != got[b].ID || got[a].ReplyTo == nil || *got[a].ReplyTo != res.Message.ID {
			t.Fatalf("question %d: %+v, %v and %+v, %v; want one reply for both", i, got[a], errs[a], got[b], errs[b])
		}
		c, err := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
		if err != nil || c.MessageCount != 2 {
			t.Fatalf("conversation %d: %+v, %v; want its reply counted once", i, c, err)
		}
		if n := countRows(t, f.db, `SELECT count(*) FROM events WHERE conversation_id = $1 AND kind = 'message.created'
			AND payload->>'author' = 'ai'`, res.Conversation.ID); n != 1 {
			t.Fatalf("conversation %d announced its reply %d times", i, n)
		}
	}
}

// A reply stored with others in one statement is the reply its own
// statements store: the same message (cards, choices, kind) and the same
// change to its conversation (tag, the offer of a person, its status).
func TestAnswersStoredTogetherAreWhatTheirOwnStatementsStore(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	asked := f.aiQuestions(t, 7500, 3)
	reply := storage.AIReply{Body: "Talk to a person?", Preview: "Talk to a person?", Kind: storage.KindHandoffOffer,
		Cards:   []storage.Card{{ProductID: 11, Title: "Kettle", Price: "20.00", Currency: "EUR", URL: "https://x.test/p"}},
		Choices: []string{"Yes", "No"}, Tag: "shipping"}
	var together []storage.AIReplyIn
	for _, res := range asked[:2] {
		r := reply
		r.ReplyTo = res.Message.ID
		together = append(together, storage.AIReplyIn{ShopID: f.shopID, ConversationID: res.Conversation.ID, Reply: r})
	}
	msgs, errs, err := storage.RecordAIRepliesTogether(f.ctx, f.convs, together)
	if err = errors.Join(append(errs, err)...); err != nil {
		t.Fatal(err)
	}
	alone := reply
	alone.ReplyTo = asked[2].Message.ID
	want, err := storage.AIReplyOneByOne(f.ctx, f.convs, f.shopID, asked[2].Conversation.ID, alone)
	if err != nil {
		t.Fatal(err)
	}
	wantC, _ := f.convs.Get(f.ctx, f.shopID, asked[2].Conversation.ID)
	for i, m := range msgs {
		c, _ := f.convs.Get(f.ctx, f.shopID, together[i].ConversationID)
		if m.Body != want.Body || m.Kind != want.Kind || fmt.Sprint(m.Cards) != fmt.Sprint(want.Cards) ||
			fmt.Sprint(m.Choices) != fmt.Sprint(want.Choices) || m.Author != want.Author || m.AgentID != nil || m.ClientID != nil {
			t.Fatalf("message stored together %+v\nalone %+v", m, want)
		}
		if c.MessageCount != wantC.MessageCount || fmt.Sprint(deref(c.Tag), deref(c.AIStatus), c.Handoff, c.LastAuthor, c.LastMessagePreview) !=
			fmt.Sprint(deref(wantC.Tag), deref(wantC.AIStatus), wantC.Handoff, wantC.LastAuthor, wantC.LastMessagePreview) ||
			(c.HandoffOfferedAt == nil) != (wantC.HandoffOfferedAt == nil) || c.HandoffOfferedAt == nil {
			t.Fatalf("conversation stored together %+v\nalone %+v", c, wantC)
		}
	}
}

// deref is *p, or its type's zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		return *new(T)
	}
	return *p
}
