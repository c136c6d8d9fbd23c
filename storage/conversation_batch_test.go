package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// postFixture is a shop whose shoppers each have a ticket going on, and a
// store writing as the app's role (under the shop wall) on a small pool.
type postFixture struct {
	ctx      context.Context
	owner    *sqlx.DB // the tests' own reads and locks
	convs    *storage.Conversations
	shopID   int64
	profiles []int64 // each with a ticket going on
}

func newPostFixture(t *testing.T, shoppers, maxConns int) postFixture {
	t.Helper()
	return newPostFixtureVia(t, shoppers, maxConns, func(url string) string { return url })
}

// newPostFixtureVia is newPostFixture with the store's connections made to
// via(url): through a proxy that counts them, say.
func newPostFixtureVia(t *testing.T, shoppers, maxConns int, via func(url string) string) postFixture {
	t.Helper()
	ctx, clk := context.Background(), newClock()
	url := pgtest.NewURL(t)
	owner := pgtest.Open(t, url)
	app := pgtest.OpenPool(t, via(pgtest.AsAppRole(url)), storage.Pool{MaxConns: maxConns, StatementTimeout: 30 * time.Second})
	shop, err := storage.NewShops(owner, testKeys(t), clk.Now).Install(ctx, "batch.myshopify.com", expiringToken(clk.Now(), "shpat_b", "shprt_b"))
	if err != nil {
		t.Fatal(err)
	}
	f := postFixture{ctx: ctx, owner: owner, convs: storage.NewConversations(app, clk.Now), shopID: shop.ID}
	for i := range shoppers {
		p, err := storage.NewProfiles(owner, clk.Now).ForCustomer(ctx, shop.ID, int64(7000+i))
		if err != nil {
			t.Fatal(err)
		}
		f.profiles = append(f.profiles, p.ID)
		f.post(t, p.ID, "first message")
	}
	return f
}

// post stores a shopper's message and fails the test on an error.
func (f postFixture) post(t *testing.T, profileID int64, body string) storage.PostResult {
	t.Helper()
	res, err := f.send(f.ctx, profileID, newClientID(), body)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f postFixture) send(ctx context.Context, profileID int64, clientID, body string) (storage.PostResult, error) {
	return f.convs.PostFromShopper(ctx, f.shopID, profileID, storage.ShopperPost{ClientID: clientID, Body: body, Preview: body})
}

// sameLane are the fixture's profiles that share held's lane.
func (f postFixture) sameLane(held int64) []int64 {
	var out []int64
	for _, p := range f.profiles {
		if p != held && p%storage.PostLanes == held%storage.PostLanes {
			out = append(out, p)
		}
	}
	return out
}

// holdLane locks the ticket of profile held, posts to it so that its
// lane's batch waits for that lock, and returns the function that lets it
// go and then waits for that first post.
func (f postFixture) holdLane(t *testing.T, held int64) (release func()) {
	t.Helper()
	tx, err := f.owner.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`SELECT id FROM conversations WHERE profile_id = $1 AND status <> 'closed' FOR UPDATE`, held); err != nil {
		t.Fatal(err)
	}
	first := make(chan error, 1)
	go func() { _, err := f.send(f.ctx, held, newClientID(), "held"); first <- err }()
	deadline := time.Now().Add(20 * time.Second)
	for countRows(t, f.owner, `SELECT count(*) FROM pg_locks WHERE NOT granted`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no batch waits for the held ticket")
		}
		time.Sleep(time.Millisecond) // polled: PostgreSQL signals nothing
	}
	return func() {
		tx.Rollback()
		if err := <-first; err != nil {
			t.Fatal(err)
		}
	}
}

// awaitWaitingPosts returns once n posts wait for their lanes' next batch.
func awaitWaitingPosts(t *testing.T, convs *storage.Conversations, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for storage.WaitingPosts(convs) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d posts waiting, want %d", storage.WaitingPosts(convs), n)
		}
		time.Sleep(time.Millisecond) // polled: the combiner signals nothing while it queues
	}
}

// sendQueued sends one post from each of profiles while their lane is
// held, each from its own goroutine, waits until all are queued, lets the
// lane go, and returns each post's result and error in order.
func (f postFixture) sendQueued(t *testing.T, release func(), profiles []int64, bodies []string) ([]storage.PostResult, []error) {
	t.Helper()
	results, errs := make([]storage.PostResult, len(profiles)), make([]error, len(profiles))
	var wg sync.WaitGroup
	for i, p := range profiles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = f.send(f.ctx, p, newClientID(), bodies[i])
		}()
	}
	awaitWaitingPosts(t, f.convs, len(profiles))
	release()
	wg.Wait()
	return results, errs
}

