// Package jobs runs the durable job queue of package storage: a Runner claims
// due jobs, runs each with the Handler registered for its kind and records the
// outcome (done, retried later, or parked for a person to look at).
//
// Delivery is at least once: a job whose worker dies, or whose outcome cannot be
// recorded, runs again when its lease lapses, so handlers must be idempotent.
// Leases are short and renewed by a heartbeat while the job runs (see
// heartbeat.go), so a dead worker's jobs are taken up again within seconds.
package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// Handler does the work of one job. Returning nil completes the job; a
// permanent error (see IsPermanent: a malformed payload, a customer Shopify
// does not know, a scope Shopify refuses) parks it at once with the error
// as its reason, since retrying cannot help; any other error, or a panic,
// retries it later. ctx ends when the attempt has run for Config.MaxRun, or
// when the runner lost the job's claim (another worker may be running it).
type Handler func(ctx context.Context, job storage.Job) error

// Permanent marks err as a failure that retrying cannot mend, for a handler
// that knows it and has no other way to say so: the runner parks the job.
func Permanent(err error) error { return &permanentError{err} }

type permanentError struct{ err error }

func (e *permanentError) Error() string   { return e.err.Error() }
func (e *permanentError) Unwrap() error   { return e.err }
func (e *permanentError) Permanent() bool { return true }

// IsPermanent reports whether retrying cannot mend err: an error in its chain
// says so with a method Permanent() bool (Permanent's mark, the Admin API
// client's answers that will not change, an SMTP server's refusal), or its
// code is one of apperr's that a retry does not change: Invalid (malformed
// input), NotFound (the row is gone), Unauthorized (the shop's access is
// gone until the merchant opens the app again) or Forbidden. Anything else
// (network, 5xx, throttling, timeouts, the database) is temporary. A job
// whose lease ran out is always temporary.
func IsPermanent(err error) bool {
	var p interface{ Permanent() bool }
	if errors.As(err, &p) {
		return p.Permanent()
	}
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.NotFound, apperr.Unauthorized, apperr.Forbidden:
		return true
	}
	return false
}

// Store is the part of storage.Jobs the runner uses.
type Store interface {
	Claim(ctx context.Context, limit int, lease time.Duration) ([]storage.Job, error)
	Complete(ctx context.Context, id int64, attempt int) error
	Retry(ctx context.Context, id int64, attempt int, reason string, at time.Time) error
	Park(ctx context.Context, id int64, attempt int, reason string) error
	Extend(ctx context.Context, claims []storage.JobClaim, lease time.Duration) ([]storage.JobClaim, error)
	ClaimKind(ctx context.Context, kind string, limit int, lease time.Duration) ([]storage.Job, error)
	ClaimUrgentFirst(ctx context.Context, urgent []string, limit, backgroundLimit int, lease time.Duration) ([]storage.Job, error)
	ClaimID(ctx context.Context, id int64, lease time.Duration) (storage.Job, bool, error)
	CompleteAll(ctx context.Context, claims []storage.JobClaim) ([]storage.JobClaim, error)
}

// Config configures a Runner. Store, Log and Handlers are required; a zero value
// in any other field takes the default in its comment.
type Config struct {
	Store    Store
	Log      *slog.Logger
	Handlers map[string]Handler // by job kind
	// Batches are the handlers of the kinds whose jobs run together (see
	// BatchHandler), by job kind; a kind is in Handlers or here.
	Batches   map[string]BatchHandler
	BatchSize int // how many jobs a batch handler takes at once; 50
	// Urgent are the kinds a person is waiting on (the AI agent's answer to
	// a shopper): their due jobs are claimed before any other kind's, so
	// they wait for a free worker, never behind a backlog of background
	// work, which runs whenever no urgent job is due.
	Urgent []string
	// UrgentWorkers of the Workers run only Urgent kinds' jobs: the other
	// kinds never hold more than Workers-UrgentWorkers, so an urgent job
	// finds a worker free however long the background work runs; 0.
	UrgentWorkers int
	// Immediate is how many jobs RunNow runs at once, beside the Workers;
	// past that RunNow declines and the workers take the job; 8.
	Immediate int

	Workers       int                             // jobs run at once; 4
	Lease         time.Duration                   // how long a claim lasts without a heartbeat; 15 s
	MaxRun        time.Duration                   // how long one attempt may run; 2 min
	PollInterval  time.Duration                   // how often to look for due jobs when idle; 1 s
	ShutdownGrace time.Duration                   // how long Run waits for running jobs on cancel; 10 s
	Now           func() time.Time                // the clock; time.Now
	Backoff       func(attempt int) time.Duration // delay before retrying after a failed attempt; DefaultBackoff

	// Stages, by job kind, keep how long the steps of that kind's jobs took
	// (see Mark); a kind with none is not timed.
	Stages map[string]*Stages

	// Listen, if set, returns a channel that receives when a job may have
	// become due, so the runner claims at once instead of at its next poll (see
	// ListenPostgres). It is called once per Run and its channel is never closed.
	Listen func(ctx context.Context) (<-chan struct{}, error)
}

