package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/jobs"
	"hubchat/storage"
)

func TestRunnerCancelsAHandlerAfterMaxRun(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "slow"})
	took := make(chan time.Duration, 1)
	cfg := f.config(map[string]jobs.Handler{"slow": func(ctx context.Context, j storage.Job) error {
		began := time.Now()
		<-ctx.Done()
		took <- time.Since(began)
		return ctx.Err()
	}})
	cfg.MaxRun = 300 * time.Millisecond
	cfg.Backoff = func(int) time.Duration { return time.Hour }
	start(t, cfg)
	if r := f.waitJob(t, id, "queued", 1); r.LastError != "ran out of time: context deadline exceeded" {
		t.Fatalf("last error %q", r.LastError)
	}
	if d := <-took; d < 250*time.Millisecond || d > 2*time.Second {
		t.Fatalf("handler cancelled after %v, want about the 300 ms MaxRun", d)
	}
}

// countingStore counts claims, so a test knows when the runner is idle.
type countingStore struct {
	jobs.Store
	claims atomic.Int64
}

func (s *countingStore) Claim(ctx context.Context, limit int, lease time.Duration) ([]storage.Job, error) {
	defer s.claims.Add(1)
	return s.Store.Claim(ctx, limit, lease)
}

func TestRunnerWakesOnNotifyLongBeforeItsPoll(t *testing.T) {
	f := newFixture(t)
	store := &countingStore{Store: f.queue}
	cfg := f.config(map[string]jobs.Handler{"urgent": func(context.Context, storage.Job) error { return nil }})
	cfg.Store, cfg.PollInterval = store, 10*time.Second
	cfg.Listen = jobs.ListenPostgres(f.url, f.queue, slog.New(slog.NewTextHandler(f.log, nil)))
	start(t, cfg)
	// The first claim comes at start; the second once LISTEN is in effect.
	for deadline := time.Now().Add(5 * time.Second); store.claims.Load() < 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the listener never connected; log:\n%s", f.log)
		}
	}
	began := time.Now()
	id := f.enqueue(t, storage.NewJob{Kind: "urgent"})
	for f.job(t, id).Status != "done" {
		if time.Since(began) > time.Second {
			t.Fatalf("job not done 1 s after enqueue with a 10 s poll; log:\n%s", f.log)
		}
		time.Sleep(time.Millisecond)
	}
	t.Logf("enqueue to done in %v", time.Since(began))
}

func TestRunnerStopsPromptlyAndLetsARunningJobFinish(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "steady"})
	started := make(chan struct{})
	var cancelled atomic.Bool
	cfg := f.config(map[string]jobs.Handler{"steady": func(ctx context.Context, j storage.Job) error {
		close(started)
		time.Sleep(300 * time.Millisecond)
		cancelled.Store(ctx.Err() != nil)
		return nil
	}})
	cfg.PollInterval = 10 * time.Second
	stop := start(t, cfg)
	<-started
	began := time.Now()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took < 200*time.Millisecond || took > 2*time.Second {
		t.Fatalf("Run returned %v after cancel, want once the 300 ms job was done", took)
	}
	if r := f.job(t, id); r.Status != "done" || cancelled.Load() {
		t.Fatalf("job %+v, its context cancelled: %v", r, cancelled.Load())
	}

	idle := start(t, cfg)
	time.Sleep(20 * time.Millisecond)
	began = time.Now()
	if err := idle(); err != nil || time.Since(began) > 200*time.Millisecond {
		t.Fatalf("idle Run returned %v after %v", err, time.Since(began))
	}
}

func TestRunnerAbandonsJobsAfterTheShutdownGrace(t *testing.T) {
	f := newFixture(t)
	f.enqueue(t, storage.NewJob{Kind: "stuck"})
	started, released := make(chan struct{}), make(chan error, 1)
	cfg := f.config(map[string]jobs.Handler{"stuck": func(ctx context.Context, j storage.Job) error {
		close(started)
		<-ctx.Done()
		released <- ctx.Err()
		return ctx.Err()
	}})
	cfg.ShutdownGrace = 100 * time.Millisecond
	stop := start(t, cfg)
	<-started
	if err := stop(); err == nil || !strings.Contains(err.Error(), "1 jobs still running") {
		t.Fatalf("Run returned %v, want a report of the abandoned job", err)
	}
	select {
	case err := <-released:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("handler context ended with %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the abandoned handler's context was not cancelled")
	}
}

func TestDefaultBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{
		0: 5 * time.Second, 1: 5 * time.Second, 2: 10 * time.Second, 3: 20 * time.Second,
		10: 2560 * time.Second, 11: time.Hour, 12: time.Hour, 1000: time.Hour,
	} {
		seen := map[time.Duration]bool{}
		for range 50 {
			got := jobs.DefaultBackoff(attempt)
			seen[got] = true
			if got < want*8/10 || got > want*12/10 {
				t.Fatalf("attempt %d: %v, want %v ± 20 %%", attempt, got, want)
			}
		}
		if len(seen) < 10 {
			t.Errorf("attempt %d: only %d distinct delays in 50; no jitter?", attempt, len(seen))
		}
	}
}

func TestNewRejectsAnIncompleteConfig(t *testing.T) {
	log := slog.New(slog.NewTextHandler(&apptest.Output{}, nil))
	for name, cfg := range map[string]jobs.Config{
		"no store":       {Log: log},
		"no log":         {Store: &countingStore{}},
		"negative lease": {Store: &countingStore{}, Log: log, Lease: -time.Second},
	} {
		if _, err := jobs.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