// commitsOf is how many transactions the messages with these ids were
// committed in. Each message's event is written by the transaction that
// stores it (its batch's), and the rows a transaction writes outside any
// savepoint share its id (xmin); a message's own row may have been written
// in a savepoint, whose id is its own.
func commitsOf(t *testing.T, db *sqlx.DB, ids []int64) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(DISTINCT xmin::text) FROM events
		WHERE kind = 'message.created' AND (payload->>'id')::bigint = ANY($1)`, pq.Array(ids)); err != nil {
		t.Fatal(err)
	}
	return n
}

// Posts queued behind a batch in flight are written as the next batch:
// one transaction for the messages of tickets going on and of a new
// shopper's first message alike, each with its ticket and its events.
func TestPostsSentTogetherShareOneCommit(t *testing.T) {
	f := newPostFixture(t, 100, 3)
	held := f.profiles[0]
	together := f.sameLane(held)[:12]
	customer := int64(0)
	newcomer := f.newShoppersInLane(t, held, 1, &customer)[0] // a shopper without a ticket, in the same lane
	together = append(together, newcomer)
	bodies := make([]string, len(together))
	for i := range bodies {
		bodies[i] = fmt.Sprintf("together %d", i)
	}
	results, errs := f.sendQueued(t, f.holdLane(t, held), together, bodies)
	var ids []int64
	for i, res := range results {
		if errs[i] != nil || res.Duplicate || res.Message.Body != bodies[i] {
			t.Fatalf("post %d: %+v, %v", i, res, errs[i])
		}
		ids = append(ids, res.Message.ID)
	}
	if n := commitsOf(t, f.owner, ids); n != 1 {
		t.Fatalf("the %d posts queued together were committed in %d transactions, want 1", len(ids), n)
	}
	last := results[len(results)-1]
	if !last.Started || results[0].Started || results[0].Conversation.MessageCount != 2 || last.Conversation.MessageCount != 1 {
		t.Fatalf("tickets: first %+v, newcomer %+v", results[0].Conversation, last.Conversation)
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM events WHERE kind = 'message.created'
		AND (payload->>'id')::bigint = ANY($1)`, pq.Array(ids)); n != len(ids) {
		t.Fatalf("%d message events for %d messages", n, len(ids))
	}
}

// A post that PostgreSQL refuses fails its own request; the others of its
// batch are stored, together.
func TestAPostThatFailsInABatchFailsAlone(t *testing.T) {
	f := newPostFixture(t, 100, 3)
	held := f.profiles[0]
	together := f.sameLane(held)[:10]
	bodies := make([]string, len(together))
	for i := range bodies {
		bodies[i] = fmt.Sprintf("fine %d", i)
	}
	bad := 4
	bodies[bad] = "not \x00 text" // PostgreSQL's text holds no NUL
	results, errs := f.sendQueued(t, f.holdLane(t, held), together, bodies)
	var ids []int64
	for i := range together {
		if (errs[i] != nil) != (i == bad) {
			t.Fatalf("post %d: %v; want only %d to fail", i, errs[i], bad)
		}
		if i != bad {
			ids = append(ids, results[i].Message.ID)
		}
	}
	if n := commitsOf(t, f.owner, ids); n != 1 {
		t.Fatalf("the %d good posts were committed in %d transactions, want 1", len(ids), n)
	}
	if n := countRows(t, f.owner, `SELECT message_count FROM conversations WHERE profile_id = $1`, together[bad]); n != 1 {
		t.Fatalf("the failed post's ticket counts %d messages, want 1", n)
	}
}

// A shopper's messages, each sent once the one before is on its way, are
// stored and announced in that order while many other shoppers post at
// once, across batches.
func TestAShoppersMessagesKeepTheirOrder(t *testing.T) {
	f := newPostFixture(t, 60, 2)
	shopper := f.sameLane(f.profiles[0])[0]
	const sent = 40 // more than one batch holds
	f.sendInOrderWhileOthersPost(t, sent, func(i int) error {
		_, err := f.send(f.ctx, shopper, newClientID(), fmt.Sprintf("in order %02d", i))
		return err
	})
	f.checkInOrder(t, sent, `SELECT body FROM messages WHERE profile_id = $1 AND body LIKE 'in order%' ORDER BY id`,
		`SELECT payload->>'body' FROM events WHERE profile_id = $1 AND kind = 'message.created'
			AND payload->>'body' LIKE 'in order%' ORDER BY id`, shopper)
}

