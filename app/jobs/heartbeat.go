package jobs

import (
	"context"
	"errors"
	"sync"
	"time"

	"hubchat/storage"
)

// errClaimLost is a job stopped because its claim is no longer the runner's:
// its lease lapsed (the heartbeat could not reach the database in time) and
// another worker claimed it, so running on would do its work twice.
var errClaimLost = errors.New("the job's claim was lost")

// claims are the claims of the jobs running now, each with the way to stop
// its handler.
type claims struct {
	mu      sync.Mutex
	running map[int64]runningClaim // by job id
}

type runningClaim struct {
	attempt int
	stop    context.CancelCauseFunc
}

// hold registers job's claim while its handler runs; forget unregisters it.
func (c *claims) hold(ctx context.Context, job storage.Job) (context.Context, func()) {
	ctx, stop := context.WithCancelCause(ctx)
	c.mu.Lock()
	c.running[job.ID] = runningClaim{attempt: job.Attempts, stop: stop}
	c.mu.Unlock()
	return ctx, func() {
		c.mu.Lock()
		delete(c.running, job.ID)
		c.mu.Unlock()
		stop(nil)
	}
}

// list returns the claims running now.
func (c *claims) list() []storage.JobClaim {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]storage.JobClaim, 0, len(c.running))
	for id, rc := range c.running {
		out = append(out, storage.JobClaim{ID: id, Attempt: rc.attempt})
	}
	return out
}

// drop stops the handlers of the claims in asked that are not in held.
func (c *claims) drop(asked, held []storage.JobClaim) {
	kept := make(map[storage.JobClaim]bool, len(held))
	for _, h := range held {
		kept[h] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, a := range asked {
		if rc, ok := c.running[a.ID]; ok && rc.attempt == a.Attempt && !kept[a] {
			rc.stop(errClaimLost)
		}
	}
}

// startHeartbeat renews the running jobs' leases three times a lease until
// the returned stop is called (or ctx ends), so a live worker keeps its jobs
// while a dead one's lapse after Lease. A beat that cannot reach the database
// changes nothing: the handlers run on, and only a claim the database says is
// gone stops its handler.
func (r *Runner) startHeartbeat(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(r.cfg.Lease / 3)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				r.beat(ctx)
			}
		}
	}()
	return func() { cancel(); <-done }
}

// beat extends the leases of the jobs running now.
func (r *Runner) beat(ctx context.Context) {
	asked := r.claims.list()
	if len(asked) == 0 {
		return
	}
	bctx, cancel := context.WithTimeout(ctx, r.cfg.Lease/3)
	defer cancel()
	held, err := r.cfg.Store.Extend(bctx, asked, r.cfg.Lease)
	if err != nil {
		r.cfg.Log.Warn("jobs: heartbeat failed; leases may lapse", "jobs", len(asked), "err", err)
		return
	}
	r.claims.drop(asked, held)
}
