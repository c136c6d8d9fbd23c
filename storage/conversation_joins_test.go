package storage_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// askingPost is the k-th next question of a shopper the AI agent is
// answering; one (k == 3) is a message the agent does not answer.
func askingPost(k int) storage.ShopperPost {
	body := fmt.Sprintf("and another question %d", k)
	return storage.ShopperPost{ClientID: newClientID(), Body: body, Preview: body, AIAnswers: true, Unanswered: k == 3, Language: "es"}
}

// Shoppers' next messages in the AI agent's conversations, queued
// together, are stored together (one savepoint's statements for all, not
// one savepoint each), and each conversation holds what it would hold had
// the message come alone: its messages, its answering job, its events, the
// agent still answering.
func TestPostsToTheAgentsConversationsJoinTogether(t *testing.T) {
	f := newPostFixture(t, 8, 3)
	held, customer := f.profiles[0], int64(100)
	alone := f.newShoppersInLane(t, held, 12, &customer)
	together := f.newShoppersInLane(t, held, 12, &customer)
	for _, p := range append(append([]int64(nil), alone...), together...) {
		first := askingPost(0)
		first.Body, first.Preview = "hello", "hello"
		if _, err := f.convs.PostFromShopper(f.ctx, f.shopID, p, first); err != nil {
			t.Fatal(err)
		}
	}
	want := make([]storage.PostResult, len(alone))
	for k, p := range alone {
		res, err := storage.PostOneByOne(f.ctx, f.convs, f.shopID, p, askingPost(k))
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
			got[k], errs[k] = f.convs.PostFromShopper(f.ctx, f.shopID, p, askingPost(k))
		}()
	}
	awaitWaitingPosts(t, f.convs, len(together))
	release()
	wg.Wait()
	var ids []int64
	for k := range together {
		if errs[k] != nil || got[k].Started || got[k].Message.Body != fmt.Sprintf("and another question %d", k) {
			t.Fatalf("post %d: %+v, %v", k, got[k], errs[k])
		}
		if a, b := f.storyOf(t, want[k]), f.storyOf(t, got[k]); a != b {
			t.Fatalf("the agent's conversation %d joined in a batch holds %+v, alone %+v", k, b, a)
		}
		ids = append(ids, got[k].Message.ID)
	}
	if n := countRows(t, f.owner, `SELECT count(DISTINCT xmin::text) FROM messages WHERE id = ANY($1)`, pq.Array(ids)); n != 1 {
		t.Fatalf("the %d messages queued together were stored in %d savepoints, want 1", len(ids), n)
	}
}

// A batch of shoppers' next messages to their tickets costs the same
// round trips whatever its size: the transaction's begin with its
// savepoint and the shop wall, one statement that locks the tickets,
// stores the messages and returns them with the tickets updated (three
// before), the savepoint's release, the events, the commit. (Counted the
// second time, when its statements are prepared already.)
func TestABatchOfNextPostsIsFiveRoundTrips(t *testing.T) {
	var writes *atomic.Int64
	f := newPostFixtureVia(t, 24, 1, func(url string) string {
		proxied, n := pgtest.CountingProxy(t, url)
		writes = n
		return proxied
	})
	for _, round := range []string{"warm", "counted"} {
		posts := make([]storage.ShopperPost, len(f.profiles))
		for i := range posts {
			body := round + " question"
			posts[i] = storage.ShopperPost{ClientID: newClientID(), Body: body, Preview: body}
		}
		before := writes.Load()
		res, errs, err := storage.WritePostsTogether(f.ctx, f.convs, f.shopID, f.profiles, posts)
		if err != nil {
			t.Fatal(err)
		}
		for i := range posts {
			if errs[i] != nil || res[i].Message.Body != round+" question" || res[i].Conversation.LastMessagePreview != round+" question" {
				t.Fatalf("%s post %d: %+v, %v", round, i, res[i], errs[i])
			}
		}
		if n := writes.Load() - before; round == "counted" && n != 5 {
			t.Fatalf("a batch of %d next posts took %d round trips, want 5", len(posts), n)
		}
	}
}

