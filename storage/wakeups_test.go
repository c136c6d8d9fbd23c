package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// An appending transaction that stays open (a slow writer) holds back its
// own wake-up only. Many writers on a small pool append and commit while
// it is open: each is notified once it has ended, every time. The waker
// waits for the writers it was told of, each notification on its own
// connection; waiting instead for every holder of the appenders' lock, or
// for a round that holds the slow one, nothing would be notified until the
// slow writer ended.
func TestWakeUpsAreNotHeldBackByAWriterThatStaysOpen(t *testing.T) {
	f := newEventsFixture(t)
	f.db = pgtest.OpenPool(t, f.url, storage.Pool{MaxConns: 6})
	f.log = storage.NewEvents(f.db, f.clock.Now)
	ctx := context.Background()
	l := pq.NewListener(f.url, 10*time.Millisecond, time.Second, nil)
	t.Cleanup(func() { l.Close() })
	if err := l.Listen(storage.EventsChannel); err != nil {
		t.Fatal(err)
	}
	wakerCtx, stopWaker := context.WithCancel(ctx)
	waking := make(chan struct{})
	t.Cleanup(func() { stopWaker(); <-waking })
	go func() {
		defer close(waking)
		if err := f.log.WakeListeners(wakerCtx); err != nil {
			t.Errorf("waker: %v", err)
		}
	}()
	awaitNotification(t, l, "the waker's first")

	slow := f.db.MustBeginTx(ctx, nil)
	t.Cleanup(func() { slow.Rollback() })
	appendIn(t, slow, f, f.message("slow, still open"))

	// Each round: 12 writers append and commit at once; the round ends
	// when a notification comes after all of them have committed.
	for round := range 5 {
		var wg sync.WaitGroup
		for range 12 {
			wg.Go(func() {
				if _, err := f.log.Append(ctx, f.message("quick")); err != nil {
					t.Errorf("append: %v", err)
				}
			})
		}
		wg.Wait()
		drained := false
		for !drained { // notifications for the round's first writers may come now
			select {
			case <-l.Notify:
			default:
				drained = true
			}
		}
		if _, err := f.log.Append(ctx, f.message("last of the round")); err != nil {
			t.Fatal(err)
		}
		awaitNotification(t, l, "round "+string(rune('1'+round)))
	}
}

// awaitNotification fails the test unless l receives a notification soon.
func awaitNotification(t *testing.T, l *pq.Listener, what string) {
	t.Helper()
	select {
	case n := <-l.Notify:
		if n == nil {
			t.Fatalf("%s: the listening connection was lost", what)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no notification", what)
	}
}
