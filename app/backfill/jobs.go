package backfill

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/jobs"
	"hubchat/storage"
)

// Job kinds.
const (
	// JobRun imports one resource of a shop (payload RunPayload). A run
	// that stops at its budget enqueues a continuation of itself.
	JobRun = "backfill.run"
	// JobReconcile refreshes a shop's details and imports what changed
	// since the last finished runs, then enqueues itself for the next day:
	// the app's periodic sweeps are global, this one is per shop.
	JobReconcile = "backfill.reconcile"
	// JobReseed, run every hour, starts the reconcile of every installed
	// shop that has none waiting: a reconcile that was parked ends its
	// shop's chain, and this restarts it.
	JobReseed = "backfill.reseed"
)

// ReconcileEvery is how often a shop is reconciled.
const ReconcileEvery = 24 * time.Hour

// RunPayload is a JobRun's payload.
type RunPayload struct {
	Resource string     `json:"resource"`
	Since    *time.Time `json:"since,omitempty"` // nil: the first import
}

// Queue is where jobs are enqueued (storage.Jobs).
type Queue interface {
	Enqueue(ctx context.Context, j storage.NewJob) (int64, error)
}

// Shops finds a job's shop (storage.Shops).
type Shops interface {
	Get(ctx context.Context, id int64) (storage.Shop, error)
}

// Unreconciled lists the installed shops whose reconcile chain is broken
// (storage.Backfills).
type Unreconciled interface {
	ShopsWithoutReconcile(ctx context.Context, kind string) ([]storage.Shop, error)
}

// Jobs are the worker's handlers of the backfill.
type Jobs struct {
	Importer *Importer
	Shops    Shops
	Queue    Queue
	// Unreconciled finds the shops Reseed restarts.
	Unreconciled Unreconciled
	// Client returns an Admin API client for shop (shopapi.Clients.For).
	Client func(shop storage.Shop) (Source, error)
	// SyncShopKind is the job that refreshes the shop's details and
	// policies, which a reconcile enqueues rather than repeats.
	SyncShopKind string
}

// EnqueueFirst queues the first import of a newly installed shop's
// resources and its first reconcile a day after now. Enqueueing again while
// they are pending adds nothing.
func EnqueueFirst(ctx context.Context, q Queue, shop storage.Shop, now time.Time) error {
	for _, r := range Resources {
		if err := enqueueRun(ctx, q, shop.ID, RunPayload{Resource: r}, runKey(r, shop)); err != nil {
			return err
		}
	}
	return enqueueReconcile(ctx, q, shop, now.Add(ReconcileEvery))
}

// Run is the JobRun handler. A temporary error leaves the run resumable
// and is retried by the runner; on the job's last attempt, or with a
// permanent error (jobs.IsPermanent), the run is marked failed with the
// reason, for the merchant to see.
func (j *Jobs) Run(ctx context.Context, job storage.Job) error {
	var p RunPayload
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return err
	}
	src, err := j.Client(shop)
	if err == nil {
		err = j.Importer.Run(ctx, shop.ID, src, p.Resource, p.Since)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrStopped):
		// No unique key: the key of this job is still held while it runs.
		return enqueueRun(ctx, j.Queue, shop.ID, p, "")
	default:
		// The run fails for the merchant to see on its last attempt, or at
		// once when retrying cannot help (a scope Shopify refuses, say):
		// the runner parks such a job now.
		final := job.Attempts >= job.MaxAttempts || jobs.IsPermanent(err)
		if ferr := j.Importer.Progress.Fail(context.WithoutCancel(ctx), shop.ID, p.Resource, err.Error(), final); ferr != nil {
			return errors.Join(err, ferr)
		}
		return err
	}
}

// Reconcile is the JobReconcile handler: it refreshes the shop's details,
// imports every resource from its last finished run's start (less Overlap)
// and schedules the next reconcile. An uninstalled shop is not reconciled
// again.
func (j *Jobs) Reconcile(ctx context.Context, job storage.Job) error {
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return err
	}
	if _, err := j.Queue.Enqueue(ctx, storage.NewJob{Kind: j.SyncShopKind, ShopID: shop.ID, UniqueKey: j.SyncShopKind + ":" + shop.Domain}); err != nil {
		return err
	}
	for _, r := range Resources {
		p := RunPayload{Resource: r}
		last, err := j.Importer.Progress.Get(ctx, shop.ID, r)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
		if last.CompletedSince != nil {
			since := last.CompletedSince.Add(-Overlap)
			p.Since = &since
		}
		if err := enqueueRun(ctx, j.Queue, shop.ID, p, runKey(r, shop)); err != nil {
			return err
		}
	}
	return enqueueReconcile(ctx, j.Queue, shop, j.Importer.Now().Add(ReconcileEvery))
}

// Reseed is the JobReseed handler: a reconcile, due now, for each installed
// shop that has none queued or running.
func (j *Jobs) Reseed(ctx context.Context, _ storage.Job) error {
	shops, err := j.Unreconciled.ShopsWithoutReconcile(ctx, JobReconcile)
	if err != nil {
		return err
	}
	for _, shop := range shops {
		if err := enqueueReconcile(ctx, j.Queue, shop, j.Importer.Now()); err != nil {
			return err
		}
	}
	return nil
}

// Resources are what a backfill imports.
var Resources = []string{storage.BackfillOrders, storage.BackfillProducts}

// runKey keeps one pending run per shop and resource.
func runKey(resource string, shop storage.Shop) string {
	return JobRun + ":" + resource + ":" + shop.Domain
}

func enqueueRun(ctx context.Context, q Queue, shopID int64, p RunPayload, key string) error {
	_, err := q.Enqueue(ctx, storage.NewJob{Kind: JobRun, ShopID: shopID, Payload: p, UniqueKey: key})
	if err != nil {
		return fmt.Errorf("enqueue backfill of %s: %w", p.Resource, err)
	}
	return nil
}

// enqueueReconcile schedules a reconcile at at. Its key names the day, so
// the running reconcile can schedule the next one and a reinstall does not
// add a second one for the same day.
func enqueueReconcile(ctx context.Context, q Queue, shop storage.Shop, at time.Time) error {
	key := JobReconcile + ":" + shop.Domain + ":" + at.UTC().Format(time.DateOnly)
	_, err := q.Enqueue(ctx, storage.NewJob{Kind: JobReconcile, ShopID: shop.ID, RunAt: at, UniqueKey: key})
	if err != nil {
		return fmt.Errorf("enqueue reconcile: %w", err)
	}
	return nil
}
