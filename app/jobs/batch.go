package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"hubchat/storage"
)

// BatchHandler does the work of several jobs of one kind at once (one
// transaction for many webhooks, say, so that they share one commit) and
// returns their outcomes in their order: nil completes a job, an error is
// the job's as a Handler's error would be. A handler that cannot tell the
// jobs apart returns the same error for each. ctx is the batch's: it ends
// after Config.MaxRun, or when the runner lost the claim of any of its jobs.
type BatchHandler func(ctx context.Context, jobs []storage.Job) []error

// runBatch runs first with up to BatchSize-1 more due jobs of its kind,
// claimed now, through h, and records their outcomes: the completed in one
// statement, each failure as runJob does. The batch takes one worker.
func (r *Runner) runBatch(ctx context.Context, h BatchHandler, first storage.Job) {
	jobs := []storage.Job{first}
	if r.cfg.BatchSize > 1 {
		jobs = append(jobs, r.claimKind(ctx, first.Kind, r.cfg.BatchSize-1)...)
	}
	errs := r.callBatch(ctx, h, jobs)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	var done []storage.JobClaim
	for i, job := range jobs {
		if errs[i] == nil {
			done = append(done, storage.JobClaim{ID: job.ID, Attempt: job.Attempts})
			continue
		}
		r.settleFailure(sctx, r.jobLog(job), job, errs[i])
	}
	if len(done) == 0 {
		return
	}
	completed, err := r.cfg.Store.CompleteAll(sctx, done)
	if err == nil && len(completed) < len(done) {
		err = fmt.Errorf("%d of %d jobs were no longer running under their claims", len(done)-len(completed), len(done))
	}
	r.record(r.cfg.Log.With("kind", first.Kind, "jobs", len(done)), "complete", err)
}

// claimKind claims up to n more due jobs of kind; like claim, it is not
// cancelled with ctx. A failure only makes the batch smaller.
func (r *Runner) claimKind(ctx context.Context, kind string, n int) []storage.Job {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancel()
	jobs, err := r.cfg.Store.ClaimKind(cctx, kind, n, r.cfg.Lease)
	if err != nil {
		r.cfg.Log.Error("claim jobs", "kind", kind, "err", err)
		return nil
	}
	return jobs
}

// callBatch runs h on jobs as call runs a Handler: for at most MaxRun,
// while the heartbeat keeps every job's claim, a panic made every job's
// error. It returns one outcome per job.
func (r *Runner) callBatch(ctx context.Context, h BatchHandler, jobs []storage.Job) (errs []error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.MaxRun)
	defer cancel()
	for _, job := range jobs {
		var forget func()
		ctx, forget = r.claims.hold(ctx, job)
		defer forget()
	}
	defer func() {
		if p := recover(); p != nil {
			r.cfg.Log.Error("job handler panicked", "kind", jobs[0].Kind, "jobs", len(jobs), "panic", p, "stack", string(debug.Stack()))
			errs = sameError(len(jobs), fmt.Errorf("handler panicked: %v", p))
		}
	}()
	errs = h(ctx, jobs)
	if len(errs) != len(jobs) {
		return sameError(len(jobs), fmt.Errorf("batch handler of %s returned %d outcomes for %d jobs", jobs[0].Kind, len(errs), len(jobs)))
	}
	for i, err := range errs {
		switch {
		case err == nil:
		case errors.Is(context.Cause(ctx), errClaimLost):
			errs[i] = fmt.Errorf("%w: %w", errClaimLost, err)
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			errs[i] = fmt.Errorf("%w: %w", errOutOfTime, err)
		}
	}
	return errs
}

func sameError(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

func (r *Runner) jobLog(job storage.Job) *slog.Logger {
	return r.cfg.Log.With("job_id", job.ID, "kind", job.Kind, "shop_id", job.ShopID, "attempt", job.Attempts)
}
