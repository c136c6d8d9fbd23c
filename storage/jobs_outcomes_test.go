package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestJobRetryThenParkAfterMaxAttempts(t *testing.T) {
	q, clock, db := newJobQueue(t)
	ctx := context.Background()
	shop := jobTestShop(t, db, "jobs-retry")
	id := mustEnqueue(t, q, storage.NewJob{Kind: "email/send", ShopID: shop, MaxAttempts: 3})
	for attempt := 1; attempt <= 3; attempt++ {
		jobs := mustClaim(t, q, 1)
		if len(jobs) != 1 || jobs[0].Attempts != attempt {
			t.Fatalf("attempt %d: claimed %+v", attempt, jobs)
		}
		reason := fmt.Sprintf("smtp down %d", attempt)
		if err := q.Retry(ctx, id, attempt, reason, clock.Now().Add(10*time.Second)); err != nil {
			t.Fatal(err)
		}
		status, lastError, _ := jobByID(t, db, id)
		if attempt < 3 && (status != "queued" || lastError != reason) {
			t.Fatalf("attempt %d: %s %q", attempt, status, lastError)
		}
		if attempt < 3 && len(mustClaim(t, q, 1)) != 0 {
			t.Fatalf("attempt %d: retried job ran before its time", attempt)
		}
		clock.Advance(10 * time.Second)
	}
	status, lastError, _ := jobByID(t, db, id)
	if status != "parked" || lastError != "gave up after 3 attempts: smtp down 3" {
		t.Fatalf("after max attempts: %s %q", status, lastError)
	}
	parked, err := q.Parked(ctx, shop, 10)
	if err != nil || len(parked) != 1 || parked[0].ID != id || parked[0].FinishedAt == nil {
		t.Fatalf("parked: %+v, %v", parked, err)
	}
	other := jobTestShop(t, db, "jobs-other")
	if err := q.Requeue(ctx, other, id); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("requeue from another shop: %v, want not found", err)
	}
	if err := q.Requeue(ctx, shop, id); err != nil {
		t.Fatal(err)
	}
	if jobs := mustClaim(t, q, 1); len(jobs) != 1 || jobs[0].Attempts != 1 {
		t.Fatalf("requeued job claimed as %+v, want attempt 1", jobs)
	}
}

func TestJobParkAndRequeueConflict(t *testing.T) {
	q, _, db := newJobQueue(t)
	ctx := context.Background()
	shop := jobTestShop(t, db, "jobs-park")
	first := mustEnqueue(t, q, storage.NewJob{Kind: "k", ShopID: shop, UniqueKey: "sync:1"})
	mustClaim(t, q, 1)
	if err := q.Park(ctx, first, 1, "payload names no order"); err != nil {
		t.Fatal(err)
	}
	if status, lastError, _ := jobByID(t, db, first); status != "parked" || lastError != "payload names no order" {
		t.Fatalf("parked as %s %q", status, lastError)
	}
	if err := q.Park(ctx, first, 1, "again"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("parking a parked job: %v, want not found", err)
	}
	second := mustEnqueue(t, q, storage.NewJob{Kind: "k", ShopID: shop, UniqueKey: "sync:1"})
	if second == first {
		t.Fatal("a parked job still held its unique key")
	}
	if err := q.Requeue(ctx, shop, first); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("requeue while its key is taken: %v, want conflict", err)
	}
}

func TestJobUniqueKeyDedupesOnlyLiveJobs(t *testing.T) {
	q, _, _ := newJobQueue(t)
	ctx := context.Background()
	a := storage.NewJob{Kind: "backfill", UniqueKey: "backfill:7"}
	id := mustEnqueue(t, q, a)
	if again := mustEnqueue(t, q, a); again != id {
		t.Fatalf("queued duplicate got id %d, want %d", again, id)
	}
	if other := mustEnqueue(t, q, storage.NewJob{Kind: "backfill", UniqueKey: "backfill:8"}); other == id {
		t.Fatal("a different key was deduplicated")
	}
	if n1, n2 := mustEnqueue(t, q, storage.NewJob{Kind: "x"}), mustEnqueue(t, q, storage.NewJob{Kind: "x"}); n1 == n2 {
		t.Fatal("jobs without a key were deduplicated")
	}
	for _, j := range mustClaim(t, q, 10) {
		if j.ID == id {
			if again := mustEnqueue(t, q, a); again != id {
				t.Fatalf("duplicate of a running job got id %d, want %d", again, id)
			}
			if err := q.Complete(ctx, id, j.Attempts); err != nil {
				t.Fatal(err)
			}
		}
	}
	if next := mustEnqueue(t, q, a); next == id {
		t.Fatal("a completed job still held its unique key")
	}
}

func TestJobEnqueueRejectsBadInput(t *testing.T) {
	q, _, _ := newJobQueue(t)
	ctx := context.Background()
	for name, tc := range map[string]struct {
		job  storage.NewJob
		kind storage.ErrorKind
	}{
		"no kind":         {storage.NewJob{}, storage.ErrInvalid},
		"not json":        {storage.NewJob{Kind: "k", Payload: make(chan int)}, storage.ErrInvalid},
		"broken raw json": {storage.NewJob{Kind: "k", Payload: json.RawMessage(`{`)}, storage.ErrInvalid},
		"unknown shop":    {storage.NewJob{Kind: "k", ShopID: 999999}, storage.ErrNotFound},
	} {
		if _, err := q.Enqueue(ctx, tc.job); !errors.Is(err, tc.kind) {
			t.Errorf("%s: %v, want %s", name, err, tc.kind)
		}
	}
	if _, err := q.Claim(ctx, 0, time.Minute); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("claim of 0: %v, want invalid", err)
	}
}

