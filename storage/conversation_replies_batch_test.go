package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/lib/pq"

	"hubchat/storage"
)

// replyFixture is a postFixture with an agent answering its tickets.
type replyFixture struct {
	postFixture
	agentID int64
}

func newReplyFixture(t *testing.T, shoppers, maxConns int) replyFixture {
	t.Helper()
	f := newPostFixture(t, shoppers, maxConns)
	a, err := storage.NewAgents(f.owner, newClock().Now).Seen(f.ctx, f.shopID, 9001)
	if err != nil {
		t.Fatal(err)
	}
	return replyFixture{postFixture: f, agentID: a.ID}
}

// ticketsOf are the ids of the profiles' tickets going on, in order.
func (f replyFixture) ticketsOf(t *testing.T, profiles []int64) []int64 {
	t.Helper()
	out := make([]int64, len(profiles))
	for i, p := range profiles {
		out[i] = f.ticketOf(t, p)
	}
	return out
}

// ticketOf is the id of the profile's ticket going on.
func (f replyFixture) ticketOf(t *testing.T, profileID int64) int64 {
	t.Helper()
	return int64(countRows(t, f.owner, `SELECT id FROM conversations WHERE profile_id = $1 AND status <> 'closed'`, profileID))
}

func (f replyFixture) reply(ctx context.Context, convID int64, clientID, body string) (storage.Message, error) {
	return f.convs.PostFromAgent(ctx, f.shopID, convID, f.agentID, storage.AgentReply{ClientID: clientID, Body: body, Preview: body})
}

// sendRepliesQueued sends a reply to the ticket of each of profiles while
// their lane is held, each from its own goroutine, waits until all are
// queued, lets the lane go, and returns each reply's message and error.
func (f replyFixture) sendRepliesQueued(t *testing.T, release func(), profiles []int64, bodies []string) ([]storage.Message, []error) {
	t.Helper()
	tickets := f.ticketsOf(t, profiles)
	msgs, errs := make([]storage.Message, len(profiles)), make([]error, len(profiles))
	var wg sync.WaitGroup
	for i := range profiles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msgs[i], errs[i] = f.reply(f.ctx, tickets[i], newClientID(), bodies[i])
		}()
	}
	awaitWaitingPosts(t, f.convs, len(profiles))
	release()
	wg.Wait()
	return msgs, errs
}

// Replies queued behind a batch in flight in their shoppers' lane are
// written as the next batch: one transaction, each with its ticket updated
// and its events.
func TestRepliesSentTogetherShareOneCommit(t *testing.T) {
	f := newReplyFixture(t, 100, 3)
	held := f.profiles[0]
	together := f.sameLane(held)[:12]
	bodies := make([]string, len(together))
	for i := range bodies {
		bodies[i] = fmt.Sprintf("reply %d", i)
	}
	msgs, errs := f.sendRepliesQueued(t, f.holdLane(t, held), together, bodies)
	var ids []int64
	for i, m := range msgs {
		if errs[i] != nil || m.Body != bodies[i] || m.Author != storage.AuthorAgent {
			t.Fatalf("reply %d: %+v, %v", i, m, errs[i])
		}
		ids = append(ids, m.ID)
	}
	if n := commitsOf(t, f.owner, ids); n != 1 {
		t.Fatalf("the %d replies queued together were committed in %d transactions, want 1", len(ids), n)
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM conversations WHERE profile_id = ANY($1)
		AND assignee_agent_id = $2 AND message_count = 2 AND last_author = 'agent' AND awaiting_reply_since IS NULL`,
		pq.Array(together), f.agentID); n != len(together) {
		t.Fatalf("%d of the %d tickets show their reply", n, len(together))
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM events WHERE kind = 'conversation.updated'
		AND (payload->>'last_author') = 'agent' AND profile_id = ANY($1)`, pq.Array(together)); n != len(together) {
		t.Fatalf("%d tickets' updates announced, want %d", n, len(together))
	}
}