// Runner runs jobs from a Store. Build it with New.
type Runner struct {
	cfg      Config
	handlers map[string]Handler
	batches  map[string]BatchHandler
	busy     atomic.Int64 // jobs running now
	claims   claims       // the claims of the jobs running now, for the heartbeat
	urgent   map[string]bool
	// background counts the workers the non-urgent kinds hold; a
	// background job ending sends backgroundFreed (claim.go).
	background      atomic.Int64
	backgroundFreed chan struct{}
	now             takingNow // RunNow's room and Run's state (now.go)
}

// storeTimeout bounds recording an outcome, which must not be cut short by
// shutdown: an unrecorded outcome makes the job run again.
const storeTimeout = 10 * time.Second

// New checks cfg, fills in its defaults and returns a Runner.
func New(cfg Config) (*Runner, error) {
	if cfg.Store == nil || cfg.Log == nil {
		return nil, errors.New("jobs: Config needs a Store and a Log")
	}
	if cfg.Workers < 0 || cfg.Lease < 0 || cfg.MaxRun < 0 || cfg.PollInterval < 0 || cfg.ShutdownGrace < 0 || cfg.Immediate < 0 {
		return nil, errors.New("jobs: Workers, Lease, MaxRun, PollInterval, ShutdownGrace and Immediate cannot be negative")
	}
	if cfg.UrgentWorkers < 0 || cfg.UrgentWorkers > 0 && (len(cfg.Urgent) == 0 || cfg.UrgentWorkers >= cmp.Or(cfg.Workers, 4)) {
		return nil, errors.New("jobs: UrgentWorkers needs Urgent kinds, and fewer than the Workers")
	}
	cfg.Workers = cmp.Or(cfg.Workers, 4)
	cfg.Lease = cmp.Or(cfg.Lease, 15*time.Second)
	cfg.MaxRun = cmp.Or(cfg.MaxRun, 2*time.Minute)
	cfg.PollInterval = cmp.Or(cfg.PollInterval, time.Second)
	cfg.ShutdownGrace = cmp.Or(cfg.ShutdownGrace, 10*time.Second)
	cfg.BatchSize = max(cfg.BatchSize, 0)
	cfg.BatchSize = cmp.Or(cfg.BatchSize, 50)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Backoff == nil {
		cfg.Backoff = DefaultBackoff
	}
	handlers := make(map[string]Handler, len(cfg.Handlers))
	for kind, h := range cfg.Handlers {
		handlers[kind] = h
	}
	batches := make(map[string]BatchHandler, len(cfg.Batches))
	for kind, h := range cfg.Batches {
		batches[kind] = h
	}
	cfg.Urgent = slices.Clone(cfg.Urgent)
	urgent := map[string]bool{}
	for _, kind := range cfg.Urgent {
		urgent[kind] = true
	}
	cfg.Immediate = cmp.Or(cfg.Immediate, 8)
	return &Runner{cfg: cfg, handlers: handlers, batches: batches, claims: claims{running: map[int64]runningClaim{}},
		urgent: urgent, backgroundFreed: make(chan struct{}, 1), now: takingNow{room: make(chan struct{}, cfg.Immediate)}}, nil
}

