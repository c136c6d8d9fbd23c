package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// newJobQueue returns a queue on a fresh database with its clock; the clock
// starts on a whole microsecond, as PostgreSQL stores no finer.
func newJobQueue(t *testing.T) (*storage.Jobs, *clock, *sqlx.DB) {
	t.Helper()
	db := pgtest.NewDB(t)
	clock := newClock()
	return storage.NewJobs(db, clock.Now), clock, db
}

func jobTestShop(t *testing.T, db *sqlx.DB, name string) int64 {
	t.Helper()
	var id int64
	if err := db.Get(&id, `INSERT INTO shops (domain) VALUES ($1) RETURNING id`, name+".myshopify.com"); err != nil {
		t.Fatal(err)
	}
	return id
}

func mustEnqueue(t *testing.T, q *storage.Jobs, j storage.NewJob) int64 {
	t.Helper()
	id, err := q.Enqueue(context.Background(), j)
	if err != nil {
		t.Fatalf("enqueue %+v: %v", j, err)
	}
	return id
}

func mustClaim(t *testing.T, q *storage.Jobs, limit int) []storage.Job {
	t.Helper()
	jobs, err := q.Claim(context.Background(), limit, time.Minute)
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	return jobs
}

func jobByID(t *testing.T, db *sqlx.DB, id int64) (status, lastError string, attempts int) {
	t.Helper()
	row := db.QueryRow(`SELECT status, last_error, attempts FROM jobs WHERE id = $1`, id)
	if err := row.Scan(&status, &lastError, &attempts); err != nil {
		t.Fatalf("job %d: %v", id, err)
	}
	return status, lastError, attempts
}

func TestJobEnqueueClaimComplete(t *testing.T) {
	t.Parallel()
	q, clock, db := newJobQueue(t)
	ctx := context.Background()
	shop := jobTestShop(t, db, "jobs-basic")
	type order struct {
		OrderID int64    `json:"order_id"`
		Note    string   `json:"note"`
		Tags    []string `json:"tags"`
	}
	sent := order{OrderID: 1 << 53, Note: "héllo ☃ \"quoted\" <b>", Tags: []string{"a", ""}}
	id := mustEnqueue(t, q, storage.NewJob{Kind: "orders/sync", ShopID: shop, Payload: sent})

	jobs := mustClaim(t, q, 10)
	if len(jobs) != 1 {
		t.Fatalf("claimed %d jobs, want 1", len(jobs))
	}
	j := jobs[0]
	if j.ID != id || j.Kind != "orders/sync" || j.ShopID != shop || j.Status != storage.JobRunning ||
		j.Attempts != 1 || j.MaxAttempts != storage.DefaultMaxAttempts || !j.RunAt.Equal(clock.Now()) {
		t.Fatalf("claimed %+v", j)
	}
	if j.LockedUntil == nil || !j.LockedUntil.Equal(clock.Now().Add(time.Minute)) {
		t.Fatalf("lease ends %v, want %v", j.LockedUntil, clock.Now().Add(time.Minute))
	}
	var got order
	if err := j.DecodePayload(&got); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(sent) {
		t.Fatalf("payload %+v, want %+v", got, sent)
	}
	if more := mustClaim(t, q, 10); len(more) != 0 {
		t.Fatalf("a running job was claimed again: %+v", more)
	}
	if err := q.Complete(ctx, id, 1); err != nil {
		t.Fatal(err)
	}
	if status, _, _ := jobByID(t, db, id); status != "done" {
		t.Fatalf("status %s after complete", status)
	}
	if err := q.Complete(ctx, id, 1); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second complete: %v, want not found", err)
	}
}

func TestJobRawPayloadAndNoShop(t *testing.T) {
	t.Parallel()
	q, _, _ := newJobQueue(t)
	mustEnqueue(t, q, storage.NewJob{Kind: "shop/redact", Payload: json.RawMessage(`{"b":[1,2],"a":null}`)})
	j := mustClaim(t, q, 1)[0]
	var got map[string]any
	if err := j.DecodePayload(&got); err != nil {
		t.Fatal(err)
	}
	if j.ShopID != 0 || fmt.Sprint(got) != "map[a:<nil> b:[1 2]]" {
		t.Fatalf("shop %d payload %v", j.ShopID, got)
	}
	var wrong []int
	if err := j.DecodePayload(&wrong); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("decoding into the wrong type: %v, want invalid", err)
	}
}

func TestJobInRunsOnlyOnceTheClockPassesRunAt(t *testing.T) {
	t.Parallel()
	q, clock, _ := newJobQueue(t)
	id := mustEnqueue(t, q, storage.NewJob{Kind: "conversation/wake", RunAt: clock.Now().Add(5 * time.Minute)})
	if jobs := mustClaim(t, q, 10); len(jobs) != 0 {
		t.Fatalf("claimed a future job: %+v", jobs)
	}
	clock.Advance(5*time.Minute - time.Microsecond)
	if jobs := mustClaim(t, q, 10); len(jobs) != 0 {
		t.Fatalf("claimed a job a microsecond early: %+v", jobs)
	}
	clock.Advance(time.Microsecond)
	if jobs := mustClaim(t, q, 10); len(jobs) != 1 || jobs[0].ID != id {
		t.Fatalf("claimed %+v once due", jobs)
	}
}

func TestJobClaimIsExclusiveUnderConcurrency(t *testing.T) {
	t.Parallel()
	q, _, _ := newJobQueue(t)
	ctx := context.Background()
	const total, workers = 500, 8
	want := map[int64]bool{}
	for i := range total {
		want[mustEnqueue(t, q, storage.NewJob{Kind: "k", Payload: i})] = true
	}
	claimed := make(chan int64, total*2)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for {
				jobs, err := q.Claim(ctx, 5, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(jobs) == 0 {
					return
				}
				for _, j := range jobs {
					claimed <- j.ID
					if err := q.Complete(ctx, j.ID, j.Attempts); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	close(claimed)
	t.Logf("%d jobs claimed and completed by %d workers in %v", total, workers, time.Since(start))
	seen := map[int64]int{}
	for id := range claimed {
		seen[id]++
		if seen[id] > 1 {
			t.Errorf("job %d claimed twice", id)
		}
		if !want[id] {
			t.Errorf("claimed unknown job %d", id)
		}
	}
	if len(seen) != total {
		t.Fatalf("claimed %d distinct jobs of %d", len(seen), total)
	}
}

func TestJobOfADeadWorkerIsReclaimedAfterItsLease(t *testing.T) {
	t.Parallel()
	q, clock, _ := newJobQueue(t)
	id := mustEnqueue(t, q, storage.NewJob{Kind: "k"})
	mustClaim(t, q, 1) // its worker dies and never reports
	clock.Advance(time.Minute - time.Second)
	if jobs := mustClaim(t, q, 1); len(jobs) != 0 {
		t.Fatalf("reclaimed inside the lease: %+v", jobs)
	}
	clock.Advance(time.Second)
	jobs := mustClaim(t, q, 1)
	if len(jobs) != 1 || jobs[0].ID != id || jobs[0].Attempts != 2 {
		t.Fatalf("after the lease got %+v, want job %d on attempt 2", jobs, id)
	}
	// The first worker was only slow: its late verdict must not settle the
	// job its successor now holds.
	ctx := context.Background()
	if err := q.Complete(ctx, id, 1); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("stale complete: %v, want not found", err)
	}
	if err := q.Park(ctx, id, 1, "stale"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("stale park: %v, want not found", err)
	}
	if err := q.Complete(ctx, id, 2); err != nil {
		t.Fatalf("the current claim's complete: %v", err)
	}
}