// A reply that cannot be stored (its ticket ended) fails alone; the
// others of its batch are stored, together.
func TestAReplyThatFailsInABatchFailsAlone(t *testing.T) {
	f := newReplyFixture(t, 100, 3)
	held := f.profiles[0]
	together := f.sameLane(held)[:10]
	tickets := f.ticketsOf(t, together)
	bad := 4
	if _, err := f.convs.Close(f.ctx, f.shopID, tickets[bad], "shopper"); err != nil {
		t.Fatal(err)
	}
	msgs, errs := make([]storage.Message, len(together)), make([]error, len(together))
	release := f.holdLane(t, held)
	var wg sync.WaitGroup
	for i := range together {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msgs[i], errs[i] = f.reply(f.ctx, tickets[i], newClientID(), fmt.Sprintf("fine %d", i))
		}()
	}
	awaitWaitingPosts(t, f.convs, len(together))
	release()
	wg.Wait()
	var ids []int64
	for i := range together {
		if i == bad {
			if !errors.Is(errs[i], storage.ErrConversationClosed) {
				t.Fatalf("the reply to the ended ticket: %v, want ErrConversationClosed", errs[i])
			}
			continue
		}
		if errs[i] != nil {
			t.Fatalf("reply %d: %v", i, errs[i])
		}
		ids = append(ids, msgs[i].ID)
	}
	if n := commitsOf(t, f.owner, ids); n != 1 {
		t.Fatalf("the %d good replies were committed in %d transactions, want 1", len(ids), n)
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM messages WHERE conversation_id = $1 AND author = 'agent'`, tickets[bad]); n != 0 {
		t.Fatalf("the ended ticket has %d replies", n)
	}
}

// Shoppers and an agent writing to the same tickets at once, many
// goroutines on a pool of two: the posts' batches and the replies' never
// wait on each other's locks in a cycle (no batch fails as a whole, as a
// deadlock would make it), and each sender's messages are stored and
// announced in the order sent.
func TestRepliesAndPostsToOneTicketAtOnceNeverDeadlock(t *testing.T) {
	f := newReplyFixture(t, 48, 2)
	const each = 6
	tickets := f.ticketsOf(t, f.profiles)
	errs := make(chan error, 2*len(f.profiles))
	var wg sync.WaitGroup
	for i, p := range f.profiles {
		wg.Add(2)
		go func() { // the shopper, each message once the one before is stored
			defer wg.Done()
			for k := range each {
				if _, err := f.send(f.ctx, p, newClientID(), fmt.Sprintf("shopper %d", k)); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() { // the agent, likewise
			defer wg.Done()
			for k := range each {
				if _, err := f.reply(f.ctx, tickets[i], newClientID(), fmt.Sprintf("agent %d", k)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := storage.BatchesWrittenAgain(f.convs); n != 0 {
		t.Fatalf("%d batches failed as a whole (deadlocks) and were written again one at a time", n)
	}
	for _, id := range tickets {
		for _, who := range []string{"shopper", "agent"} {
			var stored, announced []string
			if err := f.owner.Select(&stored, `SELECT body FROM messages WHERE conversation_id = $1 AND body LIKE $2 ORDER BY id`,
				id, who+" %"); err != nil {
				t.Fatal(err)
			}
			if err := f.owner.Select(&announced, `SELECT payload->>'body' FROM events WHERE conversation_id = $1
				AND kind = 'message.created' AND payload->>'body' LIKE $2 ORDER BY id`, id, who+" %"); err != nil {
				t.Fatal(err)
			}
			for k := range each {
				want := fmt.Sprintf("%s %d", who, k)
				if len(stored) != each || len(announced) != each || stored[k] != want || announced[k] != want {
					t.Fatalf("ticket %d: stored %q, announced %q; want the %s's %d in order", id, stored, announced, who, each)
				}
			}
		}
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM conversations WHERE message_count = $1`, 1+2*each); n != len(tickets) {
		t.Fatalf("%d of %d tickets count every message", n, len(tickets))
	}
}

// An agent's replies, each sent once the one before is queued, are stored
// and announced in that order, across batches, while the shoppers post.
func TestAnAgentsRepliesKeepTheirOrder(t *testing.T) {
	f := newReplyFixture(t, 40, 2)
	ticket := f.ticketOf(t, f.sameLane(f.profiles[0])[0])
	const sent = 40 // more than one batch holds
	f.sendInOrderWhileOthersPost(t, sent, func(i int) error {
		_, err := f.reply(f.ctx, ticket, newClientID(), fmt.Sprintf("in order %02d", i))
		return err
	})
	f.checkInOrder(t, sent, `SELECT body FROM messages WHERE conversation_id = $1 AND author = 'agent' ORDER BY id`,
		`SELECT payload->>'body' FROM events WHERE conversation_id = $1 AND kind = 'message.created'
			AND payload->>'author' = 'agent' ORDER BY id`, ticket)
}

// Each reply sent three times at once (a retry racing its original), many
// goroutines on a pool of two, is stored once; all three get the same
// message, and each ticket counts its replies once.
func TestRetriesOfAReplyAreStoredExactlyOnce(t *testing.T) {
	f := newReplyFixture(t, 30, 2)
	const perTicket = 3
	tickets := f.ticketsOf(t, f.profiles)
	type answer struct {
		m   storage.Message
		err error
	}
	answers := make([][3]answer, len(tickets)*perTicket)
	var wg sync.WaitGroup
	for k := range answers {
		ticket, clientID := tickets[k%len(tickets)], newClientID()
		for r := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m, err := f.reply(f.ctx, ticket, clientID, "once "+clientID)
				answers[k][r] = answer{m, err}
			}()
		}
	}
	wg.Wait()
	for k, three := range answers {
		for _, a := range three {
			if a.err != nil {
				t.Fatalf("reply %d: %v", k, a.err)
			}
			if a.m.ID != three[0].m.ID {
				t.Fatalf("reply %d answered with messages %d and %d", k, three[0].m.ID, a.m.ID)
			}
		}
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM messages WHERE body LIKE 'once %'`); n != len(answers) {
		t.Fatalf("%d replies stored, want %d", n, len(answers))
	}
	if n := countRows(t, f.owner, `SELECT sum(message_count) FROM conversations`); n != len(tickets)+len(answers) {
		t.Fatalf("tickets count %d messages, want %d", n, len(tickets)+len(answers))
	}
}