// A batch of next questions to the AI agent queues their answers in the
// statement that holds the transaction's key for the workers' wake-up
// (six round trips in all, with the transaction's BEGIN sent with its
// first statement; eight before), and the workers are woken once it has
// committed. A batch of first questions, starting the agent's
// conversations, is ten (thirteen before: the BEGIN, the jobs' key, and
// the conversations read back after their update).
func TestABatchOfQuestionsQueuesItsAnswersAndWakesTheWorkers(t *testing.T) {
	var writes *atomic.Int64
	var url string
	f := newPostFixtureVia(t, 0, 1, func(u string) string {
		proxied, n := pgtest.CountingProxy(t, u)
		writes, url = n, u
		return proxied
	})
	newShoppers := func(from int64) []int64 {
		var profiles []int64
		for c := range int64(12) {
			p, err := storage.NewProfiles(f.owner, newClock().Now).ForCustomer(f.ctx, f.shopID, from+c)
			if err != nil {
				t.Fatal(err)
			}
			profiles = append(profiles, p.ID)
		}
		return profiles
	}
	listener := pq.NewListener(url, 10*time.Millisecond, time.Second, nil)
	t.Cleanup(func() { listener.Close() })
	if err := listener.Listen(storage.JobsChannel); err != nil {
		t.Fatal(err)
	}
	wakerCtx, stopWaker := context.WithCancel(f.ctx)
	waking := make(chan struct{})
	t.Cleanup(func() { stopWaker(); <-waking })
	go func() {
		defer close(waking)
		if err := storage.NewJobs(f.owner, time.Now).WakeWorkers(wakerCtx); err != nil {
			t.Errorf("waker: %v", err)
		}
	}()
	first, second := newShoppers(8000), newShoppers(9000)
	want := map[string]int64{"counted next": 6, "counted start": 10}
	for _, round := range []struct {
		name     string
		profiles []int64
	}{{"start", first}, {"next", first}, {"counted next", first}, {"counted start", second}} {
		posts := make([]storage.ShopperPost, len(round.profiles))
		for k := range posts {
			posts[k] = askingPost(k)
			posts[k].Unanswered = false
		}
		before := writes.Load()
		res, errs, err := storage.WritePostsTogether(f.ctx, f.convs, f.shopID, round.profiles, posts)
		if err != nil {
			t.Fatal(err)
		}
		for k := range posts {
			if errs[k] != nil || res[k].AIAnswerJob == 0 || res[k].Conversation.LastMessagePreview != posts[k].Preview {
				t.Fatalf("%s post %d: %+v, %v; want its answer queued", round.name, k, res[k], errs[k])
			}
		}
		if n, ok := want[round.name]; ok && writes.Load()-before != n {
			t.Fatalf("a batch of %d questions (%s) took %d round trips, want %d", len(posts), round.name, writes.Load()-before, n)
		}
		select {
		case n := <-listener.Notify:
			if n == nil || n.Channel != storage.JobsChannel {
				t.Fatalf("notification %+v", n)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the answers queued did not wake the workers", round.name)
		}
	}
}

// A post alone in its batch is stored as a batch's are: a shopper's next
// message is four round trips (the transaction's begin with the shop wall,
// the statement that locks the ticket, stores the message and updates the
// ticket, the events, the commit; eight before), and a first message
// starts its ticket in the statements that start a batch's (eight round
// trips; fourteen one by one, with the automatic reply). The ticket holds
// what the savepoint path stores, one message at a time.
func TestAPostAloneJoinsOrStartsItsTicketAsABatchDoes(t *testing.T) {
	var writes *atomic.Int64
	f := newPostFixtureVia(t, 0, 1, func(url string) string {
		proxied, n := pgtest.CountingProxy(t, url)
		writes = n
		return proxied
	})
	shopper := func(customer int64) int64 {
		p, err := storage.NewProfiles(f.owner, newClock().Now).ForCustomer(f.ctx, f.shopID, customer)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	alone := func(profile int64, body string) (storage.PostResult, int64) {
		before := writes.Load()
		post := storage.ShopperPost{ClientID: newClientID(), Body: body, Preview: body, AutoReply: "We are away.", Welcome: "Hi!"}
		res, errs, err := storage.WritePostsTogether(f.ctx, f.convs, f.shopID, []int64{profile}, []storage.ShopperPost{post})
		if err != nil || errs[0] != nil {
			t.Fatalf("%q: %v, %v", body, err, errs[0])
		}
		return res[0], writes.Load() - before
	}
	warm := shopper(8100) // its statements prepared on the pool's connection
	alone(warm, "first")
	alone(warm, "next")
	reference, counted := shopper(8300), shopper(8200)
	first, startTrips := alone(counted, "first question")
	if !first.Started || len(first.Automatic) != 1 || first.Conversation.MessageCount != 2 {
		t.Fatalf("a first message alone: %+v; want a ticket started with the automatic reply", first)
	}
	next, nextTrips := alone(counted, "next question")
	if next.Started || next.Conversation.ID != first.Conversation.ID || next.Conversation.MessageCount != 3 ||
		next.Conversation.LastMessagePreview != "next question" || !next.Conversation.Unread {
		t.Fatalf("a next message alone: %+v; want it in the ticket started", next)
	}
	if nextTrips != 4 || startTrips != 8 {
		t.Fatalf("a next message alone took %d round trips, want 4; a first %d, want 8", nextTrips, startTrips)
	}
	var want storage.PostResult
	for _, body := range []string{"first question", "next question"} {
		post := storage.ShopperPost{ClientID: newClientID(), Body: body, Preview: body, AutoReply: "We are away.", Welcome: "Hi!"}
		var err error
		if want, err = storage.PostOneByOne(f.ctx, f.convs, f.shopID, reference, post); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := f.storyOf(t, want), f.storyOf(t, next); a != b {
		t.Fatalf("a ticket of two messages alone holds %+v, one by one %+v", b, a)
	}
}

// Posts find the tickets they join through the shoppers' ids in the index
// of conversations going on, in the plan kept for their prepared
// statement, also when the statistics PostgreSQL keeps of the shop are
// older than its open tickets (a busy hour after a quiet night: the
// autovacuum analyses after a tenth of the table changed). Matched only as
// (profile, channel) pairs with the unnested rows, the kept plan read that
// index whole, every open ticket of the shop, to find a few.
func TestPostsFindTheirTicketsByTheShoppersIds(t *testing.T) {
	f := newPostFixture(t, 1, 1)
	tickets := func(status string, from, n int) {
		t.Helper()
		if _, err := f.owner.ExecContext(f.ctx, `
			WITH p AS (INSERT INTO profiles (shop_id, shopify_customer_id, created_at, updated_at)
				SELECT $1, $3 + g, now(), now() FROM generate_series(1, $4) g RETURNING id)
			INSERT INTO conversations (shop_id, profile_id, channel, status, first_message, last_message_at, created_at, updated_at)
			SELECT $1, p.id, 'web_chat', $2, 'hello', now(), now(), now() FROM p`, f.shopID, status, from, n); err != nil {
			t.Fatal(err)
		}
	}
	tickets("closed", 900000, 20000)
	if _, err := f.owner.ExecContext(f.ctx, `ANALYZE profiles, conversations`); err != nil {
		t.Fatal(err)
	}
	tickets("open", 950000, 1000)
	lines := f.genericPlan(t,
		`PREPARE joining(bigint, bigint[], text[], text[], text[], text[], jsonb[], jsonb[], bool[], timestamptz) AS `+storage.JoinQuery,
		fmt.Sprintf(`EXPLAIN EXECUTE joining(%d, '{%d}', '{web_chat}', '{c}', '{b}', '{b}', '{"[]"}', '{"[]"}', '{f}', now())`,
			f.shopID, f.profiles[0]))
	for i, line := range lines {
		if strings.Contains(line, " on conversations v ") &&
			(i+1 == len(lines) || !strings.Contains(lines[i+1], "Index Cond:") || !strings.Contains(lines[i+1], "profile_id = ")) {
			t.Fatalf("the posts' tickets are not looked up by their shoppers' ids:\n%s", strings.Join(lines, "\n"))
		}
	}
}
