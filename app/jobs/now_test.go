package jobs_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/jobs"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// startRunner is start, returning the runner too, for RunNow.
func startRunner(t *testing.T, cfg jobs.Config) (*jobs.Runner, func() error) {
	t.Helper()
	r, err := jobs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(20 * time.Second):
				t.Error("Run did not return after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	return r, stop
}

// claimCounter counts the jobs each way of claiming took; with failIDs,
// its ClaimID fails as a claim cut short by its timeout does.
type claimCounter struct {
	jobs.Store
	byID, byWorkers atomic.Int64
	failIDs         bool
	claimed         chan struct{} // when set, receives after each workers' claim
}

func (s *claimCounter) ClaimID(ctx context.Context, id int64, lease time.Duration) (storage.Job, bool, error) {
	if s.failIDs {
		return storage.Job{}, false, context.DeadlineExceeded
	}
	job, ok, err := s.Store.ClaimID(ctx, id, lease)
	if ok {
		s.byID.Add(1)
	}
	return job, ok, err
}

func (s *claimCounter) ClaimUrgentFirst(ctx context.Context, urgent []string, limit, backgroundLimit int, lease time.Duration) ([]storage.Job, error) {
	got, err := s.Store.ClaimUrgentFirst(ctx, urgent, limit, backgroundLimit, lease)
	s.byWorkers.Add(int64(len(got)))
	if s.claimed != nil {
		select {
		case s.claimed <- struct{}{}:
		default:
		}
	}
	return got, err
}

// runCounts counts each job's runs.
type runCounts struct {
	mu   sync.Mutex
	runs map[int64]int
}

func (c *runCounts) handler(ctx context.Context, j storage.Job) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.runs[j.ID]++
	return nil
}

// Answers queued by sixteen shoppers at once, each handed to RunNow of
// two instances as its post commits (a retried post hands it again) while
// their four workers each poll every millisecond for the same jobs, on a
// pool of four connections: each answer is given once, in one claim, and
// both ways answered some.
func TestJobRunNowRacingTheWorkersGivesEachAnswerOnce(t *testing.T) {
	f := newFixture(t)
	db := pgtest.OpenPool(t, f.url, storage.Pool{MaxConns: 4, StatementTimeout: 30 * time.Second})
	queue := storage.NewJobs(db, time.Now)
	counts := &runCounts{runs: map[int64]int{}}
	store := &claimCounter{Store: queue}
	cfg := f.config(map[string]jobs.Handler{storage.JobAIAnswer: counts.handler})
	cfg.Store, cfg.Now, cfg.Workers, cfg.Immediate = store, time.Now, 4, 2
	cfg.PollInterval, cfg.Urgent = time.Millisecond, []string{storage.JobAIAnswer}
	runner, _ := startRunner(t, cfg)
	other, _ := startRunner(t, cfg)
	const shoppers, each = 16, 15
	ids := make(chan int64, shoppers*each)
	var wg sync.WaitGroup
	for s := range shoppers {
		wg.Go(func() {
			for n := range each {
				id, err := queue.Enqueue(context.Background(), storage.NewJob{Kind: storage.JobAIAnswer, Payload: s*each + n})
				if err != nil {
					t.Error(err)
					return
				}
				runner.RunNow(id)
				other.RunNow(id)
				ids <- id
			}
		})
	}
	wg.Wait()
	close(ids)
	for id := range ids {
		f.waitJob(t, id, "done", 1) // one attempt: claimed once
	}
	counts.mu.Lock()
	defer counts.mu.Unlock()
	if len(counts.runs) != shoppers*each {
		t.Fatalf("%d answers ran, want %d", len(counts.runs), shoppers*each)
	}
	for id, n := range counts.runs {
		if n != 1 {
			t.Fatalf("answer %d was given %d times", id, n)
		}
	}
	if store.byID.Load() == 0 || store.byWorkers.Load() == 0 {
		t.Fatalf("RunNow claimed %d and the workers %d: no race was run", store.byID.Load(), store.byWorkers.Load())
	}
	t.Logf("RunNow claimed %d answers, the workers %d", store.byID.Load(), store.byWorkers.Load())
}

