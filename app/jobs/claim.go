package jobs

import (
	"context"
	"sync/atomic"
	"time"

	"hubchat/storage"
)

// takeSlots waits for at least one free worker and takes all that are free.
func takeSlots(ctx context.Context, slots chan struct{}) (int, bool) {
	select {
	case <-ctx.Done():
		return 0, false
	case <-slots:
	}
	n := 1
	for n < cap(slots) {
		select {
		case <-slots:
			n++
		default:
			return n, true
		}
	}
	return n, true
}

// claim takes up to n jobs, the Urgent kinds' first, and of the other
// kinds no more than the workers they may still hold (backgroundRoom). It
// is not cancelled with ctx: a claim cut short may have leased jobs in the
// database that we would then never run.
func (r *Runner) claim(ctx context.Context, n int) []storage.Job {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	var jobs []storage.Job
	var err error
	if len(r.cfg.Urgent) > 0 {
		jobs, err = r.cfg.Store.ClaimUrgentFirst(cctx, r.cfg.Urgent, n, min(n, r.backgroundRoom()), r.cfg.Lease)
	} else {
		jobs, err = r.cfg.Store.Claim(cctx, n, r.cfg.Lease)
	}
	if err != nil {
		r.cfg.Log.Error("claim jobs", "err", err)
		return nil
	}
	return jobs
}

// backgroundRoom is how many more jobs of kinds other than Urgent the
// workers may take now: UrgentWorkers of them are kept for the urgent
// kinds, so a backlog of background work (an install's profile syncs, a
// backfill) never holds every worker while a shopper waits.
func (r *Runner) backgroundRoom() int {
	return max(0, r.cfg.Workers-r.cfg.UrgentWorkers-int(r.background.Load()))
}

// backgroundHold is a worker held by a job of a background kind, or
// nothing for an urgent kind's job.
type backgroundHold struct {
	held  *atomic.Int64
	freed chan struct{}
}

// holdBackground counts job among the workers background kinds hold,
// until the returned hold is released, when it is not of an urgent kind.
func (r *Runner) holdBackground(job storage.Job) backgroundHold {
	if r.urgent[job.Kind] || len(r.urgent) == 0 {
		return backgroundHold{}
	}
	r.background.Add(1)
	return backgroundHold{held: &r.background, freed: r.backgroundFreed}
}

// release gives the worker back and wakes the claim loop, which may have
// had jobs due that no worker was free for.
func (h backgroundHold) release() {
	if h.held == nil {
		return
	}
	h.held.Add(-1)
	select {
	case h.freed <- struct{}{}:
	default:
	}
}

// sleep waits for a wake-up, a background job's worker given back, or the
// poll interval; false means ctx ended.
func (r *Runner) sleep(ctx context.Context, wake <-chan struct{}) bool {
	t := time.NewTimer(r.cfg.PollInterval)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-wake:
	case <-r.backgroundFreed:
	case <-t.C:
	}
	return true
}
