package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"hubchat/storage"
)

// ClaimID takes a queued, due job once, whoever else claims it at the same
// time (by its id or as the workers do); a job running, done or not yet due
// is not its to take.
func TestJobClaimedByIDOnceAmongRacingClaims(t *testing.T) {
	q, clock, db := newJobQueue(t)
	ctx := context.Background()
	for range 20 {
		id := mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
		var mu sync.Mutex
		taken := 0
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Go(func() {
				n := 0
				if i%2 == 0 {
					if _, ok, err := q.ClaimID(ctx, id, time.Minute); err != nil {
						t.Error(err)
					} else if ok {
						n = 1
					}
				} else {
					jobs, err := q.Claim(ctx, 1, time.Minute)
					if err != nil {
						t.Error(err)
					}
					n = len(jobs)
				}
				mu.Lock()
				taken += n
				mu.Unlock()
			})
		}
		wg.Wait()
		if status, _, attempts := jobByID(t, db, id); taken != 1 || status != "running" || attempts != 1 {
			t.Fatalf("job %d taken %d times, %s after %d attempts; want once, running after 1", id, taken, status, attempts)
		}
		if err := q.Complete(ctx, id, 1); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := q.ClaimID(ctx, id, time.Minute); err != nil || ok {
			t.Fatalf("a done job was claimed by its id again (ok %v, err %v)", ok, err)
		}
	}
	later := mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 2, RunAt: clock.Now().Add(time.Minute)})
	if _, ok, err := q.ClaimID(ctx, later, time.Minute); err != nil || ok {
		t.Fatalf("a job due in a minute was claimed by its id (ok %v, err %v)", ok, err)
	}
}
