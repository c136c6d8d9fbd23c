package jobs_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"hubchat/app/apperr"
	"hubchat/app/jobs"
	"hubchat/storage"
)

// A batch kind's due jobs run together, up to BatchSize at once, each once;
// each job's outcome is its own: the completed are done, a failing one is
// retried, a malformed one parked, and another kind's jobs run alone.
func TestBatchKindRunsItsJobsTogetherWithAnOutcomeEach(t *testing.T) {
	f := newFixture(t)
	const total, batchSize = 95, 20
	ids := map[int64]bool{}
	for i := range total {
		ids[f.enqueue(t, storage.NewJob{Kind: "hook", Payload: i})] = true
	}
	failing := f.enqueue(t, storage.NewJob{Kind: "hook", Payload: "fail", MaxAttempts: 2})
	malformed := f.enqueue(t, storage.NewJob{Kind: "hook", Payload: "malformed"})
	single := f.enqueue(t, storage.NewJob{Kind: "alone", Payload: 1})
	var mu sync.Mutex
	runs := map[int64]int{}
	var sizes []int
	cfg := f.config(map[string]jobs.Handler{"alone": func(context.Context, storage.Job) error { return nil }})
	cfg.Workers, cfg.BatchSize = 2, batchSize
	cfg.Batches = map[string]jobs.BatchHandler{"hook": func(ctx context.Context, batch []storage.Job) []error {
		mu.Lock()
		defer mu.Unlock()
		sizes = append(sizes, len(batch))
		errs := make([]error, len(batch))
		for i, j := range batch {
			runs[j.ID]++
			switch j.ID {
			case failing:
				errs[i] = errors.New("the shop's database is busy")
			case malformed:
				errs[i] = apperr.New(apperr.Invalid, "not an order")
			}
		}
		return errs
	}}
	stop := start(t, cfg)
	for id := range ids {
		f.waitJob(t, id, "done", 1)
	}
	f.waitJob(t, failing, "parked", 2)
	f.waitJob(t, malformed, "parked", 1)
	f.waitJob(t, single, "done", 1)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for id := range ids {
		if runs[id] != 1 {
			t.Errorf("job %d ran %d times, want once", id, runs[id])
		}
	}
	if runs[failing] != 2 || runs[malformed] != 1 {
		t.Errorf("the failing job ran %d times (want 2), the malformed %d (want 1)", runs[failing], runs[malformed])
	}
	largest := 0
	for _, n := range sizes {
		if n > batchSize {
			t.Errorf("a batch of %d jobs, more than %d", n, batchSize)
		}
		largest = max(largest, n)
	}
	if largest < batchSize {
		t.Errorf("batches of %v: %d due jobs never ran %d together", sizes, total, batchSize)
	}
}

// A batch handler that panics, or answers for fewer jobs than it was
// given, fails every job of the batch (retried later), and the worker
// lives on.
func TestBatchHandlerThatPanicsOrMiscountsFailsItsJobs(t *testing.T) {
	f := newFixture(t)
	panics := f.enqueue(t, storage.NewJob{Kind: "panics", Payload: 1, MaxAttempts: 1})
	miscounts := f.enqueue(t, storage.NewJob{Kind: "miscounts", Payload: 1, MaxAttempts: 1})
	cfg := f.config(nil)
	cfg.Batches = map[string]jobs.BatchHandler{
		"panics":    func(context.Context, []storage.Job) []error { panic("boom") },
		"miscounts": func(context.Context, []storage.Job) []error { return nil },
	}
	start(t, cfg)
	if r := f.waitJob(t, panics, "parked", 1); !contains(r.LastError, "panicked") {
		t.Errorf("panicking batch: last error %q", r.LastError)
	}
	if r := f.waitJob(t, miscounts, "parked", 1); !contains(r.LastError, "0 outcomes for 1 jobs") {
		t.Errorf("miscounting batch: last error %q", r.LastError)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
