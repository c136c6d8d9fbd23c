package storage_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/lib/pq"

	"hubchat/storage"
)

// startingPost is the first message of the k-th new shopper of a test:
// the AI agent on or off, with or without an automatic reply and a
// welcome, and one the agent does not answer.
func startingPost(k int) storage.ShopperPost {
	p := storage.ShopperPost{ClientID: newClientID(), Body: fmt.Sprintf("hello %d", k), Preview: fmt.Sprintf("hello %d", k),
		AIAnswers: k%3 == 0, Unanswered: k == 3, Language: "es"}
	if k%2 == 0 {
		p.AutoReply = "We are away"
	}
	if k%4 < 2 {
		p.Welcome = "Welcome!"
	}
	return p
}

// newShoppersInLane makes n profiles without a ticket in held's lane.
func (f postFixture) newShoppersInLane(t *testing.T, held int64, n int, customer *int64) []int64 {
	t.Helper()
	var out []int64
	for len(out) < n {
		*customer++
		p, err := storage.NewProfiles(f.owner, newClock().Now).ForCustomer(f.ctx, f.shopID, *customer)
		if err != nil {
			t.Fatal(err)
		}
		if p.ID%storage.PostLanes == held%storage.PostLanes {
			out = append(out, p.ID)
		}
	}
	return out
}

// ticketStory is what a started ticket holds, to compare a batch's with
// tickets started alone.
type ticketStory struct {
	messages, welcomes, aiJobs, emailJobs int
	count                                 int
	lastAuthor                            string
	aiAnswering, automatic, aiJob, events bool
}

func (f postFixture) storyOf(t *testing.T, res storage.PostResult) ticketStory {
	t.Helper()
	c := res.Conversation.ID
	return ticketStory{
		messages: countRows(t, f.owner, `SELECT count(*) FROM messages WHERE conversation_id = $1`, c),
		welcomes: countRows(t, f.owner, `SELECT count(*) FROM thread_events WHERE conversation_id = $1 AND kind = 'welcome'`, c),
		aiJobs: countRows(t, f.owner, `SELECT count(*) FROM jobs WHERE kind = 'ai.answer'
			AND (payload->>'conversation_id')::bigint = $1 AND (payload->>'message_id')::bigint = $2 AND payload->>'language' = 'es'`, c, res.Message.ID),
		emailJobs:   countRows(t, f.owner, `SELECT count(*) FROM jobs WHERE kind = 'notify.new_ticket' AND (payload->>'conversation_id')::bigint = $1`, c),
		count:       res.Conversation.MessageCount,
		lastAuthor:  res.Conversation.LastAuthor,
		aiAnswering: res.Conversation.AIAnswering,
		automatic:   len(res.Automatic) == 1 && res.Automatic[0].Body == "We are away",
		aiJob:       res.AIAnswerJob != 0,
		events: countRows(t, f.owner, `SELECT count(*) FROM events WHERE kind = 'message.created'
			AND (payload->>'conversation_id')::bigint = $1`, c) == res.Conversation.MessageCount,
	}
}

// New shoppers' first messages queued together start their tickets
// together (one savepoint's statements for all, not one savepoint each),
// and each ticket holds what it would hold had its message come alone:
// its messages, automatic reply, welcome, job and events.
func TestNewTicketsSentTogetherStartTogether(t *testing.T) {
	f := newPostFixture(t, 8, 3)
	held, customer := f.profiles[0], int64(100)
	alone := f.newShoppersInLane(t, held, 12, &customer)
	together := f.newShoppersInLane(t, held, 12, &customer)
	want := make([]storage.PostResult, len(alone))
	for k, p := range alone {
		res, err := storage.PostOneByOne(f.ctx, f.convs, f.shopID, p, startingPost(k))
		if err != nil {
			t.Fatal(err)
		}
		want[k] = res
	}
	release := f.holdLane(t, held)
	got, errs := make([]storage.PostResult, len(together)), make([]error, len(together))
	var wg sync.WaitGroup
	for k, p := range together {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[k], errs[k] = f.convs.PostFromShopper(f.ctx, f.shopID, p, startingPost(k))
		}()
	}
	awaitWaitingPosts(t, f.convs, len(together))
	release()
	wg.Wait()
	var ids []int64
	for k := range together {
		if errs[k] != nil || !got[k].Started || got[k].Message.Body != fmt.Sprintf("hello %d", k) {
			t.Fatalf("post %d: %+v, %v", k, got[k], errs[k])
		}
		if a, b := f.storyOf(t, want[k]), f.storyOf(t, got[k]); a != b {
			t.Fatalf("ticket %d started in a batch holds %+v, alone %+v", k, b, a)
		}
		ids = append(ids, got[k].Conversation.ID)
	}
	// Each ticket's last write (its update) carries the id of the
	// (sub)transaction that made it: one for the batch's tickets.
	if n := countRows(t, f.owner, `SELECT count(DISTINCT xmin::text) FROM conversations WHERE id = ANY($1)`, pq.Array(ids)); n != 1 {
		t.Fatalf("the %d tickets queued together were started in %d savepoints, want 1", len(ids), n)
	}
}