// sendInOrderWhileOthersPost holds the lane of the fixture's first
// profile, calls send(i) for i from 0 to sent-1, each from its own
// goroutine once the one before is queued, has every other profile post
// three messages meanwhile, lets the lane go and fails the test on any
// error.
func (f postFixture) sendInOrderWhileOthersPost(t *testing.T, sent int, send func(i int) error) {
	t.Helper()
	release := f.holdLane(t, f.profiles[0])
	var wg sync.WaitGroup
	errs := make(chan error, sent+len(f.profiles)*3)
	for i := range sent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := send(i); err != nil {
				errs <- err
			}
		}()
		awaitWaitingPosts(t, f.convs, i+1) // sent after the one before is queued
	}
	for _, p := range f.profiles[1:] {
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := f.send(f.ctx, p, newClientID(), "meanwhile"); err != nil {
					errs <- err
				}
			}()
		}
	}
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// checkInOrder fails the test unless the bodies stored and announced
// (read by the two queries, with arg) are "in order 00"… in that order.
func (f postFixture) checkInOrder(t *testing.T, sent int, storedSQL, announcedSQL string, arg any) {
	t.Helper()
	var stored, announced []string
	if err := f.owner.Select(&stored, storedSQL, arg); err != nil {
		t.Fatal(err)
	}
	if err := f.owner.Select(&announced, announcedSQL, arg); err != nil {
		t.Fatal(err)
	}
	for i := range sent {
		want := fmt.Sprintf("in order %02d", i)
		if len(stored) != sent || len(announced) != sent || stored[i] != want || announced[i] != want {
			t.Fatalf("stored %q, announced %q; want %d in the order sent", stored, announced, sent)
		}
	}
}

// Each message sent three times at once (a retry racing its original)
// from many goroutines on a pool of two is stored once; one of the three
// is told it is new, and all three get the same message.
func TestRetriesOfAPostAreStoredExactlyOnce(t *testing.T) {
	f := newPostFixture(t, 40, 2)
	type answer struct {
		res storage.PostResult
		err error
	}
	const perShopper = 4
	answers := make([][3]answer, len(f.profiles)*perShopper)
	var wg sync.WaitGroup
	for k := range answers {
		p, clientID := f.profiles[k%len(f.profiles)], newClientID()
		for r := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := f.send(f.ctx, p, clientID, "once "+clientID)
				answers[k][r] = answer{res, err}
			}()
		}
	}
	wg.Wait()
	for k, three := range answers {
		fresh := 0
		for _, a := range three {
			if a.err != nil {
				t.Fatalf("message %d: %v", k, a.err)
			}
			if a.res.Message.ID != three[0].res.Message.ID {
				t.Fatalf("message %d answered with messages %d and %d", k, three[0].res.Message.ID, a.res.Message.ID)
			}
			if !a.res.Duplicate {
				fresh++
			}
		}
		if fresh != 1 {
			t.Fatalf("message %d: %d of its 3 sends told new, want 1", k, fresh)
		}
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM messages WHERE body LIKE 'once %'`); n != len(answers) {
		t.Fatalf("%d messages stored, want %d", n, len(answers))
	}
	if n := countRows(t, f.owner, `SELECT sum(message_count) FROM conversations`); n != len(f.profiles)+len(answers) {
		t.Fatalf("tickets count %d messages, want %d", n, len(f.profiles)+len(answers))
	}
}

// A post waits no longer than its context, even while its batch cannot be
// written.
func TestAPostWaitsNoLongerThanItsContext(t *testing.T) {
	f := newPostFixture(t, 8, 2)
	held := f.profiles[0]
	release := f.holdLane(t, held)
	defer release()
	ctx, cancel := context.WithTimeout(f.ctx, 300*time.Millisecond)
	defer cancel()
	answered := make(chan error, 1)
	go func() { _, err := f.send(ctx, held, newClientID(), "in a hurry"); answered <- err }()
	select {
	case err := <-answered:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("post with its batch held: %v, want the context's deadline", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the post outlived its context by seconds")
	}
}
