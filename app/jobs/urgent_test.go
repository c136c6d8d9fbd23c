package jobs_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"hubchat/app/jobs"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// claimLog records what each claim of the runner took, in order.
type claimLog struct {
	jobs.Store
	mu     sync.Mutex
	claims [][]int64
}

func (s *claimLog) ClaimUrgentFirst(ctx context.Context, urgent []string, limit, backgroundLimit int, lease time.Duration) ([]storage.Job, error) {
	got, err := s.Store.ClaimUrgentFirst(ctx, urgent, limit, backgroundLimit, lease)
	s.record(got)
	return got, err
}

func (s *claimLog) Claim(ctx context.Context, limit int, lease time.Duration) ([]storage.Job, error) {
	got, err := s.Store.Claim(ctx, limit, lease)
	s.record(got)
	return got, err
}

func (s *claimLog) record(got []storage.Job) {
	if len(got) == 0 {
		return
	}
	ids := make([]int64, len(got))
	for i, j := range got {
		ids[i] = j.ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.claims = append(s.claims, ids)
}

// With two thousand profile syncs due and every worker busy on one, an AI
// answer queued after them is in the next claim; then every sync still
// runs, once, beside answers queued by many shoppers at once.
func TestUrgentJobIsClaimedBeforeTheBacklog(t *testing.T) {
	f := newFixture(t)
	const workers, backlog, shoppers = 4, 2000, 8
	db := pgtest.OpenPool(t, f.url, storage.Pool{MaxConns: workers, StatementTimeout: 30 * time.Second})
	queue := storage.NewJobs(db, f.clock.Now)
	if _, err := db.Exec(`INSERT INTO jobs (kind, payload, run_at, created_at, updated_at)
		SELECT 'profile.sync', jsonb_build_object('customer', g), $1, $1, $1 FROM generate_series(1, $2) g`,
		f.clock.Now().Add(-time.Minute), backlog); err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	var mu sync.Mutex
	runs := map[int64]int{}
	run := func(ctx context.Context, j storage.Job) error {
		<-gate
		mu.Lock()
		defer mu.Unlock()
		runs[j.ID]++
		return nil
	}
	log := &claimLog{Store: queue}
	cfg := f.config(map[string]jobs.Handler{"profile.sync": run, storage.JobAIAnswer: run})
	cfg.Store, cfg.Workers, cfg.Urgent = log, workers, []string{storage.JobAIAnswer}
	start(t, cfg)
	waitClaims(t, log, 1) // every worker holds a sync, waiting at the gate
	answer := f.enqueue(t, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 0})
	close(gate)
	var answers []int64
	var wg sync.WaitGroup
	for i := range shoppers {
		wg.Go(func() {
			for n := range 10 {
				id, err := queue.Enqueue(context.Background(), storage.NewJob{Kind: storage.JobAIAnswer, Payload: i*10 + n})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				answers = append(answers, id)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	f.waitJob(t, answer, "done", 1)
	for _, id := range answers {
		f.waitJob(t, id, "done", 1)
	}
	waitAllDone(t, f, backlog+1+len(answers))
	log.mu.Lock()
	defer log.mu.Unlock()
	if first := log.claims[0]; len(first) != workers || slices.Contains(first, answer) {
		t.Fatalf("the first claim took %v, want %d syncs", first, workers)
	}
	if !slices.Contains(log.claims[1], answer) {
		t.Fatalf("the claim after the answer was queued took %v, not the answer %d", log.claims[1], answer)
	}
	mu.Lock()
	defer mu.Unlock()
	for id, n := range runs {
		if n != 1 {
			t.Fatalf("job %d ran %d times", id, n)
		}
	}
}

// waitClaims waits until the runner has made n claims that took jobs.
func waitClaims(t *testing.T, log *claimLog, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		log.mu.Lock()
		got := len(log.claims)
		log.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d claims after 10 s, want %d", got, n)
		}
	}
}

// waitAllDone waits until all n jobs of the queue are done.
func waitAllDone(t *testing.T, f *fixture, n int) {
	t.Helper()
	var done int
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if err := f.db.Get(&done, `SELECT count(*) FROM jobs WHERE status = 'done'`); err != nil {
			t.Fatal(err)
		}
		if done == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d jobs done after 60 s; log:\n%s", done, n, f.log)
		}
	}
}
