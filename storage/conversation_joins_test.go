package storage_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
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
		res, err := f.convs.PostFromShopper(f.ctx, f.shopID, p, askingPost(k))
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
// round trips whatever its size: the transaction's begin, its savepoint
// with the shop wall, one statement that locks the tickets, stores the
// messages and returns them with the tickets updated (three before), the
// savepoint's release, the events, the commit. (Counted the second time,
// when its statements are prepared already.)
func TestABatchOfNextPostsIsSixRoundTrips(t *testing.T) {
	var writes *atomic.Int64
	f := newPostFixtureVia(t, 24, 1, func(url string) string {
		proxied, n := countingProxy(t, url)
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
		if n := writes.Load() - before; round == "counted" && n != 6 {
			t.Fatalf("a batch of %d next posts took %d round trips, want 6", len(posts), n)
		}
	}
}

// A batch of next questions to the AI agent queues their answers in the
// statement that holds the transaction's key for the workers' wake-up
// (seven round trips in all, eight before), and the workers are woken once
// it has committed. A batch of first questions, starting the agent's
// conversations, is eleven (thirteen before: the jobs' key, and the
// conversations read back after their update).
func TestABatchOfQuestionsQueuesItsAnswersAndWakesTheWorkers(t *testing.T) {
	var writes *atomic.Int64
	var url string
	f := newPostFixtureVia(t, 0, 1, func(u string) string {
		proxied, n := countingProxy(t, u)
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
	want := map[string]int64{"counted next": 7, "counted start": 11}
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