// RunNow's claim failing (its time ran out) leaves the answer queued, and
// the workers give it, once.
func TestJobWhoseClaimAtOnceFailsIsAnsweredByTheWorkers(t *testing.T) {
	f := newFixture(t)
	counts := &runCounts{runs: map[int64]int{}}
	store := &claimCounter{Store: f.queue, failIDs: true, claimed: make(chan struct{}, 1)}
	cfg := f.config(map[string]jobs.Handler{storage.JobAIAnswer: counts.handler})
	cfg.Store, cfg.Urgent, cfg.PollInterval = store, []string{storage.JobAIAnswer}, time.Hour
	runner, _ := startRunner(t, cfg)
	waitIdle(t, store) // the workers' first claim found nothing; they sleep for an hour
	id := f.enqueue(t, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
	if !runner.RunNow(id) {
		t.Fatal("RunNow declined with room to spare")
	}
	// Without a wake-up the workers would sleep for an hour: a second
	// runner, polling, is the other instances' workers.
	cfg.PollInterval, cfg.Store = 5*time.Millisecond, f.queue
	startRunner(t, cfg)
	f.waitJob(t, id, "done", 1)
	counts.mu.Lock()
	defer counts.mu.Unlock()
	if counts.runs[id] != 1 {
		t.Fatalf("the answer was given %d times, want once", counts.runs[id])
	}
}

// waitIdle waits for the workers' first claim, which finds no job due.
func waitIdle(t *testing.T, store *claimCounter) {
	t.Helper()
	select {
	case <-store.claimed:
	case <-time.After(10 * time.Second):
		t.Fatal("the workers made no claim in 10 s")
	}
}

// An answer RunNow claimed whose instance then dies before answering
// (its handler never returns, its shutdown abandons it, its heartbeat
// stops) is given by another instance's workers once its lease lapses:
// once, in the claim after RunNow's.
func TestJobLeftByACrashAfterRunNowIsAnsweredByTheWorkers(t *testing.T) {
	f := newFixture(t)
	hung := make(chan struct{})
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	store := &claimCounter{Store: f.queue, claimed: make(chan struct{}, 1)}
	cfg := f.config(map[string]jobs.Handler{storage.JobAIAnswer: func(ctx context.Context, j storage.Job) error {
		close(hung)
		<-release // a dead process: nothing is recorded, whatever ctx says
		return nil
	}})
	cfg.Store, cfg.Urgent, cfg.PollInterval, cfg.ShutdownGrace = store, []string{storage.JobAIAnswer}, time.Hour, 50*time.Millisecond
	runner, stop := startRunner(t, cfg)
	waitIdle(t, store)
	id := f.enqueue(t, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
	if !runner.RunNow(id) {
		t.Fatal("RunNow declined with room to spare")
	}
	<-hung
	if err := stop(); err == nil {
		t.Fatal("the shutdown abandoned no job")
	}
	if r := f.job(t, id); r.Status != "running" || r.Attempts != 1 || store.byID.Load() != 1 {
		t.Fatalf("after the crash the answer is %+v, claimed by id %d times; want running, RunNow's claim", r, store.byID.Load())
	}
	f.clock.Advance(time.Minute) // its lease lapses
	counts := &runCounts{runs: map[int64]int{}}
	other := f.config(map[string]jobs.Handler{storage.JobAIAnswer: counts.handler})
	other.Urgent = []string{storage.JobAIAnswer}
	startRunner(t, other)
	f.waitJob(t, id, "done", 2)
	counts.mu.Lock()
	defer counts.mu.Unlock()
	if counts.runs[id] != 1 {
		t.Fatalf("the workers gave the answer %d times, want once", counts.runs[id])
	}
}

// queueBackground stores n background jobs due a minute ago.
func queueBackground(t *testing.T, f *fixture, n int) {
	t.Helper()
	if _, err := f.db.Exec(`INSERT INTO jobs (kind, payload, run_at, created_at, updated_at)
		SELECT 'profile.sync', jsonb_build_object('customer', g), $1, $1, $1 FROM generate_series(1, $2) g`,
		f.clock.Now().Add(-time.Minute), n); err != nil {
		t.Fatal(err)
	}
}

// gatedBackground is a background kind's handler that holds its worker
// until the gate opens, counting how many it holds at most.
type gatedBackground struct {
	gate          chan struct{}
	holding, most atomic.Int64
	full          chan struct{} // receives when `want` are held
	want          int64
}

func (g *gatedBackground) handler(ctx context.Context, j storage.Job) error {
	n := g.holding.Add(1)
	defer g.holding.Add(-1)
	for m := g.most.Load(); n > m && !g.most.CompareAndSwap(m, n); m = g.most.Load() {
	}
	if n == g.want {
		select {
		case g.full <- struct{}{}:
		default:
		}
	}
	select {
	case <-g.gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// With two thousand profile syncs due and holding every worker they may,
// a shopper's answer is given while they all still run: by the worker kept
// for the urgent kinds (UrgentWorkers), or at once by RunNow when no
// worker is kept. The syncs never hold a kept worker.
func TestAnswerIsNotDelayedByThousandsOfBackgroundJobs(t *testing.T) {
	for _, c := range []struct {
		name          string
		urgentWorkers int
		runNow        bool
	}{{"a worker kept for urgent kinds", 1, false}, {"RunNow beside busy workers", 0, true}} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			const workers, backlog = 4, 2000
			db := pgtest.OpenPool(t, f.url, storage.Pool{MaxConns: workers + 2, StatementTimeout: 30 * time.Second})
			queueBackground(t, f, backlog)
			syncs := &gatedBackground{gate: make(chan struct{}), full: make(chan struct{}, 1), want: workers - int64(c.urgentWorkers)}
			defer close(syncs.gate)
			counts := &runCounts{runs: map[int64]int{}}
			cfg := f.config(map[string]jobs.Handler{"profile.sync": syncs.handler, storage.JobAIAnswer: counts.handler})
			cfg.Store = storage.NewJobs(db, f.clock.Now)
			cfg.Workers, cfg.UrgentWorkers, cfg.Urgent = workers, c.urgentWorkers, []string{storage.JobAIAnswer}
			runner, _ := startRunner(t, cfg)
			<-syncs.full
			id := f.enqueue(t, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
			if c.runNow && !runner.RunNow(id) {
				t.Fatal("RunNow declined with room to spare")
			}
			f.waitJob(t, id, "done", 1)
			if held := syncs.holding.Load(); held != syncs.want {
				t.Fatalf("the syncs hold %d workers after the answer, want %d: they did not all wait", held, syncs.want)
			}
			if most := syncs.most.Load(); most != syncs.want {
				t.Fatalf("the syncs held %d workers at most, want %d", most, syncs.want)
			}
		})
	}
}
