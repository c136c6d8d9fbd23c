package jobs

import (
	"context"
	"sync"

	"hubchat/storage"
)

// takingNow is RunNow's state: its room (Config.Immediate places) and,
// while Run claims, the context and wait group its jobs run under, so Run's
// shutdown waits for them as for the workers' jobs.
type takingNow struct {
	room    chan struct{}
	mu      sync.Mutex
	ctx     context.Context // nil while Run is not claiming
	running *sync.WaitGroup
}

// startTakingNow lets RunNow run jobs under ctx, counted in running.
func (r *Runner) startTakingNow(ctx context.Context, running *sync.WaitGroup) {
	r.now.mu.Lock()
	defer r.now.mu.Unlock()
	r.now.ctx, r.now.running = ctx, running
}

// stopTakingNow has RunNow decline from now on; the jobs it runs already
// are in Run's wait group.
func (r *Runner) stopTakingNow() {
	r.now.mu.Lock()
	defer r.now.mu.Unlock()
	r.now.ctx, r.now.running = nil, nil
}

// enter counts one more job in Run's wait group and returns its context,
// or nil when Run is not claiming.
func (t *takingNow) enter() (context.Context, *sync.WaitGroup) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ctx != nil {
		t.running.Add(1)
	}
	return t.ctx, t.running
}

// RunNow claims queued job id by its id (storage.Jobs.ClaimID) and runs
// it at once, in a goroutine of its own beside the workers, as a worker
// would: with its heartbeat, MaxRun and outcome recorded. It is for the
// instance that queued a job a person waits on (the AI agent's answer to
// a shopper), once the job's transaction has committed: the job needs no
// wake-up and waits for no worker. It returns at once, false when it did
// not take the job in hand: Run is not claiming, or Immediate jobs run
// already. Then, as when a worker claims the job first, the claim fails,
// or this instance dies before its outcome is recorded, the workers run
// the job like any other; the claim is the same atomic one as theirs, so
// a job never runs twice at once.
func (r *Runner) RunNow(id int64) bool {
	select {
	case r.now.room <- struct{}{}:
	default:
		return false
	}
	ctx, running := r.now.enter()
	if ctx == nil {
		<-r.now.room
		return false
	}
	r.busy.Add(1)
	go func() {
		defer func() { r.busy.Add(-1); <-r.now.room; running.Done() }()
		if job, ok := r.claimID(ctx, id); ok {
			r.runJob(ctx, job)
		}
	}()
	return true
}

// claimID claims job id; like claim, it is not cancelled with ctx. A
// failure leaves the job to the workers.
func (r *Runner) claimID(ctx context.Context, id int64) (storage.Job, bool) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	job, ok, err := r.cfg.Store.ClaimID(cctx, id, r.cfg.Lease)
	if err != nil {
		r.cfg.Log.Warn("jobs: claim a job at once; the workers will run it", "job", id, "err", err)
		return storage.Job{}, false
	}
	return job, ok
}