// DefaultBackoff waits 5 s after the first failed attempt and twice as long after
// each further one, up to 1 h, each ±20 % at random so that jobs which failed
// together do not all retry together.
func DefaultBackoff(attempt int) time.Duration {
	d := time.Hour
	if attempt < 12 { // 5 s << 11 is already past the cap; stop before overflow
		d = min(5*time.Second<<max(attempt-1, 0), time.Hour)
	}
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// Run claims and runs jobs until ctx is cancelled. Then it claims no more and
// waits up to ShutdownGrace for the running jobs to finish; jobs still running
// after that have their contexts cancelled and are left to run again once their
// leases lapse, and Run says so in its error. Run must not be called twice at once.
func (r *Runner) Run(ctx context.Context) error {
	wake := r.listen(ctx)
	// Jobs outlive ctx by up to the grace, so their context is cut from it.
	jobCtx, abandon := context.WithCancel(context.WithoutCancel(ctx))
	defer abandon()
	stopBeating := r.startHeartbeat(jobCtx)
	defer stopBeating()
	var running sync.WaitGroup
	r.startTakingNow(jobCtx, &running) // RunNow (now.go)
	slots := make(chan struct{}, r.cfg.Workers)
	for range r.cfg.Workers {
		slots <- struct{}{}
	}
	for {
		n, ok := takeSlots(ctx, slots)
		if !ok {
			break
		}
		jobs := r.claim(ctx, n)
		for range n - len(jobs) {
			slots <- struct{}{}
		}
		for _, job := range jobs {
			running.Add(1)
			r.busy.Add(1)
			background := r.holdBackground(job)
			go func() {
				defer func() { background.release(); r.busy.Add(-1); slots <- struct{}{}; running.Done() }()
				r.runJob(jobCtx, job)
			}()
		}
		if len(jobs) == n {
			continue // a full batch: more may be due, claim as soon as a worker is free
		}
		if !r.sleep(ctx, wake) {
			break
		}
	}
	r.stopTakingNow()
	return r.drain(&running, abandon)
}

func (r *Runner) listen(ctx context.Context) <-chan struct{} {
	if r.cfg.Listen == nil {
		return nil
	}
	wake, err := r.cfg.Listen(ctx)
	if err != nil {
		r.cfg.Log.Warn("jobs: no wake-ups, polling only", "err", err)
		return nil
	}
	return wake
}

func (r *Runner) drain(running *sync.WaitGroup, abandon context.CancelFunc) error {
	done := make(chan struct{})
	go func() { running.Wait(); close(done) }()
	grace := time.NewTimer(r.cfg.ShutdownGrace)
	defer grace.Stop()
	select {
	case <-done:
		return nil
	case <-grace.C:
		abandon()
		return fmt.Errorf("jobs: %d jobs still running after the shutdown grace of %v; they will run again",
			r.busy.Load(), r.cfg.ShutdownGrace)
	}
}

// runJob runs one claimed job and records its outcome. A job of a batch
// kind runs with more of its kind (runBatch).
func (r *Runner) runJob(ctx context.Context, job storage.Job) {
	if h, ok := r.batches[job.Kind]; ok {
		r.runBatch(ctx, h, job)
		return
	}
	log := r.jobLog(job)
	ctx, traced := r.traced(ctx, job)
	defer traced()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	h, ok := r.handlers[job.Kind]
	if !ok {
		reason := fmt.Sprintf("no handler for kind %s", job.Kind)
		log.Error("job parked", "err", reason)
		r.record(log, "park", r.cfg.Store.Park(sctx, job.ID, job.Attempts, reason))
		return
	}
	err := r.call(ctx, log, h, job)
	if err == nil {
		r.record(log, "complete", r.cfg.Store.Complete(sctx, job.ID, job.Attempts))
		return
	}
	r.settleFailure(sctx, log, job, err)
}

// settleFailure records the outcome of a job whose handler failed with err:
// nothing when its claim was lost, parked when retrying cannot help or its
// attempts are spent, retried later otherwise.
func (r *Runner) settleFailure(sctx context.Context, log *slog.Logger, job storage.Job, err error) {
	switch {
	case errors.Is(err, errClaimLost):
		// Another worker holds the job now; its outcome is theirs to record.
		log.Warn("job stopped: its claim was lost", "err", err)
	case IsPermanent(err) && !errors.Is(err, errOutOfTime):
		log.Error("job parked: retrying cannot help", "err", err)
		r.record(log, "park", r.cfg.Store.Park(sctx, job.ID, job.Attempts, err.Error()))
	default:
		if job.Attempts >= job.MaxAttempts {
			log.Error("job parked after its last attempt", "err", err)
		} else {
			log.Warn("job failed, will retry", "err", err)
		}
		at := r.cfg.Now().Add(retryDelay(err, r.cfg.Backoff(job.Attempts)))
		r.record(log, "retry", r.cfg.Store.Retry(sctx, job.ID, job.Attempts, err.Error(), at))
	}
}

// retryDelay is how long to wait before the next attempt: the backoff, or
// longer when the failure says when to come back (a service's Retry-After,
// through a method RetryAfter() time.Duration).
func retryDelay(err error, backoff time.Duration) time.Duration {
	var after interface{ RetryAfter() time.Duration }
	if errors.As(err, &after) && after.RetryAfter() > backoff {
		return after.RetryAfter()
	}
	return backoff
}

// errOutOfTime is a job cut short after MaxRun: whatever the handler made of
// that, the next attempt may finish in time.
var errOutOfTime = errors.New("ran out of time")

// call runs h for at most MaxRun while the heartbeat keeps its claim,
// turning a panic into an error so that one bad job cannot kill the worker.
func (r *Runner) call(ctx context.Context, log *slog.Logger, h Handler, job storage.Job) (err error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.MaxRun)
	defer cancel()
	ctx, forget := r.claims.hold(ctx, job)
	defer forget()
	defer func() {
		if p := recover(); p != nil {
			log.Error("job handler panicked", "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	if err := h(ctx, job); err != nil {
		if errors.Is(context.Cause(ctx), errClaimLost) {
			return fmt.Errorf("%w: %w", errClaimLost, err)
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%w: %w", errOutOfTime, err)
		}
		return err
	}
	return nil
}

// record logs a failure to store an outcome; the job then runs again after its
// lease, which is why it is not fatal.
func (r *Runner) record(log *slog.Logger, op string, err error) {
	if err != nil {
		log.Error("jobs: cannot record outcome; the job will run again", "op", op, "err", err)
	}
}
