package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// Claims by id made together take each queued, due job once, for the
// first call that names it: not a job running already, nor one due later.
func TestClaimsByIDTogetherTakeEachQueuedDueJobOnce(t *testing.T) {
	q, clock, db := newJobQueue(t)
	ctx := context.Background()
	var due []int64
	for i := range 4 {
		due = append(due, mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: i}))
	}
	later := mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 9, RunAt: clock.Now().Add(time.Minute)})
	if _, ok, err := q.ClaimID(ctx, due[3], time.Minute); err != nil || !ok {
		t.Fatalf("claim %d alone: %v, %v", due[3], ok, err)
	}
	ids := []int64{due[0], due[1], due[0], later, due[3], due[2]}
	jobs, ok, err := storage.ClaimIDsTogether(ctx, q, ids, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ok) != fmt.Sprint([]bool{true, true, false, false, false, true}) {
		t.Fatalf("claimed %v of %v; want the due queued jobs, each once", ok, ids)
	}
	for i, id := range ids {
		if ok[i] && (jobs[i].ID != id || jobs[i].Attempts != 1 || jobs[i].Status != "running") {
			t.Fatalf("claim of %d returned %+v", id, jobs[i])
		}
	}
	for _, id := range due {
		if status, _, attempts := jobByID(t, db, id); status != "running" || attempts != 1 {
			t.Fatalf("job %d is %s after %d attempts; want running after one", id, status, attempts)
		}
	}
	if status, _, _ := jobByID(t, db, later); status != "queued" {
		t.Fatalf("the job due later is %s", status)
	}
}

// Completions made together complete each running claim, once: a claim
// of another attempt, or named a second time, is not found, as Complete
// says.
func TestCompletionsTogetherCompleteEachRunningClaimOnce(t *testing.T) {
	q, _, db := newJobQueue(t)
	ctx := context.Background()
	for i := range 3 {
		mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: i})
	}
	claimed, err := q.Claim(ctx, 3, time.Minute)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d: %v", len(claimed), err)
	}
	a, b, c := claimed[0], claimed[1], claimed[2]
	outs, err := storage.CompleteTogether(ctx, q, []storage.JobClaim{{ID: a.ID, Attempt: 1}, {ID: b.ID, Attempt: 2},
		{ID: c.ID, Attempt: 1}, {ID: a.ID, Attempt: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if outs[0] != nil || !errors.Is(outs[1], storage.ErrNotFound) || outs[2] != nil || !errors.Is(outs[3], storage.ErrNotFound) {
		t.Fatalf("outcomes %v; want done, not found (another attempt), done, not found (named again)", outs)
	}
	for id, want := range map[int64]string{a.ID: "done", b.ID: "running", c.ID: "done"} {
		if status, _, _ := jobByID(t, db, id); status != want {
			t.Fatalf("job %d is %s, want %s", id, status, want)
		}
	}
}

// Five claims by id made together are one statement; so are five
// completions.
func TestClaimsAndCompletionsTogetherAreOneRoundTrip(t *testing.T) {
	_, clock, db := newJobQueue(t)
	ctx := context.Background()
	var dbName string
	if err := db.Get(&dbName, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	proxied, writes := pgtest.CountingProxy(t, pgtest.AsAppRole(pgtest.URLFor(t, dbName)))
	q := storage.NewJobs(pgtest.OpenPool(t, proxied, storage.Pool{MaxConns: 1}), clock.Now)
	for _, round := range []string{"warm", "counted"} {
		var ids []int64
		for i := range 5 {
			ids = append(ids, mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: i}))
		}
		before := writes.Load()
		jobs, ok, err := storage.ClaimIDsTogether(ctx, q, ids, time.Minute)
		claimedIn := writes.Load() - before
		if err != nil || fmt.Sprint(ok) != "[true true true true true]" {
			t.Fatalf("%s: claimed %v, %v", round, ok, err)
		}
		claims := make([]storage.JobClaim, len(jobs))
		for i, j := range jobs {
			claims[i] = storage.JobClaim{ID: j.ID, Attempt: j.Attempts}
		}
		before = writes.Load()
		outs, err := storage.CompleteTogether(ctx, q, claims)
		completedIn := writes.Load() - before
		if err = errors.Join(append(outs, err)...); err != nil {
			t.Fatal(err)
		}
		if round == "counted" && (claimedIn != 1 || completedIn != 1) {
			t.Fatalf("five claims took %d round trips, five completions %d; want one each", claimedIn, completedIn)
		}
	}
}

// Claims by id and completions asked for at once, two claims a job, take
// and settle each job once.
func TestClaimsByIDAndCompletionsAtOnceSettleEachJobOnce(t *testing.T) {
	q, _, db := newJobQueue(t)
	ctx := context.Background()
	var ids []int64
	for i := range 40 {
		ids = append(ids, mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: i}))
	}
	var wg sync.WaitGroup
	taken := make([]atomic.Int32, len(ids))
	for i := range 2 * len(ids) {
		wg.Go(func() {
			job, ok, err := q.ClaimID(ctx, ids[i/2], time.Minute)
			if err != nil || !ok {
				return
			}
			taken[i/2].Add(1)
			if err := q.Complete(ctx, job.ID, job.Attempts); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i, id := range ids {
		if status, _, attempts := jobByID(t, db, id); taken[i].Load() != 1 || status != "done" || attempts != 1 {
			t.Fatalf("job %d taken %d times, %s after %d attempts", id, taken[i].Load(), status, attempts)
		}
	}
}
