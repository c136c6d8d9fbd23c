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

// holdIntake locks the deliveries' table until the returned function is
// called: the intake's batch in flight waits, and the deliveries recorded
// meanwhile queue for the next batch.
func holdIntake(t *testing.T, db *sqlx.DB) (release func()) {
	t.Helper()
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`LOCK TABLE webhook_deliveries IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	return func() { tx.Rollback() }
}

// awaitHeldBatch returns once a batch waits for the lock of holdIntake.
func awaitHeldBatch(t *testing.T, db *sqlx.DB) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for countRows(t, db, `SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'webhook_deliveries'::regclass`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no batch waits for the deliveries' table")
		}
		time.Sleep(time.Millisecond) // polled: PostgreSQL signals nothing
	}
}

// awaitWaiting returns once n deliveries wait for the intake's next batch.
func awaitWaiting(t *testing.T, hooks *storage.Webhooks, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for storage.WaitingDeliveries(hooks) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries waiting, want %d", storage.WaitingDeliveries(hooks), n)
		}
		time.Sleep(time.Millisecond) // polled: the combiner signals nothing while it queues
	}
}

// recordAll records ds from one goroutine each and returns each one's
// isNew and error, in the order of ds.
func recordAll(ctx context.Context, hooks *storage.Webhooks, ds []storage.NewDelivery) ([]bool, []error) {
	isNew, errs := make([]bool, len(ds)), make([]error, len(ds))
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, isNew[i], errs[i] = hooks.Record(ctx, d)
		}()
	}
	wg.Wait()
	return isNew, errs
}

// recordQueuedTogether records a first delivery, holds its batch, records
// ds from one goroutine each while it is held, so that they all queue for
// the next batch, then lets the batches go. It returns each one's isNew and
// error, in the order of ds.
func recordQueuedTogether(t *testing.T, db *sqlx.DB, hooks *storage.Webhooks, ds []storage.NewDelivery) ([]bool, []error) {
	t.Helper()
	ctx := context.Background()
	release := holdIntake(t, db)
	first := make(chan error, 1)
	go func() { _, _, err := hooks.Record(ctx, delivery("wh-first", "")); first <- err }()
	awaitHeldBatch(t, db) // the first is in flight, held
	done := make(chan struct{})
	var isNew []bool
	var errs []error
	go func() { isNew, errs = recordAll(ctx, hooks, ds); close(done) }()
	awaitWaiting(t, hooks, len(ds))
	release()
	<-done
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	return isNew, errs
}

func TestDeliveriesRecordedTogetherShareOneCommit(t *testing.T) {
	db := pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	var ds []storage.NewDelivery
	for i := range 40 {
		ds = append(ds, delivery(fmt.Sprintf("wh-%d", i), fmt.Sprintf("ev-%d", i)))
	}
	isNew, errs := recordQueuedTogether(t, db, hooks, ds)
	for i := range ds {
		if errs[i] != nil || !isNew[i] {
			t.Fatalf("delivery %d: isNew %v, %v", i, isNew[i], errs[i])
		}
	}
	// Rows of one transaction share its id (xmin).
	if n := countRows(t, db, `SELECT count(DISTINCT xmin::text) FROM webhook_deliveries WHERE webhook_id <> 'wh-first'`); n != 1 {
		t.Fatalf("the 40 deliveries queued together were committed in %d transactions, want 1", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM jobs j JOIN webhook_deliveries d
		ON (j.payload->>'delivery_id')::bigint = d.id WHERE j.kind = $1`, storage.JobProcessWebhook); n != 41 {
		t.Fatalf("%d deliveries with their processing job, want 41", n)
	}
}

func TestADeliveryThatCannotBeStoredFailsAlone(t *testing.T) {
	db := pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	var ds []storage.NewDelivery
	for i := range 20 {
		ds = append(ds, delivery(fmt.Sprintf("wh-%d", i), ""))
	}
	bad := 7
	ds[bad].WebhookID = "wh-\x00" // PostgreSQL's text holds no NUL
	isNew, errs := recordQueuedTogether(t, db, hooks, ds)
	for i := range ds {
		if (errs[i] != nil) != (i == bad) || isNew[i] == (i == bad) {
			t.Fatalf("delivery %d: isNew %v, %v; want only %d to fail", i, isNew[i], errs[i], bad)
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM webhook_deliveries`); n != 20 {
		t.Fatalf("%d deliveries stored, want 20 (the first and 19 of the batch)", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobProcessWebhook); n != 20 {
		t.Fatalf("%d processing jobs, want 20", n)
	}
}

// Many goroutines on a pool of two, each event delivered three times (a
// retry with the same webhook id, and the same event under a new one):
// every event is stored and queued once, and exactly one of its three
// deliveries is told it is new.
func TestConcurrentDeliveriesOnASmallPoolAreStoredExactlyOnce(t *testing.T) {
	ctx := context.Background()
	db := pgtest.OpenPool(t, pgtest.NewURL(t), storage.Pool{MaxConns: 2})
	hooks := storage.NewWebhooks(db, newClock().Now)
	const events = 150
	var ds []storage.NewDelivery
	for i := range events {
		ev := fmt.Sprintf("ev-%d", i)
		ds = append(ds, delivery("wh-"+ev, ev), delivery("wh-"+ev, ev), delivery("wh-again-"+ev, ev))
	}
	isNew, errs := recordAll(ctx, hooks, ds)
	for i := 0; i < len(ds); i += 3 {
		if err := errors.Join(errs[i : i+3]...); err != nil {
			t.Fatal(err)
		}
		if n := count(isNew[i : i+3]); n != 1 {
			t.Fatalf("event %d: %d deliveries told new, want 1", i/3, n)
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM webhook_deliveries`); n != events {
		t.Fatalf("%d deliveries stored, want %d", n, events)
	}
	if n := countRows(t, db, `SELECT count(DISTINCT payload->>'delivery_id') FROM jobs WHERE kind = $1`, storage.JobProcessWebhook); n != events {
		t.Fatalf("%d deliveries queued, want %d", n, events)
	}
	if n := countRows(t, db, `SELECT count(*) FROM jobs`); n != events {
		t.Fatalf("%d jobs, want %d", n, events)
	}
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// A delivery waits no longer than its context, even while its batch
// cannot be written.
func TestARecordWaitsNoLongerThanItsContext(t *testing.T) {
	db := pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	release := holdIntake(t, db)
	defer release()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, _, err := hooks.Record(ctx, delivery("wh-held", ""))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("record with the intake held: %v, want the context's deadline", err)
	}
}
