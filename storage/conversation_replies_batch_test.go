package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

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

// An agent's reply is four round trips: the transaction's begin with its
// shop wall (two before), the ticket's update with the message (its lock
// and check, three statements before, then the message a fourth), its
// events, the commit.
func TestAnAgentsReplyIsFourRoundTrips(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	n := f.roundTrips(t, func(convs *storage.Conversations, round string) error {
		res := f.post(t, newClientID(), round+" question", "")
		_, err := convs.PostFromAgent(f.ctx, f.shopID, res.Conversation.ID, f.agentID,
			storage.AgentReply{ClientID: newClientID(), Body: "Yes.", Preview: "Yes."})
		return err
	})
	if n != 4 {
		t.Fatalf("an agent's reply took %d round trips, want 4", n)
	}
}
