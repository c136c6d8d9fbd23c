package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// eventsFixture is a shop with a shopper in a conversation, and a second shop
// with one of its own.
type eventsFixture struct {
	db                           *sqlx.DB
	url                          string
	log                          *storage.Events
	clock                        *clock
	shop, profile, conversation  int64
	other, otherProfile, otherCo int64
}

func newEventsFixture(t *testing.T) eventsFixture {
	t.Helper()
	url := pgtest.NewURL(t)
	f := eventsFixture{db: pgtest.Open(t, url), url: url, clock: newClock()}
	f.log = storage.NewEvents(f.db, f.clock.Now)
	f.shop, f.profile, f.conversation = eventsShopper(t, f.db, "events-a")
	f.other, f.otherProfile, f.otherCo = eventsShopper(t, f.db, "events-b")
	return f
}

// eventsShopper makes a shop with a profile in a conversation.
func eventsShopper(t *testing.T, db *sqlx.DB, name string) (shop, profile, conversation int64) {
	t.Helper()
	shop = jobTestShop(t, db, name)
	if err := db.Get(&profile, `INSERT INTO profiles (shop_id) VALUES ($1) RETURNING id`, shop); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&conversation, `INSERT INTO conversations (shop_id, profile_id, last_message_at, created_at, updated_at)
		VALUES ($1, $2, now(), now(), now()) RETURNING id`, shop, profile); err != nil {
		t.Fatal(err)
	}
	return shop, profile, conversation
}

func (f eventsFixture) message(body string) storage.NewEvent {
	return storage.NewEvent{ShopID: f.shop, Kind: "message.created", ConversationID: f.conversation,
		ProfileID: f.profile, Payload: map[string]string{"body": body}}
}

// appendIn appends e in tx, an open transaction of the test's.
func appendIn(t *testing.T, tx *sqlx.Tx, f eventsFixture, e storage.NewEvent) int64 {
	t.Helper()
	id, err := storage.AppendEventInTx(context.Background(), tx, f.clock.Now(), e)
	if err != nil {
		t.Fatalf("append %+v: %v", e, err)
	}
	return id
}

func eventIDs(events []storage.Event) []int64 {
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return ids
}

