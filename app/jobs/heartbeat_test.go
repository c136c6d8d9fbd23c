package jobs_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/jobs"
	"hubchat/storage"
)

// beatingStore counts heartbeats and can make them fail, as when the
// database is out of reach.
type beatingStore struct {
	jobs.Store
	beats atomic.Int64
	down  atomic.Bool
}

func (s *beatingStore) Extend(ctx context.Context, c []storage.JobClaim, lease time.Duration) ([]storage.JobClaim, error) {
	defer s.beats.Add(1)
	if s.down.Load() {
		return nil, errors.New("dial tcp: connection refused")
	}
	return s.Store.Extend(ctx, c, lease)
}

// waitBeats waits for n more heartbeats than have happened so far.
func (s *beatingStore) waitBeats(t *testing.T, n int64) {
	t.Helper()
	want := s.beats.Load() + n
	for deadline := time.Now().Add(10 * time.Second); s.beats.Load() < want; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no heartbeat")
		}
	}
}

// blocking is a handler that reports it started and runs until released or
// cancelled, keeping why it stopped.
func blocking(started chan<- struct{}, release <-chan struct{}, cause *atomic.Value) jobs.Handler {
	return func(ctx context.Context, j storage.Job) error {
		started <- struct{}{}
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			cause.Store(context.Cause(ctx))
			return ctx.Err()
		}
	}
}

// A job that runs far longer than a lease stays its worker's: the heartbeat
// renews the lease, so no other worker claims it meanwhile.
func TestHeartbeatKeepsALongJobItsWorkers(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "long"})
	started, release := make(chan struct{}, 1), make(chan struct{})
	var cause atomic.Value
	store := &beatingStore{Store: f.queue}
	cfg := f.config(map[string]jobs.Handler{"long": blocking(started, release, &cause)})
	cfg.Store, cfg.Lease = store, 300*time.Millisecond
	start(t, cfg)
	<-started
	for range 5 { // 1.25 s of the queue's clock: four leases
		f.clock.Advance(250 * time.Millisecond)
		store.waitBeats(t, 2) // one whole beat after the move
		if other, err := f.queue.Claim(context.Background(), 5, time.Minute); err != nil || len(other) != 0 {
			t.Fatalf("another worker claimed a job whose worker is alive: %v, %v", other, err)
		}
	}
	close(release)
	if r := f.waitJob(t, id, "done", 1); r.LastError != "" {
		t.Fatalf("job %+v", r)
	}
}

// A worker that died leaves its jobs to others after one short lease, not
// after minutes: by default a claim lasts 15 s without a heartbeat.
func TestADeadWorkersJobIsClaimedAgainAfterOneShortLease(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "long"})
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	// A handler stuck where cancelling cannot reach it: the worker "dies"
	// with it, recording nothing, as a killed process would.
	cfg := f.config(map[string]jobs.Handler{"long": func(context.Context, storage.Job) error {
		started <- struct{}{}
		<-release
		return nil
	}})
	cfg.ShutdownGrace = time.Millisecond
	stop := start(t, cfg)
	<-started
	if err := stop(); err == nil {
		t.Fatal("Run did not say it abandoned a running job")
	}
	f.clock.Advance(14 * time.Second)
	if again, _ := f.queue.Claim(context.Background(), 5, time.Minute); len(again) != 0 {
		t.Fatalf("claimed before the lease lapsed: %v", again)
	}
	f.clock.Advance(2 * time.Second)
	again, err := f.queue.Claim(context.Background(), 5, time.Minute)
	if err != nil || len(again) != 1 || again[0].ID != id {
		t.Fatalf("16 s after its worker died the job was not claimed again: %v, %v", again, err)
	}
}

// When the heartbeat could not reach the database and another worker took
// the job meanwhile, the first worker's handler is stopped and it records
// no outcome over the other's claim.
func TestAWorkerThatLostItsClaimStops(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "long"})
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	var cause atomic.Value
	store := &beatingStore{Store: f.queue}
	cfg := f.config(map[string]jobs.Handler{"long": blocking(started, release, &cause)})
	// A beat gives up after a third of the lease: the lease is long enough
	// that a loaded machine's slow statement is not taken for the database
	// being away, beat after beat.
	cfg.Store, cfg.Lease = store, 3*time.Second
	// One worker, busy with the job: the runner cannot claim the lapsed job
	// again itself, so the test's claim plays the other worker.
	cfg.Workers = 1
	start(t, cfg)
	<-started

	store.down.Store(true)
	store.waitBeats(t, 1)
	f.clock.Advance(4 * time.Second) // the lease lapsed while the database was away
	taken, err := f.queue.Claim(context.Background(), 5, time.Minute)
	if err != nil || len(taken) != 1 {
		t.Fatalf("another worker could not take the lapsed job: %v, %v", taken, err)
	}
	store.down.Store(false)
	for deadline := time.Now().Add(20 * time.Second); cause.Load() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the handler of a lost claim runs on")
		}
	}
	if c := cause.Load().(error); !strings.Contains(c.Error(), "claim was lost") {
		t.Fatalf("stopped for %v", c)
	}
	// The other worker's claim stands: still running, attempt 2, no error.
	time.Sleep(50 * time.Millisecond) // let a wrong outcome land, if one would
	if r := f.job(t, id); r.Status != "running" || r.Attempts != 2 || r.LastError != "" {
		t.Fatalf("the lost claim's worker changed the job: %+v", r)
	}
}