func TestJobDeleteFinishedBeforeKeepsParkedAndLive(t *testing.T) {
	q, clock, db := newJobQueue(t)
	ctx := context.Background()
	old := mustEnqueue(t, q, storage.NewJob{Kind: "old"})
	parked := mustEnqueue(t, q, storage.NewJob{Kind: "parked"})
	mustClaim(t, q, 2)
	if err := q.Complete(ctx, old, 1); err != nil {
		t.Fatal(err)
	}
	if err := q.Park(ctx, parked, 1, "bad"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	recent := mustEnqueue(t, q, storage.NewJob{Kind: "recent"})
	queued := mustEnqueue(t, q, storage.NewJob{Kind: "queued", RunAt: clock.Now().Add(time.Hour)})
	mustClaim(t, q, 1)
	if err := q.Complete(ctx, recent, 1); err != nil {
		t.Fatal(err)
	}
	n, err := q.DeleteFinishedBefore(ctx, clock.Now().Add(-time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("deleted %d, %v; want 1", n, err)
	}
	var left []int64
	if err := db.Select(&left, `SELECT id FROM jobs ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(left) != fmt.Sprint([]int64{parked, recent, queued}) {
		t.Fatalf("left %v, want %v", left, []int64{parked, recent, queued})
	}
}

// A job enqueued in a transaction exists only if that transaction commits,
// and the workers are woken once it has ended, not by the transaction itself
// (its NOTIFY would serialise its commit with every other notifying one): a
// woken worker finds the job committed.
func TestEnqueueJobFollowsItsTransaction(t *testing.T) {
	url := pgtest.NewURL(t)
	db := pgtest.Open(t, url)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	listener := pq.NewListener(url, 10*time.Millisecond, time.Second, nil)
	t.Cleanup(func() { listener.Close() })
	if err := listener.Listen(storage.JobsChannel); err != nil {
		t.Fatal(err)
	}
	quiet := func(why string) {
		t.Helper()
		select {
		case n := <-listener.Notify:
			t.Fatalf("%s: %+v", why, n)
		case <-time.After(300 * time.Millisecond):
		}
	}
	begin := func() (*sqlx.Tx, int64) {
		tx := db.MustBeginTx(ctx, nil)
		t.Cleanup(func() { tx.Rollback() })
		id, err := storage.EnqueueJobInTx(ctx, tx, now, storage.NewJob{Kind: "webhook/process"})
		if err != nil {
			t.Fatal(err)
		}
		return tx, id
	}
	countJobs := func(id int64) (n int) {
		if err := db.Get(&n, `SELECT count(*) FROM jobs WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		return n
	}

	tx, id := begin()
	if err := tx.Commit(); err != nil || countJobs(id) != 1 {
		t.Fatalf("a job of a committed transaction is missing (%v)", err)
	}
	quiet("with no waker running, the enqueuing transaction notified")

	wakerCtx, stopWaker := context.WithCancel(ctx)
	waking := make(chan struct{})
	t.Cleanup(func() { stopWaker(); <-waking })
	go func() {
		defer close(waking)
		if err := storage.NewJobs(db, func() time.Time { return now }).WakeWorkers(wakerCtx); err != nil {
			t.Errorf("waker: %v", err)
		}
	}()
	tx, id = begin()
	if err := tx.Rollback(); err != nil || countJobs(id) != 0 {
		t.Fatalf("a job of a rolled-back transaction exists (%v)", err)
	}
	for more := true; more; { // a wake-up for it may come: a hint only
		select {
		case <-listener.Notify:
		case <-time.After(300 * time.Millisecond):
			more = false
		}
	}
	tx, id = begin()
	quiet("notified while the enqueuing transaction was open")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-listener.Notify:
		if n == nil || n.Channel != storage.JobsChannel {
			t.Fatalf("notification %+v", n)
		}
		if countJobs(id) != 1 {
			t.Fatal("woken before the job was committed")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a committed enqueue did not wake the workers")
	}
}

// Enqueueing a job due now is one round trip: the insert holds the
// transaction's key for the workers' wake-up in the same statement (two
// before). A job for later takes no key.
func TestEnqueueingAJobIsOneRoundTrip(t *testing.T) {
	url := pgtest.NewURL(t)
	proxied, writes := pgtest.CountingProxy(t, url)
	db := pgtest.OpenPool(t, proxied, storage.Pool{MaxConns: 1})
	ctx := context.Background()
	now := time.Now()
	tx := db.MustBeginTx(ctx, nil)
	defer tx.Rollback()
	for _, round := range []string{"warm", "counted"} {
		before := writes.Load()
		if _, err := storage.EnqueueJobInTx(ctx, tx, now, storage.NewJob{Kind: "webhook/process", Payload: round}); err != nil {
			t.Fatal(err)
		}
		if n := writes.Load() - before; round == "counted" && n != 1 {
			t.Fatalf("enqueueing a job took %d round trips, want 1", n)
		}
	}
	var held int
	if err := tx.Get(&held, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`); err != nil || held != 1 {
		t.Fatalf("the transaction holds %d advisory keys (%v), want its one", held, err)
	}
	tx.Rollback() // the pool's one connection
	later := db.MustBeginTx(ctx, nil)
	defer later.Rollback()
	if _, err := storage.EnqueueJobInTx(ctx, later, now, storage.NewJob{Kind: "webhook/process", RunAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := later.Get(&held, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`); err != nil || held != 0 {
		t.Fatalf("a job for later holds %d advisory keys (%v), want none", held, err)
	}
}
