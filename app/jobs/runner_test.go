package jobs_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/apptest"
	"hubchat/app/jobs"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// clock is a clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// fixture is a queue on a fresh database, a clock both runner and queue read,
// and the runner's log.
type fixture struct {
	db    *sqlx.DB
	url   string
	queue *storage.Jobs
	clock *clock
	log   *apptest.Output
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	url := pgtest.NewURL(t)
	db := pgtest.Open(t, url)
	c := &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	return &fixture{db: db, url: url, queue: storage.NewJobs(db, c.Now), clock: c, log: &apptest.Output{}}
}

// config polls often and retries at once unless a test says otherwise.
func (f *fixture) config(handlers map[string]jobs.Handler) jobs.Config {
	return jobs.Config{
		Store: f.queue, Log: slog.New(slog.NewTextHandler(f.log, nil)), Handlers: handlers,
		PollInterval: 5 * time.Millisecond, Now: f.clock.Now,
		Backoff: func(int) time.Duration { return 0 },
	}
}

// start runs a Runner until the returned stop is called (or the test ends) and
// returns Run's error.
func start(t *testing.T, cfg jobs.Config) (stop func() error) {
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
	stop = func() error {
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
	return stop
}

func (f *fixture) enqueue(t *testing.T, j storage.NewJob) int64 {
	t.Helper()
	id, err := f.queue.Enqueue(context.Background(), j)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type jobRow struct {
	Status    string    `db:"status"`
	LastError string    `db:"last_error"`
	Attempts  int       `db:"attempts"`
	RunAt     time.Time `db:"run_at"`
}

func (f *fixture) job(t *testing.T, id int64) jobRow {
	t.Helper()
	var r jobRow
	if err := f.db.Get(&r, `SELECT status, last_error, attempts, run_at FROM jobs WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return r
}

// waitJob waits until job id is in status after attempts attempts.
func (f *fixture) waitJob(t *testing.T, id int64, status string, attempts int) jobRow {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := f.job(t, id)
		if r.Status == status && r.Attempts == attempts {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d is %+v, want %s after %d attempts; log:\n%s", id, r, status, attempts, f.log)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestRunnerRunsEveryJobOnceAcrossWorkers(t *testing.T) {
	f := newFixture(t)
	const total = 200
	for i := range total {
		f.enqueue(t, storage.NewJob{Kind: "work", Payload: i})
	}
	var mu sync.Mutex
	runs := map[int64]int{}
	var now, most atomic.Int64
	cfg := f.config(map[string]jobs.Handler{"work": func(ctx context.Context, j storage.Job) error {
		n := now.Add(1)
		defer now.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		mu.Lock()
		runs[j.ID]++
		mu.Unlock()
		time.Sleep(3 * time.Millisecond)
		return nil
	}})
	cfg.Workers = 4
	cfg.Now = time.Now // leases must be real: this test does not move the clock
	f.queue = storage.NewJobs(f.db, time.Now)
	cfg.Store = f.queue
	began := time.Now()
	start(t, cfg)
	// This test is about exactly once, not speed: it fails when the runners
	// stop making progress, however slowly a loaded machine lets them go.
	lastDone, stalledSince := -1, time.Now()
	for {
		var done int
		if err := f.db.Get(&done, `SELECT count(*) FROM jobs WHERE status = 'done'`); err != nil {
			t.Fatal(err)
		}
		if done == total {
			break
		}
		if done != lastDone {
			lastDone, stalledSince = done, time.Now()
		}
		if time.Since(stalledSince) > 10*time.Second {
			t.Fatalf("%d of %d jobs done, none for 10 s; log:\n%s", done, total, f.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("%d jobs of 3 ms on 4 workers done in %v", total, time.Since(began))
	mu.Lock()
	defer mu.Unlock()
	for id, n := range runs {
		if n != 1 {
			t.Errorf("job %d ran %d times", id, n)
		}
	}
	if len(runs) != total || most.Load() != 4 {
		t.Fatalf("ran %d distinct jobs with at most %d at once; want %d with 4", len(runs), most.Load(), total)
	}
}

func TestRunnerRetriesWithBackoffThenSucceeds(t *testing.T) {
	f := newFixture(t)
	var shop int64
	if err := f.db.Get(&shop, `INSERT INTO shops (domain) VALUES ('retry.myshopify.com') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	id := f.enqueue(t, storage.NewJob{Kind: "flaky", ShopID: shop, Payload: map[string]string{"email": "secret@example.com"}})
	cfg := f.config(map[string]jobs.Handler{"flaky": func(ctx context.Context, j storage.Job) error {
		if j.Attempts < 3 {
			return fmt.Errorf("flaky %d", j.Attempts)
		}
		return nil
	}})
	cfg.Backoff = func(attempt int) time.Duration { return time.Duration(attempt) * time.Minute }
	start(t, cfg)

	r := f.waitJob(t, id, "queued", 1)
	if r.LastError != "flaky 1" || !r.RunAt.Equal(f.clock.Now().Add(time.Minute)) {
		t.Fatalf("after attempt 1: %+v", r)
	}
	f.clock.Advance(time.Minute)
	if r = f.waitJob(t, id, "queued", 2); !r.RunAt.Equal(f.clock.Now().Add(2 * time.Minute)) {
		t.Fatalf("after attempt 2: %+v", r)
	}
	f.clock.Advance(2 * time.Minute)
	f.waitJob(t, id, "done", 3)

	log := f.log.String()
	want := fmt.Sprintf(`job_id=%d kind=flaky shop_id=%d attempt=1 err="flaky 1"`, id, shop)
	if !strings.Contains(log, want) {
		t.Errorf("log lacks %q:\n%s", want, log)
	}
	if strings.Contains(log, "secret@example.com") {
		t.Errorf("log shows the payload:\n%s", log)
	}
}

func TestRunnerParksAfterMaxAttemptsWithTheLastReason(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "doomed", MaxAttempts: 3})
	start(t, f.config(map[string]jobs.Handler{"doomed": func(ctx context.Context, j storage.Job) error {
		return fmt.Errorf("upstream said no (%d)", j.Attempts)
	}}))
	if r := f.waitJob(t, id, "parked", 3); r.LastError != "gave up after 3 attempts: upstream said no (3)" {
		t.Fatalf("parked with %q", r.LastError)
	}
}

func TestRunnerParksAMalformedPayloadAtOnce(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "typed", Payload: "not an object"})
	start(t, f.config(map[string]jobs.Handler{"typed": func(ctx context.Context, j storage.Job) error {
		var p struct{ OrderID int64 }
		return j.DecodePayload(&p)
	}}))
	if r := f.waitJob(t, id, "parked", 1); !strings.Contains(r.LastError, "malformed payload") {
		t.Fatalf("parked with %q", r.LastError)
	}
}

func TestRunnerRecoversAPanicAndRetries(t *testing.T) {
	f := newFixture(t)
	first := f.enqueue(t, storage.NewJob{Kind: "fragile"})
	start(t, f.config(map[string]jobs.Handler{"fragile": func(ctx context.Context, j storage.Job) error {
		if j.Attempts == 1 {
			var m map[string]int
			m["boom"]++ // a nil map: a real bug, not a deliberate panic(…)
		}
		return nil
	}}))
	if r := f.waitJob(t, first, "done", 2); !strings.Contains(r.LastError, "handler panicked") {
		t.Fatalf("last error %q", r.LastError)
	}
	// The worker survived: later jobs still run.
	f.waitJob(t, f.enqueue(t, storage.NewJob{Kind: "fragile"}), "done", 2)
	if !strings.Contains(f.log.String(), "job handler panicked") {
		t.Errorf("panic not logged:\n%s", f.log)
	}
}

func TestRunnerParksAnUnknownKind(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "nobody/handles"})
	start(t, f.config(nil))
	if r := f.waitJob(t, id, "parked", 1); r.LastError != "no handler for kind nobody/handles" {
		t.Fatalf("parked with %q", r.LastError)
	}
}