// An appending transaction does not NOTIFY (that would serialise its commit
// with every other notifying one); the waker notifies once it has ended, so
// a listener woken reads the event, and a rolled-back append is never read.
func TestAppendedEventWakesListenersOnceItsTransactionEnds(t *testing.T) {
	f := newEventsFixture(t)
	ctx := context.Background()
	l := pq.NewListener(f.url, 10*time.Millisecond, time.Second, nil)
	t.Cleanup(func() { l.Close() })
	if err := l.Listen(storage.EventsChannel); err != nil {
		t.Fatal(err)
	}
	quiet := func(why string) {
		t.Helper()
		select {
		case n := <-l.Notify:
			t.Fatalf("%s: notification %+v", why, n)
		case <-time.After(300 * time.Millisecond):
		}
	}

	// No waker yet: a committed append by itself notifies no one.
	silent := f.db.MustBeginTx(ctx, nil)
	first := appendIn(t, silent, f, f.message("committed, no waker"))
	if err := silent.Commit(); err != nil {
		t.Fatal(err)
	}
	quiet("the appending transaction notified")

	wakerCtx, stopWaker := context.WithCancel(ctx)
	waking := make(chan struct{})
	t.Cleanup(func() { stopWaker(); <-waking })
	go func() {
		defer close(waking)
		if err := f.log.WakeListeners(wakerCtx); err != nil {
			t.Errorf("waker: %v", err)
		}
	}()
	// The waker notifies once as it starts (for writes made while none
	// ran); on a busy machine its first connection can take a while.
	awaitNotification(t, l, "the waker's first")
	rolledBack := f.db.MustBeginTx(ctx, nil)
	lost := appendIn(t, rolledBack, f, f.message("never sent"))
	if err := rolledBack.Rollback(); err != nil {
		t.Fatal(err)
	}
	// A wake-up for the rolled-back append may come: it is a hint only.
	for more := true; more; {
		select {
		case <-l.Notify:
		case <-time.After(300 * time.Millisecond):
			more = false
		}
	}
	committed := f.db.MustBeginTx(ctx, nil)
	id := appendIn(t, committed, f, f.message("hello \"there\" ☃"))
	quiet("notified while the appending transaction was open")
	if err := committed.Commit(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-l.Notify:
		if n == nil || n.Extra != "" {
			t.Fatalf("notification %+v, want an empty payload", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification for the committed event")
	}
	got, err := f.log.AfterGlobal(ctx, first, 10)
	if err != nil || len(got) != 1 || got[0].ID != id || lost >= id {
		t.Fatalf("log after %d holds %v, %v; want only %d (the rolled-back one was %d)", first, eventIDs(got), err, id, lost)
	}
	e := got[0]
	if e.ShopID != f.shop || e.Kind != "message.created" || e.ConversationID != f.conversation ||
		e.ProfileID != f.profile || e.Audience != storage.AudienceAll || !e.CreatedAt.Equal(f.clock.Now()) ||
		!strings.Contains(string(e.Payload), `"hello \"there\" ☃"`) {
		t.Fatalf("stored event %+v (payload %s)", e, e.Payload)
	}
}

func TestAppendEventRejectsBadInput(t *testing.T) {
	f := newEventsFixture(t)
	for name, e := range map[string]storage.NewEvent{
		"no shop":            {Kind: "message.created"},
		"no kind":            {ShopID: f.shop},
		"kind breaks a line": {ShopID: f.shop, Kind: "message.created\ndata: x"},
		"upper-case kind":    {ShopID: f.shop, Kind: "Message.Created"},
		"unknown audience":   {ShopID: f.shop, Kind: "message.created", Audience: "everyone"},
		"negative profile":   {ShopID: f.shop, Kind: "message.created", ProfileID: -1},
		"payload not JSON":   {ShopID: f.shop, Kind: "message.created", Payload: func() {}},
	} {
		if _, err := f.log.Append(context.Background(), e); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	_, err := f.log.Append(context.Background(), storage.NewEvent{ShopID: f.shop + 100, Kind: "message.created"})
	if !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown shop: err = %v, want not found", err)
	}
}

func TestEventReadsAreScoped(t *testing.T) {
	f := newEventsFixture(t)
	ctx := context.Background()
	mine := f.message("for the shopper")
	internal := storage.NewEvent{ShopID: f.shop, Kind: "conversation.updated", ConversationID: f.conversation,
		ProfileID: f.profile, Audience: storage.AudienceAgents}
	elsewhere := storage.NewEvent{ShopID: f.other, Kind: "message.created", ConversationID: f.otherCo, ProfileID: f.otherProfile}
	_, neighbour, _ := eventsShopper(t, f.db, "events-c")
	f.db.MustExec(`UPDATE profiles SET shop_id = $1 WHERE id = $2`, f.shop, neighbour)
	next := storage.NewEvent{ShopID: f.shop, Kind: "message.created", ProfileID: neighbour}
	var ids []int64
	for _, e := range []storage.NewEvent{mine, internal, elsewhere, next, mine} {
		id, err := f.log.Append(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	read := func(events []storage.Event, err error) string {
		if err != nil {
			return err.Error()
		}
		return fmt.Sprint(eventIDs(events))
	}
	for name, c := range map[string][2]string{
		"shop":                    {read(f.log.After(ctx, f.shop, 0, 10)), fmt.Sprint([]int64{ids[0], ids[1], ids[3], ids[4]})},
		"shop, after":             {read(f.log.After(ctx, f.shop, ids[1], 1)), fmt.Sprint(ids[3:4])},
		"other shop":              {read(f.log.After(ctx, f.other, 0, 10)), fmt.Sprint(ids[2:3])},
		"shopper":                 {read(f.log.AfterForProfile(ctx, f.shop, f.profile, 0, 10)), fmt.Sprint([]int64{ids[0], ids[4]})},
		"shopper, after":          {read(f.log.AfterForProfile(ctx, f.shop, f.profile, ids[0], 10)), fmt.Sprint(ids[4:])},
		"shopper of another shop": {read(f.log.AfterForProfile(ctx, f.other, f.profile, 0, 10)), "[]"},
		"every shop":              {read(f.log.AfterGlobal(ctx, ids[0], 3)), fmt.Sprint(ids[1:4])},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: got %s, want %s", name, c[0], c[1])
		}
	}
}

// inBackground runs wait and reports on the channel when it returns.
func inBackground(wait func() error) <-chan error {
	done := make(chan error, 1)
	go func() { done <- wait() }()
	return done
}

// assertWaiting checks that done has not returned within 300 ms when waiting
// is true, or that it returns without error within 5 s when not.
func assertWaiting(t *testing.T, done <-chan error, what string, waiting bool) {
	t.Helper()
	limit := 5 * time.Second
	if waiting {
		limit = 300 * time.Millisecond
	}
	select {
	case err := <-done:
		if waiting || err != nil {
			t.Fatalf("%s returned (%v) while an earlier id was in flight, or failed", what, err)
		}
	case <-time.After(limit):
		if !waiting {
			t.Fatalf("%s still waiting after its appender ended", what)
		}
	}
}

// The later id commits first: a reader sees a gap, waits for the appenders,
// and then reads both, in id order. Latest waits too before it answers.
func TestLaterIDCommittedFirstIsSettledByWaiting(t *testing.T) {
	for _, outcome := range []string{"commit", "rollback"} {
		t.Run(outcome, func(t *testing.T) {
			f := newEventsFixture(t)
			ctx := context.Background()
			early := f.db.MustBeginTx(ctx, nil)
			t.Cleanup(func() { early.Rollback() })
			earlyID := appendIn(t, early, f, f.message("slow"))
			lateID, err := f.log.Append(ctx, f.message("fast"))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := f.log.AfterGlobal(ctx, 0, 10); fmt.Sprint(eventIDs(got)) != fmt.Sprint([]int64{lateID}) || earlyID >= lateID {
				t.Fatalf("before the early commit the log shows %v (early %d, late %d)", eventIDs(got), earlyID, lateID)
			}

			waited := inBackground(func() error { return f.log.WaitForAppenders(ctx) })
			latest := make(chan int64, 1)
			latestDone := inBackground(func() error {
				id, err := f.log.Latest(ctx)
				latest <- id
				return err
			})
			assertWaiting(t, waited, "WaitForAppenders", true)
			assertWaiting(t, latestDone, "Latest", true)
			// An appender that starts now is not waited for.
			meanwhile := f.db.MustBeginTx(ctx, nil)
			t.Cleanup(func() { meanwhile.Rollback() })
			appendIn(t, meanwhile, f, f.message("meanwhile"))
			want := []int64{earlyID, lateID}
			if outcome == "commit" {
				err = early.Commit()
			} else {
				err, want = early.Rollback(), want[1:]
			}
			if err != nil {
				t.Fatal(err)
			}
			assertWaiting(t, waited, "WaitForAppenders", false)
			assertWaiting(t, latestDone, "Latest", false)
			if id := <-latest; id != lateID {
				t.Errorf("Latest = %d, want %d", id, lateID)
			}
			got, err := f.log.AfterGlobal(ctx, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(eventIDs(got)) != fmt.Sprint(want) {
				t.Fatalf("after the wait the log shows %v, want %v", eventIDs(got), want)
			}
		})
	}
}

func TestWaitForAppendersWithNoneInFlight(t *testing.T) {
	f := newEventsFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if id, err := f.log.Latest(ctx); err != nil || id != 0 {
		t.Fatalf("Latest of an empty log = %d, %v", id, err)
	}
	// An appender of another database holds the same lock key: not ours to wait for.
	elsewhere := newEventsFixture(t)
	tx := elsewhere.db.MustBeginTx(ctx, nil)
	defer tx.Rollback()
	appendIn(t, tx, elsewhere, elsewhere.message("in flight elsewhere"))
	if err := f.log.WaitForAppenders(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.log.Latest(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestWaitForAppendersEndsWithItsContext(t *testing.T) {
	f := newEventsFixture(t)
	tx := f.db.MustBeginTx(context.Background(), nil)
	defer tx.Rollback()
	appendIn(t, tx, f, f.message("held open"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := f.log.WaitForAppenders(ctx); !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(fmt.Sprint(err), "cancel") {
		t.Fatalf("err = %v, want the context's", err)
	}
	// The cancelled wait left nothing behind that a later one would wait on.
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := f.log.WaitForAppenders(ctx); err != nil {
		t.Fatal(err)
	}
}
